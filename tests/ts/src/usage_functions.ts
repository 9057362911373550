// Compile-only: the generated files of tests/cases/functions (written by
// tests/test_typescript_tsc.py) under `strict`: the RPC types of index.ts equal the Database
// type's, and supabase.rpc() type-checks with them (overloads, defaults, RETURNS TABLE, sets
// of rows, a schema other than public); trigger functions are not callable.
import { createClient } from "@supabase/supabase-js"
import type { Database } from "../generated/functions/database.types"
import type {
  MyTeamsArgs,
  MyTeamsReturns,
  Profile,
  SearchProfilesByQueryArgs,
  SearchProfilesByQueryLimArgs,
  SearchProfilesByQueryLimReturns,
  SearchProfilesByQueryReturns,
  SlugifyArgs,
  SlugifyReturns,
  Team,
  TeamMembersArgs,
  TeamMembersReturns,
  TeamMembersRow,
  TeamRole,
} from "../generated/functions/index"

type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
function same<T extends true>(): T | undefined {
  return undefined
}
type Functions = Database["public"]["Functions"]
same<Equals<SlugifyArgs, Functions["slugify"]["Args"]>>()
same<Equals<SlugifyReturns, Functions["slugify"]["Returns"]>>()
same<Equals<TeamMembersArgs, Functions["team_members"]["Args"]>>()
same<Equals<TeamMembersReturns, Functions["team_members"]["Returns"]>>()
same<Equals<MyTeamsArgs, Functions["my_teams"]["Args"]>>()
same<Equals<MyTeamsReturns, Functions["my_teams"]["Returns"]>>()
same<Equals<SearchProfilesByQueryReturns, Profile[]>>()
same<Equals<SearchProfilesByQueryLimReturns, Profile[]>>()
same<Equals<SearchProfilesByQueryArgs | SearchProfilesByQueryLimArgs,
  Functions["search_profiles"]["Args"]>>()

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

export async function rpc(): Promise<void> {
  const { data: slug } = await supabase.rpc("slugify", { value: "Hello" } satisfies SlugifyArgs)
  const text: SlugifyReturns | null = slug
  const args: TeamMembersArgs = { team: "00000000-0000-0000-0000-000000000001" }
  const { data: members } = await supabase.rpc("team_members", args)
  const rows: TeamMembersRow[] | null = members
  const role: TeamRole | undefined = members?.[0]?.role
  const { data: found } = await supabase.rpc("search_profiles", { query: "a" })
  const profiles: Profile[] | null = found
  await supabase.rpc("search_profiles", { query: "a", lim: 3 } satisfies SearchProfilesByQueryLimArgs)
  const { data: teams } = await supabase.rpc("my_teams")
  const mine: Team[] | null = teams
  const { data: names } = await supabase.rpc("my_teams").select("name")
  const name: string | undefined = names?.[0]?.name
  await supabase.schema("private").rpc("is_member", { team: args.team })
  // @ts-expect-error -- lim is an integer
  await supabase.rpc("team_members", { team: args.team, lim: "5" })
  // @ts-expect-error -- team has no default
  await supabase.rpc("team_members", { lim: 5 })
  // @ts-expect-error -- a trigger function is no RPC function
  await supabase.rpc("handle_new_user")
  // @ts-expect-error -- private.is_member is not in the public schema
  await supabase.rpc("is_member", { team: args.team })
  void [text, rows, role, profiles, mine, name]
}
