"""`codegen pull`: a database written as spec files that recreate exactly its catalog.

Round trips: a spec's migration applied to an empty database, pulled, the pulled spec's
migration applied to another empty database: both catalogs must be equal, read by codegen's
introspection and by the test suite's own (tests/support/catalog.py). On the repository's
golden cases, every diff history's final state and public Supabase examples (tests/live/).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support.catalog import diff, introspect
from support.pgvector import has_pgvector, without_pgvector
from support.postgres import DatabaseServer, apply_sql, connect
from test_golden_cases import CASES, CASES_DIR, case_schema

from codegen.live.expected import creation_sql
from codegen.live.introspect import introspect as read_ir
from codegen.live.managed import managed_by
from codegen.live.pull import pull_database
from codegen.live.server import scratch_server
from codegen.live.verify import spec_schemas, verify_migrations
from codegen.live.yaml_text import block
from codegen.migrate.compare import compare
from codegen.project import load_schema
from codegen.schema import ir

TESTS = Path(__file__).parent
DIFFS = TESTS / "diffs"
HISTORIES = sorted(p.name for p in DIFFS.iterdir() if (p / "v1.yaml").is_file())
# Public hand-written Supabase schemas, written as specs (sources named in each file).
PUBLIC_SCHEMAS = sorted((TESTS / "live").glob("*.yaml"))


def final_state(history: str) -> ir.Schema:
    versions = sorted((DIFFS / history).glob("v*.yaml"), key=lambda p: int(p.stem[1:]))
    return load_schema({versions[-1].name: versions[-1].read_text()})


def schemas_of(schema: ir.Schema) -> list[str]:
    return spec_schemas(schema)


def assert_round_trip(pg_server: DatabaseServer, spec: ir.Schema) -> tuple[str, ...]:
    """Pull the spec's database, recreate it from the pulled spec; return pull's warnings."""
    schemas = schemas_of(spec)
    with pg_server.fresh_database() as original, pg_server.fresh_database() as recreated:
        apply_sql(original, creation_sql(spec))
        pulled = pull_database(original, schemas)
        again = load_schema({f"schema/{name}": text for name, text in pulled.files.items()})
        apply_sql(recreated, creation_sql(again))
        with connect(original) as a, connect(recreated) as b:
            first, second = read_ir(a, schemas).schema, read_ir(b, schemas).schema
            assert compare(first, second) == []
            assert first == second
            assert diff(introspect(a, schemas), introspect(b, schemas)) == []
        return pulled.warnings


@pytest.mark.parametrize("name", CASES)
def test_golden_case_round_trips(pg_server: DatabaseServer, name: str) -> None:
    schema = case_schema(name)
    if name == "functions" and not has_pgvector(pg_server.url):  # Debian's PostgreSQL 15
        schema = load_schema({"app.yaml": without_pgvector(
            (CASES_DIR / name / "schema" / "app.yaml").read_text())})
    assert assert_round_trip(pg_server, schema) == ()


@pytest.mark.parametrize("history", HISTORIES)
def test_diff_history_final_state_round_trips(pg_server: DatabaseServer, history: str) -> None:
    assert assert_round_trip(pg_server, final_state(history)) == ()


@pytest.mark.parametrize("path", PUBLIC_SCHEMAS, ids=lambda p: p.stem)
def test_public_supabase_schema_round_trips(pg_server: DatabaseServer, path: Path) -> None:
    spec = load_schema({path.name: path.read_text()})
    assert assert_round_trip(pg_server, spec) == ()


@pytest.mark.parametrize("path", PUBLIC_SCHEMAS, ids=lambda p: p.stem)
def test_public_supabase_schema_verifies_with_its_tests(pg_server: DatabaseServer,
                                                        path: Path) -> None:
    spec = load_schema({path.name: path.read_text()})
    with scratch_server(pg_server.url) as server:
        result = verify_migrations(server, spec, [("001_init.sql", creation_sql(spec))])
    assert result.differences == () and result.tests
    assert [t.line() for t in result.tests if not t.passed] == []


@pytest.mark.parametrize("body", ["select 1\n", "begin\n  x := 1;\n\n  return x;\nend;\n",
                                  "  select 1\nfrom t\n", "a \n   \nb\n", "select '#: x'\n"])
def test_bodies_are_block_scalars_that_read_back_exactly(body: str) -> None:
    text = "\n".join(block({"f": {"language": "sql", "body": body}}, 2)) + "\n"
    assert "body: |" in text
    assert yaml.safe_load(text)["f"]["body"] == body


def test_what_the_spec_manages_of_a_database() -> None:
    """Extensions the spec does not declare are not compared, nor the version of one it does
    not pin; on Supabase's tables only the grants of the roles the spec names there."""
    objects = ir.QualifiedName("storage", "objects")
    database = ir.Schema(
        tables=(ir.Table(objects, "Object", (), external=True,
                         grants=(ir.Grant("anon", ("all",)), ir.Grant("authenticated", ("all",)))),
                ir.Table(ir.QualifiedName("auth", "users"), "User", (), external=True)),
        extensions=(ir.Extension("pgcrypto", "extensions", "1.3"),
                    ir.Extension("vector", "extensions", "0.8.0"),
                    ir.Extension("moddatetime", "extensions", "1.0")))
    spec = ir.Schema(
        tables=(ir.Table(objects, "Object", (), external=True,
                         grants=(ir.Grant("authenticated", ("select",)),)),),
        extensions=(ir.Extension("vector"), ir.Extension("moddatetime", version="1.0")))
    managed = managed_by(database, spec)
    assert managed.extensions == (ir.Extension("vector", "extensions", None),
                                  ir.Extension("moddatetime", "extensions", "1.0"))
    assert [(t.name, t.grants) for t in managed.tables] == [
        (objects, (ir.Grant("authenticated", ("all",)),))]


