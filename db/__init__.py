"""Storage: one SQLite file through sqlite-utils (imported as `duban.db`).

`Store` owns the connection; every write goes through `Store.write()`, which opens a
`BEGIN IMMEDIATE` transaction and is the only place audit events are appended.
"""

from duban.db.store import Store

__all__ = ["Store"]
