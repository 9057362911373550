"""Policies that overlap, admit every row, or can never apply (Supabase advisor 0006, 0024)."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.lint import sqltree
from codegen.lint.finding import Issue, Subject, on_policy
from codegen.lint.roles import (
    ACTIONS,
    API_ROLES,
    BYPASS_RLS,
    COMMAND_PRIVILEGES,
    actions,
    applies_to,
    join,
    owned_tables,
    privileges,
)
from codegen.schema import ir


def multiple_permissive_policies(schema: ir.Schema) -> Iterator[Issue]:
    for table in schema.tables:
        permissive = [p for p in table.policies if p.permissive]
        roles = sorted({*API_ROLES, *(r for p in permissive for r in p.roles)}
                       - {"public", *BYPASS_RLS})
        # Policies that overlap -> the (role, action) pairs they overlap on.
        groups: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for role in roles:
            for action in ACTIONS:
                names = tuple(p.name for p in permissive
                              if applies_to(p, role) and action in actions(p))
                if len(names) > 1:
                    groups.setdefault(names, []).append((role, action))
        for names, pairs in groups.items():
            involved = [p for p in permissive if p.name in names]
            last = max(involved, key=lambda p: (p.span is not None, p.span))
            subject = on_policy(table, last)
            owners = tuple(dict.fromkeys(
                [*(on_policy(table, p).owners[0] for p in involved), *subject.owners]))
            yield Issue(
                Subject(subject.object, subject.span, owners),
                f'table "{table.name}" has {len(names)} permissive policies for '
                f"{_pairs(pairs)} ({join(names, quote=True)}): each one is evaluated for "
                "every row",
                "merge them into one policy (`using: a or b`), or make the ones that must all "
                "hold `as: restrictive`",
            )


def rls_policy_always_true(schema: ir.Schema) -> Iterator[Issue]:
    for table in schema.tables:
        if not table.rls:
            continue  # policy_exists_rls_disabled reports these
        for policy in table.policies:
            roles = [r for r in policy.roles if r in (*API_ROLES, "public")]
            if not policy.permissive or policy.command == "select" or not roles:
                continue
            clauses = []
            if policy.using is not None and sqltree.always_true(policy.using):
                clauses.append(f"using ({policy.using.strip()})")
            if policy.with_check is not None and sqltree.always_true(policy.with_check):
                clauses.append(f"with_check ({policy.with_check.strip()})")
            if not clauses:
                continue
            verb = {"insert": "insert", "update": "update", "delete": "delete",
                    "all": "insert, update and delete"}[policy.command]
            yield Issue(
                on_policy(table, policy),
                f'policy "{policy.name}" on "{table.name}" lets {join(roles)} {verb} any row: '
                f"{' and '.join(clauses)} is always true",
                "restrict it with a condition such as (select auth.uid()) = user_id; if every "
                "row really is fair game, acknowledge it with lint_ignore and a reason",
            )


def policy_role_without_grant(schema: ir.Schema) -> Iterator[Issue]:
    for table in owned_tables(schema):
        for policy in table.policies:
            needed = set(COMMAND_PRIVILEGES[policy.command])
            what = policy.command if policy.command != "all" else "select, insert, update or delete"
            grant = policy.command if policy.command != "all" else "select"
            missing = [r for r in policy.roles
                       if r not in ("public", *BYPASS_RLS) and not privileges(table, r) & needed]
            subject = on_policy(table, policy)
            if missing:
                yield Issue(
                    subject,
                    f'policy "{policy.name}" is for {join(missing)}, but the spec grants '
                    f'{"them" if len(missing) > 1 else "it"} no {what} on "{table.name}": '
                    'PostgreSQL refuses with "permission denied" before the policy is considered',
                    f"grant it (grants: {{{missing[0]}: [{grant}]}}) or remove the role from the "
                    "policy's `to`",
                )
            elif "public" in policy.roles and not any(
                privileges(table, r) & needed
                for r in {*API_ROLES, *(g.role for g in table.grants)} - set(BYPASS_RLS)
            ):
                yield Issue(
                    subject,
                    f'policy "{policy.name}" is for public, but on "{table.name}" only roles '
                    f"that bypass row level security are granted {what}: the policy never "
                    "applies",
                    f"grant the roles it is meant for (grants: {{authenticated: [{grant}]}}), or "
                    "remove the policy",
                )


def _pairs(pairs: list[tuple[str, str]]) -> str:
    by_role: dict[str, list[str]] = {}
    for role, action in pairs:
        by_role.setdefault(role, []).append(action)
    return "; ".join(f"{role} on {join(acts)}" for role, acts in by_role.items())
