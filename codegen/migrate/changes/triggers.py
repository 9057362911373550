"""Changes to triggers."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir


@dataclass(frozen=True)
class CreateTrigger(ChangeBase):
    """CREATE TRIGGER."""

    table: ir.QualifiedName
    trigger: ir.Trigger

    def summary(self) -> str:
        return f"+ trigger {self.trigger.name} on {self.table}"


@dataclass(frozen=True)
class DropTrigger(ChangeBase):
    """DROP TRIGGER (a changed trigger is dropped and created again)."""

    table: ir.QualifiedName
    trigger: ir.Trigger

    def summary(self) -> str:
        return f"- trigger {self.trigger.name} on {self.table}"


@dataclass(frozen=True)
class SetTriggerComment(ChangeBase):
    """COMMENT ON TRIGGER (None removes it)."""

    table: ir.QualifiedName
    trigger: str
    comment: str | None

    def summary(self) -> str:
        return f"~ comment on trigger {self.trigger} on {self.table}"
