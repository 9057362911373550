"""SHA-256 digests and the ``<sha256>  <path>`` line format (as sha256sum writes it).

Shared by the migrations' sum file, the outputs manifest and the generator cache;
kept free of heavy imports, since a clean `codegen check` reads only these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def render_sums(digests: Mapping[str, str]) -> str:
    """One ``<digest>  <path>`` line per entry, sorted by path."""
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(digests.items()))


def parse_sums(text: str) -> dict[str, str]:
    """path -> digest, from ``<digest>  <path>`` lines; other lines are skipped."""
    entries = {}
    for line in text.splitlines():
        digest, _, path = line.partition("  ")
        if path:
            entries[path] = digest
    return entries
