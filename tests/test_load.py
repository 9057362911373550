"""The two YAML paths (rapidyaml for speed, PyYAML for the rest) must agree exactly."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.diagnostics import SpecError
from codegen.load import _load_fast, _load_pyyaml, load_document, resolve_plain

REPO = Path(__file__).parent.parent
sys.path.insert(0, str(REPO / "bench"))
from synth import spec_text

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
        general = _load_pyyaml(name, text)
    except SpecError:
        general = None
    try:
        fast = _load_fast(name, text)
    except SpecError:
        fast = None
        assert general is None, "fast path rejected what PyYAML accepts"
        return
    if fast is None or general is None:
        return  # left to PyYAML on purpose (anchors, tags, syntax errors)
    assert fast.data == general.data
    assert fast.positions.keys() == general.positions.keys()
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
    assert _load_fast("x.yaml", text) is None
    assert load_document("x.yaml", text).data == {"base": {"type": "text"},
                                                  "other": {"type": "text"}}


def test_syntax_error_is_worded_by_pyyaml() -> None:
    with pytest.raises(SpecError, match=r"x.yaml:2:1: error\[E001\]: invalid YAML"):
        load_document("x.yaml", "a: [1\n")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
               max_size=12))
def test_any_string_round_trips_through_both_paths(value: str) -> None:
    import json

    text = f"key: {json.dumps(value, ensure_ascii=False)}\n"
    fast = _load_fast("x.yaml", text)
    assert fast is None or fast.data == {"key": value}
    assert _load_pyyaml("x.yaml", text).data == {"key": value}


def test_resolve_plain_is_yaml_12() -> None:
    assert resolve_plain("1_000") == "1_000"  # YAML 1.1 only
    assert resolve_plain("-12") == -12 and resolve_plain("+1.5") == 1.5
