"""Supabase's ``Database`` type (``database.types.ts``), byte for byte as Supabase's generator
writes it for the schemas it is asked for (``public`` by default; ``api_schemas`` in the
configuration, as the CLI's ``--schema`` list), computed from the IR instead of a live
database.

The reference is ``@supabase/postgres-meta`` 0.99.0 with ``@supabase/postgrest-typegen``
0.2.5 (run with ``PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS`` and one-to-one detection on, as
the Supabase CLI runs it), formatted by oxfmt (``semi: false``, ``printWidth: 80``).
docs/supabase-typegen.md describes every rule reproduced here; tests/test_typescript_oracle.py
applies each golden spec to PostgreSQL, runs that generator and compares the bytes.

Tables, enums, functions and foreign keys of other schemas are left out the way the
generator leaves them out: an enum of another schema used by a column is spelled inline as
the union of its labels, a foreign key to another schema's table is not listed. Tables the
spec does not own (auth.users, storage.objects) never appear. Functions:
:mod:`codegen.emit.database_functions`.
"""

from __future__ import annotations

from collections.abc import Sequence

from codegen.emit.database_functions import FunctionTypes
from codegen.emit.database_views import (
    all_relationships,
    relationship_lines,
    relationships_of,
    views_section,
)
from codegen.emit.json_types import JsonTypes, ts_declarations
from codegen.emit.ts_layout import array_line, member_line
from codegen.emit.ts_text import en_collation_key, ts_key, ts_string
from codegen.emit.ts_types import (
    JSON_TYPE,
    TsAtom,
    TsMember,
    TsObject,
    TsType,
    column_format,
    has_default,
    literal_union,
    not_null,
    nullable,
    pg_type_to_ts,
)
from codegen.schema import ir

DEFAULT_SCHEMAS = ("public",)  # what the generator is asked for unless configured

EMPTY = "[_ in never]: never"

# The generator's fixed helper types, verbatim (DefaultSchema is always "public").
HELPERS = """\
type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never"""


def emit_database_types(schema: ir.Schema, existing: str | None = None,
                        schemas: Sequence[str] = DEFAULT_SCHEMAS) -> str:
    """The whole ``database.types.ts`` for ``schemas``; ``existing`` is ignored (the file is
    generated whole).

    Like the generator's stdout it ends with an empty line (``} as const\\n\\n``)."""
    del existing
    return database_types_text(schema, schemas=schemas)


def database_types_text(schema: ir.Schema, typed: JsonTypes | None = None,
                        schemas: Sequence[str] = DEFAULT_SCHEMAS) -> str:
    """The file's text; with ``typed``, json columns with a JSON Schema get its type (see
    :mod:`codegen.emit.typed_database`)."""
    return "\n".join(_DatabaseTypes(schema, schemas, typed or {}).lines()) + "\n\n"


def _database(schema_name: str) -> str:
    return f"Database[{ts_string(schema_name)}]"


