"""Default privileges on PostgreSQL: after the migration, a function created by the same role
is not executable by PUBLIC (so not by anon), and a new table in public is readable by
authenticated without a grant of its own."""

from __future__ import annotations

from pathlib import Path

from support.postgres import apply_sql, connect
from test_golden_cases import full_migration

from codegen.project import load_schema

SPEC = Path(__file__).parent / "diffs" / "default_privileges" / "v2.yaml"


def test_objects_created_later_get_the_default_privileges(database_url: str) -> None:
    apply_sql(database_url, full_migration(load_schema({"v2.yaml": SPEC.read_text()})))
    with connect(database_url) as conn:
        conn.execute("create function public.later() returns int language sql as 'select 1'")
        conn.execute("create table public.later_table (id int)")
        checks = conn.execute(
            "select has_function_privilege('anon', 'public.later()', 'execute'), "
            "has_function_privilege('postgres', 'public.later()', 'execute'), "
            "has_table_privilege('authenticated', 'public.later_table', 'select'), "
            "has_table_privilege('anon', 'public.later_table', 'select')").fetchone()
    assert checks == (False, True, True, False)
