"""`codegen verify` on the kinds of issue 13: views and materialized views, storage buckets,
Realtime, policy comments, configuration rows, default privileges, index elements and named
unique constraints. Clean on the golden cases and on every diff history using them (its
migrations applied step by step, rows and all); catching each kind changed by hand at the
spec's file:line, from both sources: the migrations applied to a scratch database, and an
existing database read without writing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.histories import histories_where, verify_history
from support.postgres import SUPABASE_DEFAULT_PRIVILEGES_SQL, DatabaseServer, apply_sql, connect
from test_cli import make_project, run
from test_live_pull import assert_round_trip

from codegen.live.expected import creation_sql
from codegen.live.pull import pull_database
from codegen.live.server import SERVER_ENV, scratch_server
from codegen.live.verify import verify_database, verify_migrations
from codegen.project import load_schema
from codegen.schema import ir

TESTS = Path(__file__).parent
VIEWS = "tests/cases/views/schema/app.yaml"
STORAGE = "tests/cases/storage/schema/app.yaml"


def _uses_new_kinds(schema: ir.Schema) -> bool:
    return bool(schema.views or schema.buckets or schema.default_privileges or any(
        t.realtime or t.replica_identity != "default" or t.rows
        or any(p.comment for p in t.policies)
        or any(i.elements or i.include or i.nulls_not_distinct for i in t.indexes)
        or any(u.nulls_not_distinct for u in t.uniques)
        for t in schema.tables))


HISTORIES = histories_where(_uses_new_kinds)


def spec_of(path: str) -> ir.Schema:
    return load_schema({path: (TESTS.parent / path).read_text()})


def line_of(path: str, text: str) -> int:
    lines = (TESTS.parent / path).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def both_ways(pg_server: DatabaseServer, path: str, by_hand: str) -> list[str]:
    """The differences verify finds once ``by_hand`` ran after the spec's migration: from
    the migrations on a scratch database, and (the same, asserted) from an existing
    database read without writing."""
    spec = spec_of(path)
    migrations = [("001_init.sql", creation_sql(spec))]
    if by_hand:
        migrations.append(("002_by_hand.sql", by_hand))
    with scratch_server(pg_server.url) as server:
        from_migrations = verify_migrations(server, spec, migrations)
        with pg_server.fresh_database() as url:
            for _, text in migrations:
                apply_sql(url, text)
            with connect(url) as conn:
                before = conn.execute("SELECT xact_commit FROM pg_stat_database "
                                      "WHERE datname = current_database()").fetchone()
            from_database = verify_database(server, spec, url)
            with connect(url) as conn:
                after = conn.execute("SELECT xact_commit FROM pg_stat_database "
                                     "WHERE datname = current_database()").fetchone()
    assert before is not None and after is not None
    lines = [d.line() for d in from_migrations.differences]
    assert [d.line() for d in from_database.differences] == lines
    return lines


def test_histories_with_the_new_kinds_are_found() -> None:
    assert {"view_changes", "buckets", "realtime", "policy_comments", "config_rows",
            "default_privileges", "index_elements_and_named_uniques"} <= set(HISTORIES)


@pytest.mark.parametrize("path", [VIEWS, STORAGE])
def test_golden_case_verifies_clean(pg_server: DatabaseServer, path: str) -> None:
    assert both_ways(pg_server, path, "") == []


@pytest.mark.parametrize("history", HISTORIES)
def test_diff_history_verifies_clean(pg_server: DatabaseServer, history: str) -> None:
    assert verify_history(pg_server.url, history) == []


# -- views ---------------------------------------------------------------------------------


def test_view_definition_changed_by_hand(pg_server: DatabaseServer) -> None:
    lines = both_ways(pg_server, VIEWS, """\
CREATE OR REPLACE VIEW public.published_posts WITH (security_invoker = true) AS
  SELECT p.id, p.author_id, p.title, p.created_at, a.username AS author
  FROM posts p JOIN profiles a ON a.id = p.author_id;
""")
    published = line_of(VIEWS, "  published_posts:")
    assert lines == [(f"{VIEWS}:{published}:3: differs (database → spec): view "
                      "public.published_posts: query")]


def test_view_options_comments_and_grants_changed_by_hand(pg_server: DatabaseServer) -> None:
    lines = both_ways(pg_server, VIEWS, """\
