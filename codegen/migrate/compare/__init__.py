"""Compare two schemas and list the changes that turn ``old`` into ``new``.

Comparators, one module per object kind, only append change objects; ordering is
:mod:`codegen.migrate.plan`'s job and SQL is :mod:`codegen.sql.render`'s. Renames are
never guessed for tables, columns or enum labels: they come from the spec's
``renamed_from`` / ``renamed_values`` (:mod:`codegen.migrate.compare.renames`).

This module is the registry: :func:`compare` calls one comparator per kind of
schema-level object; a table's parts are compared by :mod:`.tables`.
"""

from __future__ import annotations

from codegen.migrate.changes import Change
from codegen.migrate.compare.enums import compare_enums
from codegen.migrate.compare.schemas import compare_schemas
from codegen.migrate.compare.tables import compare_tables
from codegen.schema import ir


def compare(old: ir.Schema, new: ir.Schema) -> list[Change]:
    changes: list[Change] = []
    compare_schemas(old, new, changes)
    recreated = compare_enums(old, new, changes)
    compare_tables(old, new, recreated, changes)
    return changes
