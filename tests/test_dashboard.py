"""The user's own case: a dashboard with hand-written migrations and hand-written types."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import HAND_WRITTEN, make_project, run

HAND_TYPES = """// Hand-written types of the dashboard.
export interface Project {
  id: string
  name: string
}

export type Theme = "light" | "dark"
"""

CONFIG = """migrations = "dashboard/supabase/migrations"
typescript = "dashboard/src/types/index.ts"
database_types = "dashboard/src/types/database.types.ts"
pydantic = "backend/app/models.py"
"""


@pytest.fixture
def dashboard(tmp_path: Path) -> Path:
    project = make_project(tmp_path, CONFIG)
    migrations = project / "dashboard/supabase/migrations"
    migrations.mkdir(parents=True)
    for name, text in HAND_WRITTEN.items():
        (migrations / name).write_text(text)
    types = project / "dashboard/src/types"
    types.mkdir(parents=True)
    (types / "index.ts").write_text(HAND_TYPES)
    result = run(project, "generate")
    assert result.exit_code == 0, result.output
    return project


def test_seed_plan_is_carried_out(dashboard: Path) -> None:
    migrations = dashboard / "dashboard/supabase/migrations"
    assert sorted(p.name for p in migrations.glob("*.sql")) == [
        "001_initial.sql", "002_members.sql", "003_settings.sql", "004_robustness.sql"]
    for name, text in HAND_WRITTEN.items():
        assert (migrations / name).read_text() == text
    sql = (migrations / "004_robustness.sql").read_text()
    assert "CREATE TABLE public.audit_logs (" in sql and "CREATE TABLE public.test_runs (" in sql
    assert "ALTER TABLE public.audit_logs ENABLE ROW LEVEL SECURITY;" in sql
    index = (dashboard / "dashboard/src/types/index.ts").read_text()
    assert index.startswith(HAND_TYPES)  # every hand-written byte kept, the region appended
    assert "export interface AuditLog {" in index and "export interface TestRun {" in index
    assert (dashboard / "dashboard/src/types/database.types.ts").read_text().startswith(
        "export type Json =")
    assert "class AuditLogInsert(BaseModel):" in (dashboard / "backend/app/models.py").read_text()
    assert run(dashboard, "check").exit_code == 0


def test_hand_edits_outside_the_region_are_not_drift(dashboard: Path) -> None:
    index = dashboard / "dashboard/src/types/index.ts"
    edited = index.read_text().replace('"light" | "dark"', '"light" | "dark" | "system"')
    index.write_text(edited)
    assert run(dashboard, "check").exit_code == 0
    assert run(dashboard, "generate").exit_code == 0
    assert index.read_text() == edited


def test_hand_edits_inside_the_region_are_drift(dashboard: Path) -> None:
    index = dashboard / "dashboard/src/types/index.ts"
    index.write_text(index.read_text().replace("export interface AuditLog {",
                                               "export interface AuditLog { extra: number;"))
    result = run(dashboard, "check")
    assert result.exit_code == 1
    assert "dashboard/src/types/index.ts: stale or edited by hand" in result.output
    assert "-export interface AuditLog { extra: number;" in result.output


def test_broken_region_markers_are_a_located_error(dashboard: Path) -> None:
    index = dashboard / "dashboard/src/types/index.ts"
    text = index.read_text()
    index.write_text(text[:text.index("// <codegen:end>")])
    result = run(dashboard, "generate", "--no-cache")
    assert result.exit_code == 2
    assert "dashboard/src/types/index.ts:" in result.output and "error[E030]" in result.output
