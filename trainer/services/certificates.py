"""Certificates of completion: issued once the course is complete, verifiable by code."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.content.approval_formats import Approval
from trainer.content.model import Course
from trainer.services.catalog import Catalog
from trainer.services.completion import CourseStatus, course_status
from trainer.services.errors import ServiceError
from trainer.services.figures import hours_text, percent_text, required_text
from trainer.store.db import Store
from trainer.store.models import Certificate, Learner, utc_now

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_GROUPS, GROUP_LENGTH = 3, 4  # 12 symbols, 60 random bits


@dataclass(frozen=True)
class CertificateInfo:
    """What a certificate states, and what verification shows."""

    code: str
    learner_name: str
    credential: str
    organisation: str
    course_id: str
    course_title: str
    course_version: str
    provider: str
    approval_number: str
    ce_hours: float
    posttest_percent: float | None  # None when the course has no post-test
    completed_at: datetime
    issued_at: datetime
    retain_until: datetime
    delivery_format: str = ""
    provider_address: str = ""
    provider_contact: str = ""
    approvals: tuple[Approval, ...] = ()

    @property
    def approval_lines(self) -> tuple[str, ...]:
        """The approvals as the certificate states them: body and number, then the body's
        statement word for word; "Approval: not stated" when the course states none."""
        if self.approvals:
            return tuple(_approval_line(approval) for approval in self.approvals)
        if self.approval_number.strip():
            return (f"Approval number: {self.approval_number.strip()}",)
        return (NO_APPROVAL,)


NO_APPROVAL = "Approval: not stated"


def _approval_line(approval: Approval) -> str:
    body = approval.body.strip() or "Approving body not stated"
    number = approval.number.strip() or "not stated"
    line = f"{body}, approval number {number}"
    return f"{line}. {approval.statement.strip()}" if approval.statement.strip() else line


def certificate_text(info: CertificateInfo) -> list[str]:
    """What the certificate states, line by line, as plain text (the PDF lays out the same)."""
    lines = [
        info.provider.upper(),
        "Certificate of Completion",
        f"This certifies that {info.learner_name}",
    ]
    if info.credential:
        lines.append(f"Credential / licence no. {info.credential}")
    if info.organisation:
        lines.append(info.organisation)
    lines += [
        f"has completed {info.course_title} (course version {info.course_version})",
        f"Continuing-education hours: {hours_text(info.ce_hours)}",
        f"Delivery format: {info.delivery_format.strip() or 'not stated'}",
        f"Completed on: {info.completed_at.date().isoformat()}",
    ]
    if info.posttest_percent is not None:
        lines.append(f"Post-test score: {percent_text(info.posttest_percent)}")
    lines.append(f"Provider: {info.provider}")
    if info.provider_address:
        lines.append(f"Address: {info.provider_address}")
    if info.provider_contact:
        lines.append(f"Contact: {info.provider_contact}")
    lines += list(info.approval_lines)
    lines.append(f"Verification code: {info.code}")
    return lines


def sample_certificate(course: Course, learner_name: str = "Sample Learner") -> CertificateInfo:
    """The certificate a learner would receive today, for a reviewer to read (nothing is
    issued or stored; the code is a placeholder no verification accepts)."""
    now = utc_now()
    return CertificateInfo(
        code="SAMPLE (not issued)",
        learner_name=learner_name,
        credential="",
        organisation="",
        course_id=course.id,
        course_title=course.title,
        course_version=course.version,
        provider=course.provider,
        approval_number=course.approval_number,
        ce_hours=course.ce_hours,
        posttest_percent=None,
        completed_at=now,
        issued_at=now,
        retain_until=now + timedelta(days=365 * course.credit.retention_years),
        **_course_details(course),
    )


def _course_details(course: Course | None) -> dict[str, Any]:
    if course is None:
        return {}
    names = ("delivery_format", "provider_address", "provider_contact", "approvals")
    return {name: getattr(course, name) for name in names if hasattr(course, name)}


def new_code() -> str:
    symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * GROUP_LENGTH))
    return "-".join(symbols[i : i + GROUP_LENGTH] for i in range(0, len(symbols), GROUP_LENGTH))


def normalise_code(text: str) -> str:
    """Accept codes typed in lower case, with spaces, or with O and I for 0 and 1."""
    symbols = text.upper().replace("O", "0").replace("I", "1").replace("L", "1")
    symbols = "".join(ch for ch in symbols if ch in CODE_ALPHABET)
    return "-".join(symbols[i : i + GROUP_LENGTH] for i in range(0, len(symbols), GROUP_LENGTH))


def issue_certificate(store: Store, catalog: Catalog, learner_id: str) -> CertificateInfo:
    """Issue (once per course version) the certificate of a learner who completed the course."""
    course = catalog.course
    status = course_status(store, catalog, learner_id)
    if status.completed_at is None:
        missing = _missing(status)
        raise ServiceError(f"the course is not complete yet: {missing}")
    if not status.credit.eligible:
        still = required_text(status.credit.required_seconds - status.credit.active_seconds)
        raise ServiceError(
            f"not enough active study time for CE credit yet: {still} more of reading or"
            " answering quizzes is needed"
        )
    with store.session() as session:
        existing = session.scalar(
            select(Certificate).where(
                Certificate.learner_id == learner_id,
                Certificate.course_id == course.id,
                Certificate.course_version == course.version,
            )
        )
        if existing is None:
            existing = Certificate(
                code=new_code(),
                installation_id=store.installation_id,
                learner_id=learner_id,
                course_id=course.id,
                course_version=course.version,
                content_hash=course.hash,
                ce_hours=status.credit.hours,
                posttest_percent=status.posttest.best_percent if status.posttest else None,
                completed_at=status.completed_at,
                issued_at=utc_now(),
                retain_until=utc_now() + timedelta(days=365 * course.credit.retention_years + 2),
            )
            session.add(existing)
            session.flush()
        return _info(session, existing, catalog)


def _missing(status: CourseStatus) -> str:
    parts = [m.title for m in status.modules if m.completed_at is None]
    missing = [f"module “{p}”" for p in parts]
    if status.posttest is not None and not status.posttest.passed:
        missing.append("the post-test")
    if status.evaluation_submitted_at is None and status.evaluation_required:
        missing.append("the course evaluation")
    return ", ".join(missing) or "the post-test"


def verify_certificate(store: Store, catalog: Catalog | None, code: str) -> CertificateInfo | None:
    """The certificate with this code, or None when no such certificate was issued here."""
    with store.reading() as session:
        row = session.get(Certificate, normalise_code(code))
        return _info(session, row, catalog) if row is not None else None


def learner_certificates(store: Store, catalog: Catalog, learner_id: str) -> list[CertificateInfo]:
    with store.reading() as session:
        rows = session.scalars(
            select(Certificate)
            .where(Certificate.learner_id == learner_id)
            .order_by(Certificate.issued_at)
        )
        return [_info(session, row, catalog) for row in rows]


def _info(session: Session, row: Certificate, catalog: Catalog | None) -> CertificateInfo:
    learner = session.get(Learner, row.learner_id)
    assert learner is not None  # certificate.learner_id is a foreign key
    course = catalog.course if catalog and catalog.course.id == row.course_id else None
    return CertificateInfo(
        code=row.code,
        learner_name=learner.display_name,
        credential=learner.credential,
        organisation=learner.organisation,
        course_id=row.course_id,
        course_title=course.title if course else row.course_id,
        course_version=row.course_version,
        provider=course.provider if course else "",
        approval_number=course.approval_number if course else "",
        ce_hours=row.ce_hours,
        posttest_percent=row.posttest_percent,
        completed_at=row.completed_at,
        issued_at=row.issued_at,
        retain_until=row.retain_until,
        **_course_details(course),
    )
