"""Lower a table's indexes."""

from __future__ import annotations

from typing import Any

from codegen.schema import ir
from codegen.schema.lower.context import Context, Located
from codegen.schema.naming import default_name
from codegen.schema.pgtypes import has_default_opclass
from codegen.spec.models import TableSpec


class Indexes(Context):
    """Builds the indexes of a table."""

    def lower_indexes(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
                      columns: tuple[ir.Column, ...], check_columns: Any) -> list[ir.Index]:
        by_name = {c.name: c for c in columns}
        column_names = set(by_name)
        result: list[ir.Index] = []
        for i, index in enumerate(spec.indexes):
            path = ("indexes", i)
            check_columns(index.columns, *path, "columns", what="index")
            if index.opclass is None:
                for i_col, col in enumerate(index.columns):
                    column = by_name.get(col)
                    if column is not None and not has_default_opclass(column.type, index.using):
                        self.error(where.span(*path, "columns", i_col), "E280",
                                   f'column "{name}.{col}" cannot be indexed with {index.using}: '
                                   "its type has no default operator class for that method",
                                   hint="choose another `using:` method, or name an operator "
                                   "class with `opclass:` (e.g. inet_ops)")
            if index.where is not None:
                self.expression(index.where, where, (*path, "where"), name, column_names)
            if index.name is not None:
                self.check_identifier(index.name, where.span(*path, "name"), "index")
            # CREATE [UNIQUE] INDEX without a name: PostgreSQL says "_idx" either way.
            index_name = index.name or default_name(name.name, index.columns, "idx")
            result.append(ir.Index(index_name, tuple(index.columns), index.unique, index.using,
                                   index.where, index.opclass,
                                   self.lint_ignores(index.lint_ignore, where, path),
                                   where.span(*path)))
        return result
