"""The emitters' JSON encoder writes what json.JSONEncoder writes, option for option."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.emit import json_text

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_VALUES, st.booleans(), st.booleans(),
       st.sampled_from([(", ", ": "), (",", ":")]))
def test_the_same_text_as_the_json_module(value: Any, ensure_ascii: bool, sort_keys: bool,
                                          separators: tuple[str, str]) -> None:
    expected = json.JSONEncoder(ensure_ascii=ensure_ascii, sort_keys=sort_keys,
                                separators=separators).encode(value)
    encode = json_text.encoder(ensure_ascii=ensure_ascii, sort_keys=sort_keys,
                               separators=separators)
    assert encode(value) == expected
    assert encode(value) == expected  # and again: nothing kept from the call before


def test_a_value_it_cannot_encode_is_the_same_error() -> None:
    encode = json_text.encoder()
    for value in ({"a": {1, 2}}, [object()]):
        try:
            json.dumps(value)
        except TypeError as err:
            expected = str(err)
        try:
            encode(value)
        except TypeError as err:
            assert str(err) == expected
        else:
            raise AssertionError("no error")
    assert encode({"a": [1, "é"]}) == '{"a": [1, "\\u00e9"]}'


def test_without_the_c_accelerator_the_json_module_encodes(monkeypatch: Any) -> None:
    accelerator = json.encoder.c_make_encoder

    def refusing_ours(markers: Any, *args: Any) -> Any:
        if markers is None:  # our call (the json module's own passes its circular check)
            raise TypeError("make_encoder() takes other arguments")
        return accelerator(markers, *args)

    for replacement in (None, refusing_ours):
        monkeypatch.setattr(json.encoder, "c_make_encoder", replacement)
        encode = json_text.encoder(sort_keys=True)
        assert encode({"b": [1.5, None], "a": "é"}) == '{"a": "\\u00e9", "b": [1.5, null]}'
