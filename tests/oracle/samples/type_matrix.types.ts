export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      type_matrix: {
        Row: {
          a_color: Database["public"]["Enums"]["color"][]
          a_color_null: Database["public"]["Enums"]["color"][] | null
          a_int4: number[] | null
          a_int4_2d: number[]
          a_jsonb: Json[]
          a_mood: ("happy" | "sad" | "meh")[] | null
          a_text: string[]
          a_uuid: string[] | null
          c_bool: boolean
          c_bytea: string
          c_char: string
          c_citext: string
          c_color: Database["public"]["Enums"]["color"]
          c_date: string
          c_float4: number
          c_float8: number
          c_inet: unknown
          c_int2: number
          c_int4: number
          c_int8: number
          c_interval: string
          c_json: NonNullable<Json>
          c_jsonb: NonNullable<Json>
          c_money: unknown
          c_mood: "happy" | "sad" | "meh"
          c_numeric: number
          c_qchar: unknown
          c_text: string
          c_time: string
          c_timestamp: string
          c_timestamptz: string
          c_timetz: string
          c_uuid: string
          c_varchar: string
          d_required: string
          d_short: string | null
          n_bool: boolean | null
          n_color: Database["public"]["Enums"]["color"] | null
          n_inet: unknown
          n_int8: number | null
          n_json: Json | null
          n_jsonb: Json | null
          n_mood: "happy" | "sad" | "meh" | null
          n_text: string | null
          n_uuid: string | null
        }
        Insert: {
          a_color: Database["public"]["Enums"]["color"][]
          a_color_null?: Database["public"]["Enums"]["color"][] | null
          a_int4?: number[] | null
          a_int4_2d: number[]
          a_jsonb: Json[]
          a_mood?: ("happy" | "sad" | "meh")[] | null
          a_text: string[]
          a_uuid?: string[] | null
          c_bool: boolean
          c_bytea: string
          c_char: string
          c_citext: string
          c_color: Database["public"]["Enums"]["color"]
          c_date: string
          c_float4: number
          c_float8: number
          c_inet: unknown
          c_int2: number
          c_int4: number
          c_int8: number
          c_interval: string
          c_json: NonNullable<Json>
          c_jsonb: NonNullable<Json>
          c_money: unknown
          c_mood: "happy" | "sad" | "meh"
          c_numeric: number
          c_qchar: unknown
          c_text: string
          c_time: string
          c_timestamp: string
          c_timestamptz: string
          c_timetz: string
          c_uuid: string
          c_varchar: string
          d_required: string
          d_short?: string | null
          n_bool?: boolean | null
          n_color?: Database["public"]["Enums"]["color"] | null
          n_inet?: unknown
          n_int8?: number | null
          n_json?: Json | null
          n_jsonb?: Json | null
          n_mood?: "happy" | "sad" | "meh" | null
          n_text?: string | null
          n_uuid?: string | null
        }
        Update: {
          a_color?: Database["public"]["Enums"]["color"][]
          a_color_null?: Database["public"]["Enums"]["color"][] | null
          a_int4?: number[] | null
          a_int4_2d?: number[]
          a_jsonb?: Json[]
          a_mood?: ("happy" | "sad" | "meh")[] | null
          a_text?: string[]
          a_uuid?: string[] | null
          c_bool?: boolean
          c_bytea?: string
          c_char?: string
          c_citext?: string
          c_color?: Database["public"]["Enums"]["color"]
          c_date?: string
          c_float4?: number
          c_float8?: number
          c_inet?: unknown
          c_int2?: number
          c_int4?: number
          c_int8?: number
          c_interval?: string
          c_json?: NonNullable<Json>
          c_jsonb?: NonNullable<Json>
          c_money?: unknown
          c_mood?: "happy" | "sad" | "meh"
          c_numeric?: number
          c_qchar?: unknown
          c_text?: string
          c_time?: string
          c_timestamp?: string
          c_timestamptz?: string
          c_timetz?: string
          c_uuid?: string
          c_varchar?: string
          d_required?: string
          d_short?: string | null
          n_bool?: boolean | null
          n_color?: Database["public"]["Enums"]["color"] | null
          n_inet?: unknown
          n_int8?: number | null
          n_json?: Json | null
          n_jsonb?: Json | null
          n_mood?: "happy" | "sad" | "meh" | null
          n_text?: string | null
          n_uuid?: string | null
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
      color: "red" | "green" | "blue"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

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
    : never

export const Constants = {
  public: {
    Enums: {
      color: ["red", "green", "blue"],
    },
  },
} as const

