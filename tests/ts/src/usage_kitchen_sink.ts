// Compile-only: the generated files of tests/cases/kitchen_sink (written by
// tests/test_typescript_tsc.py) under `strict`: identity columns, composite keys, a
// quoted column name, arrays, enums, and a table outside the API schema.
import { createClient } from "@supabase/supabase-js"
import type { Database, Tables, TablesInsert, TablesUpdate } from "../generated/kitchen_sink/database.types"
import type {
  Membership,
  MembershipInsert,
  Priority,
  Secret,
  SecretKind,
  Team,
  TeamInsert,
  TeamUpdate,
  WorkItem,
  WorkItemInsert,
  WorkItemUpdate,
} from "../generated/kitchen_sink/index"

type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
function same<T extends true>(): T | undefined {
  return undefined
}
same<Equals<WorkItem, Tables<"items">>>()
same<Equals<WorkItemInsert, TablesInsert<"items">>>()
same<Equals<WorkItemUpdate, TablesUpdate<"items">>>()
same<Equals<Team, Tables<"teams">>>()
same<Equals<TeamInsert, TablesInsert<"teams">>>()
same<Equals<TeamUpdate, TablesUpdate<"teams">>>()
same<Equals<Membership, Tables<"memberships">>>()
same<Equals<MembershipInsert, TablesInsert<"memberships">>>()

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

export async function kitchenSink(): Promise<void> {
  const { data: items } = await supabase.from("items").select("id, Order, history, tags")
  const history: Priority[] | undefined = items?.[0]?.history
  await supabase.from("items").insert({ team_id: 1, title: "t", code: "abc", Order: 2 })
  // @ts-expect-error -- "urgent" is not a priority
  await supabase.from("items").insert({ team_id: 1, title: "t", code: "abc", priority: "urgent" })
  await supabase.from("teams").insert({ name: "n", slug: "s" })
  // @ts-expect-error -- teams.id is GENERATED ALWAYS: it cannot be written
  await supabase.from("teams").insert({ id: 1, name: "n", slug: "s" })
  // @ts-expect-error -- teams.id cannot be updated either
  await supabase.from("teams").update({ id: 2 }).eq("slug", "s")
  // @ts-expect-error -- private.secrets is not exposed by the API
  await supabase.from("secrets").select("*")
  void history
}

const kind: SecretKind = "api_key"
const secret: Secret = {
  id: "x", kind, team_id: null, backup_team_id: 0, value: "v", rotated: true,
}
// @ts-expect-error -- "token" is not a secret kind
const wrongKind: SecretKind = "token"
export const used = [secret, wrongKind]
