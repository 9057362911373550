"""Keys and indexes: foreign keys without an index, identical indexes, tables without a
primary key (Supabase advisor 0001, 0004, 0009)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from codegen.diagnostics import Span
from codegen.lint import sqltree
from codegen.lint.finding import Issue, Subject, on_foreign_key, on_index, on_table
from codegen.lint.roles import join, owned_tables
from codegen.schema import ir
from codegen.schema.index_elements import element_column


@dataclass(frozen=True)
class _Indexed:
    """An index as PostgreSQL builds it: a spec index, or the one behind a key constraint."""

    name: str
    columns: tuple[str, ...]
    unique: bool
    using: str
    where: str | None
    opclass: str | None
    span: Span | None
    index: ir.Index | None  # None: the index of a primary key or unique constraint

    def definition(self) -> tuple[object, ...]:
        where = None if self.where is None else sqltree.normalized(self.where)
        extra = (self.index.include, self.index.nulls_not_distinct) if self.index else ((), False)
        return (self.unique, self.using, self.columns, where, self.opclass, *extra)


def _indexes(table: ir.Table) -> list[_Indexed]:
    keys: list[ir.PrimaryKey | ir.Unique] = [*([table.primary_key] if table.primary_key else []),
                                            *table.uniques]
    return [
        *(_Indexed(k.name, k.columns, True, "btree", None, None, k.span, None) for k in keys),
        *(_Indexed(i.name, i.columns, i.unique, i.using, i.where, i.opclass, i.span, i)
          for i in table.indexes),
    ]


def unindexed_foreign_keys(schema: ir.Schema) -> Iterator[Issue]:
    for table in owned_tables(schema):
        # A partial index cannot serve the lookups of every referenced row.
        names = frozenset(c.name for c in table.columns)
        # `author_id desc` serves the lookups as well as `author_id`.
        indexed = [tuple(element_column(c, names) or c for c in i.columns)
                   for i in _indexes(table) if i.where is None]
        for fk in table.foreign_keys:
            count = len(fk.columns)
            if any(set(columns[:count]) == set(fk.columns) for columns in indexed):
                continue
            listed = ", ".join(fk.columns)
            yield Issue(
                on_foreign_key(table, fk),
                f'foreign key "{fk.name}" of "{table.name}" ({listed}) has no index that starts '
                f"with its column{'s' if count > 1 else ''}: deleting or updating a row of "
                f'"{fk.target}" scans the whole table, and so do joins on it',
                f"add an index: indexes: [{{columns: [{listed}]}}]",
            )


def duplicate_index(schema: ir.Schema) -> Iterator[Issue]:
    for table in owned_tables(schema):
        groups: dict[tuple[object, ...], list[_Indexed]] = {}
        for index in _indexes(table):
            groups.setdefault(index.definition(), []).append(index)
        for group in groups.values():
            if len(group) < 2:
                continue
            # Report at the last index the spec declares; key constraints come first.
            last = group[-1]
            subject = on_index(table, last.index) if last.index else on_table(table, last.span)
            owners = tuple(dict.fromkeys(
                [*(on_index(table, i.index).owners[0] for i in group if i.index),
                 *subject.owners]))
            what = f"{'unique ' if last.unique else ''}{last.using} on ({', '.join(last.columns)})"
            yield Issue(
                Subject(subject.object, subject.span, owners),
                f'indexes {join([i.name for i in group], quote=True)} of "{table.name}" are '
                f"identical ({what}): every write maintains all of them for nothing",
                "drop all but one of them (an index is also created for each primary key "
                "and unique constraint)",
            )


def no_primary_key(schema: ir.Schema) -> Iterator[Issue]:
    for table in owned_tables(schema):
        if table.primary_key is not None:
            continue
        yield Issue(
            on_table(table),
            f'table "{table.name}" has no primary key: its rows cannot be told apart, which '
            "the table editor, Realtime and replication of updates and deletes need",
            "add `primary_key: true` to a column (e.g. id: {type: uuid, primary_key: true, "
            "default_sql: gen_random_uuid()}), or `primary_key: [a, b]` on the table",
        )
