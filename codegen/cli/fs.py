"""Reading the workspace from disk (CLI layer only); writing is :mod:`codegen.cli.transaction`.

Every file is read as UTF-8 with a located error otherwise; a spec that is a broken symbolic
link and a state folder that is a file are errors, not files silently skipped.
"""

from __future__ import annotations

from pathlib import Path

from codegen.cli.transaction import WriteError, write_files
from codegen.config import SPEC_SUFFIXES, Config
from codegen.diagnostics import Diagnostic, Span, SpecError, decode_utf8
from codegen.workspace import SIDE_FILE_SUFFIXES, STATE_DIR, MigrationFolder, Workspace

__all__ = ["SPEC_SUFFIXES", "WriteError", "read_workspace", "write_files"]

# Larger spec files are refused before parsing: the biggest real specs are a few hundred
# kilobytes (1,000 tables: ~0.5 MB), and parsing and validation cost grows with the size.
MAX_SPEC_BYTES = 10 * 1024 * 1024


def _read(path: Path, shown: str) -> str:
    return decode_utf8(shown, path.read_bytes())


def _fail(shown: str, message: str, hint: str) -> SpecError:
    return SpecError([Diagnostic(Span(shown, 1, 1), "E005", message, hint=hint)])


def read_workspace(config: Config) -> Workspace:
    root = config.root
    spec_dir = root / config.schema
    spec_files = {}
    errors: list[Diagnostic] = []

    def read(path: Path, shown: str) -> str | None:
        try:
            return _read(path, shown)
        except SpecError as err:
            errors.extend(err.diagnostics)
        except OSError as err:
            errors.append(Diagnostic(Span(shown, 1, 1), "E005",
                                     f"cannot read: {err.strerror or err}",
                                     hint="check the file's permissions"))
        return None

    outputs_here = {p for p in config.outputs.values() if p is not None}
    if spec_dir.is_dir():
        for path in sorted(spec_dir.rglob("*")):
            shown = path.relative_to(root).as_posix()
            # JSON files are read for the JSON Schemas columns name; outputs are no inputs.
            if path.suffix not in SPEC_SUFFIXES and (
                    path.suffix not in SIDE_FILE_SUFFIXES or shown in outputs_here):
                continue
            if path.is_symlink() and not path.exists():
                errors.extend(_fail(shown, "a symbolic link to a file that does not exist",
                                    "restore its target or remove the link").diagnostics)
            elif path.is_file():
                if path.stat().st_size > MAX_SPEC_BYTES:
                    errors.extend(_fail(
                        shown, f"larger than {MAX_SPEC_BYTES // 2 ** 20} MB: not a spec file",
                        "split the spec into several files, or move this file out of the "
                        "spec folder").diagnostics)
                    continue
                text = read(path, shown)
                if text is not None:
                    spec_files[shown] = text
    migrations_dir = root / config.migrations
    migration_files = {}
    if migrations_dir.is_dir():
        for path in sorted(migrations_dir.iterdir()):
            if path.is_file() and path.suffix == ".sql":
                text = read(path, f"{config.migrations}/{path.name}")
                if text is not None:
                    migration_files[path.name] = text
        state = migrations_dir / STATE_DIR
        if state.exists() and not state.is_dir():
            errors.extend(_fail(
                f"{config.migrations}/{STATE_DIR}",
                "is a file, but codegen keeps the migrations' snapshots and sums in a folder "
                "of this name", "move the file away (or restore the folder from version "
                "control)").diagnostics)
        elif state.is_dir():
            for path in sorted(state.iterdir()):
                if path.is_file() and not path.name.startswith("."):  # temporary files
                    text = read(path, f"{config.migrations}/{STATE_DIR}/{path.name}")
                    if text is not None:
                        migration_files[f"{STATE_DIR}/{path.name}"] = text
    elif migrations_dir.exists():
        errors.extend(_fail(config.migrations, "is a file, not the migrations folder",
                            "move it away, or set [tool.codegen] migrations to a folder"
                            ).diagnostics)
    outputs = {}
    for output in config.outputs.values():
        if output is not None and (root / output).is_file():
            text = read(root / output, output)
            if text is not None:
                outputs[output] = text
    if errors:
        raise SpecError(errors)
    return Workspace(config, spec_files, MigrationFolder(migration_files), outputs)
