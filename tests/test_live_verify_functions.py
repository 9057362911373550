"""`codegen verify` on functions, triggers, extensions and schemas, and on what a spec adds
to Supabase's tables: clean on the golden case and on every diff history with them (its
migrations applied step by step), and catching what is changed by hand — a function body,
a dropped trigger, EXECUTE granted to anon, an extension moved — at the spec's file:line.
Both sources: migrations applied to a scratch database, and an existing database read-only.
"""

from __future__ import annotations

import sys
from dataclasses import replace

import pytest
from support.histories import histories_where, verify_history
from support.postgres import DatabaseServer, apply_sql, connect
from test_golden_cases import CASES_DIR

from codegen.live.comparable import comparable
from codegen.live.expected import creation_sql
from codegen.live.introspect.functions import execute_roles
from codegen.live.server import scratch_server
from codegen.live.verify import verify_database, verify_migrations
from codegen.project import load_schema
from codegen.schema import ir

CASE = CASES_DIR / "functions" / "schema" / "app.yaml"


def _uses_routines(schema: ir.Schema) -> bool:
    return bool(schema.functions or schema.extensions or schema.namespaces
                or any(t.triggers or t.external for t in schema.tables))


HISTORIES = histories_where(_uses_routines)


@pytest.fixture(autouse=True)
def case_for_server(pg_server: DatabaseServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The golden case as the server can run it: PostgreSQL 15 from Debian's packages has no
    pgvector here, so there the case is run without its vector extension and column (every
    function, trigger, schema and the other extension stay)."""
    with connect(pg_server.url) as conn:
        available = conn.execute("SELECT FROM pg_available_extensions WHERE name = 'vector'"
                                 ).fetchone() is not None
    text = CASE.read_text()
    if not available:
        text = text.replace("  vector: {schema: extensions}\n", "").replace(
            "      embedding: vector(3)?\n", "")
    monkeypatch.setattr(sys.modules[__name__], "CASE_TEXT", text)


CASE_TEXT = CASE.read_text()


def case_spec() -> ir.Schema:
    return load_schema({"schema/app.yaml": CASE_TEXT})


def spec_line(text: str) -> int:
    return next(i for i, line in enumerate(CASE_TEXT.splitlines(), 1) if text in line)


def verify_with(pg_server: DatabaseServer, by_hand: str) -> list[str]:
    spec = case_spec()
    migrations = [("001_init.sql", creation_sql(spec))]
    if by_hand:
        migrations.append(("002_by_hand.sql", by_hand))
    with scratch_server(pg_server.url) as server:
        result = verify_migrations(server, spec, migrations)
    assert [t.line() for t in result.tests if not t.passed] == []
    return [d.line() for d in result.differences]


def test_histories_with_functions_are_found() -> None:
    assert {"function_body_change", "trigger_on_auth_users", "storage_policies",
            "extension_and_ltree_column", "schema_usage", "trigger_changes"} <= set(HISTORIES)


def test_golden_case_verifies_clean(pg_server: DatabaseServer) -> None:
    assert verify_with(pg_server, "") == []


def test_golden_case_database_verifies_clean_read_only(pg_server: DatabaseServer,
                                                       database_url: str) -> None:
    spec = case_spec()
    apply_sql(database_url, creation_sql(spec))
    with scratch_server(pg_server.url) as server:
        clean = verify_database(server, spec, database_url)
        assert clean.differences == ()
        apply_sql(database_url, "ALTER FUNCTION public.slugify(text) STABLE;\n"
                  "COMMENT ON TRIGGER touch_updated_at ON public.memberships IS NULL;\n")
        drifted = verify_database(server, spec, database_url)
    lines = [d.line() for d in drifted.differences]
    assert lines[0].startswith(f"schema/app.yaml:{spec_line('  slugify:')}:3: differs "
                               "(database → spec): function public.slugify(text)")
    assert any(line.startswith(f"schema/app.yaml:{spec_line('touch_updated_at:')}:7: ")
               and "touch_updated_at" in line for line in lines), lines


@pytest.mark.parametrize("history", HISTORIES)
def test_diff_history_verifies_clean(pg_server: DatabaseServer, history: str) -> None:
    assert verify_history(pg_server.url, history) == []


def test_function_body_changed_by_hand(pg_server: DatabaseServer) -> None:
    lines = verify_with(pg_server, """\
CREATE OR REPLACE FUNCTION public.slugify(value text) RETURNS text LANGUAGE sql IMMUTABLE STRICT
AS $$select upper(value)$$;
""")
    assert lines == [(f"schema/app.yaml:{spec_line('  slugify:')}:3: differs "
                     "(database → spec): function public.slugify(text): body")]


def test_trigger_dropped_by_hand(pg_server: DatabaseServer) -> None:
    lines = verify_with(pg_server, "DROP TRIGGER on_auth_user_created ON auth.users;\n")
    assert lines == [(f"schema/app.yaml:{spec_line('on_auth_user_created:')}:7: missing from "
                     "the database: trigger on_auth_user_created on auth.users")]


def test_execute_granted_to_anon_by_hand(pg_server: DatabaseServer) -> None:
    lines = verify_with(pg_server, "GRANT EXECUTE ON FUNCTION private.is_member(uuid) TO anon;\n")
    assert lines == [(f"schema/app.yaml:{spec_line('  private.is_member:')}:3: differs "
                     "(database → spec): execute on function private.is_member(uuid): "
                     "anon, authenticated → authenticated")]


def test_extension_moved_by_hand(pg_server: DatabaseServer) -> None:
    lines = verify_with(pg_server, "ALTER EXTENSION moddatetime SET SCHEMA public;\n")
    assert lines == [
        (f"schema/app.yaml:{spec_line('  moddatetime:')}:3: differs (database → spec): "
         "extension moddatetime: schema public → extensions"),
        (f"schema/app.yaml:{spec_line('handle_updated_at:')}:7: differs (database → spec): "
         "trigger handle_updated_at on public.profiles: function public.moddatetime → "
         "extensions.moddatetime")]


def test_supabase_own_grants_and_objects_are_not_drift(pg_server: DatabaseServer) -> None:
    """storage.objects' grants to the API roles are Supabase's (the spec names none there);
    a trigger running one of Supabase's functions on its table is Supabase's; a function
    in auth is Supabase's."""
    lines = verify_with(pg_server, """\
GRANT ALL ON storage.objects TO anon;
CREATE FUNCTION storage.touch() RETURNS trigger LANGUAGE plpgsql AS $$begin return new; end$$;
CREATE TRIGGER objects_touch BEFORE UPDATE ON storage.objects
  FOR EACH ROW EXECUTE FUNCTION storage.touch();
CREATE FUNCTION auth.helper() RETURNS int LANGUAGE sql AS 'select 1';
""")
    assert lines == []


def test_policy_and_trigger_added_by_hand_to_supabase_tables(pg_server: DatabaseServer) -> None:
    lines = verify_with(pg_server, """\
CREATE POLICY "everyone deletes" ON storage.objects FOR DELETE USING (true);
CREATE TRIGGER again AFTER INSERT ON auth.users FOR EACH ROW
  EXECUTE FUNCTION public.handle_new_user();
""")
    users, objects = spec_line("  auth.users:"), spec_line("  storage.objects:")
    assert lines == [
        f"schema/app.yaml:{users}:3: not in the spec: trigger again on auth.users",
        (f'schema/app.yaml:{objects}:3: not in the spec: policy "everyone deletes" on '
        "storage.objects")]


def test_trigger_and_schema_changed_by_hand(pg_server: DatabaseServer) -> None:
    lines = verify_with(pg_server, """\
DROP TRIGGER touch_updated_at ON public.memberships;
CREATE TRIGGER touch_updated_at BEFORE UPDATE ON public.memberships
  FOR EACH ROW EXECUTE FUNCTION private.touch_updated_at();
REVOKE USAGE ON SCHEMA private FROM authenticated;
""")
    trigger, schema = spec_line("touch_updated_at:"), spec_line("  private:")
    assert lines == [
        (f"schema/app.yaml:{trigger}:7: differs (database → spec): trigger touch_updated_at on "
        "public.memberships: columns () → (role); when none → (old.role IS DISTINCT FROM "
        "new.role); comment none → Keeps updated_at current when a role changes."),
        (f"schema/app.yaml:{schema}:3: missing from the database: usage on schema private to "
        "authenticated")]


def test_function_added_by_hand(pg_server: DatabaseServer) -> None:
    lines = verify_with(pg_server, "CREATE FUNCTION public.extra() RETURNS int LANGUAGE sql "
                                   "AS 'select 1';\n")
    assert lines == ["not in the spec: function public.extra()"]



def test_execute_read_as_the_spec_writes_it() -> None:
    """No `execute:` is everyone: PostgreSQL's default ACL, or PUBLIC with exactly the API
    roles Supabase's default privileges add; any other set is listed; `execute: [public]`
    in a spec is everyone too."""
    assert execute_roles(True, []) is None
    assert execute_roles(False, ["public"]) is None
    assert execute_roles(False, ["public", "anon", "authenticated", "service_role"]) is None
    assert execute_roles(False, ["public", "anon"]) == ("anon", "public")
    assert execute_roles(False, ["authenticated", "anon"]) == ("anon", "authenticated")
    assert execute_roles(False, []) == ()
    function = next(f for f in case_spec().functions if f.name.name == "slugify")
    as_public = ir.Schema(functions=(replace(function, execute=("public", "postgres")),))
    default = ir.Schema(functions=(function,))
    assert comparable(as_public, 180000) == comparable(default, 180000)