ALTER VIEW public.my_drafts SET (security_invoker = false);
ALTER VIEW public.my_drafts RESET (check_option);
COMMENT ON VIEW public.published_posts IS 'Every post';
COMMENT ON COLUMN public.published_posts.author IS NULL;
GRANT SELECT ON public.my_drafts TO anon;
""")
    drafts, published = line_of(VIEWS, "  my_drafts:"), line_of(VIEWS, "  published_posts:")
    assert lines == [
        (f"{VIEWS}:{drafts}:3: differs (database → spec): view public.my_drafts: "
         "security_invoker false → true; check_option none → cascaded"),
        (f"{VIEWS}:{published}:3: differs (database → spec): comments on view "
         "public.published_posts: comment Every post → Published posts with their author's "
         "name.; column author none → The author's username."),
        f"{VIEWS}:{drafts}:3: not in the spec: grant select on public.my_drafts to anon"]


def test_views_dropped_and_added_by_hand(pg_server: DatabaseServer) -> None:
    lines = both_ways(pg_server, VIEWS, """\
DROP VIEW public.post_summaries;
DROP MATERIALIZED VIEW public.author_stats;
CREATE MATERIALIZED VIEW public.author_stats AS SELECT id AS author_id, username,
  0::bigint AS posts, 0::bigint AS comments FROM public.profiles;
COMMENT ON MATERIALIZED VIEW public.author_stats IS
  'Posts and comments per author, refreshed by a cron job.';
GRANT SELECT ON public.author_stats TO authenticated;
CREATE VIEW public.extra AS SELECT 1 AS one;
""")
    stats, summaries = line_of(VIEWS, "  author_stats:"), line_of(VIEWS, "  post_summaries:")
    assert lines == [
        "not in the spec: view public.extra",
        (f"{VIEWS}:{stats}:3: differs (database → spec): materialized view "
         "public.author_stats: query"),
        f"{VIEWS}:{summaries}:3: missing from the database: view public.post_summaries",
        (f"{VIEWS}:{summaries}:3: missing from the database: grant select on "
         "public.post_summaries to anon")]


def test_view_recreated_by_hand_with_its_readers_is_one_line(pg_server: DatabaseServer) -> None:
    """A column type of a view changed: the view and the views reading it are dropped and
    created again by the comparison; only the view that differs is a difference, and the
    grants it has are not reported again."""
    lines = both_ways(pg_server, VIEWS, """\
DROP VIEW public.post_summaries;
DROP VIEW public.published_posts;
CREATE VIEW public.published_posts WITH (security_invoker = true) AS
  SELECT p.id, p.author_id, p.title, p.created_at, a.username::varchar AS author
  FROM posts p JOIN profiles a ON a.id = p.author_id WHERE p.status = 'published';
COMMENT ON VIEW public.published_posts IS 'Published posts with their author''s name.';
COMMENT ON COLUMN public.published_posts.author IS 'The author''s username.';
GRANT SELECT ON public.published_posts TO anon, authenticated;
CREATE VIEW public.post_summaries WITH (security_invoker = true) AS
  SELECT id, title, upper(title) AS shouting, length(body) AS words,
    coalesce(body, '') AS body
  FROM published_posts JOIN posts USING (id, title);
GRANT SELECT ON public.post_summaries TO anon;
""")
    published = line_of(VIEWS, "  published_posts:")
    assert lines == [
        (f"{VIEWS}:{published}:3: differs (database → spec): view public.published_posts: "
         "query; columns (id bigint, author_id uuid, title text, created_at timestamptz, "
         "author varchar) → (id bigint, author_id uuid, title text, created_at timestamptz, "
         "author text)")]


# -- realtime ------------------------------------------------------------------------------


def test_table_dropped_from_realtime_by_hand(pg_server: DatabaseServer) -> None:
    lines = both_ways(pg_server, VIEWS, """\
ALTER PUBLICATION supabase_realtime DROP TABLE public.comments;
ALTER TABLE public.comments REPLICA IDENTITY DEFAULT;
ALTER PUBLICATION supabase_realtime ADD TABLE public.posts;
""")
    comments, posts = line_of(VIEWS, "  comments:"), line_of(VIEWS, "  posts:")
    assert lines == [
        (f"{VIEWS}:{comments}:3: differs (database → spec): replica identity of "
         "public.comments: default → full"),
        f"{VIEWS}:{comments}:3: missing from the database: realtime on public.comments",
        f"{VIEWS}:{posts}:3: not in the spec: realtime on public.posts"]


# -- buckets -------------------------------------------------------------------------------


def test_buckets_changed_by_hand(pg_server: DatabaseServer) -> None:
    lines = both_ways(pg_server, STORAGE, """\
