"""Hostile bundle files: refused with a message naming the file, quickly and in bounded
memory, and never taking the other files of the same import down with them."""

from __future__ import annotations

import gzip
import json
import os
import zlib
from pathlib import Path

import pytest

from tests.timeouts import within
from trainer.services import accounts, bundle_merge, bundles, org_key
from trainer.services.bundle_file import MAX_BUNDLE_BYTES, MAX_BUNDLE_DEPTH
from trainer.store.db import Store, open_store

MARKER = b'{"format":"pain-oud-trainer-progress","pad":'


@pytest.fixture
def key() -> org_key.OrgKey:
    return org_key.new_key("North Clinic")


def gzip_bomb(path: Path, unpacked_mb: int) -> Path:
    """A bundle-looking gzip file of a few hundred KB that unpacks to `unpacked_mb` MB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"0" * (1024 * 1024)
    with path.open("wb") as out:
        out.write(packer.compress(MARKER + b'"'))
        for _ in range(unpacked_mb):
            out.write(packer.compress(zeros))
        out.write(packer.compress(b'"}') + packer.flush())
    return path


def nested(depth: int) -> bytes:
    return MARKER + b"[" * depth + b"]" * depth + b"}"


def refusal(path: Path, key: org_key.OrgKey) -> str:
    with within(20), pytest.raises(bundles.BundleError) as refused:
        bundles.read_bundle(path, key)
    return str(refused.value)


def test_a_gzip_bomb_is_refused_before_it_fills_the_memory(tmp_path: Path, key) -> None:
    bomb = gzip_bomb(tmp_path / "bomb.json.gz", MAX_BUNDLE_BYTES // (1024 * 1024) + 20)
    assert bomb.stat().st_size < 1024 * 1024
    assert refusal(bomb, key) == (
        "bomb.json.gz was not imported: it unpacks to more than 100 MB,"
        " far more than any progress bundle"
    )


def test_gzip_members_after_the_first_count_towards_the_limit(tmp_path: Path, key) -> None:
    one = gzip_bomb(tmp_path / "one.gz", 60).read_bytes()
    twice = tmp_path / "twice.json.gz"
    twice.write_bytes(one + one)
    assert "unpacks to more than 100 MB" in refusal(twice, key)


@pytest.mark.parametrize("depth", [MAX_BUNDLE_DEPTH + 1, 900, 100_000])
def test_deeply_nested_json_is_refused_not_a_recursion_error(
    tmp_path: Path, key, depth: int
) -> None:
    for name, data in (
        ("deep.json", nested(depth)),
        ("deep.json.gz", gzip.compress(nested(depth))),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        assert refusal(path, key) == (
            f"{name} was not imported: its data is nested more than {MAX_BUNDLE_DEPTH}"
            " levels deep, which no progress bundle is"
        )


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path, key) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as out:
        out.truncate(MAX_BUNDLE_BYTES + 1024 * 1024)  # sparse: no disk is used
    assert refusal(huge, key) == (
        "huge.json was not imported: the file is 101.0 MB, more than the limit of 100.0 MB"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_not_waited_on(tmp_path: Path, key) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    assert refusal(pipe, key) == (
        "pipe.json was not imported: the file is not a regular file"
        " (a folder, pipe, device or socket)"
    )


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity", b"1" * 5000])
def test_numbers_json_cannot_sign_are_damage(tmp_path: Path, key, constant: bytes) -> None:
    path = tmp_path / "odd.json"
    path.write_bytes(MARKER + constant + b"}")
    assert refusal(path, key).startswith("odd.json: the file is incomplete or damaged")


def test_hostile_files_are_refused_and_the_good_ones_imported(
    store: Store, catalog, key, tmp_path: Path
) -> None:
    org_key.install_key(store, key)
    accounts.create_learner(store, "Ana Ruiz")
    good = tmp_path / "good.json"
    bundles.export_progress(store, catalog, good)
    deep = tmp_path / "deep.json"
    deep.write_bytes(nested(100_000))
    bomb = gzip_bomb(tmp_path / "bomb.json.gz", 120)
    office = open_store(str(tmp_path / "office.sqlite3"))
    try:
        org_key.install_key(office, key)
        with within(60):
            results = bundle_merge.import_bundles(office, [bomb, deep, good])
        assert [type(r).__name__ for r in results] == [
            "BundleError",
            "BundleError",
            "ImportSummary",
        ]
        assert [learner.display_name for learner in accounts.list_learners(office)] == ["Ana Ruiz"]
    finally:
        office.close()


def test_a_real_bundle_is_far_inside_the_limits(store: Store, catalog, key, tmp_path) -> None:
    org_key.install_key(store, key)
    accounts.create_learner(store, "Ana Ruiz")
    path = tmp_path / "real.json.gz"
    bundles.export_progress(store, catalog, path)
    assert bundles.read_bundle(path, key)["format"] == "pain-oud-trainer-progress"
    assert json.loads(gzip.decompress(path.read_bytes()))["rows"]["learner"]
