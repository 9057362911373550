"""Migration-safety rules of `codegen lint`: every rule on a failing and a passing migration.

Each rule has tests/lint_migrations/<rule>/fail/ and pass/, each an evolution
`v1.yaml` → `v2.yaml`: the rules check the migration `codegen generate` would write
from v1's schema to v2's, split into files as it does. `expected.txt` beside them is
the exact report (`pytest --update-goldens` rewrites it); the rule fires in `fail/`
and not in `pass/`. Three rules check invariants the generator keeps (NOT VALID on
existing tables, validation in a later file, enum labels in a migration of their own),
so their failing case names, in `regression.txt`, the generator bug it simulates on the
planned changes.
tests/test_lint_migrations_postgres.py applies the same migrations to PostgreSQL and
shows each finding is real.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from goldens import assert_golden
from test_cli import run

from codegen.lint import (
    MIGRATION_RULES,
    Finding,
    Migration,
    format_human,
    format_json,
    lint,
    pending_migration,
)
from codegen.lint.migration_columns import proves_not_null, type_change_cost
from codegen.migrate.changes import AddConstraint, AddForeignKey, Change, ValidateConstraint
from codegen.project import load_schema
from codegen.schema import ir
from codegen.schema.pgtypes import parse_type

CASES_DIR = Path(__file__).parent / "lint_migrations"
DIFFS = Path(__file__).parent / "diffs"
REPO = Path(__file__).parent.parent
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir() and p.name != "__pycache__")
RULE_NAMES = {rule.name for rule in MIGRATION_RULES}


def spec(rule: str, kind: str, version: str) -> ir.Schema:
    path = CASES_DIR / rule / kind / f"{version}.yaml"
    return load_schema({f"{rule}/{kind}/{version}.yaml": path.read_text()})


def simulate(regression: str, migration: Migration) -> Migration:
    """The planned migration as a generator with this bug would have written it."""
    if regression == "without_enum_split":  # every change in one file
        return replace(migration, steps=(migration.changes,))
    if regression == "without_not_valid":  # constraints added as if to new tables

        def plain(change: Change) -> Change:
            if isinstance(change, (AddForeignKey, AddConstraint)):
                return replace(change, existing_table=False)
            return change

        return replace(migration, steps=tuple(tuple(plain(c) for c in step)
                                              for step in migration.steps))
    if regression == "without_validate_split":  # VALIDATE in the file of its ADD

        def inline(change: Change) -> Change:
            if isinstance(change, (AddForeignKey, AddConstraint)):
                return replace(change, validate_later=False)
            return change

        steps = (tuple(inline(c) for c in step if not isinstance(c, ValidateConstraint))
                 for step in migration.steps)
        return replace(migration, steps=tuple(step for step in steps if step))
    raise AssertionError(f"unknown regression {regression!r}")


def case_migration(rule: str, kind: str, *, simulated: bool = True) -> Migration:
    migration = pending_migration(spec(rule, kind, "v1"), spec(rule, kind, "v2"))
    regression = CASES_DIR / rule / kind / "regression.txt"
    if simulated and regression.is_file():
        migration = simulate(regression.read_text().strip(), migration)
    return migration


def case_findings(rule: str, kind: str) -> list[Finding]:
    migration = case_migration(rule, kind)
    return lint(migration.new, migration)


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


# -- every rule: a failing and a passing migration ----------------------------------------------


@pytest.mark.parametrize("rule", CASES)
def test_failing_case(request: pytest.FixtureRequest, rule: str) -> None:
    findings = case_findings(rule, "fail")
    assert rule in rules_of(findings)
    assert_golden(request, CASES_DIR / rule / "fail" / "expected.txt", format_human(findings))


@pytest.mark.parametrize("rule", CASES)
def test_passing_case(request: pytest.FixtureRequest, rule: str) -> None:
    findings = case_findings(rule, "pass")
    assert rule not in rules_of(findings)
    assert_golden(request, CASES_DIR / rule / "pass" / "expected.txt", format_human(findings))


def test_every_migration_rule_has_cases() -> None:
    assert CASES == sorted(RULE_NAMES)


def test_specs_of_the_cases_pass_the_schema_rules() -> None:
    """The cases show migration findings only: each v1 and v2 is clean for the advisor rules.

    One exception: a policy of another table that still names the dropped column is, in the
    new spec, a policy on a column that does not exist (the schema rule says so too)."""
    expected = {("drop_referenced_by_policy", "fail", "v2"): ["policy_unknown_column"]}
    for rule in CASES:
        for kind in ("fail", "pass"):
            for version in ("v1", "v2"):
                found = rules_of(lint(spec(rule, kind, version)))
                assert found == expected.get((rule, kind, version), []), (rule, kind, version)


INVARIANT_RULES = ["adding_enum_value_used_in_same_migration", "constraint_not_valid",
                   "constraint_validated_in_same_transaction"]


@pytest.mark.parametrize("rule", INVARIANT_RULES)
def test_invariant_rules_pass_on_what_the_generator_writes(rule: str) -> None:
    """Their failing cases simulate a generator bug; the real plan of the same specs passes."""
    assert (CASES_DIR / rule / "fail" / "regression.txt").is_file()
    migration = case_migration(rule, "fail", simulated=False)
    assert rule not in rules_of(lint(migration.new, migration))


def test_only_invariant_rules_simulate_regressions() -> None:
    simulated = sorted(p.parent.parent.name for p in CASES_DIR.glob("*/*/regression.txt"))
    assert simulated == INVARIANT_RULES


def test_migration_rules_are_documented() -> None:
    docs = (REPO / "docs" / "lint.md").read_text()
    for rule in MIGRATION_RULES:
        squawk = f"`{rule.squawk}`" if rule.squawk else "—"
        row = rf"^\| `{rule.name}` \| {rule.level} \|.*\| {re.escape(squawk)}[^|]*\|$"
        assert re.search(row, docs, re.MULTILINE), rule.name


# -- the generator's invariants over the evolution corpus ---------------------------------------


def corpus_steps() -> list[tuple[str, Migration]]:
    steps = []
    for case in sorted(p.name for p in DIFFS.iterdir() if (p / "v1.yaml").is_file()):
        files = sorted((DIFFS / case).glob("v*.yaml"), key=lambda p: int(p.stem[1:]))
        schemas = [load_schema({f"{case}/{p.name}": p.read_text()}) for p in files]
        for i, (old, new) in enumerate(zip([ir.Schema(), *schemas], schemas), 1):
            steps.append((f"{case} v{i}", pending_migration(old, new)))
    return steps


def test_corpus_findings(request: pytest.FixtureRequest) -> None:
    """Every migration of tests/diffs, linted: a reviewable record of what fires where.

    The generator's invariants hold on all of them (no constraint without NOT VALID on
    an existing table, no enum label used in the file that adds it), and the first
    migration of each case, which creates everything, has no finding.
    """
    lines = []
    for name, migration in corpus_steps():
        findings = lint(migration.new, migration, schema_rules=False)
        if name.endswith(" v1"):
            assert findings == [], name
        assert not set(INVARIANT_RULES) & set(rules_of(findings)), name
        lines.extend(f"{f.span}: {f.level}[{f.rule}] {f.object}\n" for f in findings)
    assert_golden(request, CASES_DIR / "corpus.txt", "".join(lines))


# -- rule details -------------------------------------------------------------------------------


def t(text: str) -> ir.ColumnType:
    parsed = parse_type(text)
    enum = ir.QualifiedName("public", parsed.name) if not parsed.builtin else None
    return ir.ColumnType(parsed.name if parsed.builtin else "", parsed.args, parsed.array_dims, enum)


# (old type, new type, what ALTER COLUMN TYPE costs); test_lint_migrations_postgres.py
# applies each pair to PostgreSQL and compares.
TYPE_CHANGES = [
    ("integer", "bigint", "rewrite"),
    ("smallint", "integer", "rewrite"),
    ("varchar(10)", "varchar(20)", "none"),
    ("varchar(20)", "varchar(10)", "rewrite"),
    ("varchar(10)", "varchar", "none"),
    ("varchar(10)", "text", "none"),
    ("text", "varchar", "none"),
    ("text", "varchar(10)", "rewrite"),
    ("varchar", "varchar(10)", "rewrite"),
    ("text", "citext", "reindex"),
    ("citext", "varchar", "reindex"),
    ("citext", "varchar(5)", "rewrite"),
    ("char(5)", "text", "rewrite"),
    ("numeric(10,2)", "numeric(12,2)", "none"),
    ("numeric(10,2)", "numeric(12,3)", "rewrite"),
    ("numeric(10,2)", "numeric", "none"),
    ("numeric", "numeric(10,2)", "rewrite"),
    ("numeric(12,2)", "numeric(10,2)", "rewrite"),
    ("integer", "numeric", "rewrite"),
    ("real", "double precision", "rewrite"),
    ("json", "jsonb", "rewrite"),
    ("timestamp", "timestamptz", "rewrite_unless_utc"),
    ("timestamptz", "timestamp", "rewrite_unless_utc"),
    ("varchar(10)[]", "varchar(20)[]", "rewrite"),
    ("text", "status", "rewrite"),
]


@pytest.mark.parametrize(("old", "new", "cost"), TYPE_CHANGES)
def test_type_change_cost(old: str, new: str, cost: str) -> None:
    assert type_change_cost(t(old), t(new)) == cost


@pytest.mark.parametrize(("expression", "proves"), [
    ("body IS NOT NULL", True),
    ('"body" is not null', True),
    ("body IS NOT NULL AND length(body) > 0", True),
    ("notes.body IS NOT NULL", True),
    ("body IS NOT NULL OR title IS NOT NULL", False),
    ("title IS NOT NULL", False),
    ("length(body) > 0", False),
])
def test_proves_not_null(expression: str, proves: bool) -> None:
    assert proves_not_null(expression, "body") is proves


def migration_of(v1: str, v2: str, **options: bool) -> Migration:
    old = load_schema({"v1.yaml": textwrap.dedent(v1)})
    new = load_schema({"v2.yaml": textwrap.dedent(v2)})
    return pending_migration(old, new, **options)


ITEMS = """
tables:
  items:
    columns:
      id: {{type: bigint, primary_key: true}}
      title: {title}
{columns}{table}    rls: false
"""


def items(columns: str = "", table: str = "", title: str = "text") -> str:
    """A table without policies (rls: false): only the migration rules are looked at."""
    return ITEMS.format(columns=columns, table=table, title=title)


def test_nothing_pending_nothing_found() -> None:
    migration = migration_of(items(), items())
    assert migration.steps == ()
    assert lint(migration.new, migration, schema_rules=False) == []


def test_first_migration_creates_everything_without_findings() -> None:
    migration = pending_migration(ir.Schema(), spec("index_not_concurrent", "fail", "v2"))
    assert lint(migration.new, migration) == []


def test_concurrent_indexes_option_builds_them_concurrently() -> None:
    v2 = items(table="    indexes: [{columns: [title]}]\n")
    plain = migration_of(items(), v2)
    concurrent = migration_of(items(), v2, concurrent_indexes=True)
    assert rules_of(lint(plain.new, plain, schema_rules=False)) == ["index_not_concurrent"]
    assert lint(concurrent.new, concurrent, schema_rules=False) == []


def test_renamed_table_still_counts_as_existing() -> None:
    v2 = items(table="    renamed_from: items\n    indexes: [{columns: [title]}]\n").replace(
        "  items:", "  things:")
    migration = migration_of(items(), v2)
    assert [(f.rule, f.object) for f in lint(migration.new, migration, schema_rules=False)] == [
        ("index_not_concurrent", "index public.things_title_idx")]


def test_set_not_null_with_a_check_dropped_in_the_same_migration_scans() -> None:
    v1 = items(title="text?", table='    checks: {items_title_set: "title IS NOT NULL"}\n')
    v2 = 'allow_destructive: ["set_not_null:public.items.title"]\n' + items()
    migration = migration_of(v1, v2)
    assert rules_of(lint(migration.new, migration, schema_rules=False)) == [
        "set_not_null_full_scan"]


def test_recreated_enum_rewrites_existing_tables_only() -> None:
    v1 = "enums: {status: [a, b]}\n" + items("      status: status\n")
    v2 = ('allow_destructive: ["drop_enum_value:public.status:b"]\nenums: {status: [a, c]}\n'
          + items("      status: status\n"))
    migration = migration_of(v1, v2)
    findings = lint(migration.new, migration, schema_rules=False)
    assert [(f.rule, f.object) for f in findings] == [
        ("column_type_rewrites_table", "column public.items.status")]
    assert "recreated enum" in findings[0].message


def test_using_expression_rewrites_even_a_binary_coercible_change() -> None:
    v2 = items(title='{type: varchar, using: "upper(title)"}')
    migration = migration_of(items(), v2)
    findings = lint(migration.new, migration, schema_rules=False)
    assert rules_of(findings) == ["column_type_rewrites_table"]
    assert "with `using: upper(title)`" in findings[0].message


def test_citext_change_rebuilds_only_indexed_columns() -> None:
    plain = migration_of(items("      code: text\n"), items("      code: citext\n"))
    assert lint(plain.new, plain, schema_rules=False) == []
    index = "    indexes: [{columns: [code]}]\n"
    migration = migration_of(items("      code: text\n", index), items("      code: citext\n", index))
    findings = lint(migration.new, migration, schema_rules=False)
    assert [f.message for f in findings] == [
        ('changing "public.items.code" from text to citext keeps the table but rebuilds '
        '"items_code_idx" under an ACCESS EXCLUSIVE lock (the operator class changes): no reads '
        "or writes meanwhile")]


def test_identity_column_added_to_an_existing_table_rewrites_it() -> None:
    migration = migration_of(items(), items("      n: {type: bigint, identity: always}\n"))
    assert rules_of(lint(migration.new, migration, schema_rules=False)) == [
        "add_column_rewrites_table"]


POLICIES = """
tables:
  teams:
    columns:
      id: {{type: bigint, primary_key: true}}
      owner: uuid
{team_policy}    grants: {{authenticated: [select]}}
  members:
    columns:
      id: {{type: bigint, primary_key: true}}
      team: {{type: bigint, references: teams}}
    indexes: [{{columns: [team]}}]
    policies:
      - name: Team owners read members
        for: select
        to: [authenticated]
        using: "exists (select 1 from public.teams t where t.id = team and t.owner = (select auth.uid()))"
    grants: {{authenticated: [select]}}
