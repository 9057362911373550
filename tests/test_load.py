"""The two YAML paths (rapidyaml for speed, PyYAML for the rest) must agree exactly."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synth import spec_text

import codegen.spec.rapidyaml_reader
from codegen.diagnostics import Span, SpecError
from codegen.spec.document import resolve_plain
from codegen.spec.load import load_document
from codegen.spec.pyyaml_reader import read_with_pyyaml
from codegen.spec.rapidyaml_reader import has_node_property, read_with_rapidyaml

REPO = Path(__file__).parent.parent

FILES = sorted(p for p in REPO.glob("**/*.yaml")
               if "node_modules" not in p.parts and ".venv" not in p.parts
               and p.name != ".pre-commit-hooks.yaml")


def _texts() -> list[tuple[str, str]]:
    texts = [(str(p.relative_to(REPO)), p.read_text()) for p in FILES]
    texts.append(("bench/synth(3)", spec_text(3)))
    quirks = ("a: 'it''s'\nb: \"tab\\there\"\nc: |\n  block\n  text\nd: >\n  folded\n"
              "e: 0x1F\nf: 0o17\ng: 1_000\nh: .inf\ni: ~\nj:\nk: yes\nl: 2024-01-01\n"
              "m: 1.5e3\nn: TRUE\no: [1, 'two', {three: 3}]\np: {}\nq: []\n")
    texts.append(("quirks", quirks))
    return texts


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[n for n, _ in _texts()])
def test_fast_and_general_paths_agree(name: str, text: str) -> None:
    try:
        general = read_with_pyyaml(name, text)
    except SpecError:
        general = None
    try:
        fast = read_with_rapidyaml(name, text)
    except SpecError:
        fast = None
        assert general is None, "fast path rejected what PyYAML accepts"
        return
    if fast is None or general is None:
        return  # left to PyYAML on purpose (anchors, tags, syntax errors)
    assert fast.data == general.data
    assert fast.find is not None
    for path in general.positions:
        assert fast.find(path) is not None, path
    assert fast.find(("no such key",)) is None
    for path in general.positions:
        assert fast.span(path) == general.span(path), path
        assert fast.key_span(path) == general.key_span(path), path


def test_yaml_12_scalars() -> None:
    doc = load_document("x.yaml", "a: [yes, no, on, off, true, False, ~, null, 012, 0x1F, 1.5, "
                                  "2024-01-01, .inf]\n")
    values = doc.data["a"]
    assert values[:9] == ["yes", "no", "on", "off", True, False, None, None, 12]
    assert values[9:12] == [31, 1.5, "2024-01-01"] and math.isinf(values[12])


def test_anchors_and_aliases_go_through_pyyaml() -> None:
    text = "base: &b {type: text}\nother: *b\n"
    assert read_with_rapidyaml("x.yaml", text) is None
    assert load_document("x.yaml", text).data == {"base": {"type": "text"},
                                                  "other": {"type": "text"}}


def test_syntax_error_is_worded_by_pyyaml() -> None:
    with pytest.raises(SpecError, match=r"x.yaml:2:1: error\[E001\]: invalid YAML"):
        load_document("x.yaml", "a: [1\n")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
               max_size=12))
def test_any_string_round_trips_through_both_paths(value: str) -> None:
    import json

    text = f"key: {json.dumps(value, ensure_ascii=False)}\n"
    fast = read_with_rapidyaml("x.yaml", text)
    assert fast is None or fast.data == {"key": value}
    assert read_with_pyyaml("x.yaml", text).data == {"key": value}


def test_resolve_plain_is_yaml_12() -> None:
    assert resolve_plain("1_000") == "1_000"  # YAML 1.1 only
    assert resolve_plain("-12") == -12 and resolve_plain("+1.5") == 1.5


# -- the JSON shortcut of the fast path (rapidyaml writes JSON, the json module reads it) ------

_SCALAR_ALPHABET = "019.+-eExobB_~"
_SCALAR_WORDS = ["inf", "Inf", ".inf", "-.inf", "+.INF", "nan", ".NaN", "Infinity", "-Infinity",
                 "NaN", "true", "True", "TRUE", "yes", "null", "Null", "NULL", "0x1F", "0o17",
                 "0b11", "1_000", "1E3", "-.5", "+.5", "1.5e+3", "0777", "12:30", "2024-01-01"]


def _scalar_forms(scalar: str) -> list[str]:
    return [f"k: {scalar}\n", f"k: '{scalar}'\n", f'k: "{scalar}"\n', f"k: [{scalar}, x]\n",
            f"{scalar}: v\n"]


def _short_scalars() -> list[str]:
    import itertools

    return sorted({"".join(chars) for n in (1, 2) for chars in
                   itertools.product(_SCALAR_ALPHABET, repeat=n)} | set(_SCALAR_WORDS))


def _json_path_taken(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    taken: list[bool] = []
    original = codegen.spec.rapidyaml_reader.data_via_json

    def spy(*args: object) -> object:
        result = original(*args)  # type: ignore[arg-type]
        taken.append(result is not None)
        return result

    monkeypatch.setattr(codegen.spec.rapidyaml_reader, "data_via_json", spy)
    return taken


def _compare_paths(scalar: str) -> int:
    """Assert both paths read every form of ``scalar`` alike; how many forms both read."""
    compared = 0
    for text in _scalar_forms(scalar):
        try:
            general = read_with_pyyaml("x.yaml", text).data
        except SpecError:
            continue
        fast = read_with_rapidyaml("x.yaml", text)
        if fast is not None:
            # repr tells 1 from 1.0 and True, and nan from "nan"
            assert repr(fast.data) == repr(general), text
            compared += 1
    return compared


def test_json_shortcut_reads_scalars_as_pyyaml_does(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = _json_path_taken(monkeypatch)
    compared = sum(_compare_paths(scalar) for scalar in _short_scalars())
    assert compared > 1000
    assert sum(taken) > 0.8 * len(taken), "the JSON shortcut should be the common case"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=_SCALAR_ALPHABET + "aflnrstuyINT :#'\"", min_size=1, max_size=6))
def test_json_shortcut_agrees_on_any_short_scalar(scalar: str) -> None:
    _compare_paths(scalar)


def test_json_shortcut_is_taken_for_a_plain_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = _json_path_taken(monkeypatch)
    doc = load_document("bench.yaml", spec_text(3))
    assert taken == [True]
    assert doc.data["tables"]["t00000"]["columns"]["amount"] == {"type": "numeric(12, 2)",
                                                                 "default": 0}
    # positions come from the tree all the same
    lines = spec_text(3).splitlines()
    comment = lines.index("  t00001:") + 2
    assert doc.span(("tables", "t00001", "comment")) == Span("bench.yaml", comment, 14)
    assert doc.key_span(("tables", "t00002")) == Span("bench.yaml", lines.index("  t00002:") + 1, 3)


@pytest.mark.parametrize("text", [
    "f:\n  body: select * from public.items where id = $1\n",
    "f:\n  body: |\n    select count(*), t.* from t\n    where a * 2 > 1\n",
    "a: [1, '*', \"x * y\"]\n",
])
def test_json_shortcut_is_taken_for_a_star_that_is_no_alias(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An alias is `*name`: a `*` followed by a space (SQL's `select *`) names none, so a
    spec with function bodies stays on the fast path."""
    taken = _json_path_taken(monkeypatch)
    fast = load_document("x.yaml", text).data
    assert taken == [True]
    assert repr(fast) == repr(read_with_pyyaml("x.yaml", text).data)


