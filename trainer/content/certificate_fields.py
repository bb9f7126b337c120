"""What a certificate needs from course.yaml, and warnings where course.yaml leaves it out.

A provider written as a plain name states no details, and a course without `approvals`
states no approval (the certificate says "Approval: not stated"); neither is warned of,
since no approval may be invented. Details that are begun but left incomplete are.
"""

from __future__ import annotations

from trainer.content.approval_formats import Provider
from trainer.content.formats import CourseFile
from trainer.content.problems import Problem
from trainer.content.yamlsource import YamlDocument


def certificate_warnings(spec: CourseFile, document: YamlDocument) -> list[Problem]:
    """`file:line` warnings for fields a certificate shows that are present but empty."""
    warnings = []
    if isinstance(spec.provider, Provider) and not spec.provider.contact.strip():
        warnings.append(
            document.problem(
                ("provider",),
                "`provider.contact` is empty: the certificate names how to reach the provider;"
                " add a telephone, e-mail or web address",
            )
        )
    if not spec.delivery_format.strip():
        warnings.append(
            document.problem(
                ("delivery_format",) if "delivery_format" in _keys(document) else (),
                "`delivery_format` is empty: approving bodies want the certificate to state it;"
                " add e.g. `delivery_format: Home study (self-paced, offline)`",
            )
        )
    if spec.approvals is not None:
        if not spec.approvals:
            warnings.append(
                document.problem(
                    ("approvals",),
                    "`approvals` is empty: list each approval (body, number, statement), or"
                    " remove the key so the certificate says \u201cApproval: not stated\u201d",
                )
            )
        for index, approval in enumerate(spec.approvals):
            for name in ("body", "number", "statement"):
                if not getattr(approval, name).strip():
                    warnings.append(
                        document.problem(
                            ("approvals", index),
                            f"`approvals[{index}].{name}` is empty: the certificate quotes the"
                            " approving body, its number and its statement exactly;"
                            " fill it in from the approval letter",
                        )
                    )
    return warnings


def _keys(document: YamlDocument) -> set[str]:
    return set(document.data) if isinstance(document.data, dict) else set()
