"""Stage 3: lower validated spec files into the resolved, frozen IR.

Merges the files, resolves names (tables, enums, foreign-key targets), fills in
PostgreSQL's default constraint and index names, turns literal defaults into
SQL, and checks everything PostgreSQL would reject later. Problems are
collected across the whole spec and raised together as one SpecError.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from codegen import ir
from codegen.defaults import DefaultError, literal_default
from codegen.diagnostics import Diagnostic, Span, SpecError
from codegen.load import Document, Path
from codegen.models import model_name
from codegen.naming import default_name, identifier_too_long
from codegen.pgtypes import INTEGER_TYPES, TypeSyntaxError, has_default_opclass, parse_type
from codegen.spec import ColumnSpec, EnumSpec, SpecFile, TableSpec
from codegen.sqlexpr import ExpressionError, parse_expression
from codegen.supabase import EXTERNAL_PRIMARY_KEYS, EXTERNAL_TABLES
from codegen.workspace import SPLIT_SUFFIXES_TEXT, is_reserved_migration_name

DEFAULT_SCHEMA = "public"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, exactly
# Names the generated files define or import themselves: Supabase's helper types in
# database.types.ts, and the imports of the pydantic models.
RESERVED_TYPE_NAMES = frozenset({
    "Json", "Database", "Tables", "TablesInsert", "TablesUpdate", "Enums", "CompositeTypes",
    "Constants", "DefaultSchema", "BaseModel", "ConfigDict", "Field", "RootModel",
    "AwareDatetime", "NaiveDatetime", "JsonValue", "MISSING", "UUID", "Decimal", "StrEnum",
    "Enum", "Annotated", "Any", "Literal", "IPvAnyInterface", "TypeAlias",
})


@dataclass(frozen=True)
class _Located:
    """Where a spec object was written: its document and path, for the messages about it."""

    doc: Document
    path: Path

    def span(self, *more: str | int) -> Span:
        return self.doc.span((*self.path, *more))

    def key_span(self, *more: str | int) -> Span:
        return self.doc.key_span((*self.path, *more))


def lower(files: list[tuple[Document, SpecFile]]) -> ir.Schema:
    return _Lowering(files).run()


def _qualify(key: str, schema: str | None) -> ir.QualifiedName:
    if schema is not None:
        return ir.QualifiedName(schema, key)
    if "." in key:
        first, _, rest = key.partition(".")
        return ir.QualifiedName(first, rest)
    return ir.QualifiedName(DEFAULT_SCHEMA, key)


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f' (did you mean "{found[0]}"?)' if found else ""


class _Lowering:
    def __init__(self, files: list[tuple[Document, SpecFile]]) -> None:
        self.files = files
        self.diagnostics: list[Diagnostic] = []
        self.enums: dict[ir.QualifiedName, tuple[EnumSpec, _Located]] = {}
        self.tables: dict[ir.QualifiedName, tuple[TableSpec, _Located]] = {}

    def error(self, span: Span, code: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(span, code, message, hint))

    def check_identifier(self, name: str, span: Span, what: str) -> None:
        if _CONTROL.search(name):
            # NUL cannot be in an identifier at all; other control characters can, quoted,
            # but only by accident, and they would break the line structure of every output.
            self.error(span, "E207", f"{what} name {name!r} contains a control character",
                       hint="use printable characters only")
        if identifier_too_long(name):
            self.error(
                span, "E201", f'{what} "{name}" is {len(name.encode())} bytes long; '
                "PostgreSQL truncates identifiers to 63 bytes", hint="choose a shorter name"
            )

    # -- merging ---------------------------------------------------------------------------------

    def run(self) -> ir.Schema:
        migration = self._migration_name()
        for doc, spec in self.files:
            for key, enum_spec in spec.enums.items():
                self._register(self.enums, _qualify(key, enum_spec.schema_), enum_spec,
                               _Located(doc, ("enums", key)), "enum")
            for key, table_spec in spec.tables.items():
                self._register(self.tables, _qualify(key, table_spec.schema_), table_spec,
                               _Located(doc, ("tables", key)), "table")
        enums = tuple(self._enum(name, *self.enums[name]) for name in sorted(self.enums))
        tables = tuple(self._table(name, *self.tables[name]) for name in sorted(self.tables))
        self._check_models(enums, tables)
        self._check_relation_names(tables)
        if self.diagnostics:
            raise SpecError(self.diagnostics)
        sources = tuple(sorted({doc.file for doc, _ in self.files}))
        allowed = frozenset(key for _, spec in self.files for key in spec.allow_destructive)
        return ir.Schema(enums, tables, migration, sources, allowed)

    def _migration_name(self) -> str | None:
        names = [(spec.migration, doc) for doc, spec in self.files if spec.migration]
        distinct = sorted({name for name, _ in names})
        if len(distinct) > 1:
            for name, doc in names[1:]:
                self.error(doc.span(("migration",)), "E202",
                           f'conflicting migration names: "{name}" and "{names[0][0]}"',
                           hint="set `migration:` in one file only")
        for name, doc in names:
            if not name.replace("_", "").isalnum() or not name.isascii() or \
                    is_reserved_migration_name(name):
                self.error(doc.span(("migration",)), "E203",
                           f'migration name "{name}" may only use letters, digits and _ (and may '
                           f"not end in {SPLIT_SUFFIXES_TEXT})",
                           hint="e.g. migration: add_audit_logs")
        return names[0][0] if names else None

    def _register(self, into: dict[ir.QualifiedName, Any], name: ir.QualifiedName, spec: Any,
                  where: _Located, what: str) -> None:
        if name in into:
            first = into[name][1].key_span()
            self.error(where.key_span(), "E204",
                       f'{what} "{name}" is defined twice (first at {first})',
                       hint="rename or remove one of them")
            return
        self.check_identifier(name.name, where.key_span(), what)
        into[name] = (spec, where)

    # -- enums -----------------------------------------------------------------------------------

    def _enum(self, name: ir.QualifiedName, spec: EnumSpec, where: _Located) -> ir.Enum:
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

    # -- tables ----------------------------------------------------------------------------------

    def _table(self, name: ir.QualifiedName, spec: TableSpec, where: _Located) -> ir.Table:
        table_name = name.name
        columns = tuple(self._column(name, col, cspec, where)
                        for col, cspec in spec.columns.items())
        column_names = {c.name for c in columns}

        def check_columns(cols: Iterable[str], *path: str | int, what: str) -> None:
            for i, col in enumerate(cols):
                if col not in column_names:
                    self.error(where.span(*path, i), "E210",
                               f'{what} of table "{name}" names unknown column "{col}"'
                               f"{_did_you_mean(col, column_names)}")

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
            renamed_from=_qualify(spec.renamed_from, name.schema if "." not in
                                  spec.renamed_from else None) if spec.renamed_from else None,
            span=where.key_span(),
        )

    def _primary_key(self, name: ir.QualifiedName, spec: TableSpec, where: _Located,
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

    def _check_unique_names(self, name: ir.QualifiedName, where: _Located,
                            primary_key: ir.PrimaryKey | None, *groups: Iterable[Any]) -> None:
        seen: dict[str, Span | None] = {}
        everything = ([primary_key] if primary_key else []) + [x for g in groups for x in g]
        for item in everything:
            if item.name in seen:
                self.error(item.span or where.key_span(), "E213",
                           f'table "{name}" has two constraints named "{item.name}"',
                           hint="give one of them an explicit, different name")
            seen[item.name] = item.span

    # -- columns ---------------------------------------------------------------------------------

    def _column(self, table: ir.QualifiedName, name: str, spec: ColumnSpec,
                where: _Located) -> ir.Column:
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
            self._expression(spec.default_sql, where, (*path, "default_sql"), table, set(),
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
                self._expression(text, where, (*path, key), table, set(self.tables[table][0].columns)
                                 if table in self.tables else set())
        if spec.renamed_from is not None:
            self.check_identifier(spec.renamed_from, where.span(*path, "renamed_from"), "column")
        self.check_text(spec.comment, where, (*path, "comment"),
                        f'comment of column "{table}.{name}"')
        return ir.Column(
            name=name, type=resolved, nullable=spec.nullable, default=default,
            identity=spec.identity, comment=spec.comment, renamed_from=spec.renamed_from,
            using=spec.using, backfill=spec.backfill,
            lint_ignore=self._lint_ignore(spec.lint_ignore, where, path),
            span=where.key_span(*path),
        )

    def _type(self, table: ir.QualifiedName, text: str, where: _Located,
              path: Path) -> ir.ColumnType | None:
        try:
            parsed = parse_type(text)
        except TypeSyntaxError as err:
            self.error(where.span(*path), "E230", str(err))
            return None
        if parsed.builtin:
            return ir.ColumnType(parsed.name, parsed.args, parsed.array_dims)
        candidates = [_qualify(parsed.name, None)] if "." in parsed.name else [
            ir.QualifiedName(table.schema, parsed.name), ir.QualifiedName(DEFAULT_SCHEMA, parsed.name)
        ]
        for candidate in candidates:
            if candidate in self.enums:
                return ir.ColumnType(candidate.name, (), parsed.array_dims, candidate)
        from codegen.pgtypes import BUILTINS

        known = [*BUILTINS, *(e.name for e in self.enums), *(str(e) for e in self.enums)]
        self.error(where.span(*path), "E231",
                   f'column type "{parsed.name}" is neither a supported type nor an enum of the '
                   f"spec{_did_you_mean(parsed.name, known)}",
                   hint="define it under `enums:` or use a supported type (see docs/spec.md)")
        return None

    # -- expressions -----------------------------------------------------------------------------

    def _expression(self, text: str, where: _Located, path: Path, table: ir.QualifiedName,
                    columns: set[str], allow_columns: bool = True) -> None:
        try:
            expression = parse_expression(text)
        except ExpressionError as err:
            self.error(where.doc.offset_span((*where.path, *path), err.offset), "E240",
                       f"{err.message}", hint="write a single SQL expression, e.g. "
                       "(select auth.uid()) = user_id")
            return
        for ref in expression.columns:
            if ref.qualifier not in (None, table.name):
                continue
            if not allow_columns:
                self.error(where.doc.offset_span((*where.path, *path), ref.offset), "E241",
                           f'a column default cannot refer to column "{ref.name}"',
                           hint="use a constant or a function call such as now()")
            elif ref.name not in columns:
                self.error(where.doc.offset_span((*where.path, *path), ref.offset), "E242",
                           f'expression refers to unknown column "{ref.name}" of table '
                           f'"{table}"{_did_you_mean(ref.name, columns)}')

    # -- foreign keys ----------------------------------------------------------------------------

    def _foreign_keys(self, name: ir.QualifiedName, spec: TableSpec, where: _Located,
                      columns: tuple[ir.Column, ...], check_columns: Any) -> list[ir.ForeignKey]:
        by_name = {c.name: c for c in columns}
        result: list[ir.ForeignKey] = []
        fk_paths: dict[str, Path] = {}
        for col, cspec in spec.columns.items():
            ref = cspec.references
            if ref is None:
                continue
            path: Path = ("columns", col, "references")
            target = self._target_table(ref.table, name, where, (*path, "table"))
            if target is None:
                continue
            target_column = ref.column or self._target_primary_key(target, where, path)
            if target_column is None:
                continue
            self._check_target_columns(name, (col,), target, (target_column,), by_name, where,
                                       path)
            fk_name = ref.name or default_name(name.name, [col], "fkey")
            fk_paths[fk_name] = path
            result.append(ir.ForeignKey(fk_name, (col,), target, (target_column,), ref.on_delete,
                                        ref.on_update, where.span(*path)))
        for i, fk in enumerate(spec.foreign_keys):
            path = ("foreign_keys", i)
            check_columns(fk.columns, *path, "columns", what="foreign key")
            target = self._target_table(fk.references.table, name, where,
                                        (*path, "references", "table"))
            if target is None:
                continue
            if len(fk.columns) != len(fk.references.columns):
                self.error(where.span(*path, "references", "columns"), "E253",
                           f"foreign key of table \"{name}\" has {len(fk.columns)} column(s) but "
                           f"references {len(fk.references.columns)}")
                continue
            self._check_target_columns(name, tuple(fk.columns), target,
                                       tuple(fk.references.columns), by_name, where, path)
            fk_name = fk.name or default_name(name.name, fk.columns, "fkey")
            fk_paths[fk_name] = path
            result.append(ir.ForeignKey(fk_name, tuple(fk.columns), target,
                                        tuple(fk.references.columns), fk.on_delete, fk.on_update,
                                        where.span(*path)))
        for foreign_key in result:
            self._check_actions(name, foreign_key, by_name, where, fk_paths[foreign_key.name])
        return result

    def _check_actions(self, name: ir.QualifiedName, fk: ir.ForeignKey,
                       by_name: dict[str, ir.Column], where: _Located, path: Path) -> None:
        # PostgreSQL accepts these at CREATE time and fails only when a row is deleted.
        for key, action in (("on_delete", fk.on_delete), ("on_update", fk.on_update)):
            for col in fk.columns:
                column = by_name.get(col)
                if column is None or column.nullable:
                    continue
                if action == "set null":
                    self.error(where.span(*path), "E255",
                               f'{key}: set null on foreign key "{fk.name}", but column '
                               f'"{name}.{col}" is NOT NULL', hint="make the column "
                               "nullable or choose another action, e.g. cascade")
                elif action == "set default" and column.default is None:
                    self.error(where.span(*path), "E256",
                               f'{key}: set default on foreign key "{fk.name}", but column '
                               f'"{name}.{col}" has no default and is NOT NULL',
                               hint="give the column a default or choose another action")

    def _target_table(self, text: str, source: ir.QualifiedName, where: _Located,
                      path: Path) -> ir.QualifiedName | None:
        target = _qualify(text, None)
        if "." not in text and source.schema != DEFAULT_SCHEMA:
            local = ir.QualifiedName(source.schema, text)
            if local in self.tables:
                return local
        if target in self.tables or target in EXTERNAL_TABLES:
            return target
        if "." in text:
            known = [str(t) for t in (*self.tables, *EXTERNAL_TABLES)]
        else:
            known = [t.name for t in self.tables if t.schema == DEFAULT_SCHEMA]
        self.error(where.span(*path), "E250",
                   f'column references unknown table "{target}"{_did_you_mean(text, known)}',
                   hint="reference a table of the spec or a Supabase table such as auth.users")
        return None

    def _target_primary_key(self, target: ir.QualifiedName, where: _Located,
                            path: Path) -> str | None:
        if target in EXTERNAL_PRIMARY_KEYS:
            return EXTERNAL_PRIMARY_KEYS[target]
        spec = self.tables[target][0]
        keys = spec.primary_key or [c for c, s in spec.columns.items() if s.primary_key]
        if len(keys) == 1:
            return keys[0]
        self.error(where.span(*path), "E251",
                   f'table "{target}" has no single-column primary key to reference',
                   hint="name the referenced column with `column:`")
        return None

    def _check_target_columns(self, source: ir.QualifiedName, columns: tuple[str, ...],
                              target: ir.QualifiedName, target_columns: tuple[str, ...],
                              by_name: dict[str, ir.Column], where: _Located, path: Path) -> None:
        if target in EXTERNAL_TABLES:
            available = EXTERNAL_TABLES[target]
            target_types = {c: available[c] for c in target_columns if c in available}
        else:
            target_spec, _ = self.tables[target]
            target_types = {}
            for c in target_columns:
                if c in target_spec.columns:
                    parsed = self._peek_type(target_spec.columns[c].type, target)
                    if parsed is not None:
                        target_types[c] = parsed
            available = {c: ir.ColumnType("text") for c in target_spec.columns}
        for col, target_col in zip(columns, target_columns):
            if target_col not in available:
                self.error(where.span(*path), "E252",
                           f'foreign key references unknown column "{target}.{target_col}"'
                           f"{_did_you_mean(target_col, available)}")
                continue
            own = by_name.get(col)
            other = target_types.get(target_col)
            if own is not None and other is not None and (
                own.type.base, own.type.array_dims, own.type.enum
            ) != (other.base, other.array_dims, other.enum):
                self.error(where.span(*path), "E254",
                           f'foreign key column "{source}.{col}" and referenced column '
                           f'"{target}.{target_col}" have different types',
                           hint="give both columns the same type")

    def _peek_type(self, text: str, table: ir.QualifiedName) -> ir.ColumnType | None:
        try:
            parsed = parse_type(text)
        except TypeSyntaxError:
            return None
        if parsed.builtin:
            return ir.ColumnType(parsed.name, parsed.args, parsed.array_dims)
        for candidate in (_qualify(parsed.name, None) if "." in parsed.name else
                          ir.QualifiedName(table.schema, parsed.name),
                          ir.QualifiedName(DEFAULT_SCHEMA, parsed.name)):
            if candidate in self.enums:
                return ir.ColumnType(candidate.name, (), parsed.array_dims, candidate)
        return None

    # -- indexes and policies --------------------------------------------------------------------

    def _indexes(self, name: ir.QualifiedName, spec: TableSpec, where: _Located,
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
                self._expression(index.where, where, (*path, "where"), name, column_names)
            if index.name is not None:
                self.check_identifier(index.name, where.span(*path, "name"), "index")
            # CREATE [UNIQUE] INDEX without a name: PostgreSQL says "_idx" either way.
            index_name = index.name or default_name(name.name, index.columns, "idx")
            result.append(ir.Index(index_name, tuple(index.columns), index.unique, index.using,
                                   index.where, index.opclass,
                                   self._lint_ignore(index.lint_ignore, where, path),
                                   where.span(*path)))
        return result

    def _policies(self, name: ir.QualifiedName, spec: TableSpec, where: _Located,
                  column_names: set[str]) -> list[ir.Policy]:
        result: list[ir.Policy] = []
        seen: set[str] = set()
        for i, policy in enumerate(spec.policies):
            path = ("policies", i)
            self.check_identifier(policy.name, where.span(*path, "name"), "policy")
            if policy.name in seen:
                self.error(where.span(*path, "name"), "E260",
                           f'table "{name}" has two policies named "{policy.name}"')
            seen.add(policy.name)
            if policy.with_check is not None and policy.for_ in ("select", "delete"):
                self.error(where.span(*path, "with_check"), "E261",
                           f'a "{policy.for_}" policy cannot have `with_check`',
                           hint="use `using:` to choose which rows it applies to")
            if policy.using is not None and policy.for_ == "insert":
                self.error(where.span(*path, "using"), "E262",
                           'an "insert" policy cannot have `using`',
                           hint="use `with_check:` to choose which new rows are allowed")
            if policy.using is None and policy.with_check is None:
                self.error(where.span(*path), "E263",
                           f'policy "{policy.name}" has neither `using` nor `with_check`',
                           hint='write `using: "true"` to allow every row explicitly')
            for key in ("using", "with_check"):
                text = getattr(policy, key)
                if text is not None:
                    self._expression(text, where, (*path, key), name, column_names)
            result.append(ir.Policy(
                policy.name, policy.for_, policy.as_ == "permissive",
                tuple(sorted(set(policy.to))), policy.using, policy.with_check,
                self._lint_ignore(policy.lint_ignore, where, path), where.span(*path),
            ))
        return result

    def check_text(self, text: str | None, where: _Located, path: Path, what: str) -> None:
        if text is not None and "\x00" in text:
            self.error(where.span(*path), "E208", f"{what} contains a NUL character, which PostgreSQL text "
                       "cannot hold", hint="remove it")

    def _lint_ignore(self, ignores: dict[str, str], where: _Located,
                     path: Path) -> tuple[tuple[str, str], ...]:
        for rule, reason in ignores.items():
            if not reason.strip():
                self.error(where.span(*path, "lint_ignore", rule), "E290",
                           f'lint_ignore of "{rule}" needs a reason',
                           hint=f'write why the finding does not apply: {rule}: "…"')
        return tuple(sorted(ignores.items()))

    # -- whole-schema checks ---------------------------------------------------------------------

    def _check_models(self, enums: tuple[ir.Enum, ...], tables: tuple[ir.Table, ...]) -> None:
        """Every generated type name (and its Insert/Update/Values twins) is unique and free."""
        seen: dict[str, str] = {}
        items: tuple[ir.Enum | ir.Table, ...] = (*enums, *tables)
        for item in items:
            kind = "enum" if isinstance(item, ir.Enum) else "table"
            label = f'{kind} "{item.name}"'
            span = item.span or Span("", 1, 1)
            if not item.model.isidentifier() or not item.model.isascii():
                self.error(span, "E273", f'{label} has the type name "{item.model}", which is not '
                           "a valid identifier", hint="use letters, digits and _ only")
                continue
            twins = ("Values",) if kind == "enum" else ("Insert", "Update")
            for name in (item.model, *(item.model + suffix for suffix in twins)):
                if name in RESERVED_TYPE_NAMES:
                    self.error(span, "E272", f'{label} would generate the type "{name}", which '
                               "the generated TypeScript or Python already uses",
                               hint="set `model: OtherName` on it")
                    break  # one message per object is enough
                if name in seen:
                    self.error(span, "E270", f'{label} and {seen[name]} both generate the type '
                               f'name "{name}"', hint="set `model: OtherName` on one of them")
                    break
            for name in (item.model, *(item.model + suffix for suffix in twins)):
                seen.setdefault(name, label)

    def _check_relation_names(self, tables: tuple[ir.Table, ...]) -> None:
        # Tables, indexes and the indexes behind primary keys and unique constraints share
        # one namespace per schema in PostgreSQL.
        seen: dict[tuple[str, str], str] = {}
        for table in tables:
            seen[(table.name.schema, table.name.name)] = f'table "{table.name}"'
        for table in tables:
            relations: list[ir.PrimaryKey | ir.Unique | ir.Index] = [
                *([table.primary_key] if table.primary_key else []), *table.uniques,
                *table.indexes]
            # Clashes inside one table's constraints are E213's; report each name once here.
            unique_relations = {rel.name: rel for rel in reversed(relations)}.values()
            for rel in unique_relations:
                key = (table.name.schema, rel.name)
                if key in seen:
                    self.error(rel.span or table.span or Span("", 1, 1), "E271",
                               f'"{rel.name}" on table "{table.name}" has the same name as '
                               f"{seen[key]}", hint="give the index or constraint another name")
                else:
                    seen[key] = f'the index or constraint "{rel.name}" of "{table.name}"'
