"""Servers without pgvector (Debian's PostgreSQL 15 packages have none): the spec of the
`functions` golden case is tested there with its one vector column as an ltree, another
extension type (the outputs type both `unknown`/`Any`, except that Supabase's generator maps
`vector` to `string`; each test compares its own outputs of the same spec)."""

from __future__ import annotations

from support.postgres import connect

_SWAPS = (("vector: {schema: extensions}", "ltree: {schema: extensions}"),
          ("embedding: vector(3)?", "embedding: ltree?"))


def has_pgvector(url: str) -> bool:
    with connect(url) as conn:
        return conn.execute("select 1 from pg_available_extensions where name = 'vector'"
                            ).fetchone() is not None


def without_pgvector(spec_text: str) -> str:
    """The spec with pgvector's column and extension swapped for ltree's."""
    for old, new in _SWAPS:
        assert old in spec_text, f"the functions case no longer has {old!r}: update {__file__}"
        spec_text = spec_text.replace(old, new)
    return spec_text
