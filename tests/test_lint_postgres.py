"""Each schema lint finding is real: the rule's failing spec, applied to PostgreSQL (with the
Supabase shim), misbehaves the way the finding says, and its passing spec does not.

The specs are the ones of tests/lint/<rule>/ that tests/test_lint.py lints.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from support.postgres import (
    SUPABASE_DEFAULT_PRIVILEGES_SQL,
    Connection,
    MigrationError,
    apply_sql,
    as_role,
    connect,
)

from codegen.lint import lint
from codegen.migrate.changes import CreatePolicy
from codegen.migrate.compare import compare
from codegen.migrate.history import render_migration
from codegen.project import load_schema
from codegen.schema import ir

LINT = Path(__file__).parent / "lint"
ALICE = uuid.UUID("00000000-0000-0000-0000-00000000a11c")
BOB = uuid.UUID("00000000-0000-0000-0000-000000000b0b")


def spec(rule: str, kind: str) -> ir.Schema:
    return load_schema({f"{rule}/{kind}.yaml": (LINT / rule / f"{kind}.yaml").read_text()})


def migration(schema: ir.Schema) -> str:
    return render_migration(compare(ir.Schema(), schema), ())


def fires(rule: str, kind: str) -> bool:
    return any(f.rule == rule for f in lint(spec(rule, kind)))


@pytest.fixture
def conn(database_url: str) -> Iterator[Connection]:
    with connect(database_url) as connection:
        for user in (ALICE, BOB):
            connection.execute("insert into auth.users (id, email) values (%s, %s)",
                               (user, f"{user}@example.com"))
        yield connection


def apply_case(conn: Connection, rule: str, kind: str) -> None:
    """Apply the case's migration; the rule fires on `fail` and stays silent on `pass`."""
    assert fires(rule, kind) == (kind == "fail")
    apply_sql(conn, migration(spec(rule, kind)))


def add_notes(conn: Connection) -> None:
    for user in (ALICE, BOB):
        conn.execute("insert into public.notes (user_id, body) values (%s, %s)", (user, f"{user}"))


def user(who: uuid.UUID, **claims: object) -> dict[str, object]:
    return {"sub": str(who), "role": "authenticated", "email": f"{who}@example.com", **claims}


def owners_visible(conn: Connection, claims: dict[str, object]) -> set[uuid.UUID]:
    with as_role(conn, "authenticated", claims) as c:
        return {row[0] for row in c.execute("select user_id from public.notes")}


def explain(conn: Connection, query: str, claims: dict[str, object]) -> str:
    with as_role(conn, "authenticated", claims) as c:
        return "\n".join(row[0] for row in c.execute(f"explain (costs off, verbose) {query}"))


# -- security -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_rls_disabled_in_public_anon_reads_every_row(conn: Connection, kind: str) -> None:
    apply_case(conn, "rls_disabled_in_public", kind)
    conn.execute("insert into public.posts (title, published) values ('draft', false), "
                 "('hello', true)")
    with as_role(conn, "anon") as c:
        titles = {row[0] for row in c.execute("select title from public.posts")}
    assert titles == ({"draft", "hello"} if kind == "fail" else {"hello"})


