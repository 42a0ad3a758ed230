"""The record lists' plain values, and the visits list's first screen read at start,
for the window before the database layer is imported.

``zsdesk.app.lists`` has the lists' queries (it imports the database layer);
this module imports no database library but ``sqlite3``: the window makes its
first list from these values and fills it with ``FirstScreenRead`` (see
``zsdesk.db.first_screen``) while the database layer is still being imported.
"""

from __future__ import annotations

import logging
import threading

from zsdesk.db.first_screen import FirstPage, connect, count, database_path, first_page, readable
from zsdesk.listing import (
    COLUMNS, DEFAULT_SORT, KINDS, PAGE_SIZE, TABLES, Column, IdList, ListQuery, column_keys, columns,
)

__all__ = [
    "COLUMNS", "DEFAULT_SORT", "KINDS", "PAGE_SIZE", "TABLES", "Column", "FirstPage", "FirstScreenRead",
    "IdList", "ListQuery", "column_keys", "columns", "readable",
]

log = logging.getLogger(__name__)


class FirstScreenRead:
    """The first page of ``query`` and its count, read from the database file
    ``location`` (``--db``; None: ``ZSDESK_DB`` or the user's database) on a
    thread of its own. ``page()`` waits for the page, ``total()`` for the count;
    each is None when it cannot be had (any failure: the list reads them itself
    once the database is open; logged at debug)."""

    def __init__(self, location, query: ListQuery, limit: int = PAGE_SIZE):
        self.location = location
        self.query = query
        self.limit = limit
        self._page: FirstPage | None = None
        self._total: int | None = None
        self._paged = threading.Event()
        self._counted = threading.Event()
        self._thread = threading.Thread(target=self._read, name="zsdesk-first-screen", daemon=True)

    def start(self) -> FirstScreenRead:
        self._thread.start()
        return self

    def _read(self) -> None:
        try:
            if not readable(self.query):
                log.debug("first screen: %s is not read at start", self.query)
                return
            path = database_path(self.location)
            if path is None or not path.is_file():
                log.debug("first screen: no database file to read (%s)", self.location)
                return
            con = connect(path)
            try:
                self._page = first_page(con, self.query, self.limit)
                self._paged.set()
                self._total = count(con) if self._page.more else len(self._page.ids)
            finally:
                con.close()
        except Exception as exc:  # whatever it is, the list reads its rows itself later
            log.debug("first screen not read ahead: %s", exc, exc_info=True)
        finally:
            self._paged.set()
            self._counted.set()

    def page(self, timeout: float | None = None) -> FirstPage | None:
        """The first page, waiting at most ``timeout`` s; None if it is not there by then."""
        self._paged.wait(timeout)
        return self._page

    def total(self, timeout: float | None = 0) -> int | None:
        """The count, waiting at most ``timeout`` s; None if it is not there by then."""
        self._counted.wait(timeout)
        return self._total
