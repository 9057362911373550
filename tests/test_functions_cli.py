"""Functions through the command line: what a migration refuses to drop, and why."""

from __future__ import annotations

from pathlib import Path

from test_cli import make_project, run, tree

V1 = """\
tables:
  teams:
    columns:
      id: {type: uuid, primary_key: true, default_sql: gen_random_uuid()}
      slug: {type: text, default_sql: "public.slugify('team')"}
    policies:
      - {name: read, for: select, to: [authenticated], using: "public.visible(id)"}
functions:
  slugify:
    args: {value: text}
    returns: text
    language: sql
    body: select lower(value)
  visible:
    args: {team: uuid}
    returns: boolean
    language: sql
    body: select true
"""


def _project(tmp_path: Path) -> Path:
    project = make_project(tmp_path, spec=V1)
    assert run(project, "generate").exit_code == 0
    return project


def test_dropping_a_function_a_policy_still_calls_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    spec = project / "schema/robustness.yaml"
    spec.write_text('allow_destructive: ["drop_function:public.visible(uuid)"]\n'
                    + V1.split("  visible:")[0])
    before = tree(project)
    result = run(project, "generate", "--name", "drop_visible")
    assert result.exit_code == 2, result.output
    assert ('schema/robustness.yaml:8:9: error[E303]: policy "read" on "public.teams" calls '
            "public.visible(uuid), which the spec no longer defines") in result.output
    assert tree(project) == before


def test_recreating_a_function_a_default_calls_rebuilds_the_default(tmp_path: Path) -> None:
    project = _project(tmp_path)
    spec = project / "schema/robustness.yaml"
    spec.write_text('allow_destructive: ["recreate_function:public.slugify(text)"]\n'
                    + V1.replace("    returns: text\n    language: sql\n    body: select lower",
                                 "    returns: varchar\n    language: sql\n    body: select lower"))
    result = run(project, "generate", "--name", "retype_slugify")
    assert result.exit_code == 0, result.output
    sql = (project / "generated/migrations/002_retype_slugify.sql").read_text()
    order = ["ALTER TABLE public.teams ALTER COLUMN slug DROP DEFAULT",
             "DROP FUNCTION public.slugify(text)",
             "CREATE OR REPLACE FUNCTION public.slugify(value text)\n RETURNS varchar",
             "ALTER TABLE public.teams ALTER COLUMN slug SET DEFAULT public.slugify('team')"]
    assert [sql.index(statement) for statement in order] == sorted(
        sql.index(statement) for statement in order)


def test_recreating_a_function_a_check_calls_is_refused(tmp_path: Path) -> None:
    spec_text = V1.replace("      slug: {type: text, default_sql: \"public.slugify('team')\"}",
                           "      slug: {type: text, check: \"slug = public.slugify(slug)\"}")
    project = make_project(tmp_path, spec=spec_text)
    assert run(project, "generate").exit_code == 0
    spec = project / "schema/robustness.yaml"
    spec.write_text('allow_destructive: ["recreate_function:public.slugify(text)"]\n'
                    + spec_text.replace("    returns: text\n    language: sql",
                                        "    returns: varchar\n    language: sql"))
    before = tree(project)
    result = run(project, "generate", "--name", "retype_slugify")
    assert result.exit_code == 2, result.output
    assert ('error[E303]: check "teams_slug_check" of "public.teams" calls '
            "public.slugify(text), which this migration drops and creates again") in result.output
    assert "migrate in two steps" in result.output
    assert tree(project) == before


def test_dropping_a_function_needs_consent(tmp_path: Path) -> None:
    project = _project(tmp_path)
    spec = project / "schema/robustness.yaml"
    spec.write_text(V1.replace('"public.visible(id)"', '"true"').split("  visible:")[0])
    result = run(project, "generate", "--name", "drop_visible")
    assert result.exit_code == 2, result.output
    assert ("error[E301]: destructive change refused: function public.visible(uuid) is dropped: "
            "whatever still calls it (outside the spec too) will fail") in result.output
    assert 'allow_destructive: ["drop_function:public.visible(uuid)"]' in result.output
    spec.write_text('allow_destructive: ["drop_function:public.visible(uuid)"]\n'
                    + spec.read_text())
    done = run(project, "generate", "--name", "drop_visible")
    assert done.exit_code == 0, done.output
    sql = (project / "generated/migrations/002_drop_visible.sql").read_text()
    # The policy called the function: it goes first and comes back after.
    assert sql.index("DROP POLICY read ON public.teams") < sql.index(
        "DROP FUNCTION public.visible(uuid)") < sql.index("CREATE POLICY read ON public.teams")
    assert ("-- DESTRUCTIVE (drop_function:public.visible(uuid)): is dropped: whatever still "
            "calls it (outside the spec too) will fail.") in sql


def test_an_extension_in_a_schema_of_its_own_creates_the_schema_first(tmp_path: Path) -> None:
    project = make_project(tmp_path, spec="""\
extensions:
  vector: {schema: vectors}
tables:
  documents:
    columns:
      id: uuid
      embedding: vector(3)?
""")
    assert run(project, "generate").exit_code == 0
    sql = next((project / "generated/migrations").glob("001_*.sql")).read_text()
    assert sql.index("CREATE SCHEMA IF NOT EXISTS vectors;") < sql.index(
        "CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA vectors;")
