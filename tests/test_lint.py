"""`codegen lint`: every rule on a failing and a passing spec, acknowledgements, output, CLI.

Each rule has a folder tests/lint/<rule>/ with `fail.yaml` (the rule fires), `fail.txt`
(the exact report, `pytest --update-goldens` rewrites it) and `pass.yaml` (the same
schema fixed: no finding of any rule). tests/test_lint_postgres.py applies the same
specs to PostgreSQL and shows each finding is real there.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from goldens import assert_golden

from codegen.cli.lint import lint_command
from codegen.lint import RULES, Finding, format_human, format_json, lint
from codegen.project import load_schema

LINT = Path(__file__).parent / "lint"
REPO = Path(__file__).parent.parent
CASES = sorted(p.name for p in LINT.iterdir() if p.is_dir() and p.name != "__pycache__")


def lint_case(rule: str, kind: str) -> list[Finding]:
    path = LINT / rule / f"{kind}.yaml"
    return lint(load_schema({f"{rule}/{kind}.yaml": path.read_text()}))


def lint_text(spec: str) -> list[Finding]:
    return lint(load_schema({"spec.yaml": textwrap.dedent(spec)}))


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


# -- every rule: a failing and a passing case --------------------------------------------------


@pytest.mark.parametrize("rule", CASES)
def test_failing_case(request: pytest.FixtureRequest, rule: str) -> None:
    findings = lint_case(rule, "fail")
    assert rule in rules_of(findings)
    assert_golden(request, LINT / rule / "fail.txt", format_human(findings))


@pytest.mark.parametrize("rule", CASES)
def test_passing_case(rule: str) -> None:
    assert format_human(lint_case(rule, "pass")) == ""


def test_every_rule_has_cases() -> None:
    assert CASES == sorted(rule.name for rule in RULES)


def test_seed_spec_is_clean() -> None:
    files = {"schema/robustness.yaml": (REPO / "schema" / "robustness.yaml").read_text()}
    assert lint(load_schema(files)) == []


def test_rules_are_documented() -> None:
    docs = (REPO / "docs" / "lint.md").read_text()
    for rule in RULES:
        assert re.search(rf"^\| `{rule.name}` \| {rule.level} \|", docs, re.MULTILINE), rule.name


# -- rule details -------------------------------------------------------------------------------

NOTES = """
tables:
  notes:
    columns:
      id: {{type: uuid, primary_key: true, default_sql: gen_random_uuid()}}
      user_id: {{type: uuid, references: auth.users}}
      shared: {{type: boolean, default: false}}
    indexes:
      - {{columns: [user_id]}}
    policies:
{policies}
    grants:
      authenticated: [{grants}]
