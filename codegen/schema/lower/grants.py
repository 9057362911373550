"""Lower a table's grants."""

from __future__ import annotations

from codegen.schema import ir
from codegen.spec.models import TableSpec


class Grants:
    """Builds a table's grants: one per role, privileges sorted, ALL standing alone."""

    def lower_grants(self, spec: TableSpec) -> tuple[ir.Grant, ...]:
        return tuple(
            ir.Grant(role, ("all",) if "all" in privileges else tuple(sorted(set(privileges))))
            for role, privileges in sorted(spec.grants.items())
        )
