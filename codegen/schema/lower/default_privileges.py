"""Lower default privileges: one IR entry per role, kind of object and grant or revoke."""

from __future__ import annotations

from codegen.schema import ir
from codegen.schema.lower.context import Context, Located

PRIVILEGES = {
    "tables": {"select", "insert", "update", "delete", "truncate", "references", "trigger",
               "all"},
    "sequences": {"usage", "select", "update", "all"},
    "functions": {"execute", "all"},
    "types": {"usage", "all"},
    "schemas": {"usage", "create", "all"},
}


class DefaultPrivileges(Context):
    """Builds the spec's ALTER DEFAULT PRIVILEGES."""

    def lower_default_privileges(self) -> tuple[ir.DefaultPrivilege, ...]:
        result: list[ir.DefaultPrivilege] = []
        for doc, spec in self.files:
            for i, entry in enumerate(spec.default_privileges):
                where = Located(doc, ("default_privileges", i))
                if entry.on == "schemas" and entry.schema_ is not None:
                    self.error(where.span("schema"), "E496", "default privileges on schemas "
                               "cannot be limited to a schema", hint="leave `schema` out")
                for grant, roles in ((True, entry.grant), (False, entry.revoke)):
                    key = "grant" if grant else "revoke"
                    for role, privileges in sorted(roles.items()):
                        self.check_identifier(role, where.key_span(key, role), "role")
                        wrong = [p for p in privileges if p.lower() not in PRIVILEGES[entry.on]]
                        for p in wrong:
                            self.error(where.span(key, role, privileges.index(p)), "E495",
                                       f'"{p}" is not a privilege on {entry.on}',
                                       hint="one of " + ", ".join(sorted(PRIVILEGES[entry.on])))
                        if wrong or not privileges:
                            continue
                        result.append(ir.DefaultPrivilege(
                            entry.on, role, tuple(sorted({p.lower() for p in privileges})),
                            grant, entry.schema_, entry.for_role, where.span(key, role)))
        return tuple(result)
