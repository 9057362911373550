"""The CI and pre-commit recipes work as written.

docs/ci/github-actions.yml is parsed and the shell of each `run:` step is executed, as
GitHub's runner would (`bash --noprofile --norc -eo pipefail`, the workflow's and job's
`env:`), in a scratch git repository holding the seed project. Only the install is
adapted, through the workflow's own variable: CODEGEN_PIP_SPEC names a copy of this
checkout, installed offline into a fresh virtual environment that borrows this one's
dependencies (the `uses:` steps, checkout and setup-python, are what the scratch
repository and that environment stand in for).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_cli import make_project, run

REPO = Path(__file__).parent.parent
WORKFLOW = REPO / "docs/ci/github-actions.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Step:
    name: str
    returncode: int
    output: str


@pytest.fixture(scope="module")
def tool_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """PATH and pip settings under which `pip install "$CODEGEN_PIP_SPEC"` installs this checkout."""
    root = tmp_path_factory.mktemp("tool")
    source = root / "codegen-src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "codegen", source / "codegen",
                    ignore=shutil.ignore_patterns("__pycache__"))
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    purelib = subprocess.run([str(venv / "bin/python"), "-c",
                              "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # pip, setuptools and codegen's dependencies come from the test environment, offline.
    Path(purelib, "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON", "NO_COLOR"))}
    return {**env, "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}",
            "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0", "PIP_CONFIG_FILE": os.devnull,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1", "CODEGEN_PIP_SPEC": str(source),
            "CI": "true", "GITHUB_ACTIONS": "true"}


def scratch_repository(path: Path) -> Path:
    """The seed project, generated and committed, as a user's repository would be."""
    path.mkdir()
    project = make_project(path)
    assert run(project, "generate").exit_code == 0
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "seed"], cwd=project, check=True)
    return project


def workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text())
    assert isinstance(data, dict)
    return data


def run_steps(project: Path, env: dict[str, str], only: str | None = None) -> list[Step]:
    """The `run:` steps in order, stopping at the first failure as the runner does."""
    document = workflow()
    [job] = document["jobs"].values()
    results = []
    for index, step in enumerate(job["steps"]):
        if "run" not in step or (only and only not in step.get("name", "")):
            continue
        step_env = {**env, **document.get("env", {}), **job.get("env", {}),
                    **step.get("env", {}), "CODEGEN_PIP_SPEC": env["CODEGEN_PIP_SPEC"]}
        script = project.parent / f"step{index}.sh"
        script.write_text(step["run"])
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=project, env=step_env, capture_output=True, text=True,
                              timeout=300, check=False)
        results.append(Step(step.get("name", step["run"]), done.returncode,
                            done.stdout + done.stderr))
        if done.returncode != 0:
            break
    return results


def test_workflow_is_green_on_a_clean_repository(tmp_path: Path, tool_env: dict[str, str]) -> None:
    project = scratch_repository(tmp_path / "repo")
    steps = run_steps(project, tool_env)
    assert [s.name for s in steps] == ["Install codegen",
                                      "Generated files are current (codegen check)",
                                      "Advisor rules (codegen lint)"]
    assert all(s.returncode == 0 for s in steps), steps
    install, check, lint = steps
    assert "codegen 0.1.0 (sqlglot 30.30.0" in install.output
    assert shutil.which("codegen", path=tool_env["PATH"]) == str(
        Path(tool_env["PATH"].split(os.pathsep)[0]) / "codegen")
    assert ANSI.sub("", check.output) == "ok: every output is up to date\n"
    assert lint.output == "codegen lint: no findings\n"
    assert (project / "codegen-lint.json").read_text() == "[]\n"


def test_stale_outputs_fail_the_job_with_a_readable_diff(tmp_path: Path,
                                                        tool_env: dict[str, str]) -> None:
    project = scratch_repository(tmp_path / "repo")
    migration = project / "generated/migrations/001_robustness.sql"
    migration.write_text(migration.read_text().replace("action text NOT NULL", "action text"))
    steps = run_steps(project, tool_env)
    assert [s.returncode for s in steps] == [0, 1]  # the lint step does not run
    log = steps[-1].output
    assert "\x1b[31m" in log  # coloured in the job log
    plain = ANSI.sub("", log)
    assert ("generated/migrations/001_robustness.sql: generated migration was edited by hand"
            in plain)
    assert "-  action text,\n+  action text NOT NULL," in plain


