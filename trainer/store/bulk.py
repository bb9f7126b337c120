"""Working with many rows at once: plain tuples from a large SELECT, and the garbage
collector paused while thousands of small objects are built.

`plain_rows`: SQLAlchemy builds a Row object for every row and runs its type
processors; for the few queries that return tens of thousands of rows (the supervisor's
grid) that costs more than the query itself. Here the statement is still written in
SQLAlchemy and compiled for the connection's dialect, but the rows come straight from
the DBAPI cursor, outside any transaction SQLAlchemy began (so an SQLite read takes no
write lock). Use it only for columns the driver already returns as wanted (text,
numbers, and timestamps cast to text) and for bound values the driver takes as they
are (text and numbers: no type processor runs on them either).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVarTuple, cast

from sqlalchemy import Connection, Select

Ts = TypeVarTuple("Ts")


def plain_rows(connection: Connection, statement: Select[*Ts]) -> list[tuple[*Ts]]:
    compiled = statement.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    parameters: Any = compiled.params
    if compiled.positiontup is not None:
        parameters = tuple(parameters[name] for name in compiled.positiontup)
    dbapi_connection = connection.connection.dbapi_connection
    assert dbapi_connection is not None, "the connection was closed"
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(compiled.string, parameters)
        # both drivers give plain tuples, in the statement's column types (see above)
        return cast("list[tuple[*Ts]]", cursor.fetchall())
    finally:
        cursor.close()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Every few hundred new tuples trigger a collection, and the older generations hold
    everything the app has loaded (course, schemas, Qt wrappers): building a 10,000-learner
    grid spent more time collecting than fetching. Rows and tuples form no cycles, so
    nothing is missed; the collector resumes (if it was running) when the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
