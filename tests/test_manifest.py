"""`codegen check` proves a clean tree from recorded digests, and still catches every edit."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from synth import spec_text
from test_cli import make_project, run

from codegen.migrate.manifest import SHAPING_LIBRARIES, library_version


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    assert run(root, "generate").exit_code == 0
    return root


def _run_and_list_modules(project: Path, args: list[str], which: str) -> str:
    """What `codegen ARGS` prints in a fresh interpreter, then ``loaded: [...]``: the
    modules it loaded that ``which`` (an expression over the module name ``m``) picks."""
    code = ("import sys\nfrom codegen.cli.app import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            f"print('loaded:', sorted(m for m in sys.modules if {which}))\n")
    return subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True,
                          text=True, check=True).stdout


def test_clean_check_loads_no_generator(project: Path) -> None:
    output = _run_and_list_modules(project, ["check"], (
        "m in ('codegen.project', 'sqlglot', 'pydantic', 'datamodel_code_generator', 'ryml', "
        "'yaml', 'importlib.metadata')"))
    assert "ok: every output is up to date" in output
    assert "loaded: []" in output


def test_an_everyday_edit_loads_no_model_generator(tmp_path: Path) -> None:
    """A column of a shape the cache has seen, no description changed: the pydantic models
    come from the cache, class docstrings included, without importing the generator."""
    project = make_project(tmp_path, spec=spec_text(3, 1))
    assert run(project, "generate").exit_code == 0
    (project / "schema" / "robustness.yaml").write_text(spec_text(3, 2))
    output = _run_and_list_modules(project, ["generate", "--name", "edit"],
                                   "m.startswith('datamodel_code_generator')")
    assert "new migration" in output and "loaded: []" in output
    assert "note_2: str | None" in (project / "generated" / "models.py").read_text()
    assert '"""Synthetic table 1."""' in (project / "generated" / "models.py").read_text()


@pytest.mark.parametrize("name", SHAPING_LIBRARIES)
def test_library_versions_agree_with_the_package_metadata(name: str) -> None:
    assert library_version(name) == version(name)


def test_validate_loads_nothing_of_the_migration_history(project: Path) -> None:
    output = _run_and_list_modules(project, ["validate"], (
        "m in ('codegen.project', 'codegen.migrate.compare', 'sqlglot', "
        "'datamodel_code_generator')"))
    assert "loaded: []" in output


@pytest.mark.parametrize("relative", ["generated/models.py", "generated/schema.json",
                                      "generated/migrations/001_robustness.sql",
                                      "generated/migrations/.codegen/001_robustness.json",
                                      "generated/migrations/.codegen/codegen.sum"])
def test_any_hand_edit_fails_check(project: Path, relative: str) -> None:
    path = project / relative
    path.write_text(path.read_text() + " ")
    result = run(project, "check")
    assert result.exit_code == 1, result.output
    assert relative.split("/")[-1] in result.output


def test_spec_change_fails_check(project: Path) -> None:
    spec = project / "schema/robustness.yaml"
    spec.write_text(spec.read_text().replace("Lifecycle of a test run.", "Lifecycle."))
    result = run(project, "check")
    assert result.exit_code == 1
    assert "~ comment on enum public.test_run_status" in result.output


def test_tampered_manifest_is_reported(project: Path) -> None:
    manifest = project / "generated/migrations/.codegen/outputs.sum"
    manifest.write_text(manifest.read_text().replace("inputs ", "inputs 0", 1))
    result = run(project, "check")
    assert result.exit_code == 1
    assert "outputs.sum: stale or edited by hand" in result.output
    assert run(project, "generate").exit_code == 0
    assert run(project, "check").exit_code == 0


def test_no_cache_takes_the_full_path(project: Path) -> None:
    assert run(project, "check", "--no-cache").output == "ok: every output is up to date\n"
    result = run(project, "generate", "--no-cache")
    assert result.exit_code == 0 and result.output.startswith("schema unchanged: no new migration\n")
    assert run(project, "generate").output == (
        "schema unchanged: no new migration; every output is up to date\n")


def test_generator_cache_is_used_and_safe(project: Path) -> None:
    """A cached datamodel-code-generator run gives the same text; a damaged entry is ignored."""
    cache_dir = project / ".codegen-cache"
    entries = sorted(p for p in cache_dir.rglob("*") if p.is_file())
    assert entries, "the first generate fills the cache"
    outputs = ("generated/models.py", "schema/spec.schema.json")
    before = {path: (project / path).read_text() for path in outputs}
    assert len(entries) == 3  # the generator's run, its class docstrings, the spec's JSON Schema
    for entry in entries:
        check, _, value = entry.read_text().partition("\n")
        entry.write_text(check + "\n" + value.replace("class", "klass").replace(
            '"type"', '"tipe"'))  # damaged
    for path in outputs:
        (project / path).unlink()
    assert run(project, "generate").exit_code == 0
    assert {path: (project / path).read_text() for path in outputs} == before
    assert run(project, "check", "--no-cache").exit_code == 0


def test_cache_hit_skips_the_generator(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datamodel_code_generator

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("datamodel-code-generator ran although its result was cached")

    monkeypatch.setattr(datamodel_code_generator, "generate", refuse)
    models = (project / "generated/models.py").read_text()
    (project / "generated/models.py").unlink()
    assert run(project, "generate").exit_code == 0
    assert (project / "generated/models.py").read_text() == models
    with pytest.raises(AssertionError, match="although its result was cached"):
        run(project, "check", "--no-cache")  # without the cache the generator must run