def test_rls_disabled_in_public_without_grants_under_default_privileges(conn: Connection) -> None:
    """No grant in the spec: a project with Supabase's default privileges still exposes it."""
    text = (LINT / "rls_disabled_in_public" / "fail.yaml").read_text()
    schema = load_schema({"x.yaml": text.replace("    grants:\n      anon: [select]\n", "")})
    assert [f.rule for f in lint(schema)] == ["rls_disabled_in_public"]
    apply_sql(conn, SUPABASE_DEFAULT_PRIVILEGES_SQL)
    apply_sql(conn, migration(schema))
    conn.execute("insert into public.posts (title) values ('draft')")
    with as_role(conn, "anon") as c:
        c.execute("update public.posts set title = 'defaced'")
        assert c.execute("select title from public.posts").fetchall() == [("defaced",)]


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_policy_exists_rls_disabled_policy_is_ignored(conn: Connection, kind: str) -> None:
    apply_case(conn, "policy_exists_rls_disabled", kind)
    add_notes(conn)
    assert owners_visible(conn, user(ALICE)) == ({ALICE, BOB} if kind == "fail" else {ALICE})


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_rls_enabled_no_policy_grant_reads_nothing(conn: Connection, kind: str) -> None:
    apply_case(conn, "rls_enabled_no_policy", kind)
    add_notes(conn)
    assert conn.execute("select count(*) from public.notes").fetchone() == (2,)
    assert owners_visible(conn, user(ALICE)) == (set() if kind == "fail" else {ALICE})


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_auth_users_exposed_policy_fails_without_access_to_auth_users(
    conn: Connection, kind: str
) -> None:
    apply_case(conn, "auth_users_exposed", kind)
    add_notes(conn)
    staff = user(ALICE, email="alice@staff.example")
    if kind == "pass":
        assert owners_visible(conn, staff) == {ALICE, BOB}
        return
    conn.execute("update auth.users set email = 'alice@staff.example' where id = %s", (ALICE,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for table users"):
        owners_visible(conn, staff)


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_rls_references_user_metadata_user_grants_themselves_access(
    conn: Connection, kind: str
) -> None:
    apply_case(conn, "rls_references_user_metadata", kind)
    add_notes(conn)
    # What supabase.auth.updateUser({data: {is_admin: true}}) puts into the user's next JWT.
    self_made_admin = user(ALICE, user_metadata={"is_admin": True})
    assert owners_visible(conn, self_made_admin) == ({ALICE, BOB} if kind == "fail" else set())
    if kind == "pass":  # only the server can set app_metadata
        assert owners_visible(conn, user(ALICE, app_metadata={"is_admin": True})) == {ALICE, BOB}


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_rls_policy_always_true_user_deletes_other_users_rows(conn: Connection, kind: str) -> None:
    apply_case(conn, "rls_policy_always_true", kind)
    add_notes(conn)
    with as_role(conn, "authenticated", user(ALICE), commit=True) as c:
        c.execute("delete from public.notes")
    left = {row[0] for row in conn.execute("select user_id from public.notes")}
    assert left == (set() if kind == "fail" else {BOB})


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_policy_role_without_grant_is_refused(conn: Connection, kind: str) -> None:
    apply_case(conn, "policy_role_without_grant", kind)
    add_notes(conn)
    if kind == "pass":
        assert owners_visible(conn, user(ALICE)) == {ALICE}
        return
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for table notes"):
        owners_visible(conn, user(ALICE))


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_policy_unknown_column_create_policy_fails(conn: Connection, kind: str) -> None:
    schema = spec("policy_unknown_column", kind)
    changes = compare(ir.Schema(), schema)
    policies = [c for c in changes if isinstance(c, CreatePolicy)]
    apply_sql(conn, render_migration([c for c in changes if not isinstance(c, CreatePolicy)], ()))
    failed = {}
    for change in policies:
        try:
            apply_sql(conn, render_migration([change], ()))
        except MigrationError as err:
            failed[change.policy.name] = err.primary
    flagged = {f.object.split('"')[1] for f in lint(schema) if f.rule == "policy_unknown_column"}
    assert set(failed) == flagged
    if kind == "fail":
        assert failed == {
            "Members read their teams": "column m.team does not exist",
            "Members rename their teams": "column teams.nam does not exist",
            "Admins delete teams": 'missing FROM-clause entry for table "membership"',
        }


# -- performance --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_auth_rls_initplan_per_row_call_vs_initplan(conn: Connection, kind: str) -> None:
    apply_case(conn, "auth_rls_initplan", kind)
    add_notes(conn)
    plan = explain(conn, "select * from public.notes", user(ALICE))
    conditions = " ".join(line for line in plan.splitlines() if "Filter:" in line or "Cond:" in line)
    if kind == "fail":  # auth.uid()'s body, inlined into the row condition: evaluated per row
        assert "InitPlan" not in plan and "current_setting" in conditions
    else:  # computed once by an InitPlan; rows are compared with its result
        assert "InitPlan" in plan and "current_setting" not in conditions
    assert owners_visible(conn, user(ALICE)) == {ALICE}


_PERMISSIVE_PER_ROLE_AND_COMMAND = """
select r.rolname, p.polcmd, array_agg(p.polname::text order by p.polname)
from pg_policy p
join pg_roles r on r.oid = any(p.polroles)
where p.polrelid = 'public.notes'::regclass and p.polpermissive
group by r.rolname, p.polcmd
having count(*) > 1
"""


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_multiple_permissive_policies_are_all_evaluated(conn: Connection, kind: str) -> None:
    apply_case(conn, "multiple_permissive_policies", kind)
    add_notes(conn)
    overlapping = conn.execute(_PERMISSIVE_PER_ROLE_AND_COMMAND).fetchall()
    plan = explain(conn, "select * from public.notes", user(ALICE))
    filter_line = next(line for line in plan.splitlines() if "Filter:" in line)
    # PostgreSQL ORs every applicable permissive policy into the row filter.
    assert " OR " in filter_line and "shared" in filter_line
    if kind == "fail":
        assert overlapping == [("authenticated", "r",
                                ["Everyone reads shared notes", "Owners read their notes"])]
    else:
        assert overlapping == []


_FK_COVERING_INDEXES = """
select c.conname, count(i.indexrelid)
from pg_constraint c
left join pg_index i on i.indrelid = c.conrelid and i.indisvalid and i.indpred is null
    and (select array_agg(k order by k) from unnest(c.conkey) k)
      = (select array_agg(k order by k)
         from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) k)
where c.conrelid = 'public.notes'::regclass and c.contype = 'f'
group by c.conname
"""


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_unindexed_foreign_keys_no_index_covers_the_columns(conn: Connection, kind: str) -> None:
    apply_case(conn, "unindexed_foreign_keys", kind)
    add_notes(conn)
    assert conn.execute(_FK_COVERING_INDEXES).fetchall() == [
        ("notes_user_id_fkey", 0 if kind == "fail" else 1)]
    # The lookup PostgreSQL runs for each deleted auth.users row (ri_triggers.c's query).
    with conn.transaction():
        conn.execute("set local enable_seqscan = off")
        plan = "\n".join(r[0] for r in conn.execute(
            "explain (costs off) select 1 from only public.notes x where user_id = %s "
            "for key share of x", (BOB,)))
    assert ("Seq Scan" in plan) == (kind == "fail")


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_no_primary_key_breaks_replicated_updates(conn: Connection, kind: str) -> None:
    apply_case(conn, "no_primary_key", kind)
    conn.execute("insert into public.events (name) values ('signup')")
    primary = conn.execute("select count(*) from pg_index where indrelid = "
                           "'public.events'::regclass and indisprimary").fetchone()
    assert primary == ((0,) if kind == "fail" else (1,))
    # What Supabase Realtime does to listen to a table's changes.
    conn.execute("create publication lint_realtime for table public.events")
    if kind == "pass":
        conn.execute("update public.events set name = 'sign-up'")
        return
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState, match="replica identity"):
        conn.execute("update public.events set name = 'sign-up'")


_IDENTICAL_INDEXES = """
select array_agg(indexname::text order by indexname)
from pg_indexes
where schemaname = 'public' and tablename = 'notes'
group by replace(indexdef, indexname, '')
having count(*) > 1
"""


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_duplicate_index_identical_definitions(conn: Connection, kind: str) -> None:
    apply_case(conn, "duplicate_index", kind)
    identical = conn.execute(_IDENTICAL_INDEXES).fetchall()
    assert identical == ([(["notes_owner_idx", "notes_user_id_idx"],)] if kind == "fail" else [])


# -- functions and extensions -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_function_search_path_mutable_caller_redirects_the_body(conn: Connection,
                                                                  kind: str) -> None:
    apply_case(conn, "function_search_path_mutable", kind)
    conn.execute("insert into public.notes (body) values ('real')")
    # A caller who can create a schema shadows public.notes with a table of their own.
    conn.execute("create schema decoy; create table decoy.notes (id bigint, body text); "
                 "insert into decoy.notes values (1, 'a'), (2, 'b'), (3, 'c')")
    with conn.transaction():
        conn.execute("set local search_path = decoy, public")
        counted = conn.execute("select public.count_notes()").fetchone()
    assert counted == ((3,) if kind == "fail" else (1,))