"""


def test_dropping_a_table_a_policy_reads_fails_and_is_not_acknowledgeable() -> None:
    """Both tables dropped, in name order: projects' policy still reads accounts when
    accounts goes first. No object of the new spec is left to point at or acknowledge."""
    v1 = """
    tables:
      accounts:
        columns: {id: {type: bigint, primary_key: true}, owner: uuid}
        rls: false
      projects:
        columns:
          id: {type: bigint, primary_key: true}
          account: {type: bigint, references: accounts}
        indexes: [{columns: [account]}]
        policies:
          - name: Account owners read projects
            for: select
            to: [authenticated]
            using: "exists (select 1 from public.accounts a where a.id = account and a.owner = (select auth.uid()))"
        grants: {authenticated: [select]}
    """
    v2 = """
    allow_destructive: ["drop_table:public.accounts", "drop_table:public.projects"]
    tables:
      others:
        columns: {id: {type: bigint, primary_key: true}}
        rls: false
    """
    migration = migration_of(v1, v2)
    findings = lint(migration.new, migration, schema_rules=False)
    assert [(f.rule, f.span, f.object) for f in findings] == [
        ("drop_referenced_by_policy", None, "table public.accounts")]
    assert findings[0].message.startswith(
        'DROP TABLE "public.accounts" fails: policy "Account owners read projects" on '
        '"public.projects" still uses it at that point (its table "public.projects" is dropped '
        "only later")
    data = json.loads(format_json(findings))
    assert (data[0]["file"], data[0]["line"], data[0]["column"]) == (None, None, None)


def test_new_policy_reading_a_dropped_table_fails() -> None:
    v1 = POLICIES.format(team_policy="")
    v2 = POLICIES.format(team_policy="").split("  members:")[0].replace(
        "    grants:", "    policies:\n      - name: p\n        for: select\n        to: "
        "[authenticated]\n        using: \"exists (select 1 from public.members m where m.team "
        "= id)\"\n    grants:")
    v2 = 'allow_destructive: ["drop_table:public.members"]\n' + v2
    migration = migration_of(v1, v2)
    findings = lint(migration.new, migration, schema_rules=False)
    assert [f.message for f in findings] == [
        ('policy "p" on "public.teams" reads table "public.members", which this migration drops '
        "first: CREATE POLICY fails (relation does not exist)")]


def test_dropping_a_column_a_sub_select_reads_fails() -> None:
    v1 = POLICIES.format(team_policy="")
    v2 = 'allow_destructive: ["drop_column:public.teams.owner"]\n' + v1.replace(
        "      owner: uuid\n", "").replace(" and t.owner = (select auth.uid())", "")
    migration = migration_of(v1, v2)
    findings = lint(migration.new, migration, schema_rules=False)
    assert [(f.rule, f.object) for f in findings] == [
        ("drop_referenced_by_policy", 'policy "Team owners read members" on public.members')]
    assert "the migration rewrites the policy only after the drop" in findings[0].message


# -- acknowledgements ---------------------------------------------------------------------------


def index_case(ack_on_index: str = "", ack_on_table: str = "") -> Migration:
    v2 = items(table=f"    indexes: [{{columns: [title]{ack_on_index}}}]\n{ack_on_table}")
    return migration_of(items(), v2)


def test_acknowledged_on_the_index_or_its_table() -> None:
    for migration in (index_case(ack_on_index=', lint_ignore: {index_not_concurrent: "tiny"}'),
                      index_case(ack_on_table='    lint_ignore: {index_not_concurrent: "tiny"}\n')):
        assert lint(migration.new, migration, schema_rules=False) == []


def test_migration_acknowledgements_are_never_unused() -> None:
    """They stay in the spec after their migration: nothing pending, nothing reported."""
    ack = 'lint_ignore: {index_not_concurrent: "tiny table"}'
    schema = load_schema({"v2.yaml": items(table=f"    indexes: [{{columns: [title], {ack}}}]\n")})
    assert "unused_lint_ignore" not in rules_of(lint(schema, pending_migration(schema, schema)))
    assert "unused_lint_ignore" not in rules_of(lint(schema))


def test_typo_in_a_migration_rule_name_is_unknown() -> None:
    migration = index_case(ack_on_index=', lint_ignore: {index_not_concurent: "tiny"}')
    plain = index_case()
    assert [(f.rule, f.message) for f in lint(migration.new, migration, schema_rules=False)] == [
        ("unknown_lint_ignore", ('lint_ignore on index public.items_title_idx names unknown rule '
         '"index_not_concurent" (did you mean "index_not_concurrent"?)')),
        ("index_not_concurrent", lint(plain.new, plain, schema_rules=False)[0].message),
    ]


def test_dropped_column_is_acknowledged_on_its_table() -> None:
    v1 = POLICIES.format(team_policy="")
    v2 = 'allow_destructive: ["drop_column:public.teams.owner"]\n' + v1.replace(
        "      owner: uuid\n", "").replace(" and t.owner = (select auth.uid())", "").replace(
        "    grants: {authenticated: [select]}\n  members:",
        '    lint_ignore: {drop_referenced_by_policy: "checked"}\n'
        "    grants: {authenticated: [select]}\n  members:")
    migration = migration_of(v1, v2)
    assert lint(migration.new, migration, schema_rules=False) == []


# -- the command --------------------------------------------------------------------------------


def project_at(tmp_path: Path, rule: str, kind: str) -> Path:
    """A project whose last generated migration is the case's v1 and whose spec is its v2."""
    (tmp_path / "pyproject.toml").write_text("[tool.codegen]\n")
    (tmp_path / "schema").mkdir()
    spec_file = tmp_path / "schema" / "app.yaml"
    spec_file.write_text((CASES_DIR / rule / kind / "v1.yaml").read_text())
    assert run(tmp_path, "generate").exit_code == 0
    spec_file.write_text((CASES_DIR / rule / kind / "v2.yaml").read_text())
    return tmp_path


