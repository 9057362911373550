"""Changes to views and materialized views."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir
from codegen.schema.destructive import destructive_key


def view_kind(view: ir.View) -> str:
    return "materialized view" if view.materialized else "view"


@dataclass(frozen=True)
class CreateView(ChangeBase):
    """CREATE VIEW (or MATERIALIZED VIEW) with its comments; ``again``: it was dropped
    earlier in the same migration (its query, a table or a function it reads changed)."""

    view: ir.View
    again: bool = False

    def summary(self) -> str:
        suffix = " (dropped and created again)" if self.again else ""
        return f"+ {view_kind(self.view)} {self.view.name}{suffix}"


@dataclass(frozen=True)
class ReplaceView(ChangeBase):
    """CREATE OR REPLACE VIEW: the same columns (new ones may follow), a new query or
    options; grants and comments stay."""

    old: ir.View
    new: ir.View

    def summary(self) -> str:
        return f"~ view {self.new.name}"


@dataclass(frozen=True)
class DropView(ChangeBase):
    """DROP VIEW; ``again``: created again later in the migration (no data is lost)."""

    view: ir.View
    again: bool = False
    risk = "is dropped: whatever still reads it (outside the spec too) will fail"

    def summary(self) -> str:
        if self.again:
            return f"- {view_kind(self.view)} {self.view.name} (to be created again)"
        return f"- {view_kind(self.view)} {self.view.name}"

    def destructive_key(self) -> str | None:
        return None if self.again else destructive_key("drop_view", f"{self.view.name}")


@dataclass(frozen=True)
class SetViewComments(ChangeBase):
    """COMMENT ON VIEW and on its columns, as the spec has them (None removes one)."""

    old: ir.View | None
    new: ir.View

    def summary(self) -> str:
        return f"~ comments on {view_kind(self.new)} {self.new.name}"