UPDATE storage.buckets SET public = true, file_size_limit = NULL WHERE id = 'documents';
DELETE FROM storage.buckets WHERE id = 'exports';
INSERT INTO storage.buckets (id, name) VALUES ('scratch', 'scratch');
""")
    assert lines == [
        (f"{STORAGE}:{line_of(STORAGE, '  documents:')}:3: differs (database → spec): bucket "
         "documents: public true → false; file_size_limit none → 50000000"),
        f"{STORAGE}:{line_of(STORAGE, '  exports:')}:3: missing from the database: bucket exports",
        "not in the spec: bucket scratch"]


def test_buckets_are_not_compared_when_the_spec_has_none(pg_server: DatabaseServer) -> None:
    """A project that makes its buckets in the dashboard is not told about them."""
    assert both_ways(pg_server, VIEWS, "INSERT INTO storage.buckets (id, name) "
                                       "VALUES ('avatars', 'avatars');\n") == []


def test_buckets_a_role_may_not_read_are_a_warning(pg_server: DatabaseServer,
                                                   database_url: str) -> None:
    spec = spec_of(STORAGE)
    apply_sql(database_url, creation_sql(spec))
    with connect(database_url) as conn:
        conn.execute("DROP ROLE IF EXISTS codegen_no_storage")
        conn.execute("CREATE ROLE codegen_no_storage LOGIN")
    try:
        url = re.sub(r"//[^@/]*@", "//codegen_no_storage@", database_url)
        with scratch_server(pg_server.url) as server:
            result = verify_database(server, spec, url)
    finally:
        with connect(database_url) as conn:
            conn.execute("DROP ROLE codegen_no_storage")
    assert "storage buckets: cannot be read: permission denied for schema storage" \
        in result.warnings
    assert [d.message for d in result.differences] == [
        f"missing from the database: bucket {b}" for b in ("avatars", "documents", "exports")]


# -- policy comments -----------------------------------------------------------------------

POLICY_COMMENTS = "tests/diffs/policy_comments/v2.yaml"


def test_policy_comments_changed_by_hand(pg_server: DatabaseServer) -> None:
    lines = both_ways(pg_server, POLICY_COMMENTS, """\
