"""The declared formats of course.yaml's certificate details: the provider and approvals."""

from __future__ import annotations

from trainer.content.schema import Strict, Text


class Provider(Strict):
    """The continuing-education provider as a certificate names it."""

    name: Text
    address: str = ""
    contact: str = ""


class Approval(Strict):
    """One approving body's approval of the course, as the certificate must quote it."""

    body: str = ""  # NAADAC, NBCC, APA or a state board's name
    number: str = ""
    statement: str = ""  # the exact approval statement the body requires
