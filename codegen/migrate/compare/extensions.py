"""Compare extensions."""

from __future__ import annotations

from codegen.migrate.changes import AlterExtension, Change, CreateExtension, DropExtension
from codegen.schema import ir


def compare_extensions(old: ir.Schema, new: ir.Schema, changes: list[Change]) -> None:
    old_extensions = {e.name: e for e in old.extensions}
    new_names = {e.name for e in new.extensions}
    for extension in new.extensions:
        before = old_extensions.get(extension.name)
        if before is None:
            changes.append(CreateExtension(extension))
        elif before != extension:
            changes.append(AlterExtension(before, extension))
    changes.extend(DropExtension(e) for e in old.extensions if e.name not in new_names)
