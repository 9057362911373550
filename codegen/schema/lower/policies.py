"""Lower a table's row-level-security policies."""

from __future__ import annotations

from codegen.schema import ir
from codegen.schema.lower.context import Context, Located
from codegen.spec.models import TableSpec


class Policies(Context):
    """Builds the policies of a table."""

    def lower_policies(self, name: ir.QualifiedName, spec: TableSpec, where: Located,
                       column_names: set[str] | None) -> list[ir.Policy]:
        result: list[ir.Policy] = []
        seen: set[str] = set()
        for i, policy in enumerate(spec.policies):
            path = ("policies", i)
            self.check_identifier(policy.name, where.span(*path, "name"), "policy")
            if policy.name in seen:
                self.error(where.span(*path, "name"), "E260",
                           f'table "{name}" has two policies named "{policy.name}"')
            seen.add(policy.name)
            if policy.with_check is not None and policy.for_ in ("select", "delete"):
                self.error(where.span(*path, "with_check"), "E261",
                           f'a "{policy.for_}" policy cannot have `with_check`',
                           hint="use `using:` to choose which rows it applies to")
            if policy.using is not None and policy.for_ == "insert":
                self.error(where.span(*path, "using"), "E262",
                           'an "insert" policy cannot have `using`',
                           hint="use `with_check:` to choose which new rows are allowed")
            if policy.using is None and policy.with_check is None:
                self.error(where.span(*path), "E263",
                           f'policy "{policy.name}" has neither `using` nor `with_check`',
                           hint='write `using: "true"` to allow every row explicitly')
            for key in ("using", "with_check"):
                text = getattr(policy, key)
                if text is not None:
                    self.expression(text, where, (*path, key), name, column_names)
            self.check_text(policy.comment, where, (*path, "comment"), "comment of policy")
            result.append(ir.Policy(
                policy.name, policy.for_, policy.as_ == "permissive",
                tuple(sorted(set(policy.to))), policy.using, policy.with_check,
                self.lint_ignores(policy.lint_ignore, where, path), where.span(*path),
                comment=policy.comment,
            ))
        return result
