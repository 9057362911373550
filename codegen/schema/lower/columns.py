"""Columns: types, defaults, identity, comments."""

from __future__ import annotations

from codegen.schema import ir
from codegen.schema.defaults import DefaultError, literal_default
from codegen.schema.lower.context import Located
from codegen.schema.lower.json_columns import JsonColumns
from codegen.schema.lower.types import Types
from codegen.schema.pgtypes import INTEGER_TYPES
from codegen.spec.models import ColumnSpec


class Columns(Types, JsonColumns):
    """Builds the columns of a table."""

    def lower_column(self, table: ir.QualifiedName, name: str, spec: ColumnSpec,
                     where: Located) -> ir.Column:
        path = ("columns", name)
        self.check_identifier(name, where.key_span(*path), "column")
        column_type = self.resolve_type(spec.type, table.schema, where, (*path, "type"), "column")
        default: ir.Default | None = None
        set_keys = spec.model_fields_set
        if "default" in set_keys and spec.default_sql is not None:
            self.error(where.span(*path, "default_sql"), "E220",
                       f'column "{table}.{name}" has both `default` and `default_sql`',
                       hint="`default` is a literal value, `default_sql` an SQL expression: "
                       "keep one")
        elif "default" in set_keys and spec.default is not None and column_type is not None:
            enum = self.enums.get(column_type.enum) if column_type.enum else None
            try:
                sql = literal_default(spec.default, column_type,
                                      tuple(enum[0].values) if enum else ())
                default = ir.Default(sql, literal=True)
            except DefaultError as err:
                self.error(where.span(*path, "default"), "E221",
                           f'default of column "{table}.{name}" does not fit its type '
                           f"{spec.type}: {err}",
                           hint="or use `default_sql:` for an SQL expression")
        elif spec.default_sql is not None:
            self.expression(spec.default_sql, where, (*path, "default_sql"), table, set(),
                            allow_columns=False, subqueries="a column default")
            default = ir.Default(spec.default_sql.strip(), literal=False)
        if spec.identity is not None:
            if column_type is not None and (
                column_type.base not in INTEGER_TYPES or column_type.array_dims
            ):
                self.error(where.span(*path, "identity"), "E222",
                           f'identity column "{table}.{name}" must be smallint, integer or '
                           f"bigint, not {spec.type}")
            if default is not None:
                self.error(where.span(*path, "identity"), "E223",
                           f'identity column "{table}.{name}" cannot also have a default')
            if spec.nullable:
                self.error(where.span(*path, "identity"), "E224",
                           f'identity column "{table}.{name}" cannot be nullable')
        resolved = column_type or ir.ColumnType("text")
        for key in ("using", "backfill"):
            text = getattr(spec, key)
            if text is not None:
                self.expression(text, where, (*path, key), table, set(self.tables[table][0].columns)
                                if table in self.tables else set(),
                                subqueries="the USING of a type change" if key == "using" else None)
        if spec.renamed_from is not None:
            self.check_identifier(spec.renamed_from, where.span(*path, "renamed_from"), "column")
        self.check_text(spec.comment, where, (*path, "comment"),
                        f'comment of column "{table}.{name}"')
        return ir.Column(
            name=name, type=resolved, nullable=spec.nullable, default=default,
            identity=spec.identity, comment=spec.comment, renamed_from=spec.renamed_from,
            using=spec.using, backfill=spec.backfill,
            lint_ignore=self.lint_ignores(spec.lint_ignore, where, path),
            span=where.key_span(*path),
            json_schema=self.lower_json_schema(table, name, spec, where, column_type),
        )