def _node_property_by_hand(text: bytes) -> bool:
    """An anchor or alias indicator followed by a name, or a tag indicator, at the start of
    the text or after whitespace or a flow or block indicator."""
    for at, char in enumerate(text):
        if char not in b"&*!" or (at > 0 and text[at - 1] not in b" \t\n\r\f\v[{,:?-"):
            continue
        if char == ord("!") or (at + 1 < len(text) and text[at + 1] not in b" \t\n\r\f\v,[]{}"):
            return True
    return False


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(list(b" \n\t[]{},:?-&*!ab")), max_size=10).map(bytes))
def test_node_properties_are_found_where_yaml_puts_them(text: bytes) -> None:
    assert has_node_property(text) == _node_property_by_hand(text)


@pytest.mark.parametrize(("text", "value"), [
    ('a: "100"\n', "100"), ("a: 'true'\n", "true"), ('a: ["5", 5, "1.5", "-0", ""]\n',
                                                      ["5", 5, "1.5", "-0", ""]),
    ("a: 'null'\n", "null"), ('"1": "1e3"\n', None),
])
def test_json_shortcut_takes_quoted_strings_that_read_otherwise_when_plain(
        text: str, value: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """A quoted "100" is the JSON string "100" and a plain 100 the number 100: exact, so a spec
    with `default: "100"` stays on the fast path (1,000 tables: 0.10 s, not 0.39 s)."""
    taken = _json_path_taken(monkeypatch)
    fast = load_document("x.yaml", text).data
    assert taken == [True]
    assert repr(fast) == repr(read_with_pyyaml("x.yaml", text).data)
    if value is not None:
        assert fast == {"a": value}


@pytest.mark.parametrize("text", [
    "a: &x {b: 1}\nc: *x\n",  # anchors and aliases: the JSON writer drops them
    "a: &x [1, 2]\nc: [*x, 3]\n",  # an alias in a flow sequence
    "a: !!str 1\n",  # a tag: the JSON would say 1
    "a: {<<: {b: 1}, c: 2}\n",  # a merge key
    "a: 1\na: 2\n",  # a duplicate key: reported by the node-by-node build
    "a: '012'\n",  # quoted digits: the JSON cannot tell them from a plain 012
    "a: inf\n",  # written as ".inf" by rapidyaml
])
def test_json_shortcut_steps_aside(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    taken = _json_path_taken(monkeypatch)
    try:
        fast = load_document("x.yaml", text).data
    except SpecError:
        fast = "error"
    try:
        general = read_with_pyyaml("x.yaml", text).data
    except SpecError:
        general = "error"
    assert taken in ([False], [])
    assert repr(fast) == repr(general)


@pytest.mark.parametrize("text", ["~\n", "null\n", "~ # c\n", "NULL\n", "", "# only\n",
                                  "--- ~\n", "~ #: v\n"])
def test_a_null_document_is_empty_on_both_paths(text: str) -> None:
    """Once `{}` on the fast path and None on PyYAML's (a seed in 20 of the scalar test)."""
    fast = read_with_rapidyaml("x.yaml", text)
    assert read_with_pyyaml("x.yaml", text).data == {}
    assert fast is None or fast.data == {}
    assert load_document("x.yaml", text).data == {}


_KEYS = st.sampled_from(["a", "b", "type", "1", "x y", "null", "on", "k-1"])
_SCALARS = st.one_of(st.integers(-10**6, 10**6), st.booleans(), st.none(),
                     st.text(alphabet="abc 019.:#-'\"~", max_size=6))
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=3)), max_leaves=12)


