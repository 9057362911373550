"""SQL for row level security and its policies."""

from __future__ import annotations

from codegen.migrate.changes import (
    AlterPolicy,
    CreatePolicy,
    DisableRls,
    DropPolicy,
    EnableRls,
    SetPolicyComment,
)
from codegen.schema import ir
from codegen.schema.defaults import quote_literal
from codegen.sql.dialect import qualified, quote_ident
from codegen.sql.registry import renderer
from codegen.sql.statements import alter_table_sql


def _role(role: str) -> str:
    return role if role == "public" else quote_ident(role)


def _policy_clauses(policy: ir.Policy) -> str:
    sql = f"TO {', '.join(_role(r) for r in policy.roles)}"
    if policy.using is not None:
        sql += f"\n  USING ({policy.using.strip()})"
    if policy.with_check is not None:
        sql += f"\n  WITH CHECK ({policy.with_check.strip()})"
    return sql


@renderer
def render_enable_rls(change: EnableRls) -> str:
    return alter_table_sql(change.table, "ENABLE ROW LEVEL SECURITY")


@renderer
def render_disable_rls(change: DisableRls) -> str:
    return alter_table_sql(change.table, "DISABLE ROW LEVEL SECURITY")


@renderer
def render_create_policy(change: CreatePolicy) -> str | list[str]:
    policy = change.policy
    kind = "PERMISSIVE" if policy.permissive else "RESTRICTIVE"
    create = (f"CREATE POLICY {quote_ident(policy.name)} ON {qualified(change.table)}\n"
              f"  AS {kind} FOR {policy.command.upper()} {_policy_clauses(policy)}")
    if policy.comment is None:
        return create
    return [create, policy_comment_sql(change.table, policy)]


def policy_comment_sql(table: ir.QualifiedName, policy: ir.Policy) -> str:
    value = "NULL" if policy.comment is None else quote_literal(policy.comment)
    return f"COMMENT ON POLICY {quote_ident(policy.name)} ON {qualified(table)} IS {value}"


@renderer
def render_policy_comment(change: SetPolicyComment) -> str:
    return policy_comment_sql(change.table, change.policy)


@renderer
def render_alter_policy(change: AlterPolicy) -> str:
    # ALTER POLICY cannot remove an expression; compare() only alters when both sides
    # have the same clauses or the new one adds them, otherwise it drops and recreates.
    return (f"ALTER POLICY {quote_ident(change.policy.name)} ON {qualified(change.table)}\n"
            f"  {_policy_clauses(change.policy)}")


@renderer
def render_drop_policy(change: DropPolicy) -> str:
    return f"DROP POLICY {quote_ident(change.policy.name)} ON {qualified(change.table)}"
