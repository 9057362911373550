"""Row level security switched off, or on without policies (Supabase advisor 0007, 0008, 0013)."""

from __future__ import annotations

from collections.abc import Iterator

from codegen.lint.finding import Issue, on_table
from codegen.lint.roles import API_ROLES, API_SCHEMAS, join, owned_tables, privileges
from codegen.schema import ir


def rls_disabled_in_public(schema: ir.Schema) -> Iterator[Issue]:
    for table in owned_tables(schema):
        if table.rls or table.name.schema not in API_SCHEMAS:
            continue
        granted = [r for r in API_ROLES if privileges(table, r)]
        if granted:
            held = set().union(*(privileges(table, r) for r in granted))
            verbs = [v for v, needs in (("read", {"select"}),
                                        ("change", {"insert", "update", "delete"}))
                     if held & needs]
            who = f"{join(granted)} (granted in the spec) can {join(verbs)}"
        else:
            who = ("anon and authenticated, wherever the project's default privileges grant "
                   "them access, can read and change")
        yield Issue(
            on_table(table),
            f'row level security is disabled on table "{table.name}", which the Data API '
            f"exposes: {who} every row",
            "remove `rls: false` (row level security is on by default) and add policies for the "
            "access you intend, or move the table to a schema the API does not expose",
        )


def policy_exists_rls_disabled(schema: ir.Schema) -> Iterator[Issue]:
    for table in owned_tables(schema):
        if table.rls or not table.policies:
            continue
        names = [p.name for p in table.policies]
        yield Issue(
            on_table(table),
            f'table "{table.name}" has {_policies(names)} but row level security is disabled, '
            f"so PostgreSQL ignores {'it' if len(names) == 1 else 'them'}",
            "remove `rls: false` so the policies take effect",
        )


def rls_enabled_no_policy(schema: ir.Schema) -> Iterator[Issue]:
    for table in owned_tables(schema):
        if not table.rls or table.policies:
            continue
        yield Issue(
            on_table(table),
            f'table "{table.name}" has row level security enabled but no policies: only '
            "service_role and the table owner can read or write it",
            "add policies for the roles that need access; if only the server uses this table, "
            "acknowledge it: lint_ignore: {rls_enabled_no_policy: \"server-only table\"}",
        )


def _policies(names: list[str]) -> str:
    return f"policy {join(names, quote=True)}" if len(names) == 1 else \
        f"{len(names)} policies ({join(names, quote=True)})"
