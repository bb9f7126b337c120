"""The one error type of the store: a message a user can act on."""


class StoreError(Exception):
    """The database cannot be used as asked; `str(error)` says why and what to do."""
