"""Changes to table privileges."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir


@dataclass(frozen=True)
class GrantPrivileges(ChangeBase):
    """GRANT the role's privileges on the table."""

    table: ir.QualifiedName
    grant: ir.Grant

    def summary(self) -> str:
        return f"+ grant {', '.join(self.grant.privileges)} on {self.table} to {self.grant.role}"


@dataclass(frozen=True)
class RevokePrivileges(ChangeBase):
    """REVOKE ALL from the role (its new grant, if any, follows as GrantPrivileges)."""

    table: ir.QualifiedName
    role: str

    def summary(self) -> str:
        return f"- revoke all on {self.table} from {self.role}"
