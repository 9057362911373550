"""JSON text of many small values, with the json module's C encoder made once.

``json.JSONEncoder.encode`` builds a new C encoder on every call. The JSON Schema writes one
line per property (38,000 calls at 1,000 tables), where that setup was half the time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def encoder(*, ensure_ascii: bool = True, sort_keys: bool = False,
            separators: tuple[str, str] = (", ", ": ")) -> Callable[[Any], str]:
    """``json.JSONEncoder(...).encode`` with these options (and the others' defaults): the
    same text for any value without cycles."""
    slow = json.JSONEncoder(ensure_ascii=ensure_ascii, sort_keys=sort_keys,
                            separators=separators)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # an interpreter without the C accelerator
        return slow.encode
    string = json.encoder.encode_basestring_ascii if ensure_ascii else \
        json.encoder.encode_basestring
    # The arguments JSONEncoder.iterencode passes, but for the circular check: the values are
    # trees the emitters built, and a check's memory would outlive a failed call.
    try:
        fast = make(None, slow.default, string, None, slow.key_separator, slow.item_separator,
                    sort_keys, slow.skipkeys, slow.allow_nan)
    except TypeError:  # another interpreter's accelerator, called otherwise
        return slow.encode

    def encode(value: Any) -> str:
        if isinstance(value, str):
            return str(string(value))
        return "".join(fast(value, 0))
    return encode
