"""The rows of views in the interfaces file and the pydantic models (via the JSON Schema).

A view has one type, ``<Model>``: a row as read, with the nullability the spec declares for
each column. (Supabase's ``Database`` type makes every column of a view nullable, because
PostgreSQL keeps no NOT NULL for them; the declaration is what the query guarantees.) Writes
through an updatable view are typed by the ``Database`` type's Insert and Update.
"""

from __future__ import annotations

from collections.abc import Callable

from codegen.emit.ts_layout import jsdoc, member_line
from codegen.emit.ts_text import ts_key
from codegen.emit.ts_types import TsType
from codegen.schema import ir


def as_column(column: ir.ViewColumn) -> ir.Column:
    """A view's column as a table's, for the code that types columns."""
    return ir.Column(column.name, column.type, column.nullable, comment=column.comment)


def row_description(view: ir.View) -> str:
    return view.comment or f"A row of the {_kind(view)} `{view.name}`."


def interface_lines(view: ir.View, column_type: Callable[[ir.Column], TsType]) -> list[str]:
    out = ["", *jsdoc(row_description(view), 0), f"export interface {view.model} {{"]
    for column in view.columns:
        out += jsdoc(column.comment, 2)
        out.append(member_line(2, f"{ts_key(column.name)}: ", column_type(as_column(column))))
    out.append("}")
    return out


def _kind(view: ir.View) -> str:
    return "materialized view" if view.materialized else "view"
