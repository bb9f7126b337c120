"""What the certificate screen shows: the learner record, and the certificate once earned."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.services.catalog import Catalog
from trainer.services.certificates import CertificateInfo, issue_certificate
from trainer.services.completion import CourseStatus
from trainer.services.errors import ServiceError
from trainer.services.learner_progress import LearnerProgress, learner_progress
from trainer.store.db import Store


@dataclass(frozen=True)
class CertificateSnapshot:
    """Where the learner stands, and the certificate once the course is complete."""

    record: LearnerProgress
    certificate: CertificateInfo | None
    refusal: str = ""

    @property
    def status(self) -> CourseStatus:
        return self.record.status


def load_certificate(store: Store, catalog: Catalog, learner_id: str) -> CertificateSnapshot:
    """The learner record, and the certificate, issued once when the course is complete
    with enough active time (a refusal is kept as words, not raised)."""
    record = learner_progress(store, catalog, learner_id)
    status = record.status
    if status.completed_at is None or not status.credit.eligible:
        return CertificateSnapshot(record, None)
    try:
        info = issue_certificate(store, catalog, learner_id)
    except ServiceError as error:
        return CertificateSnapshot(record, None, str(error))
    return CertificateSnapshot(record, info)