def _block(value: object, indent: int = 0) -> str:
    """``value`` as block YAML, scalars JSON-quoted or plain (both are valid YAML)."""
    import json

    pad = " " * indent
    if isinstance(value, dict) and value:
        return "".join(f"{pad}{json.dumps(k)}:\n{_block(v, indent + 2)}" if isinstance(
            v, (dict, list)) and v else f"{pad}{json.dumps(k)}: {_flow(v)}\n"
            for k, v in value.items())
    if isinstance(value, list) and value:
        return "".join(f"{pad}-\n{_block(v, indent + 2)}" if isinstance(v, (dict, list)) and v
                       else f"{pad}- {_flow(v)}\n" for v in value)
    return f"{pad}{_flow(value)}\n"


def _flow(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.dictionaries(_KEYS, _VALUES, max_size=4), st.booleans())
def test_generated_documents_read_alike_on_both_paths(data: dict[str, object],
                                                      block: bool) -> None:
    """A fuzz test over both paths: block and flow documents of any shape give the same data."""
    text = _block(data) if block and data else _flow(data) + "\n"
    general = read_with_pyyaml("x.yaml", text).data
    assert general == data
    fast = read_with_rapidyaml("x.yaml", text)
    assert fast is None or fast.data == general


@pytest.mark.parametrize(("text", "message"), [
    ("a: " + "[" * 3000 + "]" * 3000 + "\n", "nesting depth"),
    ("a: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", "nesting depth"),
    ("tables: !foo {a: 1}\n", 'unknown tag "!foo"'),
    ("tables:\n  t: !foo x\n", 'unknown tag "!foo"'),
    ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh")),
     "aliases expand"),
])
def test_hostile_yaml_is_a_located_error(text: str, message: str) -> None:
    with pytest.raises(SpecError) as caught:
        load_document("x.yaml", text)
    assert message in str(caught.value)
    assert str(caught.value).startswith("x.yaml:")


def test_rapidyaml_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI runs the spec-facing tests with CODEGEN_YAML=pyyaml (`make test-pyyaml`), as on a
    platform without rapidyaml's wheel."""
    assert read_with_rapidyaml("x.yaml", "a: 1\n") is not None
    monkeypatch.setenv("CODEGEN_YAML", "pyyaml")
    assert read_with_rapidyaml("x.yaml", "a: 1\n") is None
    assert load_document("x.yaml", "a: 1\n").data == {"a": 1}
