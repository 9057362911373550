"""Lower a table's indexes."""

from __future__ import annotations

from typing import Any

from codegen.diagnostics import Span
from codegen.schema import ir
from codegen.schema.index_elements import IndexElementError, element_column, parse_element
from codegen.schema.lower.context import Context, Located, did_you_mean
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
        seen: dict[str, int] = {}  # index name -> position of the first index so named
        definitions: dict[tuple[Any, ...], int] = {}
        for i, index in enumerate(spec.indexes):
            path = ("indexes", i)
            elements, labels, positions = self._elements(name, index.columns, where, path,
                                                         column_names)
            check_columns(index.include, *path, "include", what="index")
            if index.nulls_not_distinct and not index.unique:
                self.error(where.span(*path, "nulls_not_distinct"), "E471",
                           f'index on "{name}": nulls_not_distinct is for unique indexes',
                           hint="add `unique: true`, or remove nulls_not_distinct")
            if index.opclass is None:
                for i_col, col in enumerate(index.columns):
                    if col not in by_name and _own_opclass(col):
                        continue
                    column = by_name.get(element_column(col, frozenset(by_name)) or "")
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
            index_name = index.name or default_name(name.name, labels, "idx")
            definition = (elements, index.unique, index.using, index.where, index.opclass,
                          tuple(index.include), index.nulls_not_distinct)
            if index_name in seen:  # identical definitions under other names: lint's
                self._duplicate_index(name, where.span(*path), index_name, seen[index_name],
                                      definitions.get(definition) == seen[index_name])
            seen.setdefault(index_name, i)
            definitions.setdefault(definition, i)
            result.append(ir.Index(index_name, elements, index.unique, index.using,
                                   index.where, index.opclass,
                                   self.lint_ignores(index.lint_ignore, where, path),
                                   where.span(*path), tuple(index.include),
                                   index.nulls_not_distinct, positions))
        return result

    def _duplicate_index(self, table: ir.QualifiedName, span: Span, index_name: str,
                         first: int, identical: bool) -> None:
        """E281: PostgreSQL refuses a second index of the same name."""
        if identical:
            self.error(span, "E281", f'this index of table "{table}" is identical to '
                       f'indexes[{first}], and both would be named "{index_name}"',
                       hint="remove one of them")
        else:
            self.error(span, "E281", f'two indexes of table "{table}" are named "{index_name}" '
                       f"(indexes[{first}] too): names are cut to 63 bytes",
                       hint="give one of them a shorter `name:`")

    def _elements(self, table: ir.QualifiedName, written: list[str], where: Located,
                  path: tuple[str, int], column_names: set[str]
                  ) -> tuple[tuple[str, ...], list[str], tuple[int, ...]]:
        """Each element as the IR keeps it (a column's name, or the canonical text of an
        element with an order, operator class or expression), and the names it gives the
        index's default name."""
        elements: list[str] = []
        labels: list[str] = []
        positions: list[int] = []
        for i, text in enumerate(written):
            if text in column_names:
                elements.append(text)
                labels.append(text)
                continue
            try:
                element = parse_element(text)
            except IndexElementError as err:
                self.error(where.span(*path, "columns", i), "E470",
                           f'index element "{text}" of table "{table}": {err}',
                           hint="write a column, a column with asc/desc, nulls first/last or an "
                           "operator class, or an expression such as lower(email)")
                continue
            if element.column is not None and element.column not in column_names:
                shown = text.strip() if element.text == element.column else element.column
                self.error(where.span(*path, "columns", i), "E210",
                           f'index of table "{table}" names unknown column "{shown}"'
                           f"{did_you_mean(shown, column_names)}")
            if element.expression is not None:
                self.expression(element.expression, where, (*path, "columns", i), table,
                                column_names)
            if element.plain and element.column is not None:
                elements.append(element.column)  # `"Email"`: the column as it is
            else:
                positions.append(len(elements))
                elements.append(element.text)
            labels.append(element.label)
        return tuple(elements), labels, tuple(positions)


def _own_opclass(text: str) -> bool:
    try:
        return parse_element(text).opclass
    except IndexElementError:
        return False

