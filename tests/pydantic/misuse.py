"""Mistakes `mypy --strict` must report on the generated seed models, one per line marked
`# error: <code>` (see tests/test_pydantic_output.py)."""

from models import AuditLogInsert, TestRun, TestRunUpdate

AuditLogInsert(action=1, resource_type="project")  # error: arg-type
AuditLogInsert(action="a", resource_type="project", bogus=True)  # error: call-arg


def status_code(run: TestRun) -> int:
    return run.status  # error: return-value


def new_type(update: TestRunUpdate) -> str:
    return update.test_type  # error: return-value
