"""`trainer export-html` copies regular files of the course's media only: never through a
link out of the course, never waiting on a pipe; validation names each entry left out."""

from __future__ import annotations

import os
from pathlib import Path

from tests.test_hostile_content import needs_fifo, problems
from tests.timeouts import within
from trainer.content.loader import load_course
from trainer.services.export_html import export_html


def test_a_media_link_out_of_the_course_is_reported_and_never_exported(
    write_course, tmp_path: Path
) -> None:
    root = write_course({})
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:secret\n")
    media = root / "curriculum/basics/media"
    media.mkdir()
    (media / "gate.png").write_bytes(b"\x89PNG")
    (media / "passwd").symlink_to(secret)
    (media / "folder").symlink_to(secret.parent, target_is_directory=True)
    (media / "inside.png").symlink_to(media / "gate.png")

    found = problems(root)
    assert [(f, n) for f, n, m in found if "outside the course" in m] == [
        ("curriculum/basics/media/folder", 1),
        ("curriculum/basics/media/passwd", 1),
    ]
    out = tmp_path / "site"
    with within(20):
        export_html(load_course(root / "curriculum")[0], out)
    copied = sorted(p.relative_to(out).as_posix() for p in (out / "media").rglob("*"))
    assert copied == [
        "media/basics",
        "media/basics/media",
        "media/basics/media/gate.png",
        "media/basics/media/inside.png",
    ]
    assert all("secret" not in p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


@needs_fifo
def test_a_pipe_in_media_is_reported_and_export_does_not_wait_on_it(
    write_course, tmp_path: Path
) -> None:
    root = write_course({})
    media = root / "curriculum/basics/media"
    media.mkdir()
    os.mkfifo(media / "pipe.png")
    assert ("curriculum/basics/media/pipe.png", 1) in [(f, n) for f, n, _ in problems(root)]
    with within(20):
        export_html(load_course(root / "curriculum")[0], tmp_path / "site")
    assert not (tmp_path / "site/media/basics/media/pipe.png").exists()
