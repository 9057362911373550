"""SQL for table privileges."""

from __future__ import annotations

from sqlglot import exp

from codegen.migrate.changes import GrantPrivileges, RevokePrivileges
from codegen.sql.dialect import ident, table, to_sql
from codegen.sql.registry import renderer


def _principal(role: str) -> exp.GrantPrincipal:
    return exp.GrantPrincipal(this=exp.var("public") if role == "public" else ident(role))


@renderer
def render_grant(change: GrantPrivileges) -> str:
    grant = change.grant
    privileges = [exp.GrantPrivilege(this=exp.var(p.upper())) for p in grant.privileges]
    return to_sql(exp.Grant(privileges=privileges, kind="TABLE", securable=table(change.table),
                            principals=[_principal(grant.role)]))


@renderer
def render_revoke(change: RevokePrivileges) -> str:
    return to_sql(exp.Revoke(privileges=[exp.GrantPrivilege(this=exp.var("ALL"))], kind="TABLE",
                             securable=table(change.table), principals=[_principal(change.role)]))