"""


def notes(policies: str, grants: str = "select, insert, update, delete") -> list[Finding]:
    return lint_text(NOTES.format(policies=textwrap.indent(textwrap.dedent(policies), " " * 6),
                                  grants=grants))


def messages(findings: list[Finding], rule: str) -> list[str]:
    return [f.message for f in findings if f.rule == rule]


def test_initplan_rewrites_every_per_row_call() -> None:
    found = notes("""
        - name: p
          for: select
          to: [authenticated]
          using: "user_id = auth.uid() or current_setting('app.x', true) = 'é' or (select auth.role()) = 'x'"
    """)
    assert messages(found, "auth_rls_initplan") == [
        ('policy "p" on "public.notes" calls auth.uid(), current_setting() for every row in '
        "`using`; write it as: user_id = (select auth.uid()) or (select current_setting("
        "'app.x', true)) = 'é' or (select auth.role()) = 'x'")]


def test_initplan_looks_inside_sub_selects_with_from() -> None:
    found = notes("""
        - name: p
          for: select
          to: [authenticated]
          using: "exists (select 1 from auth.identities i where i.user_id = auth.uid())"
        - name: q
          for: insert
          to: [authenticated]
          with_check: "(select auth.jwt() ->> 'role') = 'admin' and (select auth.uid()) = user_id"
    """)
    assert messages(found, "auth_rls_initplan") == [
        ('policy "p" on "public.notes" calls auth.uid() for every row in `using`; write it as: '
        "exists (select 1 from auth.identities i where i.user_id = (select auth.uid()))")]


def test_always_true_variants() -> None:
    found = notes("""
        - name: inserts
          for: insert
          to: [public]
          with_check: "1 = 1"
        - name: updates
          for: update
          to: [authenticated]
          using: "(select auth.uid()) = user_id"
          with_check: "(true)"
        - name: reads
          for: select
          to: [authenticated]
          using: "true"
        - name: restrictive
          as: restrictive
          for: delete
          to: [authenticated]
          using: "true"
        - name: server
          for: delete
          to: [service_role]
          using: "true"
    """)
    assert messages(found, "rls_policy_always_true") == [
        ('policy "inserts" on "public.notes" lets public insert any row: with_check (1 = 1) is '
        "always true"),
        ('policy "updates" on "public.notes" lets authenticated update any row: with_check '
        "((true)) is always true"),
    ]


def test_multiple_permissive_policies_group_by_policies() -> None:
    found = notes("""
        - name: everything
          for: all
          to: [authenticated]
          using: "(select auth.uid()) = user_id"
        - name: shared
          for: select
          to: [public]
          using: shared
        - name: admins
          as: restrictive
          for: select
          to: [authenticated]
          using: "(select auth.jwt() ->> 'role') = 'admin'"
    """)
    assert messages(found, "multiple_permissive_policies") == [
        ('table "public.notes" has 2 permissive policies for authenticated on select '
        '("everything" and "shared"): each one is evaluated for every row')]


def test_policy_role_without_grant_needs_the_commands_privilege() -> None:
    found = notes("""
        - name: any command, select granted
          for: all
          to: [authenticated]
          using: "(select auth.uid()) = user_id"
        - name: anon deletes
          for: delete
          to: [anon, authenticated]
          using: "(select auth.uid()) = user_id"
        - name: public inserts
          for: insert
          to: [public]
          with_check: "(select auth.uid()) = user_id"
        - name: service
          for: update
          to: [service_role]
          using: "true"
    """, grants="select")
    assert messages(found, "policy_role_without_grant") == [
        ('policy "anon deletes" is for anon and authenticated, but the spec grants them no delete '
        'on "public.notes": PostgreSQL refuses with "permission denied" before the policy is '
        "considered"),
        ('policy "public inserts" is for public, but on "public.notes" only roles that bypass '
        "row level security are granted insert: the policy never applies"),
    ]


def test_grant_to_public_and_all_count() -> None:
    spec = """
        tables:
          notes:
            columns:
              id: {type: uuid, primary_key: true}
            policies:
              - {name: p, for: update, to: [anon], using: "id = (select auth.uid())"}
            grants:
              public: [all]
    """
    assert rules_of(lint_text(spec)) == []


def test_user_metadata_through_current_setting_and_auth_users() -> None:
    found = notes("""
        - name: setting
          for: select
          to: [authenticated]
          using: "(select current_setting('request.jwt.claims', true))::jsonb #>> '{user_metadata,team}' = 'red'"
        - name: table
          for: select
          to: [authenticated]
          using: "exists (select 1 from auth.users u where u.id = (select auth.uid()) and u.raw_user_meta_data ->> 'admin' = 'yes')"
    """)
    assert sorted((f.object, f.rule) for f in found if f.rule != "multiple_permissive_policies") == [
        ('policy "setting" on public.notes', "rls_references_user_metadata"),
        ('policy "table" on public.notes', "auth_users_exposed"),
        ('policy "table" on public.notes', "rls_references_user_metadata"),
    ]


def test_unknown_column_inside_sub_selects() -> None:
    found = notes("""
        - name: p
          for: select
          to: [authenticated]
          using: "exists (select 1 from public.notes n2 where n2.id = notes.id and owner = (select auth.uid()))"
        - name: q
          for: insert
          to: [authenticated]
          with_check: "exists (select 1 from auth.users u where u.anything = user_id) or public.notes.shared"
        - name: r
          for: update
          to: [authenticated]
          using: "exists (select 1 from generate_series(1, 3) where generate_series.generate_series = 1)"
    """)
    assert messages(found, "policy_unknown_column") == [
        ('policy "p" on "public.notes": `using` refers to column "owner", which no table in scope '
        '("public.notes") has')]


def test_unindexed_foreign_keys_composite_and_partial() -> None:
    spec = """
        tables:
          teams:
            primary_key: [org, id]
            columns: {org: bigint, id: bigint}
            policies: [{name: p, for: select, to: [authenticated], using: "true"}]
            grants: {authenticated: [select]}
          members:
            columns:
              id: {type: bigint, primary_key: true}
              org: bigint
              team: bigint
              other_team: bigint
              other_org: bigint
            foreign_keys:
              - {columns: [org, team], references: {table: teams, columns: [org, id]}}
              - {columns: [other_org, other_team], references: {table: teams, columns: [org, id]}}
            indexes:
              - {columns: [team, org, id]}
              - {columns: [other_org, other_team], where: "other_team > 0"}
            policies: [{name: p, for: select, to: [authenticated], using: "true"}]
            grants: {authenticated: [select]}
    """
    found = lint_text(spec)
    assert [(f.rule, f.object) for f in found] == [
        ("unindexed_foreign_keys", "foreign key members_other_org_other_team_fkey on public.members")]


def test_duplicate_index_of_a_key_and_same_predicate() -> None:
    spec = """
        tables:
          items:
            columns:
              id: {type: bigint, primary_key: true}
              done: boolean
            indexes:
              - {columns: [id], unique: true}
              - {columns: [done], where: "not done", name: a}
              - {columns: [done], where: "NOT  (done)", name: b}
            policies: [{name: p, for: select, to: [authenticated], using: "true"}]
            grants: {authenticated: [select]}
    """
    assert [f.message for f in lint_text(spec)] == [
        ('indexes "items_pkey" and "items_id_idx" of "public.items" are identical (unique btree '
        "on (id)): every write maintains all of them for nothing"),
        ('indexes "a" and "b" of "public.items" are identical (btree on (done)): every write '
        "maintains all of them for nothing"),
    ]


def test_rls_disabled_without_grants_warns_about_default_privileges() -> None:
    spec = """
        tables:
          logs:
            rls: false
            columns: {id: {type: bigint, primary_key: true}}
          private.logs:
            model: PrivateLog
            rls: false
            columns: {id: {type: bigint, primary_key: true}}
    """
    assert [(f.rule, f.object) for f in lint_text(spec)] == [
        ("rls_disabled_in_public", "table public.logs")]


# -- acknowledgements ---------------------------------------------------------------------------


def test_acknowledgement_on_the_policy_or_its_table() -> None:
    policy = """
        - name: p
          for: select
          to: [authenticated]
          using: "auth.uid() = user_id"
          {ack}
    """
    assert rules_of(notes(policy.format(ack=""))) == ["auth_rls_initplan"]
    assert notes(policy.format(ack='lint_ignore: {auth_rls_initplan: "measured: tiny table"}')) == []
    table_level = NOTES.replace("    policies:\n", '    lint_ignore: {{auth_rls_initplan: "ok"}}\n'
                                "    policies:\n")
    text = table_level.format(policies=textwrap.indent(textwrap.dedent(policy.format(ack="")),
                                                       " " * 6), grants="select")
    assert lint_text(text) == []


def test_acknowledging_one_policy_of_an_overlapping_group() -> None:
    found = notes("""
        - name: a
          for: select
          to: [authenticated]
          using: "(select auth.uid()) = user_id"
          lint_ignore: {multiple_permissive_policies: "shared notes are rare; kept apart to read"}
        - name: b
          for: select
          to: [authenticated]
          using: shared
    """)
    assert found == []


def test_acknowledgement_of_another_rule_is_unused_and_typos_are_unknown() -> None:
    found = notes("""
        - name: p
          for: select
          to: [authenticated]
          using: "auth.uid() = user_id"
          lint_ignore: {auth_rls_init_plan: "typo", no_primary_key: "wrong object"}
    """)
    assert [(f.rule, f.level, f.message) for f in found] == [
        ("unknown_lint_ignore", "error", ('lint_ignore on policy "p" on public.notes names unknown '
         'rule "auth_rls_init_plan" (did you mean "auth_rls_initplan"?)')),
        ("auth_rls_initplan", "warn", found[1].message),
        ("unused_lint_ignore", "info", ('lint_ignore of "no_primary_key" on policy "p" on '
         "public.notes acknowledges no finding")),
    ]


def test_meta_rules_cannot_be_acknowledged() -> None:
    found = notes("""
        - name: p
          for: select
          to: [authenticated]
          using: "(select auth.uid()) = user_id"
          lint_ignore: {unused_lint_ignore: "no"}
    """)
    assert [f.message for f in found] == [
        ('lint_ignore on policy "p" on public.notes names "unused_lint_ignore", a rule that '
        "cannot be acknowledged")]


# -- output -------------------------------------------------------------------------------------


def test_json_shape() -> None:
    findings = lint_case("auth_rls_initplan", "fail")
    data = json.loads(format_json(findings))
    assert data == [{
        "rule": "auth_rls_initplan",
        "level": "warn",
        "file": "auth_rls_initplan/fail.yaml",
        "line": 11,
        "column": 9,
        "message": findings[0].message,
        "hint": findings[0].hint,
        "object": 'policy "Owners read their notes" on public.notes',
    }]
    assert format_json([]) == "[]\n"


def test_human_colors_only_when_asked() -> None:
    findings = lint_case("rls_disabled_in_public", "fail")
    assert "\x1b[" not in format_human(findings)
    assert "\x1b[31m" in format_human(findings, color=True)


def test_findings_are_sorted_and_deterministic() -> None:
    first = lint_case("policy_unknown_column", "fail")
    assert first == lint_case("policy_unknown_column", "fail")
    spans = [f.span for f in first]
    assert spans == sorted(spans, key=lambda s: (s.file, s.line, s.col) if s else ("", 0, 0))


# -- the command --------------------------------------------------------------------------------


def run(project: Path, *args: str) -> Result:
    old = Path.cwd()
    os.chdir(project)
    try:
        return CliRunner().invoke(lint_command, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def project_with(tmp_path: Path, spec: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.codegen]\n")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "app.yaml").write_text(spec)
    return tmp_path


def test_command_seed_passes_strict(tmp_path: Path) -> None:
    project = project_with(tmp_path, (REPO / "schema" / "robustness.yaml").read_text())
    result = run(project, "--strict")
    assert (result.exit_code, result.output) == (0, "ok: no findings\n")


@pytest.mark.parametrize(("case", "strict", "code"), [
    ("rls_enabled_no_policy", True, 0),  # info never fails
    ("auth_rls_initplan", False, 0),
    ("auth_rls_initplan", True, 1),
    ("rls_disabled_in_public", False, 1),
])
def test_command_exit_codes(tmp_path: Path, case: str, strict: bool, code: int) -> None:
    project = project_with(tmp_path, (LINT / case / "fail.yaml").read_text())
    result = run(project, *(["--strict"] if strict else []))
    assert result.exit_code == code, result.output
    assert "schema/app.yaml:" in result.output and f"[{case}]" in result.output


def test_command_json(tmp_path: Path) -> None:
    project = project_with(tmp_path, (LINT / "policy_exists_rls_disabled" / "fail.yaml").read_text())
    result = run(project, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [(d["rule"], d["level"], d["file"], d["line"]) for d in data] == [
        ("policy_exists_rls_disabled", "error", "schema/app.yaml", 3),
        ("rls_disabled_in_public", "error", "schema/app.yaml", 3),
    ]


def test_command_summary_line(tmp_path: Path) -> None:
    project = project_with(tmp_path, (LINT / "unknown_lint_ignore" / "fail.yaml").read_text())
    result = run(project)
    assert result.output.splitlines()[-1] == "2 findings: 1 error, 1 info"


def test_command_invalid_spec_exits_2(tmp_path: Path) -> None:
    project = project_with(tmp_path, "tables:\n  t:\n    columns: {id: nosuchtype}\n")
    result = run(project)
    assert result.exit_code == 2
    assert 'error[E231]: column type "nosuchtype"' in result.output


def test_tables_the_spec_does_not_own_get_no_table_findings() -> None:
    """auth.users and storage.objects keep Supabase's key, RLS and grants: the rules about a
    table's shape, its RLS switch and its grants say nothing about them; their policies are
    still checked."""
    findings = lint_text("""
