// The Database type with typed json columns (database.typed.ts) in use with supabase-js, and
// the zod schemas validating what comes in. Type-checked by tests/test_zod.py.
import { createClient } from "@supabase/supabase-js"
import type { Database as GeneratedDatabase, Tables as GeneratedTables } from "../generated/zod/typed_json/database.types"
import type { Database, Tables, TablesInsert } from "../generated/zod/typed_json/database.typed"
import type { AuditLogDetails } from "../generated/zod/typed_json/index"
import { AuditLogInsertSchema, TestRunResultsSchema } from "../generated/zod/typed_json/zod"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

export async function firstChangedField(): Promise<string | undefined> {
  const { data, error } = await supabase.from("audit_logs").select("details").limit(1)
  if (error) throw error
  const details: AuditLogDetails | undefined = data[0]?.details
  return details?.changes?.[0]?.field
}

export async function failures(): Promise<number> {
  const { data } = await supabase.from("test_runs").select("results").single()
  // results is nullable; its type requires passed and failed.
  return data?.results ? data.results.failed : 0
}

export async function logFromForm(input: unknown): Promise<void> {
  // Untrusted input: zod refuses what the types (and the CHECK) would refuse.
  const row = AuditLogInsertSchema.parse(input)
  const { error } = await supabase.from("audit_logs").insert(row)
  if (error) throw error
}

export async function writeTyped(): Promise<void> {
  await supabase.from("audit_logs").insert({
    action: "project.update",
    resource_type: "project",
    details: { ip: "10.0.0.1", changes: [{ field: "name", old: "a", new: "b" }] },
  })
  await supabase.from("audit_logs").insert({
    action: "project.update",
    resource_type: "project",
    // @ts-expect-error -- a change needs its field
    details: { changes: [{ old: "a" }] },
  })
  await supabase.from("audit_logs").insert({
    action: "project.update",
    resource_type: "project",
    // @ts-expect-error -- additionalProperties: false
    details: { unknown_key: 1 },
  })
  // @ts-expect-error -- configuration.concurrency is a number
  const run: TablesInsert<"test_runs"> = { test_type: "load", configuration: { concurrency: "4" } }
  void run
}

// A typed row is still a row of the generated Database type (details is Json there)...
export function toGenerated(row: Tables<"audit_logs">): GeneratedTables<"audit_logs"> {
  return row
}
// ...and a client of the typed Database is one of the generated one's.
export const generatedClient: ReturnType<typeof createClient<GeneratedDatabase>> = supabase

export const results = TestRunResultsSchema.parse({ passed: 1, failed: 0 })
