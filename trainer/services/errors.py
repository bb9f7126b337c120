"""The error type of the services: a refusal a user can read."""

from trainer.store.errors import DamagedDatabase, StoreError


class ServiceError(Exception):
    """An operation was refused; `str(error)` says why and what to do."""


__all__ = ["DamagedDatabase", "ServiceError", "StoreError"]
