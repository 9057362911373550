"""How policies use Supabase Auth (Supabase advisor 0002, 0003, 0015).

Each policy expression is read through PostgreSQL's parser: the calls it makes
(and whether a ``(select …)`` evaluates them once per query), the tables it
reads and the constants it compares with.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from codegen.lint import sqltree
from codegen.lint.finding import Issue, on_policy
from codegen.lint.roles import BYPASS_RLS
from codegen.lint.views import auth_users_exposed_by_views
from codegen.schema import ir

#: Functions that return the same value for every row of a query (the request's JWT).
PER_QUERY_FUNCTIONS = ("auth.uid", "auth.jwt", "auth.role", "auth.email", "current_setting",
                       "pg_catalog.current_setting")
_JWT_CLAIMS_SETTING = "request.jwt.claim"


def _clauses(policy: ir.Policy) -> Iterator[tuple[str, str, Any]]:
    """``(key, text, tree)`` of the policy's using and with_check expressions."""
    for key, text in (("using", policy.using), ("with_check", policy.with_check)):
        if text is not None:
            tree = sqltree.parse(text)
            if tree is not None:
                yield key, text, tree


def auth_rls_initplan(schema: ir.Schema) -> Iterator[Issue]:
    for table in schema.tables:
        for policy in table.policies:
            for key, text, tree in _clauses(policy):
                per_row = [c for c in sqltree.calls(tree)
                           if c.name.lower() in PER_QUERY_FUNCTIONS and not c.wrapped]
                if not per_row:
                    continue
                called = sorted({f"{c.name}()" for c in per_row})
                rewritten = sqltree.wrap_calls(text.strip(), [c.start - _lead(text)
                                                              for c in per_row])
                yield Issue(
                    on_policy(table, policy),
                    f'policy "{policy.name}" on "{table.name}" calls {", ".join(called)} for '
                    f"every row in `{key}`; write it as: {rewritten}",
                    "wrap the call in a sub-select, (select auth.uid()), so PostgreSQL evaluates "
                    "it once per query (an InitPlan)",
                )


def rls_references_user_metadata(schema: ir.Schema) -> Iterator[Issue]:
    for table in schema.tables:
        for policy in table.policies:
            keys = [key for key, _, tree in _clauses(policy) if _trusts_user_metadata(tree)]
            if not keys:
                continue
            yield Issue(
                on_policy(table, policy),
                f'policy "{policy.name}" on "{table.name}" trusts user_metadata in '
                f"`{'` and `'.join(keys)}`, which every user can change for themselves",
                "keep authorization data in app_metadata (auth.jwt() -> 'app_metadata', set "
                "only by the server) or in a table of your own",
            )


def auth_users_exposed(schema: ir.Schema) -> Iterator[Issue]:
    yield from auth_users_exposed_by_views(schema)
    for table in schema.tables:
        for policy in table.policies:
            keys = [key for key, _, tree in _clauses(policy)
                    if any(s == "auth" and n == "users" for s, n in sqltree.relations(tree))]
            if not keys or set(policy.roles) <= set(BYPASS_RLS):
                continue
            yield Issue(
                on_policy(table, policy),
                f'policy "{policy.name}" on "{table.name}" reads auth.users in '
                f"`{'` and `'.join(keys)}`: anon and authenticated may not read that table, so "
                'their queries fail with "permission denied for table users"',
                "do not grant them auth.users (that exposes every user's email and metadata): "
                "use the JWT's claims ((select auth.jwt()) ->> 'email') or a table of your own, "
                "e.g. public.profiles filled by a trigger on auth.users",
            )


def _trusts_user_metadata(tree: Any) -> bool:
    """A JWT claims source and a 'user_metadata' key, or auth.users' raw_user_meta_data."""
    if "raw_user_meta_data" in sqltree.column_names(tree):
        return True
    reads_jwt = any(
        c.name.lower() == "auth.jwt" or (
            c.name.lower() in ("current_setting", "pg_catalog.current_setting")
            and any(s.startswith(_JWT_CLAIMS_SETTING) for s in sqltree.strings(list(c.args)))
        )
        for c in sqltree.calls(tree)
    )
    return reads_jwt and any("user_metadata" in s for s in sqltree.strings(tree))


def _lead(text: str) -> int:
    """Bytes of leading white space that ``strip()`` removes from the expression."""
    return len(text.encode()) - len(text.lstrip().encode())
