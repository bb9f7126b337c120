"""The error types of the store: a message a user can act on."""


class StoreError(Exception):
    """The database cannot be used as asked; `str(error)` says why and what to do."""


class DamagedDatabase(StoreError):
    """The SQLite file is damaged or is no database at all: only restoring a backup helps."""
