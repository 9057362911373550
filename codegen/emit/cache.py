"""A content-addressed cache for the one costly pure step: datamodel-code-generator's run.

The key is a digest of everything the result depends on (the generator's input, its
version, ours), so an entry can never be stale; each entry carries the digest of its
value and is ignored if it does not match, so a damaged file is recomputed, never used.
The folder (``.codegen-cache/`` beside pyproject.toml, git-ignored) is always safe to
delete. Only the CLI switches the cache on (``use``); without it, ``memoize`` computes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from codegen import __version__
from codegen.migrate.sums import sha256

_folder: Path | None = None


def use(folder: Path | None) -> None:
    """Keep entries under ``folder`` from now on (None: no cache)."""
    global _folder
    _folder = folder


def memoize(namespace: str, key: Callable[[], str], compute: Callable[[], str]) -> str:
    """``compute()``, or its stored result for the same ``key()`` (only asked when cached)."""
    if _folder is None:
        return compute()
    digest = sha256(f"{__version__}\0{namespace}\0{key()}")
    path = _folder / digest[:2] / digest
    try:
        stored = path.read_text(encoding="utf-8")
        check, _, value = stored.partition("\n")
        if check == sha256(value):
            return value
    except (OSError, UnicodeDecodeError):
        pass
    value = compute()
    _store(path, f"{sha256(value)}\n{value}")
    return value


def _store(path: Path, text: str) -> None:
    import tempfile  # only a miss writes: an edit that hits every entry never loads it (5 ms)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".entry.")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError:
        pass  # a cache that cannot be written is only slower