tables:
  auth.users:
    triggers:
      on_created: {timing: after, events: [insert], function: handle_new_user}
  storage.objects:
    policies:
      - {name: read avatars, for: select, to: [anon], using: "bucket_id = 'avatars'"}
      - {name: write avatars, for: all, to: [anon], using: "true"}
functions:
  handle_new_user:
    returns: trigger
    language: plpgsql
    set: {search_path: ""}
    body: "begin return new; end;"
""")
    assert sorted({f.rule for f in findings}) == ["multiple_permissive_policies",
                                                  "rls_policy_always_true",
                                                  "storage_anon_write"]


def test_tables_supabase_owns_are_not_judged_by_their_shape_or_grants() -> None:
    """auth.users and storage.objects have primary keys, RLS and the API roles' grants in
    Supabase; a spec that only adds a trigger or policies to them does not describe those."""
    findings = lint_text("""\
        tables:
          auth.users:
            triggers:
              on_signup: {timing: after, events: [insert], function: public.on_signup}
          storage.objects:
            policies:
              - {name: read avatars, for: select, to: [anon], using: "bucket_id = 'avatars'"}
        functions:
          on_signup:
            returns: trigger
            language: plpgsql
            security: definer
            set: {search_path: ""}
            execute: []
            body: "begin return new; end;"
    """)
    assert findings == []
