"""Lower a table: its columns and every part that belongs to it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from codegen.diagnostics import Span
from codegen.schema import ir
from codegen.schema.lower.columns import Columns
from codegen.schema.lower.constraints import Constraints
from codegen.schema.lower.context import Located, did_you_mean, qualify
from codegen.schema.lower.foreign_keys import ForeignKeys
from codegen.schema.lower.grants import Grants
from codegen.schema.lower.indexes import Indexes
from codegen.schema.lower.policies import Policies
from codegen.schema.lower.rls_tests import RlsTests
from codegen.schema.lower.rows import Rows
from codegen.schema.lower.triggers import Triggers
from codegen.schema.model_names import model_name
from codegen.schema.supabase import EXTERNAL_COLUMNS, EXTERNAL_SCHEMAS, EXTERNAL_TABLES
from codegen.spec.models import TableSpec


class Tables(Columns, Constraints, ForeignKeys, Indexes, Policies, Grants, Triggers,
             RlsTests, Rows):
    """Builds a table from its parts, each lowered by the module of its kind."""

    def lower_table(self, name: ir.QualifiedName, spec: TableSpec, where: Located) -> ir.Table:
        if spec.external or name.schema in EXTERNAL_SCHEMAS or name in EXTERNAL_TABLES:
            return self._external_table(name, spec, where)
        table_name = name.name
        columns = tuple(self.lower_column(name, col, cspec, where)
                        for col, cspec in spec.columns.items())
        column_names = {c.name for c in columns}

        def check_columns(cols: Iterable[str], *path: str | int, what: str) -> None:
            for i, col in enumerate(cols):
                if col not in column_names:
                    self.error(where.span(*path, i), "E210",
                               f'{what} of table "{name}" names unknown column "{col}"'
                               f"{did_you_mean(col, column_names)}")

        primary_key = self.lower_primary_key(name, spec, where, check_columns)
        if primary_key is not None:
            columns = tuple(replace(c, nullable=False) if c.name in primary_key.columns else c
                            for c in columns)
            for col in primary_key.columns:
                cspec = spec.columns.get(col)
                if cspec is not None and cspec.nullable:
                    self.error(where.span("columns", col), "E211",
                               f'primary key column "{name}.{col}" cannot be nullable',
                               hint="remove `nullable: true` (or the trailing ?)")

        uniques = self.lower_uniques(name, spec, where, check_columns)
        checks = self.lower_checks(name, spec, where, column_names)
        checks += self.lower_json_checks(name, spec, columns)

        foreign_keys = self.lower_foreign_keys(name, spec, where, columns, check_columns)
        indexes = self.lower_indexes(name, spec, where, columns, check_columns)
        policies = self.lower_policies(name, spec, where, column_names)
        grants = self.lower_grants(spec)
        triggers = self.lower_triggers(name, spec, where, column_names)
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
            realtime=spec.realtime, replica_identity=spec.replica_identity,
            rows=self.lower_rows(name, spec.rows, where, columns, primary_key),
            triggers=triggers,
            comment=spec.comment, lint_ignore=self.lint_ignores(spec.lint_ignore, where, ()),
            tests=self.lower_rls_tests(name, spec, where),
            renamed_from=qualify(spec.renamed_from, name.schema if "." not in
                                  spec.renamed_from else None) if spec.renamed_from else None,
            span=where.key_span(),
        )

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

    def _external_table(self, name: ir.QualifiedName, spec: TableSpec,
                        where: Located) -> ir.Table:
        """A table the spec does not own: only policies, grants and triggers are the spec's (and
        the tests of its policies)."""
        owned = ("columns", "primary_key", "unique", "checks", "foreign_keys", "indexes",
                 "renamed_from", "comment", "model", "rls", "realtime", "replica_identity",
                 "rows")
        for key in sorted(spec.model_fields_set & set(owned)):
            self.error(where.key_span(key), "E450",
                       f'table "{name}" is not the spec\'s (it exists already), so its `{key}` '
                       "cannot be declared here",
                       hint="an external table takes only policies, grants and triggers")
        columns = EXTERNAL_COLUMNS.get(name)
        policies = self.lower_policies(name, spec, where, columns)
        return ir.Table(
            name=name, model=model_name(name.name, None), columns=(), rls=True,
            policies=tuple(sorted(policies, key=lambda p: p.name)), grants=self.lower_grants(spec),
            triggers=self.lower_triggers(name, spec, where, columns), external=True,
            tests=self.lower_rls_tests(name, spec, where),
            lint_ignore=self.lint_ignores(spec.lint_ignore, where, ()), span=where.key_span(),
        )
