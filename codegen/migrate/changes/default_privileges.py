"""Changes to default privileges."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir


@dataclass(frozen=True)
class AlterDefaultPrivileges(ChangeBase):
    """ALTER DEFAULT PRIVILEGES as the spec says (``undo``: the opposite statement, for an
    entry that left the spec)."""

    entry: ir.DefaultPrivilege
    undo: bool = False

    def summary(self) -> str:
        grant = self.entry.grant != self.undo
        where = f" in {self.entry.schema}" if self.entry.schema else ""
        return (f"~ default privileges{where}: {'grant' if grant else 'revoke'} "
                f"{', '.join(self.entry.privileges)} on {self.entry.objects} "
                f"{'to' if grant else 'from'} {self.entry.role}")
