// Compile-only: the generated files of the seed spec (tests/cases/seed) must type
// supabase-js under `strict`. tests/test_typescript_tsc.py writes ../generated/seed/ and
// runs `tsc -p tests/ts`; each @ts-expect-error must be a real error, or tsc fails.
import { createClient } from "@supabase/supabase-js"
import type {
  Database,
  Enums,
  Tables,
  TablesInsert,
  TablesUpdate,
} from "../generated/seed/database.types"
import { Constants } from "../generated/seed/database.types"
import type {
  AuditLog,
  AuditLogInsert,
  AuditLogUpdate,
  Json,
  Profile,
  TestRun,
  TestRunInsert,
  TestRunStatus,
  TestRunUpdate,
} from "../generated/seed/index"
import { TestRunStatusValues } from "../generated/seed/index"

// The interfaces are exactly the Database types: either can be used anywhere.
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
function same<T extends true>(): T | undefined {
  return undefined
}
same<Equals<AuditLog, Tables<"audit_logs">>>()
same<Equals<AuditLogInsert, TablesInsert<"audit_logs">>>()
same<Equals<AuditLogUpdate, TablesUpdate<"audit_logs">>>()
same<Equals<TestRun, Tables<"test_runs">>>()
same<Equals<TestRunInsert, TablesInsert<"test_runs">>>()
same<Equals<TestRunUpdate, TablesUpdate<"test_runs">>>()
same<Equals<TestRunStatus, Enums<"test_run_status">>>()
same<Equals<Json | null, Database["public"]["Tables"]["test_runs"]["Row"]["results"]>>()
// @ts-expect-error -- the Equals check can fail: a row is not its insert payload
same<Equals<TestRun, TestRunInsert>>()

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

export async function auditLogs(): Promise<void> {
  const { data, error } = await supabase.from("audit_logs").select("*")
  if (error) throw error
  const rows: AuditLog[] = data
  const action: string | undefined = rows[0]?.action
  const userId: string | null | undefined = rows[0]?.user_id

  const { data: picked } = await supabase
    .from("audit_logs")
    .select("id, action, details")
    .eq("resource_type", "project")
    .order("created_at", { ascending: false })
    .limit(10)
  const details: Json | undefined = picked?.[0]?.details

  const insert: AuditLogInsert = { action: "project.update", resource_type: "project" }
  await supabase.from("audit_logs").insert(insert)
  await supabase.from("audit_logs").insert([
    { action: "a", resource_type: "b", details: { ip: "10.0.0.1", tags: ["x"] }, user_id: null },
  ])
  // @ts-expect-error -- `action` is NOT NULL without a default: required on insert
  await supabase.from("audit_logs").insert({ resource_type: "project" })
  // @ts-expect-error -- `user_id` is a uuid (a string), not a number
  await supabase.from("audit_logs").insert({ action: "a", resource_type: "b", user_id: 42 })
  // @ts-expect-error -- `details` is NOT NULL
  await supabase.from("audit_logs").insert({ action: "a", resource_type: "b", details: null })

  const update: AuditLogUpdate = { resource_id: null }
  await supabase.from("audit_logs").update(update).eq("id", "00000000-0000-0000-0000-000000000000")
  // @ts-expect-error -- wrong column type: `action` is text
  await supabase.from("audit_logs").update({ action: 5 }).eq("id", "x")
  // @ts-expect-error -- no such column
  await supabase.from("audit_logs").update({ actor: "me" }).eq("id", "x")

  void [action, userId, details]
}

export async function testRuns(): Promise<void> {
  const { data } = await supabase
    .from("test_runs")
    .select("id, status, results")
    .eq("status", "passed")
  const statuses: TestRunStatus[] = (data ?? []).map((row) => row.status)

  const run: TestRunInsert = { test_type: "load" }
  await supabase.from("test_runs").insert(run)
  await supabase.from("test_runs").insert({ test_type: "e2e", status: "running", results: null })
  // @ts-expect-error -- "skipped" is not a label of test_run_status
  await supabase.from("test_runs").insert({ test_type: "e2e", status: "skipped" })
  // @ts-expect-error -- `test_type` is required
  await supabase.from("test_runs").insert({ status: "pending" })
  // @ts-expect-error -- `test_type` is text, not a number
  await supabase.from("test_runs").insert({ test_type: 7 })

  const done: TestRunUpdate = { status: "failed", results: { failures: 3 } }
  await supabase.from("test_runs").update(done).eq("id", "x")
  // @ts-expect-error -- wrong enum value in an update
  await supabase.from("test_runs").update({ status: "done" }).eq("id", "x")

  void statuses
}

// The interfaces on their own, as a front end uses them.
const pending: TestRunStatus = "pending"
// @ts-expect-error -- not a label
const skipped: TestRunStatus = "skipped"
const allLabels: readonly TestRunStatus[] = TestRunStatusValues
const sameLabels: readonly TestRunStatus[] = Constants.public.Enums.test_run_status
const firstLabel: "pending" = TestRunStatusValues[0]
const row: TestRun = {
  id: "00000000-0000-0000-0000-000000000000",
  test_type: "load",
  configuration: { users: 100 },
  status: "passed",
  results: null,
  created_at: "2024-01-01T00:00:00Z",
}
// @ts-expect-error -- a row has every column
const partialRow: TestRun = { id: "x", test_type: "load" }
// @ts-expect-error -- `test_type` is required in an insert
const missing: TestRunInsert = { status: "pending" }
// @ts-expect-error -- wrong column type
const wrongType: TestRunUpdate = { test_type: 42 }
// @ts-expect-error -- wrong enum value
const wrongStatus: TestRunUpdate = { status: "skipped" }
const log: AuditLogUpdate = { details: ["any", { json: true }] }
// Hand-written types outside the codegen region still compile beside the generated ones.
const profile: Profile = { id: "x", lastAction: null }

export const used = [
  pending, skipped, allLabels, sameLabels, firstLabel, row, partialRow, missing, wrongType,
  wrongStatus, log, profile,
]
