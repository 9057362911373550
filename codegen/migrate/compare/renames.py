"""Declared renames, and matching constraints and indexes by definition.

Renames are never guessed for tables and columns: they come from the spec's
``renamed_from``. Constraints and indexes, which hold no data, are matched by
definition, so a rename that changes their default names renames them too instead
of rebuilding them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from codegen.schema import ir


class Named(Protocol):
    """A constraint or index: matched by definition, told apart by name."""

    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


@dataclass(frozen=True)
class Renames:
    """Declared renames of this comparison: foreign keys follow their targets' new names."""

    tables: dict[ir.QualifiedName, ir.QualifiedName]
    columns: dict[tuple[ir.QualifiedName, str], str]  # (table's new name, old column) -> new

    def target(self, fk: ir.ForeignKey) -> tuple[ir.QualifiedName, tuple[str, ...]]:
        table = self.tables.get(fk.target, fk.target)
        return table, tuple(self.columns.get((table, c), c) for c in fk.target_columns)


def renamed_columns(old: ir.Table, new: ir.Table) -> dict[str, str]:
    """Old column name -> new name, for columns renamed by the spec."""
    old_names = {c.name for c in old.columns}
    return {c.renamed_from: c.name for c in new.columns
            if c.renamed_from in old_names and c.name not in old_names}


def kept_columns(old: ir.Schema, new: ir.Schema
                 ) -> Iterator[tuple[ir.Table, ir.Table, ir.Column, ir.Column]]:
    """(old table, new table, old column, new column) for every column that exists before and
    after the migration, following declared renames of tables and columns."""
    old_tables = {t.name: t for t in old.tables}
    for table in new.tables:
        before = old_tables.get(table.name) or old_tables.get(table.renamed_from)  # type: ignore[arg-type]
        if before is None:
            continue
        old_columns = {c.name: c for c in before.columns}
        for column in table.columns:
            was = old_columns.get(column.name) or old_columns.get(column.renamed_from or "")
            if was is not None:
                yield before, table, was, column


def rename_in(columns: Iterable[str], renames: dict[str, str]) -> tuple[str, ...]:
    return tuple(renames.get(c, c) for c in columns)


def match_by_definition(old: Sequence[T], new: Sequence[T],
                        definition: Callable[[T], object]
                        ) -> tuple[list[T], list[T], list[tuple[T, T]]]:
    """Split into (dropped, added, renamed pairs); equal definitions under another name rename.

    ``definition``: item -> comparable definition without its name.
    """
    old_by_name = {x.name: x for x in old}
    new_by_name = {x.name: x for x in new}

    def same(a: T | None, b: T | None) -> bool:
        # Equal, or equal once renames are applied (a foreign key to a renamed table).
        return a == b or (a is not None and b is not None
                          and definition(a) == definition(b))

    dropped = [x for n, x in old_by_name.items() if not same(new_by_name.get(n), x)]
    added = [x for n, x in new_by_name.items() if not same(old_by_name.get(n), x)]
    renamed: list[tuple[T, T]] = []
    for item in list(added):
        twin = next((d for d in dropped if definition(d) == definition(item)
                     and d.name not in new_by_name), None)
        if twin is not None:
            dropped.remove(twin)
            added.remove(item)
            renamed.append((twin, item))
    return dropped, added, renamed