COMMENT ON POLICY "own notes" ON public.notes IS 'Anyone';
COMMENT ON POLICY "public avatars" ON storage.objects IS NULL;
""")
    own = line_of(POLICY_COMMENTS, "name: own notes")
    avatars = line_of(POLICY_COMMENTS, "name: public avatars")
    assert lines == [
        (f"{POLICY_COMMENTS}:{own}:9: differs (database → spec): comment on policy "
         '"own notes" on public.notes: Anyone → Each user sees only their notes.'),
        (f"{POLICY_COMMENTS}:{avatars}:9: differs (database → spec): comment on policy "
         '"public avatars" on storage.objects: none → The avatars bucket is public.')]


# -- configuration rows --------------------------------------------------------------------

CONFIG_ROWS = "tests/diffs/config_rows/v2.yaml"


def test_configuration_rows_changed_by_hand(pg_server: DatabaseServer) -> None:
    """Rows the spec does not list (the app's own) and columns a row does not name are
    never compared."""
    lines = both_ways(pg_server, CONFIG_ROWS, """\
UPDATE public.plans SET monthly_cents = 1500, features = '{"seats": 10}' WHERE id = 'pro';
UPDATE public.plans SET monthly_cents = 5 WHERE id = 'free';
DELETE FROM public.plans WHERE id = 'team';
INSERT INTO public.plans (id, name) VALUES ('mine', 'Mine');
UPDATE public.settings SET maintenance = false;
""")
    plans, settings = line_of(CONFIG_ROWS, "  plans:"), line_of(CONFIG_ROWS, "  settings:")
    assert lines == [
        (f"{CONFIG_ROWS}:{plans}:3: differs (database → spec): row public.plans (pro): "
         """features '{"seats":10}' → '{"seats":10,"sso":true}'; monthly_cents 1500 → 1900"""),
        f"{CONFIG_ROWS}:{plans}:3: missing from the database: row public.plans (team)",
        (f"{CONFIG_ROWS}:{settings}:3: differs (database → spec): row public.settings (1): "
         "maintenance false → true")]


# -- default privileges --------------------------------------------------------------------

DEFAULT_PRIVILEGES = "tests/diffs/default_privileges/v2.yaml"


def _user(pg_server: DatabaseServer) -> str:
    with connect(pg_server.url) as conn:
        row = conn.execute("SELECT current_user").fetchone()
    assert row is not None
    return str(row[0])


def test_default_privileges_revoked_and_granted_by_hand(pg_server: DatabaseServer) -> None:
    """An entry without `for_role` is for the objects the role running the migrations
    creates: verify names it. Privileges granted beyond an entry, or to a grantee the spec
    does not name, are not drift."""
    lines = both_ways(pg_server, DEFAULT_PRIVILEGES, """\
ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO anon;
""")
    functions = line_of(DEFAULT_PRIVILEGES, "on: functions")
    user = _user(pg_server)
    assert lines == [
        (f"{DEFAULT_PRIVILEGES}:{functions}:38: missing from the database: default privileges "
         f"for role {user}: revoke execute on functions from public")]


def test_default_privilege_taken_back_by_hand(pg_server: DatabaseServer) -> None:
    lines = both_ways(pg_server, DEFAULT_PRIVILEGES, """\
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE ON SEQUENCES FROM authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO authenticated;
""")
    sequences = line_of(DEFAULT_PRIVILEGES, "on: sequences")
    user = _user(pg_server)
    assert lines == [
        (f"{DEFAULT_PRIVILEGES}:{sequences}:60: not in the spec: default privileges in public "
         f"for role {user}: grant select on sequences to authenticated"),
        (f"{DEFAULT_PRIVILEGES}:{sequences}:60: missing from the database: default privileges "
         f"in public for role {user}: grant usage on sequences to authenticated")]


def test_default_privileges_over_supabase_own(pg_server: DatabaseServer,
                                              database_url: str) -> None:
    """Supabase grants every privilege on new tables, sequences and functions in public to
    its API roles before any migration: a spec's grants hold over that, and its revokes
    take part of it back."""
    spec = load_schema({"app.yaml": """\
default_privileges:
  - {on: functions, revoke: {public: [execute]}}
  - {schema: public, on: functions, revoke: {anon: [execute]}}
  - {schema: public, on: tables, grant: {authenticated: [select]}}
"""})
    apply_sql(database_url, SUPABASE_DEFAULT_PRIVILEGES_SQL + creation_sql(spec))
    with scratch_server(pg_server.url) as server:
        clean = verify_database(server, spec, database_url)
        apply_sql(database_url, "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON "
                                "FUNCTIONS TO anon;\n")
        drifted = verify_database(server, spec, database_url)
    assert clean.differences == ()
    assert [d.line() for d in drifted.differences] == [
        (f"app.yaml:3:52: not in the spec: default privileges in public for role "
         f"{_user(pg_server)}: grant execute on functions to anon"),
        (f"app.yaml:3:52: missing from the database: default privileges in public for role "
         f"{_user(pg_server)}: revoke execute on functions from anon")]


def test_default_privileges_for_a_named_role(pg_server: DatabaseServer, tmp_path: Path) -> None:
    """`for_role` naming the role that runs the migrations is the same as leaving it out; an
    entry for another role is compared as that role's. A revoke in a schema holds while
    that schema grants none of it."""
    user = _user(pg_server)
    spec = tmp_path / "app.yaml"
    spec.write_text(f"""\
default_privileges:
  - {{for_role: {user}, schema: public, on: tables, grant: {{anon: [select]}}}}
  - {{for_role: authenticated, schema: public, on: functions, revoke: {{anon: [execute]}}}}
  - {{for_role: authenticated, schema: public, on: tables, grant: {{anon: [select]}}}}
""")
    schema = load_schema({"app.yaml": spec.read_text()})
    migration = creation_sql(schema)
    with scratch_server(pg_server.url) as server:
        clean = verify_migrations(server, schema, [("001.sql", migration)])
        drifted = verify_migrations(server, schema, [("001.sql", migration), ("002.sql", """\
ALTER DEFAULT PRIVILEGES FOR ROLE authenticated IN SCHEMA public REVOKE SELECT ON TABLES FROM anon;
ALTER DEFAULT PRIVILEGES FOR ROLE authenticated IN SCHEMA public
  GRANT EXECUTE ON FUNCTIONS TO anon;
""")])
    assert clean.differences == ()
    assert [d.line() for d in drifted.differences] == [
        ("app.yaml:3:77: not in the spec: default privileges in public for role authenticated: "
         "grant execute on functions to anon"),
        ("app.yaml:3:77: missing from the database: default privileges in public for role "
         "authenticated: revoke execute on functions from anon"),
        ("app.yaml:4:73: missing from the database: default privileges in public for role "
         "authenticated: grant select on tables to anon")]


# -- index elements and named unique constraints -------------------------------------------

INDEXES = "tests/diffs/index_elements_and_named_uniques/v2.yaml"


def test_index_elements_and_unique_constraint_changed_by_hand(pg_server: DatabaseServer) -> None:
    lines = both_ways(pg_server, INDEXES, """\
DROP INDEX public.members_created_at_idx;
CREATE INDEX members_created_at_idx ON public.members (created_at);
DROP INDEX public.members_lower_idx;
CREATE UNIQUE INDEX members_lower_idx ON public.members (upper(email));
ALTER TABLE public.members DROP CONSTRAINT members_one_email_per_org,
  ADD CONSTRAINT members_one_email_per_org UNIQUE (org_id, email);
""")
    assert lines == [
        (f"{INDEXES}:{line_of(INDEXES, 'created_at desc')}:9: differs (database → spec): index "
         "members_created_at_idx on public.members: columns (created_at) → (created_at DESC); "
         "elements () → (0)"),
        (f"{INDEXES}:{line_of(INDEXES, 'lower(email)')}:9: differs (database → spec): index "
         "members_lower_idx on public.members: columns ((upper(email))) → ((lower(email)))"),
        (f"{INDEXES}:{line_of(INDEXES, 'members_one_email_per_org')}:9: differs (database → "
         "spec): constraint members_one_email_per_org on public.members: nulls_not_distinct "
         "False → True")]


TRIGRAMS = """\
extensions:
  pg_trgm: {schema: extensions}
tables:
  docs:
    columns:
      id: {type: bigint, primary_key: true}
      title: text
    indexes:
      - {columns: [title], using: gin, opclass: gin_trgm_ops}
      - {columns: ["title gin_trgm_ops", "lower(title) gin_trgm_ops"], using: gin, name: docs_two}
"""


def test_operator_class_of_an_extension(pg_server: DatabaseServer, database_url: str) -> None:
    """PostgreSQL shows an operator class outside pg_catalog qualified
    (extensions.gin_trgm_ops); the spec names it alone, on every column or per element."""
    spec = load_schema({"app.yaml": TRIGRAMS})
    apply_sql(database_url, creation_sql(spec))
    with scratch_server(pg_server.url) as server:
        from_migrations = verify_migrations(server, spec, [("001.sql", creation_sql(spec))])
        from_database = verify_database(server, spec, database_url)
    assert from_migrations.differences == from_database.differences == ()
    assert assert_round_trip(pg_server, spec) == ()
    pulled = pull_database(database_url, ["public"]).files["public.yaml"]
    assert ("    indexes:\n      - {columns: [title gin_trgm_ops], using: gin}\n"
            '      - columns: [title gin_trgm_ops, "(lower(title)) gin_trgm_ops"]\n'
            "        name: docs_two\n        using: gin\n") in pulled


def test_command_line_counts_views_and_buckets(tmp_path: Path, pg_server: DatabaseServer,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SERVER_ENV, pg_server.url)
    monkeypatch.delenv("CODEGEN_DATABASE_URL", raising=False)
    text = (TESTS.parent / VIEWS).read_text() + "\n" + "\n".join(
        line for line in (TESTS.parent / STORAGE).read_text().splitlines()
        if not line.startswith("#")).split("\ntables:")[0] + "\n"
    project = make_project(tmp_path, spec=text)
    assert run(project, "generate").exit_code == 0
    result = run(project, "verify")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: the migrations (1 applied in order) produce the spec "
                                    "exactly (3 tables, 1 enum, 5 views, 3 buckets)")
