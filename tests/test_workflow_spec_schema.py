"""Editor support: the JSON Schema of the spec format is derived from the models and truthful.

Truthful means: it accepts every spec the models accept (shorthands included) and
rejects the shape errors the models reject. Proven on every golden and example spec,
on the error cases, and on thousands of mutations of the golden specs.
"""

from __future__ import annotations

import copy
import inspect
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel
from test_cli import make_project, run

from codegen.diagnostics import SpecError
from codegen.spec import database_objects, views
from codegen.spec import models as spec
from codegen.spec.document import Document
from codegen.spec.json_schema import SHORTHANDS, build_spec_schema, render_spec_schema
from codegen.spec.load import load_document
from codegen.spec.shape import validate_documents

REPO = Path(__file__).parent.parent
TESTS = REPO / "tests"
GOOD_SPECS = sorted([
    *TESTS.glob("cases/*/schema/*.yaml"), *TESTS.glob("diffs/*/v*.yaml"),
    *TESTS.glob("lint/*/*.yaml"), *REPO.glob("schema/*.yaml"),
])
ERROR_SPECS = sorted([*TESTS.glob("errors/*.yaml"), *TESTS.glob("errors/*/*.yaml")])
MODELINE = "# yaml-language-server: $schema=spec.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = build_spec_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def data_of(path: Path) -> Any:
    return load_document(path.name, path.read_text()).data


def accepted_by_models(data: Any) -> bool:
    """What stage 2 (codegen.spec.shape) accepts: a mapping that validates against SpecFile,
    whose tables have columns unless they are not the spec's."""
    if not isinstance(data, dict):
        return False
    try:
        validate_documents([Document("spec.yaml", data)])
    except SpecError:
        return False
    return True


def test_golden_spec_list_is_not_empty() -> None:
    assert len(GOOD_SPECS) > 60 and REPO / "schema/robustness.yaml" in GOOD_SPECS


