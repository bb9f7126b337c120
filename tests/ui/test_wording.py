"""Counted strings read as English: every `tr("%n …", "", n)` in the app has its singular
and plural in translations/trainer_en.ts, and the shipped .qm is built from that file."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from trainer.ui.shell.wording import TRANSLATIONS

UI = Path(__file__).resolve().parents[2] / "trainer" / "ui"
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"


def counted_strings_in_code() -> set[tuple[str, str]]:
    """(class name, source text) of every tr() call that passes a count."""
    found = set()
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            for call in (node for node in ast.walk(cls) if isinstance(node, ast.Call)):
                if (
                    isinstance(call.func, ast.Attribute)
                    and call.func.attr == "tr"
                    and len(call.args) == 3
                    and isinstance(call.args[0], ast.Constant)
                ):
                    found.add((cls.name, call.args[0].value))
    return found


def plural_forms() -> dict[tuple[str, str], list[str]]:
    root = ElementTree.parse(TRANSLATIONS / "trainer_en.ts").getroot()
    return {
        (context.findtext("name"), message.findtext("source")): [
            form.text or "" for form in message.iter("numerusform")
        ]
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_counted_string_has_a_singular_and_a_plural() -> None:
    forms = plural_forms()
    in_code = counted_strings_in_code()
    assert len(in_code) >= 8
    missing = sorted(in_code - set(forms))
    assert missing == [], "add these to trainer/ui/translations/trainer_en.ts"
    for key, (singular, plural) in ((k, forms[k]) for k in in_code):
        assert "(s)" not in singular + plural, key
    assert set(forms) <= in_code, "trainer_en.ts has strings the code no longer uses"


@pytest.mark.skipif(not LRELEASE.exists(), reason="pyside6-lrelease is not installed")
def test_the_shipped_qm_is_built_from_the_ts(tmp_path) -> None:
    source = tmp_path / "trainer_en.ts"
    shutil.copy(TRANSLATIONS / "trainer_en.ts", source)
    subprocess.run([str(LRELEASE), str(source)], check=True, capture_output=True)
    assert (tmp_path / "trainer_en.qm").read_bytes() == (
        TRANSLATIONS / "trainer_en.qm"
    ).read_bytes(), "run: .venv/bin/pyside6-lrelease trainer/ui/translations/trainer_en.ts"