def test_lint_findings_fail_the_job_with_annotations(tmp_path: Path,
                                                     tool_env: dict[str, str]) -> None:
    project = scratch_repository(tmp_path / "repo")
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text().replace("  test_runs:\n", "  test_runs:\n    rls: false\n"))
    assert run(project, "generate", "--name", "no_rls").exit_code == 0
    steps = run_steps(project, tool_env)
    assert [s.returncode for s in steps] == [0, 0, 1]
    log = steps[-1].output
    line = next(n for n, text in enumerate(spec.read_text().splitlines(), 1)
                if text == "  test_runs:")  # findings on a table point at its key
    assert re.search(rf"^schema/robustness\.yaml:{line}:\d+: error\[rls_disabled_in_public\]: ",
                     log, re.MULTILINE), log
    assert re.search(rf"^::error file=schema/robustness\.yaml,line={line},col=\d+,"
                     r"title=rls_disabled_in_public::", log, re.MULTILINE), log
    assert "codegen lint: " in log


def test_invalid_spec_is_readable_in_the_lint_step(tmp_path: Path,
                                                   tool_env: dict[str, str]) -> None:
    project = scratch_repository(tmp_path / "repo")
    (project / "schema/robustness.yaml").write_text("tables:\n  t:\n    columns:\n      id: uuidd\n")
    [lint] = run_steps(project, tool_env, only="lint")
    assert lint.returncode == 2
    assert "schema/robustness.yaml:4:11: error[E231]: column type" in lint.output
    assert "::error file=schema/robustness.yaml,line=4,col=11,title=E231::" in lint.output


def test_install_step_uses_the_adaptable_variable() -> None:
    document = workflow()
    [job] = document["jobs"].values()
    [install] = [s for s in job["steps"] if s.get("name") == "Install codegen"]
    assert 'pip install --disable-pip-version-check "$CODEGEN_PIP_SPEC"' in install["run"]
    assert job["env"]["CODEGEN_PIP_SPEC"].startswith("codegen @ git+https://")
    assert [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s] == [
        "actions/checkout", "actions/setup-python", "actions/upload-artifact"]


# -- pre-commit ----------------------------------------------------------------------------------

def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text())}


def test_pre_commit_hooks_are_well_formed() -> None:
    found = hooks()
    assert set(found) == {"codegen-check", "codegen-lint"}
    for hook in found.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        re.compile(hook["files"])


@pytest.mark.parametrize(("path", "check", "lint"), [
    ("schema/robustness.yaml", True, True),
    ("db/spec/app.yml", True, True),
    ("pyproject.toml", True, True),
    ("generated/migrations/001_robustness.sql", True, False),
    ("supabase/migrations/.codegen/codegen.sum", True, False),
    ("generated/migrations/.codegen/outputs.sum", True, False),
    ("generated/migrations/.codegen/001_robustness.json", True, False),
    ("generated/models.py", True, False),
    ("src/types/database.types.ts", True, False),
    ("schema/spec.schema.json", True, False),
    ("README.md", False, False),
    ("src/App.tsx", False, False),
])
def test_hooks_run_on_spec_and_generated_files(path: str, check: bool, lint: bool) -> None:
    found = hooks()
    assert bool(re.search(found["codegen-check"]["files"], path)) is check
    assert bool(re.search(found["codegen-lint"]["files"], path)) is lint


def test_hook_entries_pass_then_catch_an_edit(tmp_path: Path, tool_env: dict[str, str]) -> None:
    project = scratch_repository(tmp_path / "repo")
    env = {**tool_env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{tool_env['PATH']}"}
    for hook in hooks().values():
        done = subprocess.run(shlex.split(hook["entry"]), cwd=project, env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, (hook["id"], done.stdout, done.stderr)
    models = project / "generated/models.py"
    models.write_text(models.read_text() + "# edited\n")
    done = subprocess.run(shlex.split(hooks()["codegen-check"]["entry"]), cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "generated/models.py: stale or edited by hand" in done.stderr


def test_readme_documents_the_recipes() -> None:
    readme = (REPO / "README.md").read_text()
    assert ".pre-commit-config.yaml" in readme
    for hook_id in hooks():
        assert f"id: {hook_id}" in readme
    assert "docs/ci/github-actions.yml" in readme and "CODEGEN_PIP_SPEC" in readme
    for target in ("generate", "check", "lint", "test", "bench", "watch"):
        assert f"make {target}" in readme
        done = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    assert "_CODEGEN_COMPLETE=bash_source codegen" in readme
