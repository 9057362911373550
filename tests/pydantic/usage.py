"""Typical use of the generated seed models; `mypy --strict` must accept it (see
tests/test_pydantic_output.py, which writes the models next to it as models.py)."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

from models import AuditLog, AuditLogInsert, TestRun, TestRunInsert, TestRunStatus, TestRunUpdate
from pydantic import MISSING, JsonValue


def describe(run: TestRun) -> str:
    status: TestRunStatus = run.status
    created: datetime = run.created_at
    results: JsonValue | None = run.results
    return f"{run.id} {status.value} {created.isoformat()} {results}"


def new_log(user: UUID | None) -> AuditLogInsert:
    return AuditLogInsert(action="project.update", resource_type="project", user_id=user,
                          details={"fields": ["name"]}, created_at=datetime.now(UTC))


def new_run() -> dict[str, object]:
    return TestRunInsert(test_type="e2e", status=TestRunStatus.RUNNING).model_dump()


def finished(update: TestRunUpdate) -> TestRunStatus | None:
    if update.status is MISSING:
        return None
    return update.status


def actor(log: AuditLog) -> UUID | None:
    return log.user_id


print(describe, new_log(uuid4()), new_run(), finished(TestRunUpdate()), actor)
