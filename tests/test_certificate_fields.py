"""course.yaml's certificate fields: provider details, approvals, delivery format."""

from __future__ import annotations

from tests.test_ce_report import _course
from trainer.services.catalog import open_catalog
from trainer.services.ce_report import ce_report


def test_approvals_are_quoted_on_the_sample_certificate(write_course) -> None:
    extra = (
        "approvals:\n  - body: NAADAC\n    number: '123456'\n"
        "    statement: This course is approved by NAADAC.\n"
    )
    root = _course(write_course, extra=extra)
    report = ce_report(open_catalog(root / "curriculum", root / "quizzes"))
    assert "NAADAC, approval number 123456. This course is approved by NAADAC." in (
        report.sample_certificate
    )
    assert "Approval: not stated" not in report.sample_certificate