class _DatabaseTypes:
    def __init__(self, schema: ir.Schema, schemas: Sequence[str], typed: JsonTypes) -> None:
        self.schema = schema
        self.typed = typed
        self.schemas = sorted(set(schemas), key=en_collation_key)
        included = set(self.schemas)
        # Enums without labels are no enums to the generator (it tests `enums.length > 0`).
        enums = [enum for enum in schema.enums if enum.values]
        enums.sort(key=lambda e: (en_collation_key(e.name.schema), en_collation_key(e.name.name)))
        self.enums_by_name: dict[str, list[ir.Enum]] = {}
        for enum in enums:
            self.enums_by_name.setdefault(enum.name.name, []).append(enum)
        tables = [t for t in schema.tables if t.name.schema in included and not t.external]
        tables.sort(key=lambda t: (en_collation_key(t.name.schema), en_collation_key(t.name.name)))
        self.tables = {table.name: table for table in tables}
        self.tables_by_name: dict[str, list[ir.Table]] = {}
        for table in tables:
            self.tables_by_name.setdefault(table.name.name, []).append(table)
        self.table_names = {t.name.name for t in tables}
        self.all_relationships = all_relationships(schema)

    # -- types --------------------------------------------------------------------------------

    def named(self, udt: str, type_schema: str | None) -> TsType | None:
        candidates = self.enums_by_name.get(udt)
        if candidates:
            enum = next((e for e in candidates if e.name.schema == type_schema), candidates[0])
            if enum.name.schema in self.schemas:
                return TsAtom(f'{_database(enum.name.schema)}["Enums"][{ts_string(enum.name.name)}]')
            return literal_union(enum.values)
        tables = self.tables_by_name.get(udt)
        if tables:
            table = next((t for t in tables if t.name.schema == type_schema), tables[0])
            return TsAtom(f'{_database(table.name.schema)}["Tables"]'
                          f'[{ts_string(table.name.name)}]["Row"]')
        return None

    def value_type(self, column_type: ir.ColumnType) -> TsType:
        udt, type_schema = column_format(column_type)
        return pg_type_to_ts(udt, type_schema, self.named)

    def column_type(self, column: ir.Column, table: ir.QualifiedName) -> TsType:
        typed = self.typed.get((table, column.name))
        if typed is not None:
            return nullable(TsAtom(typed.name)) if column.nullable else TsAtom(typed.name)
        base = self.value_type(column.type)
        return nullable(base) if column.nullable else not_null(base)

    def row_object(self, table: ir.Table) -> TsObject:
        columns = sorted(table.columns, key=lambda c: en_collation_key(c.name))
        return TsObject(tuple(TsMember(ts_key(c.name), self.column_type(c, table.name))
                              for c in columns), expanded=True)

    # -- the file -----------------------------------------------------------------------------

    def lines(self) -> list[str]:
        out = [JSON_TYPE, *(line for t in self.typed.values() for line in ["", *ts_declarations(t)]),
               "", "export type Database = {"]
        for schema_name in self.schemas:
            out += self.schema_lines(schema_name)
        out += ["}", "", HELPERS, "", "export const Constants = {"]
        for schema_name in self.schemas:
            enums = self.schema_enums(schema_name)
            out.append(f"  {ts_key(schema_name)}: {{")
            if not enums:
                out.append("    Enums: {},")
            else:
                out.append("    Enums: {")
                for enum in enums:
                    labels = [ts_string(value) for value in enum.values]
                    out.append(array_line(6, f"{ts_key(enum.name.name)}: ", labels, ","))
                out.append("    },")
            out.append("  },")
        out += ["} as const"]
        return out

    def schema_enums(self, schema_name: str) -> list[ir.Enum]:
        return sorted((e for e in self.schema.enums if e.values and e.name.schema == schema_name),
                      key=lambda e: en_collation_key(e.name.name))

    def schema_lines(self, schema_name: str) -> list[str]:
        functions = FunctionTypes(self.schema, schema_name, self.tables, self.value_type,
                                  self.row_object)
        tables = [t for t in self.tables.values() if t.name.schema == schema_name]
        out = [f"  {ts_key(schema_name)}: {{", "    Tables: {"]
        if not tables:
            out.append(f"      {EMPTY}")
        for table in tables:
            out.extend(self.table(table, functions.computed_fields(table)))
        out += ["    }", "    Views: {",
                *views_section(self.schema, schema_name, self.named, self.all_relationships),
                "    }", "    Functions: {"]
        entries = functions.entries()
        if not entries:
            out.append(f"      {EMPTY}")
        for key, value in entries:
            out.append(member_line(6, f"{key}: ", value))
        out += ["    }", "    Enums: {"]
        enums = self.schema_enums(schema_name)
        if not enums:
            out.append(f"      {EMPTY}")
        for enum in enums:
            out.append(member_line(6, f"{ts_key(enum.name.name)}: ", literal_union(enum.values)))
        out += ["    }", "    CompositeTypes: {", f"      {EMPTY}", "    }", "  }"]
        return out

    def table(self, table: ir.Table, computed: list[TsMember]) -> list[str]:
        columns = sorted(table.columns, key=lambda c: en_collation_key(c.name))
        types = {column.name: self.column_type(column, table.name) for column in columns}
        out = [f"      {ts_key(table.name.name)}: {{"]
        for section in ("Row", "Insert", "Update"):
            extra = computed if section == "Row" else []
            if not columns and not extra:
                out.append(f"        {section}: {{}}")
                continue
            out.append(f"        {section}: {{")
            for column in columns:
                key = ts_key(column.name)
                if section != "Row" and column.identity == "always":
                    out.append(f"          {key}?: never")
                    continue
                optional = section == "Update" or (section == "Insert" and (
                    column.nullable or column.identity is not None or has_default(column)))
                head = f"{key}?: " if optional else f"{key}: "
                out.append(member_line(10, head, types[column.name]))
            for member in extra:
                out.append(member_line(10, f"{member.key}: ", member.type))
            out.append("        }")
        out += relationship_lines(relationships_of(self.all_relationships, table.name))
        out.append("      }")
        return out
