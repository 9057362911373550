"""Changes to functions."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir
from codegen.schema.destructive import destructive_key
from codegen.schema.pgtypes import type_sql


def signature(function: ir.Function) -> str:
    """``schema.name(type, ...)``: one overload, as summaries and keys name it."""
    return f"{function.name}({', '.join(type_sql(t, str) for t in function.identity[1])})"


@dataclass(frozen=True)
class CreateFunction(ChangeBase):
    """CREATE OR REPLACE FUNCTION of a new function (or overload)."""

    function: ir.Function

    def summary(self) -> str:
        return f"+ function {signature(self.function)}"


@dataclass(frozen=True)
class ReplaceFunction(ChangeBase):
    """CREATE OR REPLACE FUNCTION: the body or how it runs changes, not its signature or
    result (what PostgreSQL can replace in place)."""

    old: ir.Function
    new: ir.Function

    def summary(self) -> str:
        return f"~ function {signature(self.new)}"


@dataclass(frozen=True)
class RecreateFunction(ChangeBase):
    """DROP FUNCTION then CREATE FUNCTION: the result type, an argument's name or a removed
    default cannot be replaced in place. Policies and triggers that call it are dropped
    before and created after (they are in the same migration); column defaults that call it
    (``defaults``, as in the new spec) are dropped and set again around it."""

    old: ir.Function
    new: ir.Function
    defaults: tuple[tuple[ir.QualifiedName, ir.Column], ...] = ()
    risk = "changes in a way callers may not expect (result type or argument names)"

    def summary(self) -> str:
        return f"~ function {signature(self.new)} (dropped and created again)"

    def destructive_key(self) -> str | None:
        return destructive_key("recreate_function", f"{signature(self.new)}")


@dataclass(frozen=True)
class DropFunction(ChangeBase):
    """DROP FUNCTION of an overload that left the spec."""

    function: ir.Function
    risk = "is dropped: whatever still calls it (outside the spec too) will fail"

    def summary(self) -> str:
        return f"- function {signature(self.function)}"

    def destructive_key(self) -> str | None:
        return destructive_key("drop_function", f"{signature(self.function)}")


@dataclass(frozen=True)
class RenameFunction(ChangeBase):
    """ALTER FUNCTION … RENAME TO / SET SCHEMA, declared by ``renamed_from``."""

    old: ir.QualifiedName
    function: ir.Function  # as it is after the rename (the argument types are unchanged)

    def summary(self) -> str:
        return f"~ function {self.old} → {signature(self.function)}"


@dataclass(frozen=True)
class SetFunctionComment(ChangeBase):
    """COMMENT ON FUNCTION (None removes it)."""

    function: ir.Function
    comment: str | None

    def summary(self) -> str:
        return f"~ comment on function {signature(self.function)}"


@dataclass(frozen=True)
class SetFunctionExecute(ChangeBase):
    """Who may call the function: REVOKE ALL from PUBLIC and the API roles, then GRANT
    EXECUTE to ``roles`` (None: back to PostgreSQL's default, EXECUTE for PUBLIC)."""

    function: ir.Function
    roles: tuple[str, ...] | None

    def summary(self) -> str:
        who = "public (default)" if self.roles is None else ", ".join(self.roles) or "owner only"
        return f"~ execute on function {signature(self.function)}: {who}"
