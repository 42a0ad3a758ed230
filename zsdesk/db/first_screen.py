"""The visits list's first screen, read with the standard library's ``sqlite3``
before the database layer is imported (issue 15: start to a filled list).

Importing SQLAlchemy, the models and the services takes longer than the whole
start-up may (0.4 s of 0.5), so the window reads its first screen without them:
a plain SQLite file (not encrypted) at the schema this program writes
(``HEAD_REVISION``), the visits list in its opening order with no filter, read
on a read-only connection (``mode=ro``: nothing is written, a lock is not waited
for). The statements are the very ones the list's query runs
(``zsdesk.services.queries``: ``page_ids``, ``rows``, ``count``), as SQLAlchemy
compiles them for SQLite; the rows are made by the same function
(``zsdesk.listing.visit_row``). ``tests/test_first_screen.py`` runs the list's
query and fails when a statement here differs from what it runs, or the head
revision from the migrations'. Anything unexpected raises: the caller then
opens the database as before and the list reads its rows itself.

Nothing here imports a database library but ``sqlite3``.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path

from zsdesk.listing import DEFAULT_SORT, PAGE_SIZE, ListQuery, mark_owner, visit_row

#: the migration head this program writes (an older database is upgraded first, a
#: newer one refused: neither is read here)
HEAD_REVISION = "0014_open_followups"
#: the first bytes of a plain SQLite file (an encrypted one starts with random bytes)
SQLITE_HEADER = b"SQLite format 3\x00"
#: the one list read here
KIND = "visits"

# The statements, exactly as SQLAlchemy runs them for the list (see the module's note).
#: ``ws.site``: the local site
SITE_SQL = "SELECT local_state.\"key\", local_state.value \nFROM local_state"
#: ``queries.page_ids``: the first page's ids in the opening order (newest first)
PAGE_SQL = ("SELECT visits.id, visits.visit_date AS k \nFROM visits \nWHERE visits.deleted = 0 "
            "ORDER BY visits.visit_date DESC, visits.id DESC\n LIMIT ? OFFSET ?")
#: ``queries.rows``: the page's visits (``{ids}``: one ``?`` an id), their companies', staff's and unit names
ROWS_SQL = ("SELECT visits.id, visits.owner_site_id, visits.number, visits.visit_date, visits.company_id, "
            "visits.kind, visits.place, visits.people, visits.staff_id, visits.unit_id, visits.trip_days, "
            "visits.next_step, visits.next_due, visits.outcome \nFROM visits \n"
            "WHERE visits.id IN ({ids}) AND visits.deleted = 0")
COMPANIES_SQL = "SELECT companies.id, companies.name \nFROM companies \nWHERE companies.id IN ({ids})"
STAFF_SQL = "SELECT staff.id, staff.name \nFROM staff \nWHERE staff.id IN ({ids})"
UNITS_SQL = "SELECT units.id, units.name \nFROM units"
SITES_SQL = "SELECT sites.id, sites.name \nFROM sites"
#: ``queries.count``
COUNT_SQL = "SELECT count(*) AS count_1 \nFROM visits \nWHERE visits.deleted = 0"

_Visit = namedtuple("_Visit", "id owner_site_id number visit_date company_id kind place people staff_id "
                              "unit_id trip_days next_step next_due outcome")


class Unavailable(Exception):
    """The first screen cannot be read here (the caller reads it the usual way)."""


@dataclass(frozen=True)
class FirstPage:
    """The first page of ``query``: its ids in order, their display values (as
    ``queries.rows`` gives them), whether more follow, and the site's code."""

    query: ListQuery
    ids: tuple[str, ...]
    rows: tuple[dict, ...]
    more: bool
    site_code: str


def database_path(location: str | os.PathLike | None) -> Path | None:
    """The SQLite file ``--db`` (``location``) names, as ``zsdesk.db.engine.resolve_db_url``
    finds it (``--db``, then ``ZSDESK_DB``, then the user data folder), without
    making its folder; None for a server database."""
    value = str(location) if location else os.environ.get("ZSDESK_DB")
    if not value:
        from zsdesk.paths import data_dir

        value = str(data_dir() / "zsdesk.db")
    if "://" in value:
        return None
    return Path(value).expanduser().absolute()


def readable(query: ListQuery) -> bool:
    """Whether ``query`` is the one read here: the visits list, no filter, its opening order."""
    return query.kind == KIND and query.with_(sort=None, descending=False) == ListQuery(KIND) \
        and (query.sort, query.descending) in ((None, False), DEFAULT_SORT[KIND])


def connect(path: Path) -> sqlite3.Connection:
    """A read-only connection to the plain SQLite file ``path`` at ``HEAD_REVISION``
    (``Unavailable`` otherwise). It does not wait for a lock."""
    with open(path, "rb") as f:
        if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise Unavailable(f"{path} is not a plain SQLite file")
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN")  # one snapshot for the page and its count
        revision = con.execute("SELECT version_num FROM alembic_version").fetchall()
        if revision != [(HEAD_REVISION,)]:
            raise Unavailable(f"{path} is at revision {revision}, not {HEAD_REVISION}")
    except BaseException:
        con.close()
        raise
    return con


def first_page(con: sqlite3.Connection, query: ListQuery, limit: int = PAGE_SIZE) -> FirstPage:
    """The first page of ``query`` (``readable``) on ``connect``'s connection."""
    if not readable(query):
        raise Unavailable(f"not the list read at start: {query}")
    state = dict(con.execute(SITE_SQL).fetchall())
    if "site_id" not in state or "site_code" not in state:
        raise Unavailable("the database holds no site yet")
    found = con.execute(PAGE_SQL, (limit + 1, 0)).fetchall()
    ids = [r[0] for r in found[:limit]]
    visits = [_Visit(*r) for r in con.execute(ROWS_SQL.format(ids=_marks(ids)), ids)] if ids else []
    company_ids = list({v.company_id for v in visits if v.company_id})
    staff_ids = list({v.staff_id for v in visits if v.staff_id})
    companies = dict(con.execute(COMPANIES_SQL.format(ids=_marks(company_ids)), company_ids)) if company_ids else {}
    staff = dict(con.execute(STAFF_SQL.format(ids=_marks(staff_ids)), staff_ids)) if staff_ids else {}
    units = dict(con.execute(UNITS_SQL))
    sites = dict(con.execute(SITES_SQL))
    by_id = {}
    for v in visits:  # stored as SQLAlchemy stores a Date: "YYYY-MM-DD"
        row = visit_row(v._replace(visit_date=_date(v.visit_date), next_due=_date(v.next_due)),
                        companies, staff, units)
        mark_owner(row, state["site_id"], sites)
        by_id[v.id] = row
    return FirstPage(query, tuple(ids), tuple(by_id[i] for i in ids if i in by_id), len(found) > limit,
                     state["site_code"])


def count(con: sqlite3.Connection) -> int:
    """How many visits the list holds (``queries.count``)."""
    return int(con.execute(COUNT_SQL).fetchone()[0])


def _marks(ids: list) -> str:
    return ", ".join("?" * len(ids))


def _date(value) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise Unavailable(f"not a stored date: {value!r}")
    return dt.date.fromisoformat(value)
