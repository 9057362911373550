"""The bad-input corpus: every case in tests/bad_inputs/*.yaml, run through the real command.

A case is a small project (``spec``: the text of schema/app.yaml, or ``spec_nested``) (the base spec and configuration below, changed by the case), the
commands that set it up (which must succeed), the changes made after them, and one command
that must fail: with the expected exit code, a message containing the expected text, at the
expected location (``file:line:col``), without a traceback, and leaving every project file
as it was (the generator cache aside). Actions: ``write`` {path: text}, ``write_hex``
{path: hex bytes}, ``append`` {path: text}, ``delete`` path, ``mkdir`` path, ``symlink``
[link, target], ``replace`` [path, old, new], ``copy`` [from, to], ``write_large`` [path, MB],
``command`` "generate --name x" (which must succeed).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from codegen.cli.app import main

CORPUS = Path(__file__).parent / "bad_inputs"
BASE_SPEC = """\
migration: init
tables:
  notes:
    columns:
      id: {type: uuid, primary_key: true}
      title: text
"""


def _cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for file in sorted(CORPUS.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8")):
            cases.append((f"{file.stem}/{case['name']}", case))
    return cases


CASES = _cases()


def _tree(root: Path) -> dict[str, bytes | str]:
    result: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith(".codegen-cache"):
            continue
        if path.is_symlink():
            result[relative] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            result[relative] = "dir"
        else:
            result[relative] = path.read_bytes()
    return result


def _apply(root: Path, action: dict[str, Any]) -> None:
    (kind, argument), = action.items()
    if kind in ("write", "write_hex", "append"):
        for relative, text in argument.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "write_hex":
                path.write_bytes(bytes.fromhex(text))
            elif kind == "append":
                with path.open("a", encoding="utf-8") as handle:
                    handle.write(text)
            else:
                path.write_text(text, encoding="utf-8")
    elif kind == "delete":
        path = root / argument
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    elif kind == "mkdir":
        (root / argument).mkdir(parents=True, exist_ok=True)
    elif kind == "symlink":
        link, target = argument
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(target)
    elif kind == "command":  # a command that must succeed, between other actions
        result = _invoke(root, argument.split())
        assert result.exit_code == 0, result.output
    elif kind == "copy":
        source, target = argument
        shutil.copy(root / source, root / target)
    elif kind == "write_large":  # [path, megabytes]: a spec with one huge comment
        relative, megabytes = argument
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(BASE_SPEC + "#" + "x" * (megabytes * 2 ** 20) + "\n")
    elif kind == "replace":
        relative, old, new = argument
        text = (root / relative).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        (root / relative).write_text(text.replace(old, new), encoding="utf-8")
    else:
        raise AssertionError(f"unknown action {kind}")


def _invoke(root: Path, args: list[str]) -> Any:
    old = Path.cwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def make_case_project(root: Path, case: dict[str, Any]) -> None:
    config = case.get("config", "")
    (root / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.codegen]\n{config}',
                                         encoding="utf-8")
    spec = case.get("spec", BASE_SPEC)
    if "spec_nested" in case:  # {open, middle, close, times}: a value nested `times` deep
        nested = case["spec_nested"]
        spec = ("tables: " + nested["open"] * nested["times"] + nested["middle"]
                + nested["close"] * nested["times"] + "\n")
    if spec is not None:
        _apply(root, {"write": {"schema/app.yaml": spec}})
    for action in case.get("before", []):
        _apply(root, action)
    for command in case.get("setup", []):
        result = _invoke(root, command.split())
        assert result.exit_code == 0, result.output
    for action in case.get("then", []):
        _apply(root, action)


def test_the_corpus_is_large_and_names_are_unique() -> None:
    names = [name for name, _ in CASES]
    assert len(names) == len(set(names))
    assert len(names) >= 150
    categories = {name.partition("/")[0] for name in names}
    assert categories >= {"config", "filesystem", "history", "yaml", "shape", "names",
                          "semantics", "expressions", "postgres"}


@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_bad_input(tmp_path: Path, name: str, case: dict[str, Any]) -> None:
    root = tmp_path / "project"
    root.mkdir()
    make_case_project(root, case)
    before = _tree(root)
    result = _invoke(root, case.get("run", "generate").split())
    output = result.output
    assert "Traceback" not in output
    assert result.exit_code == case.get("exit", 2), output
    assert case["message"] in output, output
    if case.get("location"):
        assert case["location"] in output, output
    assert _tree(root) == before, "a failed command changed the project"
