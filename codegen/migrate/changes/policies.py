"""Changes to row level security and its policies."""

from __future__ import annotations

from dataclasses import dataclass

from codegen.migrate.changes.base import ChangeBase
from codegen.schema import ir


@dataclass(frozen=True)
class EnableRls(ChangeBase):
    """ALTER TABLE … ENABLE ROW LEVEL SECURITY."""

    table: ir.QualifiedName

    def summary(self) -> str:
        return f"+ row level security on {self.table}"


@dataclass(frozen=True)
class DisableRls(ChangeBase):
    """ALTER TABLE … DISABLE ROW LEVEL SECURITY."""

    table: ir.QualifiedName

    def summary(self) -> str:
        return f"- row level security on {self.table}"


@dataclass(frozen=True)
class CreatePolicy(ChangeBase):
    """CREATE POLICY."""

    table: ir.QualifiedName
    policy: ir.Policy

    def summary(self) -> str:
        return f'+ policy "{self.policy.name}" on {self.table}'


@dataclass(frozen=True)
class AlterPolicy(ChangeBase):
    """Roles and expressions change in place; command and kind need drop + create."""

    table: ir.QualifiedName
    policy: ir.Policy

    def summary(self) -> str:
        return f'~ policy "{self.policy.name}" on {self.table}'


@dataclass(frozen=True)
class DropPolicy(ChangeBase):
    """DROP POLICY."""

    table: ir.QualifiedName
    policy: ir.Policy

    def summary(self) -> str:
        return f'- policy "{self.policy.name}" on {self.table}'


@dataclass(frozen=True)
class SetPolicyComment(ChangeBase):
    """COMMENT ON POLICY (None removes it)."""

    table: ir.QualifiedName
    policy: ir.Policy

    def summary(self) -> str:
        return f'~ comment on policy "{self.policy.name}" on {self.table}'
