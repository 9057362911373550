"""Compare two schemas and list the changes that turn ``old`` into ``new``.

Comparators, one module per object kind, only append change objects; ordering is
:mod:`codegen.migrate.plan`'s job and SQL is :mod:`codegen.sql.render`'s. Renames are
never guessed for tables, columns or enum labels: they come from the spec's
``renamed_from`` / ``renamed_values`` (:mod:`codegen.migrate.compare.renames`).

This module is the registry: :func:`compare` calls one comparator per kind of
schema-level object; a table's parts are compared by :mod:`.tables`.
"""

from __future__ import annotations

from codegen.migrate.changes import Change, EnsureRealtimePublication, SetRealtime
from codegen.migrate.compare.buckets import compare_buckets
from codegen.migrate.compare.default_privileges import compare_default_privileges
from codegen.migrate.compare.enums import compare_enums
from codegen.migrate.compare.extensions import compare_extensions
from codegen.migrate.compare.functions import compare_functions
from codegen.migrate.compare.schemas import compare_schemas
from codegen.migrate.compare.tables import compare_tables
from codegen.migrate.compare.views import compare_views
from codegen.schema import ir


def compare(old: ir.Schema, new: ir.Schema) -> list[Change]:
    changes: list[Change] = []
    compare_schemas(old, new, changes)
    compare_extensions(old, new, changes)
    recreated = compare_enums(old, new, changes)
    rebuilt = compare_functions(old, new, changes)
    compare_tables(old, new, recreated, rebuilt, changes)
    compare_views(old, new, rebuilt, changes)
    compare_buckets(old, new, changes)
    compare_default_privileges(old, new, changes)
    joining = [i for i, c in enumerate(changes) if isinstance(c, SetRealtime) and c.enabled]
    if joining:
        changes.insert(joining[0], EnsureRealtimePublication())
    return changes