@pytest.mark.parametrize("path", GOOD_SPECS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_golden_and_example_spec_is_valid(validator: jsonschema.Draft202012Validator,
                                               path: Path) -> None:
    data = data_of(path)
    assert accepted_by_models(data)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def _error_codes(path: Path) -> set[str]:
    report = ERRORS_TXT.get(path)
    return set(re.findall(r"error\[(E\d{3})\]", report.read_text())) if report else set()


ERRORS_TXT = {p: (p.with_suffix(".txt") if p.parent.name == "errors"
                  else p.parent.with_suffix(".txt")) for p in ERROR_SPECS}
SHAPE_ERRORS = [p for p in ERROR_SPECS if any(c.startswith("E10") for c in _error_codes(p))]


def test_the_shape_error_cases_are_the_expected_ones() -> None:
    names = {p.stem for p in SHAPE_ERRORS}
    assert {"unknown_key", "missing_key", "bad_literal", "wrong_type", "empty_list",
            "top_level_list", "several_errors"} <= names


@pytest.mark.parametrize("path", SHAPE_ERRORS, ids=lambda p: p.stem)
def test_known_bad_specs_fail(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    assert not validator.is_valid(data_of(path))


def _is_data(path: Path) -> bool:
    try:
        data_of(path)
    except SpecError:
        return False  # invalid YAML, duplicate or complex keys (E001-E003): no data to validate
    return True


LOADABLE_ERROR_SPECS = [p for p in ERROR_SPECS if _is_data(p)]


def test_only_yaml_level_error_cases_have_no_data() -> None:
    unloadable = [p for p in ERROR_SPECS if p not in LOADABLE_ERROR_SPECS]
    assert len(unloadable) == 6
    assert all(_error_codes(p) & {"E001", "E002", "E003", "E006"} for p in unloadable)


@pytest.mark.parametrize("path", LOADABLE_ERROR_SPECS,
                         ids=lambda p: str(p.relative_to(TESTS / "errors")))
def test_schema_agrees_with_the_models_on_every_error_case(
        validator: jsonschema.Draft202012Validator, path: Path) -> None:
    """Semantic errors (unknown table, bad SQL…) are not shape errors: the schema accepts them."""
    data = data_of(path)
    assert validator.is_valid(data) == accepted_by_models(data)


# -- mutations -----------------------------------------------------------------------------------

REPLACEMENTS: list[Any] = [7, "", "uuid?", None, [], {}, ["a"], {"type": "text"}, True, "  "]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _mutations(data: Any) -> Iterator[Any]:
    for path in _paths(data):
        if not path:
            continue
        for replacement in REPLACEMENTS:
            mutated = copy.deepcopy(data)
            parent = mutated
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = copy.deepcopy(replacement)
            yield mutated
        if isinstance(path[-1], str):  # a key left out, and an unknown key beside it
            mutated = copy.deepcopy(data)
            parent = mutated
            for part in path[:-1]:
                parent = parent[part]
            del parent[path[-1]]
            yield mutated
            parent["zz_not_a_key"] = "x"
            yield mutated


def test_schema_agrees_with_the_models_on_mutated_specs(
        validator: jsonschema.Draft202012Validator) -> None:
    mutations = [m for path in GOOD_SPECS for m in _mutations(data_of(path))]
    sample = random.Random(20240601).sample(mutations, min(1500, len(mutations)))
    disagreements = []
    for data in sample:
        by_schema, by_models = validator.is_valid(data), accepted_by_models(data)
        if by_schema != by_models:
            disagreements.append((by_schema, by_models, data))
    assert disagreements == [], disagreements[:3]
    assert 0.1 < sum(accepted_by_models(m) for m in sample) / len(sample) < 0.9  # both kinds


# -- the shorthands ------------------------------------------------------------------------------

def test_every_shorthand_validator_has_a_json_shape() -> None:
    """A model gaining a `mode="before"` validator must be described in SHORTHANDS."""
    models = [v for module in (spec, database_objects, views) for v in vars(module).values()
              if isinstance(v, type) and issubclass(v, BaseModel)
              and v.__module__ == module.__name__]
    with_shorthand = {m for m in models
                      if any(d.info.mode == "before"
                             for d in m.__pydantic_decorators__.model_validators.values())}
    assert with_shorthand == set(SHORTHANDS)


@pytest.mark.parametrize(("document", "valid"), [
    ({"tables": {"t": {"columns": {"id": "uuid"}}}}, True),
    ({"tables": {"t": {"columns": {"id": "text?"}}}}, True),
    ({"tables": {"t": {"columns": {"id": "varchar(64)?"}}}}, True),
    ({"tables": {"t": {"columns": {"id": {"type": "text?", "comment": "c"}}}}}, True),
    ({"tables": {"t": {"columns": {"id": "?"}}}}, False),
    ({"tables": {"t": {"columns": {"id": " "}}}}, False),
    ({"tables": {"t": {"columns": {"id": ""}}}}, False),
    ({"tables": {"t": {"columns": {"u": {"type": "uuid", "references": "auth.users"}}}}}, True),
    ({"tables": {"t": {"columns": {"u": {"type": "uuid", "references": ""}}}}}, False),
    ({"enums": {"e": ["a", "b"]}}, True),
    ({"enums": {"e": []}}, False),
    ({"enums": {"e": [""]}}, False),
    ({"tables": {"t": {"columns": {"id": "uuid"},
                       "policies": [{"name": "p", "to": "anon", "using": "true"}]}}}, True),
    ({"tables": {"t": {"columns": {"id": "uuid"}, "policies": [{"name": "p", "to": ""}]}}}, False),
    ({"tables": {"t": {"columns": {"id": "uuid"}, "policies": [{"name": "p", "for": "read"}]}}},
     False),
    ({"tables": {"t": {"columns": {}}}}, False),
    ({"tables": {"t": {"columns": {"id": "uuid"}, "colums": {}}}}, False),
    ({"tables": {"t": {}}}, False),
    ({"tables": {"t": {"external": True, "policies": []}}}, True),
    ({"tables": {"storage.objects": {"policies": []}}}, True),
    ({"tables": {"objects": {"schema": "storage", "policies": []}}}, True),
    ({"tables": {"objects": {"schema": "private"}}}, False),
    ({"extensions": {"vector": None}}, True),
    ({"extensions": {"vector": {"schema": "extensions", "version": "0.8.0"}}}, True),
    ({"functions": {"f": {"args": {"a": "uuid", "b": {"type": "int", "default": "1"}},
                          "returns": "setof t", "language": "sql", "body": "select 1"}}}, True),
    ({"functions": {"f": {"args": {"n": {"type": "int", "default": 5}, "b": {
        "type": "bool", "default": False}}, "returns": "int", "language": "sql",
        "body": "select n"}}}, True),
    ({"functions": {"f": {"args": {"n": {"type": "int", "default": [5]}}, "returns": "int",
                          "language": "sql", "body": "select n"}}}, False),
    ({"functions": {"f": {"returns": "", "language": "sql", "body": "select 1"}}}, False),
    ({"functions": {"f": {"returns": "void", "language": "cobol", "body": "x"}}}, False),
    ({"tables": {"t": {"columns": {"id": "uuid"}, "triggers": {
        "tr": {"timing": "before", "events": "update", "function": "f"}}}}}, True),
    ({"tables": {"t": {"columns": {"id": "uuid"}, "triggers": {
        "tr": {"timing": "before", "events": "upsert", "function": "f"}}}}}, False),
])
def test_shorthands(validator: jsonschema.Draft202012Validator, document: dict[str, Any],
                    valid: bool) -> None:
    assert accepted_by_models(document) is valid
    assert validator.is_valid(document) is valid


def test_hover_documentation_comes_from_the_models() -> None:
    schema = build_spec_schema()
    defs = schema["$defs"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    column = defs["ColumnSpec"]
    assert column["description"] == inspect.cleandoc(spec.ColumnSpec.__doc__ or "")
    full = column["anyOf"][1]["properties"]
    assert full["nullable"]["description"] == spec.ColumnSpec.model_fields["nullable"].description
    assert set(defs["PolicySpec"]["properties"]) >= {"as", "for", "to", "using", "with_check"}
    # Every key a user can write has documentation to show on hover.
    undocumented = [f"{name}.{key}" for name, d in defs.items()
                    for body in [d.get("anyOf", [d])[-1]]
                    for key, prop in body.get("properties", {}).items()
                    if "description" not in prop and "$ref" not in prop]
    assert undocumented == []


# -- the command, the committed file, generate and check -----------------------------------------

def test_spec_schema_command_prints_and_writes(tmp_path: Path) -> None:
    printed = run(tmp_path, "spec-schema")
    assert printed.exit_code == 0
    assert printed.output == render_spec_schema()
    assert json.loads(printed.output)["title"] == "codegen spec file"
    written = run(tmp_path, "spec-schema", "--output", "out/spec.schema.json")
    assert written.exit_code == 0
    assert (tmp_path / "out/spec.schema.json").read_text() == render_spec_schema()


def test_committed_schema_is_current() -> None:
    assert (REPO / "schema/spec.schema.json").read_text() == render_spec_schema()


def test_spec_files_name_the_schema() -> None:
    for path in REPO.glob("schema/*.yaml"):
        assert path.read_text().splitlines()[0] == MODELINE, path


def test_generate_writes_it_and_check_reports_it_stale(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert run(project, "generate").exit_code == 0
    written = project / "schema/spec.schema.json"
    assert written.read_text() == render_spec_schema()
    written.write_text(written.read_text().replace('"title": "codegen spec file"',
                                                   '"title": "edited"'))
    result = run(project, "check")
    assert result.exit_code == 1
    assert "schema/spec.schema.json: stale or edited by hand" in result.output
    assert '-  "title": "edited",\n+  "title": "codegen spec file",' in result.output
    assert run(project, "generate").exit_code == 0
    assert run(project, "check").exit_code == 0


def test_output_follows_the_spec_folder_and_can_be_switched_off(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    project = make_project(tmp_path / "a", 'schema = "db/spec"\n')
    (project / "db").mkdir()
    (project / "schema").rename(project / "db/spec")
    assert run(project, "generate").exit_code == 0
    assert (project / "db/spec/spec.schema.json").is_file()
    (tmp_path / "b").mkdir()
    off = make_project(tmp_path / "b", "spec_schema = false\n")
    assert run(off, "generate").exit_code == 0
    assert not (off / "schema/spec.schema.json").exists()
    assert run(off, "check").exit_code == 0
