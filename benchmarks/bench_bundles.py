"""Import 1,000 progress bundles, one per offline laptop, into a supervisor's database.

Budget (DESIGN §7): 5 s; §7 names no floor for it. Each bundle holds one counselor who took the pre-test, read the
first module and passed its quiz; bundles differ in every uuid, as real laptops' do.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.common import ROOT_NOTE, report
from trainer.paths import SHIPPED_COURSE, SHIPPED_QUIZZES
from trainer.services import accounts, bundle_merge, bundles, org_key
from trainer.services.catalog import open_catalog
from trainer.store.db import open_store

BUNDLES = 1_000
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.services.helpers import read_module, take_quiz  # noqa: E402


def template_bundle(folder: Path, catalog, key) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    laptop = open_store(str(folder / "laptop.sqlite3"))
    org_key.install_key(laptop, key)
    learner = accounts.create_learner(laptop, "Counselor", organisation="North")
    take_quiz(laptop, catalog, learner.id, "pretest")
    first = catalog.course.modules[0]
    read_module(laptop, catalog, learner.id, first.id)
    take_quiz(laptop, catalog, learner.id, first.quiz)
    bundle = bundles.build_bundle(laptop, catalog, key)
    laptop.close()
    ids = {bundle["installation_id"]}
    for rows in bundle["rows"].values():
        ids.update(row["id"] for row in rows if "id" in row)
    return json.dumps(bundle), sorted(ids)


def make_bundles(folder: Path, catalog, key) -> list[Path]:  # type: ignore[no-untyped-def]
    text, ids = template_bundle(folder, catalog, key)
    paths = []
    for n in range(BUNDLES):
        copy = text
        for old in ids:
            copy = copy.replace(old, str(uuid.uuid4()))
        copy = copy.replace('"Counselor"', f'"Counselor {n:04d}"')
        bundle = json.loads(copy)
        bundle.pop("signature")
        bundle["signature"] = org_key.sign(key, bundle)
        path = folder / f"laptop-{n:04d}.bundle"
        path.write_text(json.dumps(bundle), encoding="utf-8")
        paths.append(path)
    return paths


def import_seconds(folder: Path, paths: list[Path], key, run: int) -> float:  # type: ignore[no-untyped-def]
    """Seconds to import every bundle into a fresh supervisor database."""
    office = open_store(str(folder / f"office-{run}.sqlite3"))
    org_key.install_key(office, key)
    start = time.perf_counter()
    results = bundle_merge.import_bundles(office, paths)
    seconds = time.perf_counter() - start
    learners = len(accounts.list_learners(office))
    office.close()
    assert learners == BUNDLES and not [r for r in results if isinstance(r, Exception)]
    return seconds


def main() -> int:
    catalog = open_catalog(SHIPPED_COURSE, SHIPPED_QUIZZES)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        key = org_key.new_key("North Clinic")
        paths = make_bundles(folder, catalog, key)
        runs = [import_seconds(folder, paths, key, run) for run in range(3)]
    print(f"{BUNDLES} bundles imported into a fresh database, 3 runs; {ROOT_NOTE}")
    ok = report("import 1,000 progress bundles", statistics.median(runs), 5, "s", samples=runs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
