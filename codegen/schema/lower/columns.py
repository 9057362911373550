"""Columns: types (built-in or an enum of the spec), defaults, identity, comments."""

from __future__ import annotations

from codegen.schema import ir
from codegen.schema.defaults import DefaultError, literal_default
from codegen.schema.lower.context import DEFAULT_SCHEMA, Context, Located, did_you_mean, qualify
from codegen.schema.pgtypes import INTEGER_TYPES, TypeSyntaxError, parse_type
from codegen.spec.document import Path
from codegen.spec.models import ColumnSpec


class Columns(Context):
    """Builds the columns of a table."""

    def lower_column(self, table: ir.QualifiedName, name: str, spec: ColumnSpec,
                     where: Located) -> ir.Column:
        path = ("columns", name)
        self.check_identifier(name, where.key_span(*path), "column")
        column_type = self._type(table, spec.type, where, (*path, "type"))
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
                             allow_columns=False)
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
                                 if table in self.tables else set())
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
        )

    def _type(self, table: ir.QualifiedName, text: str, where: Located,
              path: Path) -> ir.ColumnType | None:
        try:
            parsed = parse_type(text)
        except TypeSyntaxError as err:
            self.error(where.span(*path), "E230", str(err))
            return None
        if parsed.builtin:
            return ir.ColumnType(parsed.name, parsed.args, parsed.array_dims)
        candidates = [qualify(parsed.name, None)] if "." in parsed.name else [
            ir.QualifiedName(table.schema, parsed.name), ir.QualifiedName(DEFAULT_SCHEMA, parsed.name)
        ]
        for candidate in candidates:
            if candidate in self.enums:
                return ir.ColumnType(candidate.name, (), parsed.array_dims, candidate)
        from codegen.schema.pgtypes import BUILTINS

        known = [*BUILTINS, *(e.name for e in self.enums), *(str(e) for e in self.enums)]
        self.error(where.span(*path), "E231",
                   f'column type "{parsed.name}" is neither a supported type nor an enum of the '
                   f"spec{did_you_mean(parsed.name, known)}",
                   hint="define it under `enums:` or use a supported type (see docs/spec.md)")
        return None
