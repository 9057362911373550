"""Synthetic specs for the benchmark: N tables of mixed columns, one foreign key each,
one index, a shared enum, two policies and grants per table.

Variant k is the everyday edit made k times: table t00000 gains the nullable text columns
note_1 … note_k, so going from variant k - 1 to k adds one column (drizzle_schema.py makes
the same edit to the drizzle schema).
"""

from __future__ import annotations

from pathlib import Path

TABLE = """  t{i:05d}:
    comment: Synthetic table {i}.
    columns:
      id: {{type: uuid, primary_key: true, default_sql: gen_random_uuid()}}
      owner_id: {{type: uuid, references: {{table: auth.users, on_delete: cascade}}}}
      parent_id: {{type: uuid?, references: {{table: t{parent:05d}, on_delete: set null}}}}
      title: {{type: varchar(120), comment: Title of row.}}
      amount: {{type: "numeric(12, 2)", default: 0}}
      status: {{type: bench_status, default: new}}
      payload: {{type: jsonb, default: {{}}}}
      created_at: {{type: timestamptz, default_sql: now()}}
{notes}    indexes:
      - {{columns: [owner_id, created_at]}}
    policies:
      - name: owners read
        for: select
        to: [authenticated]
        using: "(select auth.uid()) = owner_id"
      - name: owners write
        for: insert
        to: [authenticated]
        with_check: "(select auth.uid()) = owner_id"
    grants:
      authenticated: [select, insert]
      service_role: [all]
"""


# With functions: every table gets a trigger keeping created_at (a shared plpgsql trigger
# function), an RPC function returning its rows (SQL, reading the table) and a view of some of
# its columns, so a spec of N tables has N + 1 functions, N triggers and N views.
TRIGGER = """    triggers:
      keep_created_at_{i:05d}:
        timing: before
        events: [update]
        function: keep_created_at
"""
FUNCTION = """  t{i:05d}_of_owner:
    args: {{owner: uuid, lim: {{type: integer, default: 100}}}}
    returns: setof t{i:05d}
    language: sql
    volatility: stable
    set: {{search_path: ""}}
    body: select * from public.t{i:05d} where owner_id = owner limit lim
    execute: [authenticated]
"""
SHARED_FUNCTION = """functions:
  keep_created_at:
    returns: trigger
    language: plpgsql
    set: {search_path: ""}
    body: |
      begin
        new.created_at := old.created_at;
        return new;
      end;
"""


VIEW = """  t{i:05d}_titles:
    query: select id, title, created_at from public.t{i:05d}
    columns: {{id: uuid, title: varchar(120), created_at: timestamptz}}
    grants: {{authenticated: [select]}}
"""


def spec_text(n: int, variant: int = 0, functions: bool = False) -> str:
    parts = ["migration: bench\nenums:\n  bench_status: [new, active, done]\ntables:\n"]
    for i in range(n):
        notes = "".join(f"      note_{k}: {{type: text?}}\n" for k in range(1, variant + 1))
        text = TABLE.format(i=i, parent=(i - 1) % n if n > 1 else 0, notes=notes if i == 0 else "")
        parts.append(text + (TRIGGER.format(i=i) if functions else ""))
    if functions:
        parts.append(SHARED_FUNCTION)
        parts.extend(FUNCTION.format(i=i) for i in range(n))
        parts.append("views:\n")
        parts.extend(VIEW.format(i=i) for i in range(n))
    return "".join(parts)


def write_project(root: Path, n: int, functions: bool = False) -> None:
    (root / "schema").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.codegen]\n")
    (root / "schema" / "bench.yaml").write_text(spec_text(n, functions=functions))
