// Compile-only: the generated files of tests/cases/views (written by
// tests/test_typescript_tsc.py) under `strict`: selecting from views (with an embedded
// relationship PostgREST derives through the view), writing through an updatable view,
// and the writes the types refuse.
import { createClient } from "@supabase/supabase-js"
import type { Database, Tables } from "../generated/views/database.types"
import type { AuthorStat, MyDraft, PublishedPost } from "../generated/views/index"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

export async function views(): Promise<void> {
  const { data: posts } = await supabase
    .from("published_posts")
    .select("id, title, author, profiles(username)")
  const title: string | null | undefined = posts?.[0]?.title
  const { data: stats } = await supabase.from("author_stats").select("*")
  const count: number | null | undefined = stats?.[0]?.posts
  await supabase.from("my_drafts").insert({ title: "t", author_id: "u" })
  await supabase.from("my_drafts").update({ body: "b" }).eq("id", 1)
  // @ts-expect-error -- post_summaries is not updatable (a join): no Insert type
  await supabase.from("post_summaries").insert({ title: "t" })
  // @ts-expect-error -- a materialized view cannot be written
  await supabase.from("author_stats").update({ posts: 1 }).eq("username", "u")
  // @ts-expect-error -- "archived" is not a post status
  await supabase.from("my_drafts").insert({ title: "t", status: "archived" })
  void title
  void count
}

// The interfaces carry the spec's declared nullability; the Database type's view rows are
// nullable throughout (PostgreSQL keeps no NOT NULL on views), so a declared row is one.
const post: PublishedPost = {
  id: 1, author_id: "a", title: "t", created_at: "2024-01-01T00:00:00Z", author: "u",
}
const asRow: Tables<"published_posts"> = post
// @ts-expect-error -- the declared row has no nulls where the spec says so
const notNull: PublishedPost = { ...post, title: null }
const draft: MyDraft = { id: 1, author_id: "a", title: "t", body: null, status: "draft" }
const stat: AuthorStat = { author_id: "a", username: "u", posts: 1, comments: 0 }
export const used = [asRow, notNull, draft, stat]
