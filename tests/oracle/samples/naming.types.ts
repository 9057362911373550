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
      a_b: {
        Row: {
          beta_id: number
          beta_id2: number | null
          flavor: Database["public"]["Enums"]["alpha"]
          id: number
        }
        Insert: {
          beta_id: number
          beta_id2?: number | null
          flavor: Database["public"]["Enums"]["alpha"]
          id: number
        }
        Update: {
          beta_id?: number
          beta_id2?: number | null
          flavor?: Database["public"]["Enums"]["alpha"]
          id?: number
        }
        Relationships: [
          {
            foreignKeyName: "a_b_beta_id_fkey"
            columns: ["beta_id"]
            isOneToOne: false
            referencedRelation: "beta"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "a_b_beta_id2_fkey"
            columns: ["beta_id2"]
            isOneToOne: false
            referencedRelation: "beta"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "A_fk"
            columns: ["beta_id2"]
            isOneToOne: false
            referencedRelation: "a1"
            referencedColumns: ["id"]
          },
        ]
      }
      a1: {
        Row: {
          id: number
          k_1: Database["public"]["Enums"]["k_1"][] | null
          k1: Database["public"]["Enums"]["k1"] | null
          kind: Database["public"]["Enums"]["kind"]
          Kind: Database["public"]["Enums"]["Kind"] | null
          zeta: Database["public"]["Enums"]["Zeta"] | null
        }
        Insert: {
          id: number
          k_1?: Database["public"]["Enums"]["k_1"][] | null
          k1?: Database["public"]["Enums"]["k1"] | null
          kind: Database["public"]["Enums"]["kind"]
          Kind?: Database["public"]["Enums"]["Kind"] | null
          zeta?: Database["public"]["Enums"]["Zeta"] | null
        }
        Update: {
          id?: number
          k_1?: Database["public"]["Enums"]["k_1"][] | null
          k1?: Database["public"]["Enums"]["k1"] | null
          kind?: Database["public"]["Enums"]["kind"]
          Kind?: Database["public"]["Enums"]["Kind"] | null
          zeta?: Database["public"]["Enums"]["Zeta"] | null
        }
        Relationships: []
      }
      beta: {
        Row: {
          _under: string | null
          $dollar: string | null
          "123": string | null
          "9lives": string | null
          a_b: string | null
          a1: string | null
          ab_ab: number | null
          Beta_id: number | null
          café: string | null
          class: string | null
          default: string | null
          eclair: string | null
          Éclair: string | null
          id: number
          "weird-name": string | null
          zed: string
          Zed: string
        }
        Insert: {
          _under?: string | null
          $dollar?: string | null
          "123"?: string | null
          "9lives"?: string | null
          a_b?: string | null
          a1?: string | null
          ab_ab?: number | null
          Beta_id?: number | null
          café?: string | null
          class?: string | null
          default?: string | null
          eclair?: string | null
          Éclair?: string | null
          id: number
          "weird-name"?: string | null
          zed: string
          Zed: string
        }
        Update: {
          _under?: string | null
          $dollar?: string | null
          "123"?: string | null
          "9lives"?: string | null
          a_b?: string | null
          a1?: string | null
          ab_ab?: number | null
          Beta_id?: number | null
          café?: string | null
          class?: string | null
          default?: string | null
          eclair?: string | null
          Éclair?: string | null
          id?: number
          "weird-name"?: string | null
          zed?: string
          Zed?: string
        }
        Relationships: [
          {
            foreignKeyName: "beta_Beta_id_fkey"
            columns: ["Beta_id"]
            isOneToOne: false
            referencedRelation: "Beta"
            referencedColumns: ["id"]
          },
        ]
      }
      Beta: {
        Row: {
          id: number
        }
        Insert: {
          id: number
        }
        Update: {
          id?: number
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
      alpha:
        | "it's"
        | "two words"
        | "UPPER"
        | 'say "hi"'
        | "back\\slash"
        | "café"
      k_1: "z"
      k1: "w"
      kind: "y"
      Kind: "x"
      Zeta: "b" | "a"
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
      alpha: ["it's", "two words", "UPPER", 'say "hi"', "back\\slash", "café"],
      k_1: ["z"],
      k1: ["w"],
      kind: ["y"],
      Kind: ["x"],
      Zeta: ["b", "a"],
    },
  },
} as const

