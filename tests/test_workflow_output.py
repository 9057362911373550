"""Output for machines and people: `--format json` shapes, colour rules, shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from test_cli import make_project

from codegen.cli.app import main

DIAGNOSTIC_KEYS = ["file", "line", "column", "severity", "code", "message", "hint"]
PROBLEM_KEYS = ["path", "message", "diff"]
CHANGE_KEYS = ["summary", "kind", "destructive_key"]
FINDING_KEYS = ["rule", "level", "file", "line", "column", "message", "hint", "object"]
BAD_SPEC = "tables:\n  t:\n    columns:\n      id: uuidd\n"
ESC = "\x1b["


def invoke(project: Path, *args: str, color: bool = False,
           env: dict[str, str] | None = None) -> Result:
    old = Path.cwd()
    os.chdir(project)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False, color=color,
                                  env=env)
    finally:
        os.chdir(old)


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    assert invoke(root, "generate").exit_code == 0
    return root


# -- --format json -------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["validate", "generate", "check", "diff", "lint"])
def test_spec_errors_are_a_list_of_diagnostics(tmp_path: Path, command: str) -> None:
    project = make_project(tmp_path, spec=BAD_SPEC)
    result = invoke(project, command, "--format", "json")
    assert result.exit_code == 2
    assert as_json(result) == [{
        "file": "schema/robustness.yaml", "line": 4, "column": 11, "severity": "error",
        "code": "E231",
        "message": 'column type "uuidd" is neither a supported type nor an enum of the spec '
                   '(did you mean "uuid"?)',
        "hint": "define it under `enums:` or use a supported type (see docs/spec.md)"}]
    assert list(as_json(result)[0]) == DIAGNOSTIC_KEYS
    assert result.stderr == ""


def test_configuration_error_is_a_diagnostic(tmp_path: Path) -> None:
    result = invoke(tmp_path, "check", "--format", "json")
    assert result.exit_code == 2
    [diagnostic] = as_json(result)
    assert diagnostic["code"] == "E010" and diagnostic["file"] is None
    assert "no pyproject.toml with a [tool.codegen] table" in diagnostic["message"]


def test_validate_json(project: Path) -> None:
    result = invoke(project, "validate", "--format", "json")
    assert result.exit_code == 0 and as_json(result) == []


def test_check_json(project: Path) -> None:
    clean = invoke(project, "check", "--format", "json")
    assert clean.exit_code == 0 and as_json(clean) == []
    models = project / "generated/models.py"
    models.write_text(models.read_text() + "# edited\n")
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text() + "\n  notes:\n    columns:\n      id: uuid\n")
    result = invoke(project, "check", "--format", "json")
    assert result.exit_code == 1
    problems = as_json(result)
    assert all(list(p) == PROBLEM_KEYS for p in problems)
    by_path = {p["path"]: p for p in problems}
    assert by_path["generated/migrations"]["diff"].startswith(
        "  + table public.notes (1 columns)\n")
    assert "+# edited" not in by_path["generated/models.py"]["diff"]
    assert "-# edited\n" in by_path["generated/models.py"]["diff"]
    assert by_path["generated/models.py"]["message"].startswith("stale or edited by hand")
    no_diff = [p for p in problems if not p["diff"]]
    assert all(p["diff"] is None for p in no_diff)


def test_diff_json(project: Path) -> None:
    assert as_json(invoke(project, "diff", "--format", "json")) == []
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text().replace("resource_id: text?", "resource_id: uuid?"))
    result = invoke(project, "diff", "--format", "json")
    assert result.exit_code == 0
    assert as_json(result) == [{
        "summary": "~ column public.audit_logs.resource_id: text → uuid",
        "kind": "AlterColumnType",
        "destructive_key": "alter_type:public.audit_logs.resource_id"}]
    assert all(list(c) == CHANGE_KEYS for c in as_json(result))


def test_generate_json(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    result = invoke(project, "generate", "--format", "json")
    assert result.exit_code == 0, result.output
    report = as_json(result)
    assert list(report) == ["migrations", "changes", "written"]
    assert report["migrations"] == ["generated/migrations/001_robustness.sql"]
    assert {"summary": "+ enum public.test_run_status (pending, running, passed, failed, error)",
            "kind": "CreateEnum", "destructive_key": None} in report["changes"]
    assert "schema/spec.schema.json" in report["written"]
    again = invoke(project, "generate", "--format", "json")
    assert as_json(again) == {"migrations": [], "changes": [], "written": []}
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text().replace("resource_id: text?", "resource_id: uuid?"))
    refused = invoke(project, "generate", "--name", "retype", "--format", "json")
    assert refused.exit_code == 2
    [diagnostic] = as_json(refused)
    assert diagnostic["code"] == "E301" and diagnostic["line"] == 22


def test_generate_json_on_a_damaged_history(project: Path) -> None:
    migration = project / "generated/migrations/001_robustness.sql"
    migration.write_text(migration.read_text().replace("action text NOT NULL", "action text"))
    result = invoke(project, "generate", "--format", "json")
    assert result.exit_code == 1
    [problem] = as_json(result)
    assert problem["path"] == "generated/migrations/001_robustness.sql"
    assert "+  action text NOT NULL," in problem["diff"]


def test_lint_json(tmp_path: Path) -> None:
    spec = (Path(__file__).parent / "lint/auth_rls_initplan/fail.yaml").read_text()
    project = make_project(tmp_path, spec=spec)
    result = invoke(project, "lint", "--format", "json")
    findings = as_json(result)
    assert findings and all(list(f) == FINDING_KEYS for f in findings)
    assert {f["rule"] for f in findings} >= {"auth_rls_initplan"}


# -- colour --------------------------------------------------------------------------------------

def test_colour_on_a_terminal(tmp_path: Path) -> None:
    project = make_project(tmp_path, spec=BAD_SPEC)
    coloured = invoke(project, "validate", color=True)  # click's runner: as on a tty
    assert f"{ESC}31m" in coloured.stderr and "error[E231]" in coloured.stderr
    plain = invoke(project, "validate")  # not a terminal
    assert ESC not in plain.output and "error[E231]" in plain.output


@pytest.mark.parametrize("value", ["1", "true", "anything"])
def test_no_color_is_honoured(tmp_path: Path, value: str) -> None:
    project = make_project(tmp_path, spec=BAD_SPEC)
    result = invoke(project, "validate", color=True, env={"NO_COLOR": value})
    assert ESC not in result.output and "error[E231]" in result.output
    empty = invoke(project, "validate", color=True, env={"NO_COLOR": ""})
    assert ESC in empty.output  # no-color.org: only a non-empty value counts


def test_color_option(tmp_path: Path) -> None:
    project = make_project(tmp_path, spec=BAD_SPEC)
    assert ESC in invoke(project, "--color", "always", "validate").output
    assert ESC not in invoke(project, "--color", "never", "validate", color=True).output


def test_diffs_and_changes_are_coloured(project: Path) -> None:
    models = project / "generated/models.py"
    models.write_text(models.read_text() + "# edited\n")
    check = invoke(project, "check", color=True)
    assert f"{ESC}31m-# edited" in check.stderr
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text().replace("resource_id: text?", "resource_id: uuid?"))
    diff = invoke(project, "diff", color=True)
    assert f"{ESC}33m~ column public.audit_logs.resource_id" in diff.output
    assert "[destructive: alter_type:public.audit_logs.resource_id]" in diff.output


def test_json_is_never_coloured(tmp_path: Path) -> None:
    project = make_project(tmp_path, spec=BAD_SPEC)
    result = invoke(project, "--color", "always", "validate", "--format", "json")
    assert ESC not in result.output and as_json(result)[0]["code"] == "E231"


def test_a_pipe_gets_no_colour(tmp_path: Path) -> None:
    project = make_project(tmp_path, spec=BAD_SPEC)
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    result = subprocess.run([sys.executable, "-m", "codegen", "validate"], cwd=project,
                            capture_output=True, text=True, env=env,
                            check=False)
    assert result.returncode == 2
    assert "error[E231]" in result.stderr and ESC not in result.stderr


# -- shell completion and version ----------------------------------------------------------------

@pytest.mark.parametrize(("shell", "marker"), [
    ("bash", "complete -o nosort -F _codegen_completion codegen"),
    ("zsh", "compdef _codegen_completion codegen"),
    ("fish", "complete --no-files --command codegen"),
])
def test_completion_script(shell: str, marker: str) -> None:
    codegen = Path(sys.executable).parent / "codegen"
    result = subprocess.run([str(codegen)], env={**os.environ,
                                                 "_CODEGEN_COMPLETE": f"{shell}_source"},
                            capture_output=True, text=True, check=True)
    assert marker in result.stdout


def test_completion_completes_commands_and_choices() -> None:
    codegen = Path(sys.executable).parent / "codegen"

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_CODEGEN_COMPLETE": "bash_complete", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
        out = subprocess.run([str(codegen)], env=env, capture_output=True, text=True,
                             check=True).stdout
        return [line.split(",", 1)[1] for line in out.splitlines()]

    assert {"baseline", "check", "diff", "generate", "init", "lint", "spec-schema",
            "validate"} <= set(complete("codegen "))
    assert complete("codegen ch") == ["check"]
    assert complete("codegen lint --format ") == ["human", "json"]


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "codegen", "--version"], capture_output=True,
                            text=True, check=True)
    assert result.stdout.startswith("codegen 0.1.0 (sqlglot 30.30.0, "
                                    "datamodel-code-generator 0.89.0)")
