"""Checks over the whole schema: the names of the generated types and of relations, and
the migration name."""

from __future__ import annotations

from codegen.diagnostics import Span
from codegen.schema import ir
from codegen.schema.destructive import DESTRUCTIVE_KINDS
from codegen.schema.lower.context import Context, did_you_mean
from codegen.workspace import SPLIT_SUFFIXES_TEXT, is_reserved_migration_name

# Names the generated files define or import themselves: Supabase's helper types in
# database.types.ts, and the imports of the pydantic models.
RESERVED_TYPE_NAMES = frozenset({
    "Json", "Database", "Tables", "TablesInsert", "TablesUpdate", "Enums", "CompositeTypes",
    "Constants", "DefaultSchema", "BaseModel", "ConfigDict", "Field", "RootModel",
    "AwareDatetime", "NaiveDatetime", "JsonValue", "MISSING", "UUID", "Decimal", "StrEnum",
    "Enum", "Annotated", "Any", "Literal", "IPvAnyInterface", "TypeAlias",
})


class SchemaNames(Context):
    """Checks the names that must be unique across the whole schema."""

    def check_allow_destructive(self) -> None:
        """Each key names a kind of destructive change and an object: a typo would otherwise
        acknowledge nothing, silently."""
        for doc, spec in self.files:
            for i, key in enumerate(spec.allow_destructive):
                kind, colon, target = key.partition(":")
                suggestion = "" if kind in DESTRUCTIVE_KINDS else \
                    did_you_mean(kind, DESTRUCTIVE_KINDS)
                if kind in DESTRUCTIVE_KINDS and colon and target.strip():
                    continue
                self.error(doc.span(("allow_destructive", i)), "E209",
                           f'"{key}" is not a key of a destructive change'
                           f"{suggestion}",
                           hint="write <kind>:<object>, as `codegen diff` prints it, e.g. "
                                "drop_column:public.notes.body; kinds: "
                                + ", ".join(DESTRUCTIVE_KINDS))

    def migration_name(self) -> str | None:
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

    def check_models(self, enums: tuple[ir.Enum, ...], tables: tuple[ir.Table, ...],
                     views: tuple[ir.View, ...] = ()) -> None:
        """Every generated type name (and its Insert/Update/Values twins) is unique and free."""
        seen: dict[str, str] = {}
        items: tuple[ir.Enum | ir.Table | ir.View, ...] = (*enums, *tables, *views)
        for item in items:
            kind = {ir.Enum: "enum", ir.Table: "table", ir.View: "view"}[type(item)]
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

    def check_relation_names(self, tables: tuple[ir.Table, ...]) -> None:
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
