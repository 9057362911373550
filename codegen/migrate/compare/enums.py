"""Compare enum types: labels added in place, renamed, or the type recreated."""

from __future__ import annotations

from dataclasses import replace

from codegen.migrate.changes import (
    AddEnumValue,
    Change,
    CreateEnum,
    DropEnum,
    RecreateEnum,
    RenameEnumValue,
    SetEnumComment,
)
from codegen.migrate.compare.renames import kept_columns
from codegen.schema import ir


def compare_enums(old: ir.Schema, new: ir.Schema, changes: list[Change]) -> set[ir.QualifiedName]:
    """Append enum changes; return the enums that must be recreated (labels removed/reordered)."""
    old_enums = {e.name: e for e in old.enums}
    new_names = {e.name for e in new.enums}
    recreated: set[ir.QualifiedName] = set()
    for enum in new.enums:
        before = old_enums.get(enum.name)
        if before is None:
            changes.extend(create_enum(enum))
            continue
        if before.comment != enum.comment:
            changes.append(SetEnumComment(enum.name, enum.comment))
        labels = list(before.values)
        for old_label, new_label in enum.renamed_values:
            if old_label in labels and new_label not in labels:
                changes.append(RenameEnumValue(enum.name, old_label, new_label))
                labels[labels.index(old_label)] = new_label
        if labels == list(enum.values):
            continue
        if [v for v in enum.values if v in labels] == labels:
            # Only additions: ADD VALUE keeps existing rows and can place each label.
            for i, value in enumerate(enum.values):
                if value not in labels:
                    following = next((v for v in enum.values[i + 1:] if v in labels), None)
                    changes.append(AddEnumValue(enum.name, value, following))
            continue
        recreated.add(enum.name)
        changes.append(RecreateEnum(replace(before, values=tuple(labels)), enum,
                                    _existing_users(old, new, enum.name)))
    for enum in old.enums:
        if enum.name not in new_names:
            changes.append(DropEnum(enum))
    return recreated


def _existing_users(old: ir.Schema, new: ir.Schema,
                    enum: ir.QualifiedName) -> tuple[tuple[ir.QualifiedName, ir.Column], ...]:
    """Columns that hold the enum before and after the migration, under their new names.

    Tables and columns created by the same migration get the new type when they are
    created; converting them here would run before they exist.
    """
    return tuple((table.name, column) for _, table, was, column in kept_columns(old, new)
                 if was.type.enum == enum and column.type.enum == enum)


def create_enum(enum: ir.Enum) -> list[Change]:
    changes: list[Change] = [CreateEnum(enum)]
    if enum.comment is not None:
        changes.append(SetEnumComment(enum.name, enum.comment))
    return changes