def test_pull_writes_default_privileges_buckets_and_realtime(database_url: str) -> None:
    """Written as a spec would say them; default privileges for objects Supabase's own roles
    create are Supabase's setup and are not written; configuration rows are data and are
    not pulled (only a spec can say which rows are configuration)."""
    with connect(database_url) as conn:
        conn.execute("DROP ROLE IF EXISTS supabase_codegen_admin")
        conn.execute("CREATE ROLE supabase_codegen_admin NOLOGIN")
    try:
        apply_sql(database_url, """\
CREATE TABLE public.plans (id text PRIMARY KEY, name text NOT NULL);
INSERT INTO public.plans VALUES ('free', 'Free');
ALTER TABLE public.plans REPLICA IDENTITY FULL;
ALTER PUBLICATION supabase_realtime ADD TABLE public.plans;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO service_role;
ALTER DEFAULT PRIVILEGES FOR ROLE supabase_codegen_admin IN SCHEMA public
  GRANT SELECT ON TABLES TO anon;
INSERT INTO storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  VALUES ('avatars', 'Avatars', true, 1048576, ARRAY['image/png']), ('docs', 'docs', false,
  1000, NULL);
""")
        pulled = pull_database(database_url, ["public"])
    finally:
        with connect(database_url) as conn:
            conn.execute("DROP OWNED BY supabase_codegen_admin")
            conn.execute("DROP ROLE supabase_codegen_admin")
    text = pulled.files["public.yaml"]
    assert pulled.warnings == ()
    assert "    realtime: true\n    replica_identity: full\n" in text
    assert "rows:" not in text
    assert text.endswith("""\
buckets:
  avatars:
    name: Avatars
    public: true
    file_size_limit: "1MiB"
    allowed_mime_types: [image/png]

  docs: {file_size_limit: 1000}

default_privileges:
  - "on": functions
    revoke: {public: [execute]}
  - schema: public
    "on": tables
    grant: {authenticated: [insert, select]}
  - schema: public
    "on": tables
    grant: {service_role: [all]}
""")