@pytest.mark.parametrize(("rule", "strict", "code"), [
    ("index_not_concurrent", False, 0),
    ("index_not_concurrent", True, 1),
    ("drop_referenced_by_policy", False, 1),
])
def test_command_lints_the_pending_migration(tmp_path: Path, rule: str, strict: bool,
                                             code: int) -> None:
    project = project_at(tmp_path, rule, "fail")
    result = run(project, "lint", *(["--strict"] if strict else []))
    assert result.exit_code == code, result.output
    assert re.search(rf"^schema/app\.yaml:\d+:\d+: \w+\[{rule}\]: ", result.output, re.MULTILINE)


def test_command_passing_case_is_clean(tmp_path: Path) -> None:
    result = run(project_at(tmp_path, "index_not_concurrent", "pass"), "lint", "--strict")
    assert (result.exit_code, result.output) == (0, "ok: no findings\n")


def test_command_json_and_rule_selection(tmp_path: Path) -> None:
    project = project_at(tmp_path, "column_type_rewrites_table", "fail")
    spec_file = project / "schema" / "app.yaml"
    # A schema finding too: a policy calling auth.uid() per row.
    spec_file.write_text(spec_file.read_text().replace("(select auth.uid())", "auth.uid()"))
    data = json.loads(run(project, "lint", "--format", "json").output)
    assert [(d["rule"], d["level"], d["file"]) for d in data] == [
        ("column_type_rewrites_table", "warn", "schema/app.yaml"),
        ("auth_rls_initplan", "warn", "schema/app.yaml"),
    ]
    assert {tuple(d) for d in data} == {("rule", "level", "file", "line", "column", "message",
                                         "hint", "object")}
    schema_only = json.loads(run(project, "lint", "--schema-only", "--format", "json").output)
    migration_only = json.loads(run(project, "lint", "--migration-only", "--format", "json").output)
    assert [d["rule"] for d in schema_only] == ["auth_rls_initplan"]
    assert [d["rule"] for d in migration_only] == ["column_type_rewrites_table"]
    both = run(project, "lint", "--schema-only", "--migration-only")
    assert both.exit_code == 2
    assert "exclude each other" in both.output


def test_command_with_nothing_pending(tmp_path: Path) -> None:
    project = project_at(tmp_path, "index_not_concurrent", "fail")
    assert run(project, "generate", "--name", "title_index").exit_code == 0
    result = run(project, "lint", "--strict")
    assert (result.exit_code, result.output) == (0, "ok: no findings\n")


def test_lint_command_imports_on_its_own() -> None:
    """codegen.cli.app and codegen.cli.lint may be imported in either order."""
    import subprocess
    import sys

    code = "import codegen.cli.lint, codegen.cli.app; print(codegen.cli.app.main.commands['lint'].name)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "lint\n"
