"""SQL for default privileges."""

from __future__ import annotations

from codegen.migrate.changes import AlterDefaultPrivileges
from codegen.sql.dialect import quote_ident
from codegen.sql.registry import renderer


@renderer
def render_default_privileges(change: AlterDefaultPrivileges) -> str:
    entry = change.entry
    head = "ALTER DEFAULT PRIVILEGES"
    if entry.for_role is not None:
        head += f" FOR ROLE {quote_ident(entry.for_role)}"
    if entry.schema is not None:
        head += f" IN SCHEMA {quote_ident(entry.schema)}"
    privileges = ", ".join(p.upper() for p in entry.privileges)
    role = "PUBLIC" if entry.role.lower() == "public" else quote_ident(entry.role)
    objects = entry.objects.upper()
    if entry.grant != change.undo:
        return f"{head} GRANT {privileges} ON {objects} TO {role}"
    return f"{head} REVOKE {privileges} ON {objects} FROM {role}"
