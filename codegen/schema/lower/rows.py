"""Lower a table's configuration rows: values that fit their columns, identified by the
table's primary key."""

from __future__ import annotations

from typing import Any

from codegen.schema import ir
from codegen.schema.defaults import DefaultError, literal_default
from codegen.schema.lower.context import Context, Located, did_you_mean


class Rows(Context):
    """Builds the rows a table's spec keeps in it (data the schema needs: plans, settings)."""

    def lower_rows(self, name: ir.QualifiedName, rows: list[dict[str, Any]], where: Located,
                   columns: tuple[ir.Column, ...],
                   primary_key: ir.PrimaryKey | None) -> tuple[ir.Row, ...]:
        if not rows:
            return ()
        if primary_key is None:
            self.error(where.key_span("rows"), "E490", f'table "{name}" has rows but no primary '
                       "key to tell them apart", hint="give the table a primary key: each row is "
                       "written, updated and deleted by it")
            return ()
        by_name = {c.name: c for c in columns}
        result: dict[tuple[str | None, ...], ir.Row] = {}
        for i, row in enumerate(rows):
            values = self._values(name, row, where, i, by_name)
            if values is None:
                continue
            found = dict(values)
            missing = [c for c in primary_key.columns if found.get(c) is None]
            if missing:
                self.error(where.span("rows", i), "E491", f'row {i + 1} of table "{name}" has no '
                           f"value for its primary key column {', '.join(missing)}",
                           hint="every row names its key: it is how migrations find it again")
                continue
            required = [c.name for c in columns if not c.nullable and c.default is None
                        and c.identity is None and c.name not in found]
            if required:
                self.error(where.span("rows", i), "E494", f'row {i + 1} of table "{name}" lacks '
                           f"the column {', '.join(required)}, which is NOT NULL without a "
                           "default", hint="give it a value")
                continue
            key = tuple(found[c] for c in primary_key.columns)
            if key in result:
                self.error(where.span("rows", i), "E493", f'row {i + 1} of table "{name}" has '
                           "the primary key of an earlier row", hint="remove one of them")
                continue
            result[key] = ir.Row(tuple(found[c] for c in primary_key.columns),
                                 tuple(sorted(values)))
        return tuple(result[key] for key in sorted(result, key=lambda k: [str(v) for v in k]))

    def _values(self, name: ir.QualifiedName, row: dict[str, Any], where: Located, i: int,
                by_name: dict[str, ir.Column]) -> list[tuple[str, str | None]] | None:
        values: list[tuple[str, str | None]] = []
        ok = True
        for column_name, value in row.items():
            column = by_name.get(column_name)
            if column is None:
                self.error(where.key_span("rows", i, column_name), "E210",
                           f'row {i + 1} of table "{name}" names unknown column "{column_name}"'
                           f"{did_you_mean(column_name, by_name)}")
                ok = False
                continue
            if value is None:
                if not column.nullable:
                    self.error(where.span("rows", i, column_name), "E492",
                               f'row {i + 1} of table "{name}": column "{column_name}" is NOT '
                               "NULL")
                    ok = False
                values.append((column_name, None))
                continue
            enum = self.enums.get(column.type.enum) if column.type.enum else None
            try:
                values.append((column_name, literal_default(
                    value, column.type, tuple(enum[0].values) if enum else ())))
            except DefaultError as err:
                self.error(where.span("rows", i, column_name), "E492",
                           f'row {i + 1} of table "{name}": the value of "{column_name}" does '
                           f"not fit its type: {err}")
                ok = False
        return values if ok else None
