"""Compare a table's row level security switch and its policies."""

from __future__ import annotations

from codegen.migrate.changes import (
    AlterPolicy,
    Change,
    CreatePolicy,
    DisableRls,
    DropPolicy,
    EnableRls,
)
from codegen.schema import ir
from codegen.schema.expressions import parse_expression


def compare_rls(old: ir.Table, new: ir.Table, changes: list[Change]) -> None:
    if old.rls != new.rls:
        changes.append(EnableRls(new.name) if new.rls else DisableRls(new.name))


def compare_policies(old: ir.Table, new: ir.Table, pinned: set[str],
                     changes: list[Change]) -> None:
    """``pinned``: columns retyped or dropped; a policy using one is dropped and recreated."""
    name = new.name
    old_policies = {p.name: p for p in old.policies}
    new_names = {p.name for p in new.policies}
    for policy in new.policies:
        before = old_policies.get(policy.name)
        # PostgreSQL refuses to retype or drop a column a policy uses: rebuild the policy.
        blocks_retype = before is not None and bool(_policy_columns(before) & pinned)
        if before is None:
            changes.append(CreatePolicy(name, policy))
        elif blocks_retype or (before.command, before.permissive) != (
                policy.command, policy.permissive) or _loses_clause(before, policy):
            changes.append(DropPolicy(name, before))
            changes.append(CreatePolicy(name, policy))
        elif before != policy:
            changes.append(AlterPolicy(name, policy))
    for policy in old.policies:
        if policy.name not in new_names:
            changes.append(DropPolicy(name, policy))


def _loses_clause(old: ir.Policy, new: ir.Policy) -> bool:
    """ALTER POLICY can replace USING / WITH CHECK but not remove them."""
    return (old.using is not None and new.using is None) or (
        old.with_check is not None and new.with_check is None)


def _policy_columns(policy: ir.Policy) -> set[str]:
    names: set[str] = set()
    for text in (policy.using, policy.with_check):
        if text is not None:
            names |= {ref.name for ref in parse_expression(text).columns}
    return names
