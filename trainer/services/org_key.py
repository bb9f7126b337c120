"""The organisation key that signs progress bundles (HMAC-SHA256, a shared secret).

A supervisor creates one key file per organisation; every counselor laptop and the
supervisor's own machine install it. A bundle signed with it can be checked by any
installation that holds the same key; nobody without it can change a bundle unnoticed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer.content.limits import FileRefused, read_regular_file
from trainer.services import output_files
from trainer.services.errors import ServiceError
from trainer.services.output_files import KEY_FORMAT
from trainer.store.db import Store
from trainer.store.models import Setting

KEY_BYTES = 32
MAX_KEY_FILE_BYTES = 64 * 1024
SETTING_ORGANISATION = "bundle_organisation"
SETTING_KEY_ID = "bundle_key_id"
SETTING_KEY = "bundle_key"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OrgKey:
    """An organisation's signing key; `key` never appears in a repr or on screen."""

    organisation: str
    key_id: str
    key: bytes = field(repr=False)


def key_id_for(key: bytes) -> str:
    """A fingerprint of the key: two installations with the same id hold the same key."""
    return hashlib.sha256(b"pain-oud-trainer key id:" + key).hexdigest()[:16]


def new_key(organisation: str) -> OrgKey:
    """A fresh random key for `organisation`."""
    name = organisation.strip()
    if not name:
        raise ServiceError("an organisation key needs the organisation's name")
    key = secrets.token_bytes(KEY_BYTES)
    return OrgKey(name, key_id_for(key), key)


def create_key_file(path: Path, organisation: str, *, databases: tuple[Path, ...] = ()) -> OrgKey:
    """Write a new key file readable only by its owner; an existing file is never replaced,
    nor the database (`databases`: one named but not opened here)."""
    key = new_key(organisation)
    text = json.dumps(
        {
            "format": KEY_FORMAT,
            "organisation": key.organisation,
            "key_id": key.key_id,
            "key": base64.b64encode(key.key).decode("ascii"),
        },
        indent=2,
    )
    output_files.write_file(
        path, (text + "\n").encode("utf-8"), databases=databases, what="an existing key"
    )
    return key


def read_key_file(path: Path) -> OrgKey:
    """Read and check a key file made by `trainer org-key create`."""
    try:
        data: Any = json.loads(read_regular_file(path, MAX_KEY_FILE_BYTES).decode("utf-8"))
    except OSError as error:
        raise ServiceError(f"cannot read {path}: {error.strerror}") from None
    except (UnicodeDecodeError, ValueError, RecursionError, FileRefused):
        data = None  # a key file is a few lines of JSON: anything else is not one
    if not isinstance(data, dict) or data.get("format") != KEY_FORMAT:
        raise ServiceError(
            f"{path} is not an organisation key file: use the file made by `trainer org-key create`"
        )
    try:
        key = base64.b64decode(str(data["key"]), validate=True)
        organisation, key_id = str(data["organisation"]).strip(), str(data["key_id"])
    except (KeyError, binascii.Error, RecursionError):  # RecursionError: str() of deep lists
        key, organisation, key_id = b"", "", ""
    if len(key) != KEY_BYTES or not organisation or key_id != key_id_for(key):
        raise ServiceError(
            f"the key in {path} is damaged: ask your supervisor for a fresh copy of the key file"
        )
    return OrgKey(organisation, key_id, key)


def install_key(store: Store, key: OrgKey, *, replace: bool = False) -> OrgKey | None:
    """Keep `key` in this database; returns the key it replaced, if any.

    Another organisation's key already installed is refused unless `replace`, so a
    laptop is not moved to another organisation by mistake.
    """
    with store.session() as session:
        previous = _read(session)
        if previous is not None and previous.key_id != key.key_id and not replace:
            raise ServiceError(
                f"this installation already has the key of {previous.organisation} (key"
                f" {previous.key_id}): add --replace to use the key of {key.organisation} instead"
            )
        values = {
            SETTING_ORGANISATION: key.organisation,
            SETTING_KEY_ID: key.key_id,
            SETTING_KEY: base64.b64encode(key.key).decode("ascii"),
        }
        for name, value in values.items():
            setting = session.get(Setting, name)
            if setting is None:
                session.add(Setting(key=name, value=value))
            else:
                setting.value = value
    replaced = previous if previous is not None and previous.key_id != key.key_id else None
    log.info(
        "organisation key installed: %s (key id %s)%s",
        key.organisation,
        key.key_id,
        f", replacing the key of {replaced.organisation} ({replaced.key_id})" if replaced else "",
    )
    return replaced


def installed_key(store: Store) -> OrgKey | None:
    """The organisation key installed here, or None."""
    with store.session() as session:
        return _read(session)


def require_key(store: Store) -> OrgKey:
    """The installed key; refused with what to do when there is none."""
    key = installed_key(store)
    if key is None:
        raise ServiceError(
            "no organisation key is installed here: ask your supervisor for the key file,"
            " then run `trainer org-key install FILE`"
        )
    return key


def _read(session: Any) -> OrgKey | None:
    values = {
        name: session.get(Setting, name)
        for name in (SETTING_ORGANISATION, SETTING_KEY_ID, SETTING_KEY)
    }
    if any(value is None for value in values.values()):
        return None
    key = base64.b64decode(values[SETTING_KEY].value)
    return OrgKey(values[SETTING_ORGANISATION].value, values[SETTING_KEY_ID].value, key)


def canonical_json(payload: Any) -> bytes:
    """The one byte string a payload signs as: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sign(key: OrgKey, payload: Any) -> str:
    """The hex HMAC-SHA256 of the payload's canonical JSON."""
    return hmac.new(key.key, canonical_json(payload), hashlib.sha256).hexdigest()


def signature_matches(key: OrgKey, payload: Any, signature: object) -> bool:
    """True when `signature` is the payload's signature under `key` (constant-time compare)."""
    return isinstance(signature, str) and hmac.compare_digest(sign(key, payload), signature)