@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_extension_in_public_exposes_its_functions_to_anon(conn: Connection, kind: str) -> None:
    apply_case(conn, "extension_in_public", kind)
    exposed = conn.execute(
        "select count(*) from pg_proc where pronamespace = 'public'::regnamespace "
        "and has_function_privilege('anon', oid, 'EXECUTE')").fetchone()
    assert exposed is not None
    assert (exposed[0] > 0) == (kind == "fail")
    with as_role(conn, "anon") as c:  # what PostgREST's /rpc/levenshtein would run
        if kind == "fail":
            assert c.execute("select public.levenshtein('kitten', 'sitting')").fetchone() == (3,)
        else:
            with pytest.raises(psycopg.errors.UndefinedFunction):
                c.execute("select public.levenshtein('kitten', 'sitting')")


@pytest.mark.parametrize(("rule", "role"), [
    ("anon_security_definer_function_executable", "anon"),
    ("authenticated_security_definer_function_executable", "authenticated"),
])
@pytest.mark.parametrize("kind", ["fail", "pass"])
def test_security_definer_function_reads_past_row_level_security(
        conn: Connection, rule: str, role: str, kind: str) -> None:
    apply_case(conn, rule, kind)
    conn.execute("insert into public.secrets (value) values ('s1'), ('s2')")
    with as_role(conn, role, user(ALICE) if role == "authenticated" else None) as c:
        # The role may not read the table itself...
        with pytest.raises(psycopg.errors.InsufficientPrivilege), c.transaction():
            c.execute("select count(*) from public.secrets")
        if kind == "fail":  # ...but the function, running as its owner, reads every row.
            assert c.execute("select count(*) from public.all_secrets()").fetchone() == (2,)
        else:  # anon may not call it; an invoker function reads with the caller's rights
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute("select count(*) from public.all_secrets()")
