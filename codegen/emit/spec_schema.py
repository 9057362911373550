"""The spec format's JSON Schema as an output beside the spec files (for editors)."""

from __future__ import annotations

from codegen.emit.cache import memoize
from codegen.schema import ir
from codegen.spec.json_schema import render_spec_schema


def emit_spec_schema(schema: ir.Schema, existing: str | None = None) -> str:
    """The same document whatever the spec holds: it describes the format, not the schema.
    Kept in the cache (when on) per codegen and pydantic version, which write it: every
    `generate` saves the 30-40 ms of building it from the spec's models."""
    from codegen.migrate.manifest import library_version

    return memoize("spec-schema", lambda: library_version("pydantic"), render_spec_schema)
