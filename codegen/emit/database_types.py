"""Supabase's ``Database`` type (``database.types.ts``), byte for byte as Supabase's generator
writes it for schema ``public``, computed from the IR instead of a live database.

The reference is ``@supabase/postgres-meta`` 0.99.0 with ``@supabase/postgrest-typegen``
0.2.5 (run with ``PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS=public`` and one-to-one
detection on, as the Supabase CLI runs it), formatted by oxfmt (``semi: false``,
``printWidth: 80``). docs/supabase-typegen.md describes every rule reproduced here;
tests/test_typescript_oracle.py applies each golden spec to PostgreSQL, runs that
generator and compares the bytes.

Tables, enums and foreign keys of other schemas are left out the way the generator leaves
them out: an enum of another schema used by a public column is spelled inline as the union
of its labels, a foreign key to another schema's table is not listed.
"""

from __future__ import annotations

from codegen.emit.ts_layout import array_line, member_line
from codegen.emit.ts_text import en_collation_key, js_json, ts_key, ts_string
from codegen.emit.ts_types import (
    JSON_TYPE,
    TsAtom,
    TsType,
    column_format,
    has_default,
    literal_union,
    not_null,
    nullable,
    pg_type_to_ts,
)
from codegen.schema import ir

SCHEMA = "public"  # the one schema the generator is asked for

EMPTY = "[_ in never]: never"

# The generator's fixed helper types, verbatim (DefaultSchema names SCHEMA).
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


def emit_database_types(schema: ir.Schema, existing: str | None = None) -> str:
    """The whole ``database.types.ts``; ``existing`` is ignored (the file is generated whole).

    Like the generator's stdout it ends with an empty line (``} as const\\n\\n``)."""
    del existing
    return "\n".join(_DatabaseTypes(schema).lines()) + "\n\n"


class _DatabaseTypes:
    def __init__(self, schema: ir.Schema) -> None:
        # Enums without labels are no enums to the generator (it tests `enums.length > 0`).
        enums = [enum for enum in schema.enums if enum.values]
        enums.sort(key=lambda e: (en_collation_key(e.name.schema), en_collation_key(e.name.name)))
        self.enums_by_name: dict[str, list[ir.Enum]] = {}
        for enum in enums:
            self.enums_by_name.setdefault(enum.name.name, []).append(enum)
        self.enums = sorted((e for e in enums if e.name.schema == SCHEMA),
                            key=lambda e: en_collation_key(e.name.name))
        self.tables = sorted((t for t in schema.tables if t.name.schema == SCHEMA),
                             key=lambda t: en_collation_key(t.name.name))
        self.table_names = {t.name.name for t in self.tables}
        self.database = f"Database[{ts_string(SCHEMA)}]"

    # -- types --------------------------------------------------------------------------------

    def named(self, udt: str, type_schema: str | None) -> TsType | None:
        candidates = self.enums_by_name.get(udt)
        if candidates:
            enum = next((e for e in candidates if e.name.schema == type_schema), candidates[0])
            if enum.name.schema == SCHEMA:
                return TsAtom(f'{self.database}["Enums"][{ts_string(enum.name.name)}]')
            return literal_union(enum.values)
        if udt in self.table_names:
            return TsAtom(f'{self.database}["Tables"][{ts_string(udt)}]["Row"]')
        return None

    def column_type(self, column: ir.Column) -> TsType:
        udt, type_schema = column_format(column.type)
        base = pg_type_to_ts(udt, type_schema, self.named)
        return nullable(base) if column.nullable else not_null(base)

    # -- the file -----------------------------------------------------------------------------

    def lines(self) -> list[str]:
        out = [JSON_TYPE, "", "export type Database = {", f"  {ts_key(SCHEMA)}: {{", "    Tables: {"]
        if not self.tables:
            out.append(f"      {EMPTY}")
        for table in self.tables:
            out.extend(self.table(table))
        out += ["    }", "    Views: {", f"      {EMPTY}", "    }",
                "    Functions: {", f"      {EMPTY}", "    }", "    Enums: {"]
        if not self.enums:
            out.append(f"      {EMPTY}")
        for enum in self.enums:
            out.append(member_line(6, f"{ts_key(enum.name.name)}: ", literal_union(enum.values)))
        out += ["    }", "    CompositeTypes: {", f"      {EMPTY}", "    }", "  }", "}", "",
                HELPERS, "", "export const Constants = {", f"  {ts_key(SCHEMA)}: {{"]
        if not self.enums:
            out.append("    Enums: {},")
        else:
            out.append("    Enums: {")
            for enum in self.enums:
                labels = [ts_string(value) for value in enum.values]
                out.append(array_line(6, f"{ts_key(enum.name.name)}: ", labels, ","))
            out.append("    },")
        out += ["  },", "} as const"]
        return out

    def table(self, table: ir.Table) -> list[str]:
        columns = sorted(table.columns, key=lambda c: en_collation_key(c.name))
        types = {column.name: self.column_type(column) for column in columns}
        out = [f"      {ts_key(table.name.name)}: {{"]
        for section in ("Row", "Insert", "Update"):
            if not columns:
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
            out.append("        }")
        relationships = self.relationships(table)
        if not relationships:
            out.append("        Relationships: []")
        else:
            out.append("        Relationships: [")
            for fk, one_to_one in relationships:
                out += [
                    "          {",
                    f"            foreignKeyName: {ts_string(fk.name)}",
                    array_line(12, "columns: ", [ts_string(c) for c in fk.columns]),
                    f"            isOneToOne: {'true' if one_to_one else 'false'}",
                    f"            referencedRelation: {ts_string(fk.target.name)}",
                    array_line(12, "referencedColumns: ",
                               [ts_string(c) for c in fk.target_columns]),
                    "          },",
                ]
            out.append("        ]")
        out.append("      }")
        return out

    def relationships(self, table: ir.Table) -> list[tuple[ir.ForeignKey, bool]]:
        """The table's own foreign keys to tables of its schema, in the generator's order,
        each with whether its columns are exactly a primary key or unique constraint's."""
        position = {column.name: index for index, column in enumerate(table.columns)}
        keys = [table.primary_key.columns] if table.primary_key else []
        keys += [unique.columns for unique in table.uniques]
        # The generator compares column lists in attnum order (= the spec's column order).
        by_attnum = {tuple(sorted(cols, key=lambda c: position.get(c, -1))) for cols in keys}
        fks = [fk for fk in table.foreign_keys if fk.target.schema == table.name.schema]
        fks.sort(key=lambda fk: (
            en_collation_key(fk.name), en_collation_key(fk.target.name),
            en_collation_key(js_json(fk.target_columns)),
        ))
        return [(fk, tuple(fk.columns) in by_attnum) for fk in fks]
