"""Lower a table's primary key, unique constraints and checks."""

from __future__ import annotations

from typing import Any

from codegen.schema import ir
from codegen.schema.lower.context import Context, Located
from codegen.schema.naming import default_name
from codegen.spec.models import TableSpec, UniqueSpec


class Constraints(Context):
    """Builds a table's primary key, unique constraints and checks (foreign keys have a
    module of their own)."""

    def lower_primary_key(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
                          check_columns: Any) -> ir.PrimaryKey | None:
        column_level = [col for col, cspec in spec.columns.items() if cspec.primary_key]
        pk_name = default_name(name.name, [], "pkey")
        if spec.primary_key is not None:
            if column_level:
                self.error(where.span("columns", column_level[0], "primary_key"), "E212",
                           f'table "{name}" declares its primary key twice',
                           hint="use either `primary_key: true` on one column or a table-level "
                           "`primary_key: [...]` list")
            check_columns(spec.primary_key, "primary_key", what="primary key")
            return ir.PrimaryKey(pk_name, tuple(spec.primary_key), where.span("primary_key"))
        if len(column_level) > 1:
            self.error(where.span("columns", column_level[1], "primary_key"), "E212",
                       f'table "{name}" marks several columns as primary_key',
                       hint=f"for a composite key write `primary_key: [{', '.join(column_level)}]`"
                       " at table level")
        if column_level:
            return ir.PrimaryKey(pk_name, (column_level[0],),
                                 where.span("columns", column_level[0]))
        return None

    def lower_uniques(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
                      check_columns: Any) -> list[ir.Unique]:
        table_name = name.name
        uniques: list[ir.Unique] = []
        for col, cspec in spec.columns.items():
            if cspec.unique:
                uniques.append(ir.Unique(default_name(table_name, [col], "key"), (col,),
                                         where.span("columns", col)))
        for i, entry in enumerate(spec.unique):
            if isinstance(entry, UniqueSpec):
                check_columns(entry.columns, "unique", i, "columns", what="unique constraint")
                if entry.name is not None:
                    self.check_identifier(entry.name, where.span("unique", i, "name"),
                                          "constraint")
                uniques.append(ir.Unique(
                    entry.name or default_name(table_name, entry.columns, "key"),
                    tuple(entry.columns), where.span("unique", i),
                    nulls_not_distinct=entry.nulls_not_distinct))
                continue
            check_columns(entry, "unique", i, what="unique constraint")
            uniques.append(ir.Unique(default_name(table_name, entry, "key"), tuple(entry),
                                     where.span("unique", i)))
        return uniques

    def lower_checks(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
                     column_names: set[str]) -> list[ir.Check]:
        table_name = name.name
        checks: list[ir.Check] = []
        for col, cspec in spec.columns.items():
            if cspec.check is not None:
                path = ("columns", col, "check")
                self.expression(cspec.check, where, path, name, column_names,
                                subqueries="a check constraint")
                checks.append(ir.Check(default_name(table_name, [col], "check"), cspec.check,
                                       where.span(*path)))
        for check_name, expression in spec.checks.items():
            self.check_identifier(check_name, where.key_span("checks", check_name), "check")
            self.expression(expression, where, ("checks", check_name), name, column_names,
                            subqueries="a check constraint")
            checks.append(ir.Check(check_name, expression, where.span("checks", check_name)))
        return checks
