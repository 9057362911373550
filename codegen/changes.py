"""Migrations as data: a closed set of typed change objects.

:mod:`codegen.compare` produces them, :mod:`codegen.plan` orders them and
:mod:`codegen.sql.render` turns each into SQL; nothing else writes SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from codegen import ir


@dataclass(frozen=True)
class CreateSchema:
    schema: str


@dataclass(frozen=True)
class CreateEnum:
    enum: ir.Enum


@dataclass(frozen=True)
class CreateTable:
    """The table with its columns and its own constraints; foreign keys are added later."""

    table: ir.Table


@dataclass(frozen=True)
class AddForeignKey:
    table: ir.QualifiedName
    foreign_key: ir.ForeignKey


@dataclass(frozen=True)
class CreateIndex:
    table: ir.QualifiedName
    index: ir.Index


@dataclass(frozen=True)
class EnableRls:
    table: ir.QualifiedName


@dataclass(frozen=True)
class CreatePolicy:
    table: ir.QualifiedName
    policy: ir.Policy


@dataclass(frozen=True)
class GrantPrivileges:
    table: ir.QualifiedName
    grant: ir.Grant


@dataclass(frozen=True)
class SetTableComment:
    table: ir.QualifiedName
    comment: str | None


@dataclass(frozen=True)
class SetColumnComment:
    table: ir.QualifiedName
    column: str
    comment: str | None


@dataclass(frozen=True)
class SetEnumComment:
    enum: ir.QualifiedName
    comment: str | None


Change = (
    CreateSchema | CreateEnum | SetEnumComment | CreateTable | SetTableComment | SetColumnComment
    | AddForeignKey | CreateIndex | EnableRls | CreatePolicy | GrantPrivileges
)


def summary(change: Change) -> str:
    """A one-line, stable description of a change, for reports and tests."""
    match change:
        case CreateSchema(schema):
            return f"+ schema {schema}"
        case CreateEnum(enum):
            return f"+ enum {enum.name} ({', '.join(enum.values)})"
        case SetEnumComment(enum, _):
            return f"~ comment on enum {enum}"
        case CreateTable(table):
            return f"+ table {table.name} ({len(table.columns)} columns)"
        case SetTableComment(table, _):
            return f"~ comment on table {table}"
        case SetColumnComment(table, column, _):
            return f"~ comment on column {table}.{column}"
        case AddForeignKey(table, fk):
            return f"+ foreign key {fk.name} on {table} -> {fk.target}"
        case CreateIndex(table, index):
            return f"+ index {index.name} on {table}"
        case EnableRls(table):
            return f"+ row level security on {table}"
        case CreatePolicy(table, policy):
            return f'+ policy "{policy.name}" on {table}'
        case GrantPrivileges(table, grant):
            return f"+ grant {', '.join(grant.privileges)} on {table} to {grant.role}"