def test_pull_warns_a_realtime_row_filter(database_url: str) -> None:
    apply_sql(database_url, """\
CREATE TABLE public.events (id bigint PRIMARY KEY, public boolean NOT NULL);
ALTER PUBLICATION supabase_realtime ADD TABLE public.events WHERE (public);
""")
    pulled = pull_database(database_url, ["public"])
    warning = ("table public.events: a row filter or column list in the supabase_realtime "
               "publication is not in the spec (read as the whole table)")
    assert pulled.warnings == (warning,)
    assert "    realtime: true\n" in pulled.files["public.yaml"]


def test_pull_warns_a_collation_and_a_tables_storage_parameters(database_url: str) -> None:
    apply_sql(database_url, """\
CREATE TABLE public.notes (id bigint PRIMARY KEY, title text COLLATE "C" NOT NULL,
                           body text COLLATE "default") WITH (fillfactor = 70);
""")
    pulled = pull_database(database_url, ["public"])
    assert pulled.warnings == (
        ("table public.notes: storage parameters (fillfactor=70) are not in the spec (read "
         "without them)"),
        'column public.notes.title: collation "C" is not in the spec (read without it)')
    assert "      title: text\n" in pulled.files["public.yaml"]


def test_pull_warns_what_views_realtime_and_privileges_cannot_say(database_url: str) -> None:
    apply_sql(database_url, """\
CREATE TABLE public.items (id bigint PRIMARY KEY, name text NOT NULL);
CREATE UNIQUE INDEX items_name_key ON public.items (name);
ALTER TABLE public.items ADD CONSTRAINT items_id_name_key UNIQUE (id) INCLUDE (name);
ALTER TABLE public.items REPLICA IDENTITY USING INDEX items_name_key;
CREATE VIEW public.barrier WITH (security_barrier = true) AS SELECT id FROM public.items;
CREATE VIEW public.invoker WITH (security_invoker = on) AS SELECT id FROM public.items;
CREATE VIEW public.definer WITH (security_invoker = 0) AS SELECT id FROM public.items;
CREATE VIEW public.shapes AS SELECT id, point(1, 2) AS spot FROM public.items;
CREATE MATERIALIZED VIEW public.totals AS SELECT count(*) AS n FROM public.items;
CREATE INDEX totals_n_idx ON public.totals (n);
CREATE INDEX items_name_idx ON public.items (name) WITH (fillfactor = 70);
CREATE FUNCTION public.nothing() RETURNS trigger LANGUAGE plpgsql AS 'begin return null; end';
CREATE TRIGGER instead INSTEAD OF INSERT ON public.invoker
  FOR EACH ROW EXECUTE FUNCTION public.nothing();
CREATE RULE no_delete AS ON DELETE TO public.definer DO INSTEAD NOTHING;
GRANT SELECT ON public.barrier TO anon WITH GRANT OPTION;
DROP PUBLICATION supabase_realtime;
CREATE PUBLICATION supabase_realtime FOR ALL TABLES;
""")
    pulled = pull_database(database_url, ["public"])
    assert pulled.warnings == (
        ("constraint items_id_name_key on public.items: INCLUDE columns of a constraint are "
         "not in the spec (left out)"),
        "index public.items_name_idx: storage parameter fillfactor is not in the spec (left out)",
        ("table public.items: the supabase_realtime publication is FOR ALL TABLES, which the "
        "spec does not express (read as not streamed)"),
        "table public.items: REPLICA IDENTITY USING INDEX is not in the spec (read as default)",
        ("view public.barrier: WITH GRANT OPTION for anon is not in the spec (read as a plain "
        "grant)"),
        "view public.barrier: option security_barrier is not in the spec (left out)",
        "view public.definer: rule no_delete: rules are not in the spec (skipped)",
        ("view public.invoker: trigger instead: triggers on views are not in the spec "
         "(skipped)"),
        ("view public.shapes: column spot (point) has a type the spec does not support (view "
        "skipped)"),
        ("materialized view public.totals: indexes on a materialized view are not in the spec "
        "(left out)"))
    text = pulled.files["public.yaml"]
    assert "  barrier:\n" in text and "  totals:\n" in text and "shapes" not in text
    assert "  invoker:\n    query: |\n" in text  # the spec's default
    assert "  definer:\n    security_invoker: false\n" in text
