"""Supabase's roles as row level security sees them, and what the spec grants them."""

from __future__ import annotations

from codegen.schema import ir

#: Schemas the Data API (PostgREST, pg_graphql) exposes in a default Supabase project.
API_SCHEMAS = ("public",)
#: The roles every request from a browser or app runs as.
API_ROLES = ("anon", "authenticated")
#: Roles row level security never applies to (BYPASSRLS): a policy for them does nothing.
BYPASS_RLS = ("service_role", "postgres")

#: The privilege each policy command needs; "all" needs at least one of them.
COMMAND_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "select": ("select",), "insert": ("insert",), "update": ("update",),
    "delete": ("delete",), "all": ("select", "insert", "update", "delete"),
}
ACTIONS = ("select", "insert", "update", "delete")


def owned_tables(schema: ir.Schema) -> list[ir.Table]:
    """The tables the spec owns: Supabase's own (auth.users, storage.objects) and other external
    tables keep their shape, RLS switch and grants, which the rules about them cannot see."""
    return [t for t in schema.tables if not t.external]


def privileges(table: ir.Table, role: str) -> set[str]:
    """What ``role`` may do to the table through the spec's grants (its own and public's)."""
    granted: set[str] = set()
    for grant in table.grants:
        if grant.role in (role, "public"):
            granted.update(ACTIONS + ("truncate", "references", "trigger")
                           if "all" in grant.privileges else grant.privileges)
    return granted


def applies_to(policy: ir.Policy, role: str) -> bool:
    return role in policy.roles or "public" in policy.roles


def actions(policy: ir.Policy) -> tuple[str, ...]:
    return ACTIONS if policy.command == "all" else (policy.command,)


def join(words: list[str] | tuple[str, ...], quote: bool = False) -> str:
    items = [f'"{w}"' for w in words] if quote else list(words)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
