// Compile-only smoke test: the generated Database type must work with
// supabase-js under `strict`. Point the import at any generated
// database.types.ts (relative path, no extension).
import { createClient } from "@supabase/supabase-js"
import type {
  Database,
  Enums,
  Tables,
  TablesInsert,
  TablesUpdate,
} from "../../oracle/samples/basic.types"
import { Constants } from "../../oracle/samples/basic.types"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

type Order = Tables<"orders">
type OrderInsert = TablesInsert<"orders">
type OrderUpdate = TablesUpdate<"orders">
type OrderStatus = Enums<"order_status">

const allStatuses: readonly OrderStatus[] = Constants.public.Enums.order_status

export async function smoke(): Promise<void> {
  const { data: rows, error } = await supabase.from("orders").select("*")
  if (error) throw error
  const first: Order | undefined = rows[0]
  const title: string | undefined = first?.title
  const status: OrderStatus | undefined = first?.status

  const { data: picked } = await supabase
    .from("orders")
    .select("id, title, status")
    .eq("status", "paid")
    .single()
  const pickedId: string | undefined = picked?.id

  const insert: OrderInsert = { title: "t", amount: 12.5, status: "pending" }
  await supabase.from("orders").insert(insert)
  await supabase.from("orders").insert([{ title: "u", amount: 1 }])

  const update: OrderUpdate = { status: "shipped", notes: null }
  await supabase.from("orders").update(update).eq("id", "some-uuid")

  // @ts-expect-error -- not a label of public.order_status
  await supabase.from("orders").insert({ title: "x", amount: 1, status: "refunded" })

  // @ts-expect-error -- `amount` is NOT NULL without a default, so required
  await supabase.from("orders").insert({ title: "x" })

  // @ts-expect-error -- identity ALWAYS column cannot be written
  await supabase.from("orders").insert({ title: "x", amount: 1, order_number: 5 })

  // @ts-expect-error -- no such table
  await supabase.from("no_such_table").select("*")

  void [title, status, pickedId, allStatuses]
}
