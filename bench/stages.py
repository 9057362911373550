"""Where the time of a cold `codegen generate` goes, stage by stage, in one process.

    python bench/stages.py 1000
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from typing import Any

from synth import spec_text


def main() -> None:
    gc.disable()  # as the `codegen` command runs (codegen.cli.process.run)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    timings: list[tuple[str, float]] = []

    def timed(stage: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = work()
        timings.append((stage, time.perf_counter() - start))
        return result

    def imports() -> None:
        import codegen.emit.database_types
        import codegen.emit.pydantic_models
        import codegen.emit.typescript
        import codegen.project  # noqa: F401

    timed("imports", imports)
    from codegen.emit.database_types import emit_database_types
    from codegen.emit.json_schema import emit_json_schema
    from codegen.emit.pydantic_models import emit_pydantic
    from codegen.emit.typescript import emit_typescript
    from codegen.migrate.compare import compare
    from codegen.migrate.history import render_migration
    from codegen.migrate.snapshot import to_json
    from codegen.schema import ir
    from codegen.schema.lower import lower
    from codegen.spec.load import load_documents
    from codegen.spec.shape import validate_documents

    text = spec_text(n)
    docs = timed("load (YAML)", lambda: load_documents([("bench.yaml", text)]))
    specs = timed("validate (pydantic)", lambda: validate_documents(docs))
    schema = timed("lower", lambda: lower(specs))
    changes = timed("compare", lambda: compare(ir.Schema(), schema))
    timed("render SQL + pglast", lambda: render_migration(changes, schema.sources))
    timed("snapshot", lambda: to_json(schema))
    timed("pydantic models", lambda: emit_pydantic(schema))
    timed("JSON Schema", lambda: emit_json_schema(schema))
    timed("index.ts", lambda: emit_typescript(schema, None))
    timed("database.types.ts", lambda: emit_database_types(schema))
    total = sum(t for _, t in timings)
    print(f"{n} tables, one process, seconds:")
    for stage, seconds in timings:
        print(f"  {stage:<22} {seconds:6.3f}  {100 * seconds / total:4.0f}%")
    print(f"  {'total':<22} {total:6.3f}")


if __name__ == "__main__":
    main()
