"""The spec format's JSON Schema as an output beside the spec files (for editors)."""

from __future__ import annotations

from codegen.schema import ir
from codegen.spec.json_schema import render_spec_schema


def emit_spec_schema(schema: ir.Schema, existing: str | None = None) -> str:
    """The same document whatever the spec holds: it describes the format, not the schema."""
    return render_spec_schema()
