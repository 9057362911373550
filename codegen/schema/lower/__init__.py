"""Stage 3: lower validated spec files into the resolved, frozen IR.

Merges the files, resolves names (tables, enums, foreign-key targets), fills in
PostgreSQL's default constraint and index names, turns literal defaults into
SQL, and checks everything PostgreSQL would reject later. Problems are
collected across the whole spec and raised together as one SpecError.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from codegen.diagnostics import Span, SpecError
from codegen.schema import ir
from codegen.schema.lower.columns import Columns
from codegen.schema.lower.context import Located, did_you_mean, qualify
from codegen.schema.lower.foreign_keys import ForeignKeys
from codegen.schema.lower.indexes_policies import IndexesAndPolicies
from codegen.schema.lower.names import SchemaNames
from codegen.schema.model_names import model_name
from codegen.schema.naming import default_name, identifier_too_long
from codegen.spec.document import Document
from codegen.spec.models import EnumSpec, SpecFile, TableSpec


def lower(files: list[tuple[Document, SpecFile]]) -> ir.Schema:
    return _Lowering(files).run()


class _Lowering(Columns, ForeignKeys, IndexesAndPolicies, SchemaNames):
    """Merges the spec files and builds each enum and table from its parts."""

    def run(self) -> ir.Schema:
        migration = self._migration_name()
        for doc, spec in self.files:
            for key, enum_spec in spec.enums.items():
                self._register(self.enums, qualify(key, enum_spec.schema_), enum_spec,
                               Located(doc, ("enums", key)), "enum")
            for key, table_spec in spec.tables.items():
                self._register(self.tables, qualify(key, table_spec.schema_), table_spec,
                               Located(doc, ("tables", key)), "table")
        enums = tuple(self._enum(name, *self.enums[name]) for name in sorted(self.enums))
        tables = tuple(self._table(name, *self.tables[name]) for name in sorted(self.tables))
        self._check_models(enums, tables)
        self._check_relation_names(tables)
        if self.diagnostics:
            raise SpecError(self.diagnostics)
        sources = tuple(sorted({doc.file for doc, _ in self.files}))
        allowed = frozenset(key for _, spec in self.files for key in spec.allow_destructive)
        return ir.Schema(enums, tables, migration, sources, allowed)

    def _register(self, into: dict[ir.QualifiedName, Any], name: ir.QualifiedName, spec: Any,
                  where: Located, what: str) -> None:
        if name in into:
            first = into[name][1].key_span()
            self.error(where.key_span(), "E204",
                       f'{what} "{name}" is defined twice (first at {first})',
                       hint="rename or remove one of them")
            return
        self.check_identifier(name.name, where.key_span(), what)
        into[name] = (spec, where)

    def _enum(self, name: ir.QualifiedName, spec: EnumSpec, where: Located) -> ir.Enum:
        seen: set[str] = set()
        for i, value in enumerate(spec.values):
            if value in seen:
                self.error(where.span("values", i), "E205",
                           f'enum "{name}" lists the value "{value}" twice')
            seen.add(value)
            if identifier_too_long(value):
                self.error(where.span("values", i), "E201",
                           f'enum value "{value}" is longer than 63 bytes')
        for old_label, new_label in spec.renamed_values.items():
            if new_label not in spec.values:
                self.error(where.span("renamed_values", old_label), "E206",
                           f'enum "{name}" renames "{old_label}" to "{new_label}", which is not '
                           "one of its values", hint="list the new label under `values:`")
            if old_label in spec.values:
                self.error(where.key_span("renamed_values", old_label), "E206",
                           f'enum "{name}" renames "{old_label}" but still lists it in `values:`')
        self.check_text(spec.comment, where, ("comment",), f'comment of enum "{name}"')
        for i, value in enumerate(spec.values):
            self.check_text(value, where, ("values", i), f'label of enum "{name}"')
        return ir.Enum(name, tuple(spec.values), spec.comment, model_name(name.name, None),
                       tuple(sorted(spec.renamed_values.items())), where.key_span())

    def _table(self, name: ir.QualifiedName, spec: TableSpec, where: Located) -> ir.Table:
        table_name = name.name
        columns = tuple(self._column(name, col, cspec, where)
                        for col, cspec in spec.columns.items())
        column_names = {c.name for c in columns}

        def check_columns(cols: Iterable[str], *path: str | int, what: str) -> None:
            for i, col in enumerate(cols):
                if col not in column_names:
                    self.error(where.span(*path, i), "E210",
                               f'{what} of table "{name}" names unknown column "{col}"'
                               f"{did_you_mean(col, column_names)}")

        primary_key = self._primary_key(name, spec, where, check_columns)
        if primary_key is not None:
            columns = tuple(replace(c, nullable=False) if c.name in primary_key.columns else c
                            for c in columns)
            for col in primary_key.columns:
                cspec = spec.columns.get(col)
                if cspec is not None and cspec.nullable:
                    self.error(where.span("columns", col), "E211",
                               f'primary key column "{name}.{col}" cannot be nullable',
                               hint="remove `nullable: true` (or the trailing ?)")

        uniques: list[ir.Unique] = []
        for col, cspec in spec.columns.items():
            if cspec.unique:
                uniques.append(ir.Unique(default_name(table_name, [col], "key"), (col,),
                                         where.span("columns", col)))
        for i, cols in enumerate(spec.unique):
            check_columns(cols, "unique", i, what="unique constraint")
            uniques.append(ir.Unique(default_name(table_name, cols, "key"), tuple(cols),
                                     where.span("unique", i)))

        checks: list[ir.Check] = []
        for col, cspec in spec.columns.items():
            if cspec.check is not None:
                path = ("columns", col, "check")
                self._expression(cspec.check, where, path, name, column_names)
                checks.append(ir.Check(default_name(table_name, [col], "check"), cspec.check,
                                       where.span(*path)))
        for check_name, expression in spec.checks.items():
            self.check_identifier(check_name, where.key_span("checks", check_name), "check")
            self._expression(expression, where, ("checks", check_name), name, column_names)
            checks.append(ir.Check(check_name, expression, where.span("checks", check_name)))

        foreign_keys = self._foreign_keys(name, spec, where, columns, check_columns)
        indexes = self._indexes(name, spec, where, columns, check_columns)
        policies = self._policies(name, spec, where, column_names)
        grants = tuple(
            ir.Grant(role, ("all",) if "all" in privileges else tuple(sorted(set(privileges))))
            for role, privileges in sorted(spec.grants.items())
        )
        self._check_unique_names(name, where, primary_key, uniques, checks, foreign_keys)
        self.check_text(spec.comment, where, ("comment",), f'comment of table "{name}"')
        model = model_name(table_name, spec.model)
        return ir.Table(
            name=name, model=model, columns=columns, primary_key=primary_key,
            uniques=tuple(sorted(uniques, key=lambda u: u.name)),
            checks=tuple(sorted(checks, key=lambda c: c.name)),
            foreign_keys=tuple(sorted(foreign_keys, key=lambda f: f.name)),
            indexes=tuple(sorted(indexes, key=lambda x: x.name)),
            rls=spec.rls, policies=tuple(sorted(policies, key=lambda p: p.name)), grants=grants,
            comment=spec.comment, lint_ignore=self._lint_ignore(spec.lint_ignore, where, ()),
            renamed_from=qualify(spec.renamed_from, name.schema if "." not in
                                  spec.renamed_from else None) if spec.renamed_from else None,
            span=where.key_span(),
        )

    def _primary_key(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
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

    def _check_unique_names(self, name: ir.QualifiedName, where: Located,
                            primary_key: ir.PrimaryKey | None, *groups: Iterable[Any]) -> None:
        seen: dict[str, Span | None] = {}
        everything = ([primary_key] if primary_key else []) + [x for g in groups for x in g]
        for item in everything:
            if item.name in seen:
                self.error(item.span or where.key_span(), "E213",
                           f'table "{name}" has two constraints named "{item.name}"',
                           hint="give one of them an explicit, different name")
            seen[item.name] = item.span
