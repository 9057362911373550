"""The drizzle-kit project equivalent to synth.py's spec of N tables, for `run.py --peer drizzle`.

`schema_text(n, variant)` is a drizzle `schema.ts` with the same tables as `synth.spec_text(n,
variant)`: the same columns, types, nullability and defaults (uuid primary key defaulting to
gen_random_uuid(), varchar(120), numeric(12,2) default 0, the pgEnum bench_status default 'new',
jsonb default {}, timestamptz default now()), the same foreign keys under the same names (to
auth.users on delete cascade, to the previous table on delete set null), the same index under
the same name, row level security with the same two policies (pgPolicy), and variant k's edit,
the nullable text columns note_1 … note_k on t00000.

What drizzle cannot express, and so neither tool is asked for in drizzle's project only:
  comments     drizzle has no table or column comments (codegen writes 1 + 1 per table)
  grants       drizzle has no GRANT (codegen writes 2 per table)
auth.users is drizzle's own declaration of Supabase's table (drizzle-orm/supabase's
`authUsers`, a pgSchema('auth') table): it is imported, not exported, so drizzle-kit refers
to it in the foreign keys and, as in a Supabase project, never creates it.
The outputs differ too: drizzle-kit writes one migration and its snapshot; codegen writes the
migration, its snapshot and every other output (TypeScript, pydantic, JSON Schema).
"""

from __future__ import annotations

from pathlib import Path

HEAD = """import { sql } from "drizzle-orm";
import {
  type AnyPgColumn, foreignKey, index, jsonb, numeric, pgEnum, pgPolicy, pgTable, text, timestamp,
  uuid, varchar,
} from "drizzle-orm/pg-core";
import { authUsers } from "drizzle-orm/supabase";

export const benchStatus = pgEnum("bench_status", ["new", "active", "done"]);
"""

TABLE = """
export const {name} = pgTable("{name}", {{
  id: uuid().primaryKey().defaultRandom(),
  owner_id: uuid().notNull(),
  parent_id: uuid(),
  title: varchar({{ length: 120 }}).notNull(),
  amount: numeric({{ precision: 12, scale: 2 }}).notNull().default("0"),
  status: benchStatus().notNull().default("new"),
  payload: jsonb().notNull().default({{}}),
  created_at: timestamp({{ withTimezone: true }}).notNull().defaultNow(),
{notes}}}, (t) => [
  foreignKey({{ name: "{name}_owner_id_fkey", columns: [t.owner_id], foreignColumns: [authUsers.id] }})
    .onDelete("cascade"),
  foreignKey({{
    name: "{name}_parent_id_fkey", columns: [t.parent_id],
    foreignColumns: [({parent} as {{ id: AnyPgColumn }}).id],
  }}).onDelete("set null"),
  index("{name}_owner_id_created_at_idx").on(t.owner_id, t.created_at),
  pgPolicy("owners read", {{
    as: "permissive", for: "select", to: "authenticated", using: sql`(select auth.uid()) = owner_id`,
  }}),
  pgPolicy("owners write", {{
    as: "permissive", for: "insert", to: "authenticated",
    withCheck: sql`(select auth.uid()) = owner_id`,
  }}),
]);
"""

# drizzle-kit reads this with its own TypeScript loader; no database is involved in `generate`.
CONFIG = """import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./schema.ts",
  out: "./drizzle",
});
"""


def schema_text(n: int, variant: int = 0) -> str:
    """schema.ts for N tables; variant k adds the nullable text columns note_1 … note_k to
    t00000, as synth.spec_text does."""
    parts = [HEAD]
    for i in range(n):
        notes = "".join(f"  note_{k}: text(),\n" for k in range(1, variant + 1)) if i == 0 else ""
        # A table's parent may be declared later in the file: the foreign key's columns are
        # read when drizzle-kit walks the tables, after every `const` is set.
        parent = f"t{(i - 1) % n if n > 1 else 0:05d}"
        parts.append(TABLE.format(name=f"t{i:05d}", parent=parent, notes=notes))
    return "".join(parts)


def write_project(root: Path, n: int, node_modules: Path) -> None:
    """A drizzle-kit project in `root` whose imports resolve to the bench's npm packages."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "drizzle.config.ts").write_text(CONFIG)
    (root / "schema.ts").write_text(schema_text(n))
    link = root / "node_modules"
    if not link.exists():
        link.symlink_to(node_modules, target_is_directory=True)
