"""Lists of visits, leads, projects, companies and carriers for the list pages.

A ``ListQuery`` says what a list shows: search text, filter chips, an explicit
set of ids (drill-down) and the sort. Filtering and sorting happen in SQL, so
that a list of a million visits costs what one screen costs:

- ``page_ids`` returns the ordered ids of one page. Pages are keyset-paged:
  each page ends with the sort key of its last row (``Page.after``) and the
  next one starts strictly after it, so the hundredth page is as cheap as the
  first (OFFSET would walk every row before it).
- ``count`` is separate: on a big table a count reads every matching row,
  while the first page stops at the page size; a screen shows the first page
  at once and the count when it is ready. Both can be stopped (``cancelled``)
  when the list has changed meanwhile.
- ``rows`` gives display values (names, stage labels, money as Decimal, 亮灯)
  for a page of ids.

Search text matches every term (space-separated) against the record's number
and own text columns, the names of its staff (and carrier), and its company's
``search_key`` (name, full pinyin, initials: "hwjs", "huawei" find 华为技术);
a lead's or project's own name is searched by its ``search_key`` the same way
("hhsw" finds 华海生物医药产业基地). A visit is also found by the names of our
people on it (``visit_participants``), and its 对方人员, 地点 and our staff's
names by their pinyin too ("zs" finds 张三, "shanghai" 上海): those have no stored
key, so ``PinyinValues`` keeps the pinyin of their different values in memory.
Two things kept in memory make a keystroke cheap on a big database, both kept
exact with the change log: the company keys (``CompanyKeys``: the matching
companies without reading the table; the big table is then asked
``company_id IN (…)``), and the values of the big tables' own text columns
(``ColumnValues``: a column that cannot hold the term is left out of the query,
and numbers are looked up by their index). A term that occurs in no visit's
people, place or number thus costs an index lookup instead of reading a
million rows. ``warm_up`` reads both ahead, in the background; once it is
announced (``expect_warm_up``), a search never reads them itself: until they
are in, it asks the tables directly and leaves out the pinyin of people and
places (the list searches again when the warm-up is done), so the first
keystroke after opening a big database does not wait for the warm-up. Nor
does it wait for a whole table to be read: a first page asked ``quick`` that
is not found within ``QUICK_BUDGET`` answers from the indexes alone
(``Page.partial``), and the list asks for the whole answer after showing it.

Sorting by an expression (a company's, unit's or staff's name, 亮灯, …) would
name and sort every matching row. A filtered list sorted by company (SQLite)
walks the companies in name order and stops at the page size
(``_filtered_by_company``); sorted by another expression, it first takes up to
``_SORT_SMALL`` matching ids unsorted, and when that is all of them, sorts only those.

亮灯 (project and lead lights) is evaluated in SQL with date thresholds derived
from ``zsdesk.reminders``' rules and the city's configured limits, so it can
filter and sort; the colour and reason shown come from ``reminders`` itself.
Closed records (达效 projects, signed or terminated leads) have no light, as
in ``reminders.lights``.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import datetime as dt
import functools
import io
import itertools
import json
import threading
import time
import weakref
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, cast, exists, false, func, literal, literal_column, or_, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.expression import ColumnClause

from zsdesk.db.models import (
    Carrier, ChangeLog, Company, CompanyContact, Industry, Lead, Problem, Project, Site, Staff, Unit, Visit,
    VisitParticipant,
)
from zsdesk.domain import (
    CARRIER_KINDS, COMPANY_TAGS, LEAD_LABELS, LEAD_STAGES, PROJECT_LABELS, PROJECT_STAGES, VISIT_KINDS,
)
from zsdesk.listing import (  # plain values, re-exported (no database library: issue 15)
    COLUMNS, DEFAULT_SORT, KINDS, PAGE_SIZE, TABLES, Column, IdList, ListQuery, column_keys, columns, mark_owner,
    visit_row,
)
from zsdesk.names import has_han, pinyin_keys, pinyin_of
from zsdesk.reminders import GREEN, LIGHT_LABELS, RED, YELLOW, first_date_reaching, lead_light, project_light

LIGHTS = (RED, YELLOW, GREEN)

#: SQLite asks whether a query is still wanted every so many virtual machine steps
CHECK_EVERY = 20000
#: more ids than this are passed to SQL as one JSON array, not one parameter each
_MANY_IDS = 500
#: more values matching a pinyin term than this (SQLite): instead of a list of them
#: (each costs building the IN set), each row's pinyin is worked out as it is read —
#: such a term matches so many rows that a page fills after reading a few hundred
_BROAD_VALUES = 1000
#: a filtered list with at most this many rows is sorted after filtering (see above)
_SORT_SMALL = 1000
#: seconds a quick first page (``page_ids(quick=True)``) may read rows before it
#: answers from the indexes alone
QUICK_BUDGET = 0.06


@functools.lru_cache(maxsize=65536)  # a visit's people and place repeat across rows
def _row_pinyin(value: str | None) -> str:
    return pinyin_of(value) if value and has_han(value) else ""


# --- what a list shows -----------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    """Ordered ids of one page; ``after`` is where the next page starts, and
    ``more`` whether there may be one."""

    ids: list[str]
    after: tuple | None
    more: bool
    #: a quick answer (``page_ids(quick=True)``): what the indexes found, leaving out
    #: the own text columns; ask again without ``quick`` for the whole answer
    partial: bool = False


@dataclass(frozen=True)
class FilterOptions:
    """The choices of a list's filter chips."""

    units: list[tuple[str, str]] = field(default_factory=list)        # (id, name)
    industries: list[tuple[str, str, int]] = field(default_factory=list)  # (id, name, level)
    stages: list[tuple[str, str]] = field(default_factory=list)       # (code, label)
    kinds: list[tuple[str, str]] = field(default_factory=list)        # (value, label)
    years: list[int] = field(default_factory=list)                    # newest first
    lights: list[tuple[str, str]] = field(default_factory=list)       # (colour, label)


#: Any on purpose: the model is chosen by kind and its columns used by name (``m.unit_id``
#: where the kind has one), which a static type cannot follow
_MODELS: dict[str, Any] = {"visits": Visit, "leads": Lead, "projects": Project, "companies": Company,
                           "carriers": Carrier}
_YEAR_DATE = {"visits": Visit.visit_date, "leads": Lead.first_reported, "projects": Project.contract_date}


# --- the context of one call: today, light limits, dialect ---------------------------------

class _Context:
    """What the SQL of one call needs: the dialect, the light thresholds, the site."""

    def __init__(self, ws, session):
        self.ws = ws
        self.session = session
        self.is_pg = session.get_bind().dialect.name == "postgresql"
        self._limits: dict | None = None
        self.today: dt.date = ws.today()
        #: a quick answer: read nothing into memory (``warm_up`` does), and
        #: ``indexed_only``: leave out the conditions that read every row of a big table
        self.quick = False
        self.indexed_only = False
        #: something the whole answer holds was left out (the answer is partial)
        self.left_out = False
        #: companies found by the table for a term (a quick answer's second try does not ask again)
        self.companies_found: dict[str, list[str]] = {}

    @property
    def limits(self) -> dict:
        if self._limits is None:
            self._limits = self.ws.reference.light_limits()
        return self._limits

    def like(self, column, term: str):
        """``column`` contains ``term``, case-insensitively for Latin letters."""
        pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        if self.is_pg:
            return column.ilike(pattern, escape="\\")
        return column.like(pattern, escape="\\")  # SQLite's LIKE ignores ASCII case

    def pinyin_contains(self, column, term: str):
        """SQLite: the pinyin or initials of ``column`` contain ``term``, worked out
        for each row read (a Python function of the connection)."""
        raw = self.session.connection().connection.dbapi_connection
        raw.create_function("zsdesk_pinyin", 1, _row_pinyin, deterministic=True)
        return func.instr(func.zsdesk_pinyin(column), term) > 0

    def id_in(self, column, ids, *, scan: bool = False):
        """``column IN ids``; a long list goes as one JSON parameter. ``scan``: on
        SQLite, do not look the ids up in the column's index (for many ids the
        planner would fetch every matching row and sort them all, where walking
        the sort order stops at the page size)."""
        ids = list(ids)
        if not ids:
            return false()
        if len(ids) <= _MANY_IDS:
            return column.in_(ids)
        text = json.dumps(ids)
        if self.is_pg:
            values = func.jsonb_array_elements_text(cast(literal(text), JSONB)).table_valued("value")
        else:
            values = func.json_each(literal(text)).table_valued("value")
            if scan:  # SQLite's "+column" uses no index
                column = literal_column(f"+{column.table.name}.{column.key}")
        return column.in_(select(values.c.value).scalar_subquery())

    # -- 亮灯 in SQL ------------------------------------------------------------------------
    def project_light(self):
        """CASE giving a project's colour, NULL for 达效 (as reminders.project_light
        with the open problems counted, and reminders.lights skipping 达效)."""
        lim = self.limits
        yellow_edge = self.today + dt.timedelta(days=lim["yellow_days"] + 1)
        start_red = first_date_reaching(self.today, lim["project_start_months"])
        start_yellow = first_date_reaching(yellow_edge, lim["project_start_months"])
        prod_red = first_date_reaching(self.today, lim["project_production_months"])
        prod_yellow = first_date_reaching(yellow_edge, lim["project_production_months"])
        open_problem = exists().where(Problem.project_id == Project.id, ~Problem.deleted, ~Problem.resolved)
        before_start = Project.stage.in_(("signed", "registered"))
        before_production = Project.stage.in_(("started", "completed"))
        return case(
            (Project.stage == "effective", None),
            (Project.stage.in_(("defaulted", "stalled")), RED),
            (and_(before_start, Project.contract_date < start_red), RED),
            (and_(before_start, Project.contract_date < start_yellow), YELLOW),
            (and_(before_production, Project.contract_date < prod_red), RED),
            (and_(before_production, Project.contract_date < prod_yellow), YELLOW),
            (open_problem, YELLOW),
            else_=GREEN,
        )

    def lead_light(self):
        """CASE giving a lead's colour (reminders.lead_light), NULL for closed leads."""
        lim = self.limits
        red_by = self.today - dt.timedelta(days=lim["lead_red_days"])
        yellow_by = self.today - dt.timedelta(days=lim["lead_stale_days"])
        return case(
            (Lead.stage.in_(("signed", "terminated")), None),
            (Lead.stage == "on_hold", YELLOW),
            (Lead.stage_date <= red_by, RED),
            (Lead.stage_date <= yellow_by, YELLOW),
            else_=GREEN,
        )

    def light_rank(self, colour_expr):
        return case((colour_expr == RED, 0), (colour_expr == YELLOW, 1), (colour_expr == GREEN, 2),
                    else_=3)


# --- per-list SQL ---------------------------------------------------------------------------

def _name_of(model, id_column, name_column=None):
    """A correlated subquery: the name of the row ``id_column`` points at."""
    name_column = name_column if name_column is not None else model.name
    return select(name_column).where(model.id == id_column).scalar_subquery()


def _stage_rank(column, stages: tuple[str, ...]):
    return case(*((column == code, i) for i, code in enumerate(stages)), else_=len(stages))


def _nullable(expr, empty):
    return func.coalesce(expr, empty)


_MIN_DATE = dt.date(1, 1, 1)


def _sort_expr(kind: str, key: str, ctx: _Context):
    """The SQL a column sorts by, never NULL (keyset paging compares it)."""
    m = _MODELS[kind]
    if key == "owner":
        return _nullable(case((m.owner_site_id == ctx.ws.site.id, ""),
                              else_=_name_of(Site, m.owner_site_id)), "")
    if key == "unit":
        return _nullable(_name_of(Unit, m.unit_id), "")
    if key == "company":
        return _nullable(_name_of(Company, m.company_id), "")
    if key == "industry":
        return _nullable(_name_of(Industry, m.industry_id), "")
    if key == "staff":
        return _nullable(_name_of(Staff, m.staff_id), "")
    if key == "owner_staff":
        return _nullable(_name_of(Staff, m.owner_staff_id), "")
    if key == "carrier":
        return _nullable(_name_of(Carrier, m.carrier_id), "")
    if key == "light":
        return ctx.light_rank(ctx.project_light() if kind == "projects" else ctx.lead_light())
    if key == "stage":
        return _stage_rank(m.stage, PROJECT_STAGES if kind == "projects" else LEAD_STAGES)
    if key == "kind" and kind == "visits":
        return _stage_rank(m.kind, VISIT_KINDS)
    if key == "kind" and kind == "carriers":
        return _stage_rank(m.kind, CARRIER_KINDS)
    col = getattr(m, key)
    if not col.nullable:
        return col
    ctype = col.type
    if key in ("planned_investment", "contract_investment", "land_mu", "area", "free_area", "price",
               "expected_output", "expected_tax"):
        return _nullable(col, literal(Decimal(-10**9), ctype))
    if key in ("jobs", "trip_days"):
        return _nullable(col, -1)
    if key in ("next_due", "next_followup", "stage_date", "first_reported", "contract_date",
               "visit_date"):
        return _nullable(col, literal(_MIN_DATE, ctype))
    return _nullable(col, "")


# --- search helpers kept in memory --------------------------------------------------------

#: lists being read now (``page_ids``, ``rows``): a warm-up waits for them between its steps
_reading = 0
_reading_changed = threading.Condition()
#: the longest a warm-up waits for the lists at one step (it must end some time)
YIELD_MOST_S = 1.0
#: ``warm_up`` is running on this thread (a search reading values itself never waits)
_warming = threading.local()


@contextlib.contextmanager
def _list_reading():
    """Mark a list query as running: a warm-up reading meanwhile steps aside."""
    global _reading
    with _reading_changed:
        _reading += 1
    try:
        yield
    finally:
        with _reading_changed:
            _reading -= 1
            _reading_changed.notify_all()


def _let_lists_read() -> None:
    """Called by a warm-up between its steps: wait while a list query runs (at most
    ``YIELD_MOST_S``). Its steps are Python loops over values that hold the
    interpreter; on two cores they made the first search after opening W2 share
    it (a 90 ms query took 200-350 ms). Waiting here, the search runs alone."""
    if not getattr(_warming, "on", False):
        return
    with _reading_changed:
        if _reading:
            _reading_changed.wait_for(lambda: _reading == 0, timeout=YIELD_MOST_S)


def _chunks(cursor, size: int):
    """The rows of ``cursor``, ``size`` at a time; a warm-up steps aside between them."""
    while True:
        _let_lists_read()
        chunk = cursor.fetchmany(size)
        if not chunk:
            return
        yield chunk


class _KeptInMemory:
    """Values read once from the database and kept up to date from the change
    log: before each use, the newest change log entry says whether anything was
    written since (a primary-key lookup). The first reading may take a while on
    a big database (``warm_up`` does it in the background); a search meanwhile
    does not wait for it and goes the slower, plain SQL way."""

    table = ""

    def __init__(self):
        self._lock = threading.Lock()
        self._seq: int | None = None
        #: a warm-up is on its way: a search does not read the values the first time
        self.coming = False

    @property
    def ready(self) -> bool:
        """The values have been read once."""
        return self._seq is not None

    def fresh(self, session, *, warming: bool = False) -> bool:
        """Bring the values up to date; False while another thread reads them the
        first time, or while a warm-up is announced and they are not read yet
        (only the warm-up, ``warming``, reads them then)."""
        if self._seq is None and self.coming and not warming:
            return False
        if not self._lock.acquire(blocking=self._seq is not None):
            return False
        try:
            last = session.scalar(select(func.max(ChangeLog.seq))) or 0
            if self._seq is None:
                _let_lists_read()
                self._read(session)
            elif last != self._seq:
                changed = select(ChangeLog.row_id).where(ChangeLog.seq > self._seq,
                                                          ChangeLog.tbl == self.table)
                self._update(session, changed)
            self._seq = last
            return True
        finally:
            self._lock.release()

    def _read(self, session) -> None:
        raise NotImplementedError

    def _update(self, session, changed) -> None:
        """Take in the rows ``changed`` (a subquery of ids) names."""
        raise NotImplementedError


class _Ids:
    """A long list of ids kept as one string when they are all UUIDs (36
    characters each: a tenth of the memory of a list of strings)."""

    WIDTH = 36

    def __init__(self):
        self._parts = io.StringIO()
        self._text = ""
        self._list: list[str] | None = None
        self._n = 0

    def append(self, value: str) -> None:
        if self._list is None and len(value) != self.WIDTH:
            self._list = [self._parts.getvalue()[i * self.WIDTH:(i + 1) * self.WIDTH]
                          for i in range(self._n)]
        if self._list is not None:
            self._list.append(value)
        else:
            self._parts.write(value)
        self._n += 1

    def done(self) -> _Ids:
        self._text = self._parts.getvalue() if self._list is None else ""
        self._parts = io.StringIO()
        return self

    def __getitem__(self, i: int) -> str:
        if self._list is not None:
            return self._list[i]
        return self._text[i * self.WIDTH:(i + 1) * self.WIDTH]


def _cursor(session):
    """A plain DBAPI cursor: reading a million rows through the ORM takes seconds."""
    return session.connection().connection.dbapi_connection.cursor()


def _is_pg(session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _slices(session, model, rows: int = 100_000):
    """WHERE clauses cutting a table into slices of about ``rows`` rows (by rowid
    on SQLite, so that each slice is one range read; one slice on PostgreSQL)."""
    if _is_pg(session):
        return [()]
    rowid: ColumnClause[int] = literal_column(f"{model.__tablename__}.rowid")
    last = session.scalar(select(func.max(rowid)).select_from(model)) or 0
    return [(rowid > low, rowid <= low + rows) for low in range(0, last + 1, rows)]


class CompanyKeys(_KeptInMemory):
    """``companies.search_key`` (name, full pinyin, initials) of every company in
    memory, so that a keystroke finds the matching companies without reading the
    table (120k companies on W2: ~50 ms of LIKE in SQL, a few ms here). Deleted
    and merged companies stay in: their names still show on the records that
    point at them."""

    table = "companies"

    def __init__(self):
        super().__init__()
        # the keys one a line, where each starts (and a sentinel), and the ids:
        # compact, because a big database has a lot of them (120k on W2)
        self._data: tuple[str, array.array, _Ids] = ("", array.array("q", [0]), _Ids())

    def match(self, session, term: str) -> list[str] | None:
        """Ids of the companies whose search key contains ``term`` (lower case);
        None while the keys are being read."""
        if not self.fresh(session):
            return None
        text, starts, ids = self._data
        out: list[str] = []
        find = text.find
        pos = find(term)
        while pos >= 0:
            i = bisect.bisect_right(starts, pos) - 1
            out.append(ids[i])
            pos = find(term, starts[i + 1])  # on to the next company (a sentinel ends the list)
        return out

    def _read(self, session) -> None:
        if not _is_pg(session) and self._read_joined(session):
            return
        keys, starts, ids, pos = io.StringIO(), array.array("q"), _Ids(), 0
        cursor = _cursor(session)
        try:
            cursor.execute("SELECT id, search_key FROM companies")
            while chunk := cursor.fetchmany(20000):
                for cid, key in chunk:
                    key = (key or "").lower()
                    ids.append(cid)
                    starts.append(pos)
                    keys.write(key)
                    keys.write("\n")
                    pos += len(key) + 1
        finally:
            cursor.close()
        starts.append(pos)  # sentinel: where a key after the last one would start
        self._data = (keys.getvalue(), starts, ids.done())

    def _read_joined(self, session) -> bool:
        """SQLite: the keys and ids each joined into one string by the database (a
        loop over 120k rows in Python holds the interpreter for ~0.3 s while a
        search waits for it); False when the ids are not all 36 characters long
        or a key holds a line break."""
        n, joined_ids, joined_keys, breaks = session.execute(text(
            "SELECT count(*), group_concat(id, ''), group_concat(coalesce(search_key, ''), char(10)), "
            "sum(instr(coalesce(search_key, ''), char(10)) > 0) FROM companies")).one()
        if not n:
            self._data = ("", array.array("q", [0]), _Ids())
            return True
        if breaks or len(joined_ids) != n * _Ids.WIDTH:
            return False
        _let_lists_read()
        keys = joined_keys.lower() + "\n"
        starts = array.array("q", [0])
        starts.extend(itertools.accumulate(len(k) + 1 for k in keys[:-1].split("\n")))
        if len(starts) != n + 1:
            return False  # lower case made a line break (cannot happen) or lost one
        ids = _Ids()
        ids._text, ids._n = joined_ids, n
        self._data = (keys, starts, ids)
        return True

    def _update(self, session, changed) -> None:
        if session.scalar(select(changed.limit(1).subquery().c.row_id)) is not None:
            self._read(session)  # a company was written: read them all again (rare)


class ColumnValues(_KeptInMemory):
    """Every value that some text columns of a big table hold (or held), in memory,
    to tell in a few milliseconds whether a search term can match a column at all,
    and, for the numbered tables, which numbers it matches.

    A term typed to find a company ("hwjs", "huawei") rarely occurs in a visit's
    people, place or number; without this, every visit would still be read to
    find out (1M visits: ~0.5 s), and with it the column's LIKE is left out and
    the query goes by the index on ``company_id`` (or on ``number``). The values
    are a superset: they are added as the change log shows new writes and never
    taken away, so a column that may match is always searched."""

    #: the unique column whose matching values are looked up by its index
    NUMBER = "number"

    def __init__(self, model, columns: tuple[str, ...]):
        super().__init__()
        self.model = model
        self.table = model.__tablename__
        self.columns = columns
        # per column: values one a line, lower case ("" until read); the numbers
        # as stored and whether they hold no lower-case letter (then searching
        # the upper-cased term in them is searching case-blind)
        self._low: dict[str, str] = {c: "" for c in columns}
        self._numbers = ""
        self._numbers_upper = False
        self._numbers_ok = False  # one number a line (no number holds a line break)
        self._added: dict[str, list[str]] = {c: [] for c in columns}
        self._added_numbers: list[str] = []

    def may_contain(self, session, column: str, term: str) -> bool:
        """False only when no value of ``column`` contains ``term`` (lower case)."""
        if not self.fresh(session) or (column == self.NUMBER and not self._numbers_ok):
            return True
        if column == self.NUMBER and self._numbers_upper:
            return term.upper() in self._numbers or any(term in v for v in self._added[column])
        return term in self._low[column] or any(term in v for v in self._added[column])

    def numbers_containing(self, session, term: str, limit: int) -> list[str] | None:
        """The numbers (as stored) that contain ``term``, or None when more than
        ``limit`` (or while they are being read)."""
        if not self.fresh(session) or not self._numbers_ok:
            return None
        out = [n for v, n in zip(self._added[self.NUMBER], self._added_numbers) if term in v]
        if self._numbers_upper:
            text, term = self._numbers, term.upper()
        else:
            text = self._low[self.NUMBER]
            if len(text) != len(self._numbers):
                return None  # lower case changed a length: lines do not line up
        numbers, find = self._numbers, text.find
        pos = find(term)
        while pos >= 0 and len(out) <= limit:
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            out.append(numbers[start:end])
            pos = find(term, end)
        return None if len(out) > limit else out

    def _read(self, session) -> None:
        """Each column joined into one string by the database (a million values
        never become a million Python objects), a slice of the table at a time;
        the numbers as they are, the other columns without repeats."""
        agg = (lambda c: func.string_agg(c, literal("\n"))) if _is_pg(session) else \
            (lambda c: func.group_concat(c, "\n"))
        numbers, lines_ok = io.StringIO(), True
        seen: dict[str, set[str]] = {c: set() for c in self.columns if c != self.NUMBER}
        for where in _slices(session, self.model):
            _let_lists_read()
            if self.NUMBER in self.columns:
                col = getattr(self.model, self.NUMBER)
                text, n = session.execute(select(agg(col), func.count(col)).where(*where)).one()
                if text:
                    numbers.write(text)
                    numbers.write("\n")
                    lines_ok &= text.count("\n") + 1 == n  # no number holds a line break
            for column, values in seen.items():
                # the database drops the repeats of the slice, Python those across slices
                distinct = select(getattr(self.model, column).label("v")).where(*where).distinct().subquery()
                text = session.scalar(select(agg(distinct.c.v)))
                _let_lists_read()
                if text:
                    values.update(text.split("\n"))
        if self.NUMBER in self.columns:
            self._numbers_ok = lines_ok
            self._numbers = numbers.getvalue() if lines_ok else ""
            del numbers
            self._numbers_upper = lines_ok and self._numbers == self._numbers.upper()
            self._low[self.NUMBER] = "" if self._numbers_upper or not lines_ok else self._numbers.lower()
        for column in list(seen):
            values = seen.pop(column)
            self._low[column] = "\n".join(values).lower() + "\n"
            del values

    def _update(self, session, changed) -> None:
        cols = [getattr(self.model, c) for c in self.columns]
        for values in session.execute(select(*cols).where(self.model.id.in_(changed))):
            for column, value in zip(self.columns, values):
                if not value:
                    continue
                self._added[column].append(value.lower())
                if column == self.NUMBER:
                    self._added_numbers.append(value)
        if sum(len(v) for v in self._added.values()) > 5000:  # fold the additions in now and then
            self._fold()

    def _fold(self) -> None:
        for column in self.columns:
            added, self._added[column] = self._added[column], []
            if column == self.NUMBER:
                numbers, self._added_numbers = self._added_numbers, []
                self._numbers += "\n".join(numbers) + "\n" if numbers else ""
                upper = all(n == n.upper() for n in numbers)
                if self._numbers_upper and not upper:
                    self._numbers_upper = False
                    self._low[column] = self._numbers.lower()
                elif not self._numbers_upper and added:
                    self._low[column] += "\n".join(added) + "\n"
            elif added:
                self._low[column] += "\n".join(added) + "\n"


class PinyinValues(_KeptInMemory):
    """The different values of some short text columns of a big table (a visit's
    对方人员 and 地点) that hold Chinese, each with its pinyin and initials
    (``names.pinyin_of``), in memory: "zs" or "zhangsan" finds the values holding
    张三, "sh" the ones holding 上海, and the table is then asked ``people IN (…)``.
    Without it, the pinyin of every visit would have to be stored (a migration)
    or worked out per keystroke. Like ``ColumnValues``, a superset: the values of
    rows written since are added as the change log shows them, never taken away
    (an old value that matches no live row finds nothing)."""

    def __init__(self, model, columns: tuple[str, ...]):
        super().__init__()
        self.model = model
        self.table = model.__tablename__
        self.columns = columns
        # per column, compact (200k different people on W2): the keys one value a
        # line and where each line starts (and a sentinel); the values end to end
        # and where each starts (and a sentinel); then the ones added since, as (keys, value)
        empty: tuple[str, array.array, str, array.array] = ("", array.array("q", [0]), "", array.array("q", [0]))
        self._data: dict[str, tuple[str, array.array, str, array.array]] = {c: empty for c in columns}
        self._added: dict[str, list[tuple[str, str]]] = {c: [] for c in columns}

    def match(self, session, column: str, term: str, limit: int | None = None) -> list[str] | None:
        """The values of ``column`` whose pinyin or initials contain ``term`` (lower
        case) and whose text does not (the column's own LIKE finds those); None
        while the values are being read, or when more than ``limit`` match."""
        if not self.fresh(session):
            return None
        text, starts, values, value_starts = self._data[column]
        out: list[str] = []
        find = text.find
        pos = find(term)
        while pos >= 0:
            i = bisect.bisect_right(starts, pos) - 1
            value = values[value_starts[i]:value_starts[i + 1]]
            if term not in value.lower():
                out.append(value)
                if limit is not None and len(out) > limit:
                    return None
            pos = find(term, starts[i + 1])  # on to the next value (a sentinel ends the list)
        out += [v for keys, v in self._added[column] if term in keys and term not in v.lower()]
        out = list(dict.fromkeys(out))
        return None if limit is not None and len(out) > limit else out

    def _read(self, session) -> None:
        cursor = _cursor(session)
        try:
            for column in self.columns:
                self._data[column] = self._pack(())  # the old values go before the new are read
                cursor.execute(f"SELECT DISTINCT {column} FROM {self.table} WHERE {column} IS NOT NULL")
                self._data[column] = self._pack(
                    (pinyin_of(v), v) for chunk in _chunks(cursor, 2000)
                    for (v,) in chunk if has_han(v))
                self._added[column] = []
        finally:
            cursor.close()

    @staticmethod
    def _pack(pairs) -> tuple[str, array.array, str, array.array]:
        keys, starts, values, value_starts, pos, value_pos = io.StringIO(), array.array("q"), \
            io.StringIO(), array.array("q"), 0, 0
        for key, value in pairs:
            key = key.replace("\n", " ")  # one value a line
            starts.append(pos)
            keys.write(key)
            keys.write("\n")
            pos += len(key) + 1
            value_starts.append(value_pos)
            values.write(value)
            value_pos += len(value)
        starts.append(pos)  # sentinels
        value_starts.append(value_pos)
        return keys.getvalue(), starts, values.getvalue(), value_starts

    def _update(self, session, changed) -> None:
        cols = [getattr(self.model, c) for c in self.columns]
        for row in session.execute(select(*cols).where(self.model.id.in_(changed))):
            for column, value in zip(self.columns, row):
                if value and has_han(value):
                    self._added[column].append((pinyin_of(value), value))
        if sum(len(v) for v in self._added.values()) > 5000:  # fold the additions in now and then
            for column in self.columns:
                text, starts, values, value_starts = self._data[column]
                kept = ((text[starts[i]:starts[i + 1] - 1], values[value_starts[i]:value_starts[i + 1]])
                        for i in range(len(starts) - 1))
                self._data[column] = self._pack([*kept, *self._added[column]])
                self._added[column] = []


_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_kept_lock = threading.Lock()


def company_keys(ws) -> CompanyKeys:
    """The in-memory company search keys of the workspace's database (made once)."""
    with _kept_lock:
        per_db = _kept.setdefault(ws.db, {})
        if "companies" not in per_db:
            per_db["companies"] = CompanyKeys()
        return per_db["companies"]


#: the own text columns of the big tables that a search reads
_SEARCHED_TEXT = {
    "visits": (Visit, ("number", "people", "place")),
    "leads": (Lead, ("number", "name", "search_key")),       # search_key: pinyin of the name
    "projects": (Project, ("number", "name", "search_key")),
}


def column_values(ws, kind: str) -> ColumnValues:
    """The in-memory text values of a big table of the workspace's database (made once)."""
    with _kept_lock:
        per_db = _kept.setdefault(ws.db, {})
        if kind not in per_db:
            model, cols = _SEARCHED_TEXT[kind]
            per_db[kind] = ColumnValues(model, cols)
        return per_db[kind]


#: the columns of a big table whose pinyin a search matches (a visit's people and place)
_PINYIN_TEXT = {"visits": (Visit, ("people", "place"))}


def pinyin_values(ws, kind: str) -> PinyinValues:
    """The in-memory pinyin of a big table's short text columns (made once)."""
    with _kept_lock:
        per_db = _kept.setdefault(ws.db, {})
        key = f"{kind}:pinyin"
        if key not in per_db:
            per_db[key] = PinyinValues(*_PINYIN_TEXT[kind])
        return per_db[key]


def _kept_for(ws, kind: str | None) -> list[_KeptInMemory]:
    kept: list[_KeptInMemory] = [company_keys(ws)]
    if kind in _SEARCHED_TEXT:
        kept.append(column_values(ws, kind))
    if kind in _PINYIN_TEXT:
        kept.append(pinyin_values(ws, kind))
    return kept


def expect_warm_up(ws, kind: str | None = None) -> None:
    """Say that ``warm_up(ws, kind)`` is on its way (call it before queuing the
    warm-up): searches meanwhile do not read the values themselves."""
    for kept in _kept_for(ws, kind):
        kept.coming = True


def warm_up(ws, kind: str | None = None) -> None:
    """Read what the first search of a list needs (company keys, text values)
    before it is typed: a second or so on W2, best done in the background. A
    list query running meanwhile (``page_ids``, ``rows``) goes first: the reading
    waits for it between its steps."""
    kept = _kept_for(ws, kind)
    expect_warm_up(ws, kind)
    _warming.on = True
    try:
        with ws.read() as s:
            for values in kept:
                values.fresh(s, warming=True)
    finally:
        _warming.on = False
        for values in kept:
            values.coming = False  # read now, or (after an error) by the next search


def warmed(ws, kind: str | None = None) -> bool:
    """Everything a search of ``kind`` keeps in memory has been read."""
    return all(values.ready for values in _kept_for(ws, kind))


def _staff_ids(ctx: _Context, term: str, *, pinyin: bool = False) -> list[str]:
    """Staff whose name contains ``term``; ``pinyin``: or its pinyin or initials
    (the roster is small: its names are read and matched here)."""
    found = list(ctx.session.scalars(select(Staff.id).where(ctx.like(Staff.name, term))))
    if pinyin and term.isascii():
        found += [sid for sid, name in ctx.session.execute(select(Staff.id, Staff.name))
                  if term in pinyin_keys(name or "") and sid not in found]
    return found


def _term_condition(kind: str, term: str, ctx: _Context):
    """A record matches a term when any of its searchable things contains it."""
    m = _MODELS[kind]
    if kind == "companies":
        parts = [ctx.like(Company.number, term), ctx.like(Company.search_key, term),
                 ctx.like(Company.usci, term), ctx.like(Company.region, term),
                 ctx.like(Company.address, term)]
        contacts = select(CompanyContact.company_id).where(~CompanyContact.deleted,
                                                           ctx.like(CompanyContact.name, term))
        parts.append(Company.id.in_(contacts))
        return or_(*parts)
    if kind == "carriers":
        return or_(*(ctx.like(getattr(Carrier, c), term) for c in ("number", "name", "park", "address")))
    # own text columns: only those that may hold the term at all; numbers by their index
    values = column_values(ctx.ws, kind)
    parts = []
    if ctx.quick and not values.ready:  # a quick answer reads no values into memory
        if not ctx.indexed_only:  # (indexed only: left out, they take reading every row)
            parts += [ctx.like(getattr(m, c), term) for c in values.columns]
    else:
        parts += [ctx.like(getattr(m, c), term) for c in values.columns
                  if c != values.NUMBER and values.may_contain(ctx.session, c, term)]
        numbers = values.numbers_containing(ctx.session, term, _MANY_IDS)
        if numbers is None:
            parts.append(ctx.like(m.number, term))
        elif numbers:
            parts.append(m.number.in_(numbers))
    keys = company_keys(ctx.ws)
    companies = keys.match(ctx.session, term) if keys.ready or not ctx.quick else None
    if companies is None:  # the keys are being read: ask the table (then, as below, many
        # companies are not looked up one by one: a subquery would fetch and sort all their rows)
        companies = ctx.companies_found.get(term)
        if companies is None:
            companies = list(ctx.session.scalars(select(Company.id).where(ctx.like(Company.search_key, term))))
            ctx.companies_found[term] = companies
    if companies:
        parts.append(ctx.id_in(m.company_id, companies, scan=True))
    pinyin = pinyin_values(ctx.ws, kind) if kind == "visits" else None
    # while the warm-up reads the pinyin, staff names are matched as they are (working
    # out their pinyin would wait for the pinyin tables to load: the list searches again)
    by_pinyin = pinyin is not None and (pinyin.ready or not pinyin.coming)
    if by_pinyin and ctx.quick and pinyin is not None and not pinyin.ready and term.isascii():
        ctx.left_out = True  # not read yet, and a quick answer reads nothing: the whole one has them
    staff = _staff_ids(ctx, term, pinyin=by_pinyin)
    if staff:
        parts.append(ctx.id_in(m.staff_id if kind == "visits" else m.owner_staff_id, staff))
    if kind == "visits":
        if staff:  # 我方人员: the staff on the visit besides its leader
            parts.append(Visit.id.in_(select(VisitParticipant.visit_id).where(
                ctx.id_in(VisitParticipant.staff_id, staff), ~VisitParticipant.deleted)))
        if term.isascii() and pinyin is not None and by_pinyin and not ctx.left_out:
            # 对方人员, 地点 by their pinyin ("zs" finds 张三, "sh" 上海); while the
            # warm-up reads them, left out (the list searches again when it is done)
            for column in pinyin.columns:
                col = getattr(Visit, column)
                matched = pinyin.match(ctx.session, column, term, limit=None if ctx.is_pg else _BROAD_VALUES)
                if matched is None and not ctx.is_pg:  # not selective: match the rows as they are read
                    parts.append(ctx.pinyin_contains(col, term))
                elif matched:
                    parts.append(ctx.id_in(col, matched))
    if kind == "projects":
        places = list(ctx.session.scalars(select(Carrier.id).where(or_(
            ctx.like(Carrier.name, term), ctx.like(Carrier.park, term)))))
        if places:
            parts.append(ctx.id_in(Project.carrier_id, places))
    return or_(*parts) if parts else false()


def _conditions(q: ListQuery, ctx: _Context) -> list:
    m = _MODELS[q.kind]
    where = [m.deleted == false()]
    if q.row_ids is not None:
        where.append(ctx.id_in(m.id, q.row_ids))
    if q.unit_ids and hasattr(m, "unit_id"):
        where.append(ctx.id_in(m.unit_id, q.unit_ids))
    if q.industry_ids:
        # an industry includes its chain nodes (产业链环节)
        industries = set(q.industry_ids) | set(ctx.session.scalars(
            select(Industry.id).where(Industry.parent_id.in_(q.industry_ids))))
        if q.kind == "visits":  # a visit's industry is its company's
            where.append(m.company_id.in_(select(Company.id).where(Company.industry_id.in_(industries))))
        elif hasattr(m, "industry_id"):
            where.append(m.industry_id.in_(industries))
    if q.stages and q.kind in ("leads", "projects"):
        where.append(m.stage.in_(q.stages))
    if q.kinds:
        if q.kind in ("visits", "carriers"):
            where.append(m.kind.in_(q.kinds))
        elif q.kind == "companies":
            where.append(or_(*(ctx.like(Company.tags, tag) for tag in q.kinds)))
    if q.year is not None and q.kind in _YEAR_DATE:
        col = _YEAR_DATE[q.kind]
        where += [col >= dt.date(q.year, 1, 1), col <= dt.date(q.year, 12, 31)]
    if q.lights and q.kind in ("projects", "leads"):
        colour = ctx.project_light() if q.kind == "projects" else ctx.lead_light()
        where.append(colour.in_(q.lights))
    for term in q.terms:
        where.append(_term_condition(q.kind, term, ctx))
    return where


def _sort_of(q: ListQuery) -> tuple[str, bool]:
    if q.sort and q.sort in column_keys(q.kind):
        return q.sort, q.descending
    return DEFAULT_SORT[q.kind]


# --- the public functions ---------------------------------------------------------------------

class QueryCancelled(Exception):
    """A query was stopped because its answer is no longer wanted."""


@contextlib.contextmanager
def _stoppable(session, cancelled):
    """Let ``cancelled()`` stop the statements run inside (SQLite checks it every
    few thousand steps; on PostgreSQL the statement runs to its end)."""
    if cancelled is not None and cancelled():
        raise QueryCancelled()  # not wanted before it started
    raw = session.connection().connection.dbapi_connection if cancelled else None
    if raw is None or not hasattr(raw, "set_progress_handler"):
        yield
        return
    raw.set_progress_handler(lambda: 1 if cancelled() else 0, CHECK_EVERY)
    try:
        yield
    except DBAPIError as exc:
        if cancelled():
            raise QueryCancelled() from exc
        raise
    finally:
        raw.set_progress_handler(None, 0)


def page_ids(ws, q: ListQuery, after: tuple | None = None, limit: int = PAGE_SIZE, *,
             cancelled=None, quick: bool = False) -> Page:
    """One page of ordered ids, starting after ``after`` (None: the first page).
    ``cancelled``: a callable saying the answer is no longer wanted
    (``QueryCancelled`` is raised then).

    ``quick`` (a first page): right after a big database is opened, before
    ``warm_up`` has read a table's text values, a search term that occurs in few
    rows makes the query read every row (1M visits: ~1 s). A quick page gets
    ``QUICK_BUDGET`` for the whole answer; when that is not enough, it answers
    from what the indexes find (company, staff, …) and leaves out the record's own
    text columns (``Page.partial``): the caller shows that and asks again without
    ``quick``."""
    if not quick and after is None and _may_read_every_row(ws, q):
        # the whole answer after a quick one reads every row (~1 s, in SQLite): no need to wait for it
        return _page_ids_now(ws, q, after, limit, cancelled=cancelled, quick=quick)
    with _list_reading():
        return _page_ids_now(ws, q, after, limit, cancelled=cancelled, quick=quick)


def _page_ids_now(ws, q: ListQuery, after, limit: int, *, cancelled, quick: bool) -> Page:
    if quick and after is None and _may_read_every_row(ws, q):
        deadline = time.perf_counter() + QUICK_BUDGET

        def over() -> bool:
            return time.perf_counter() > deadline or (cancelled is not None and cancelled())
        found: dict[str, list[str]] = {}  # the companies of the first try serve the second
        try:
            with ws.read() as s, _stoppable(s, over):
                return _page_ids(ws, s, q, after, limit, quick=True, found=found)
        except QueryCancelled:
            if cancelled is not None and cancelled():
                raise
        with ws.read() as s, _stoppable(s, cancelled):
            return _page_ids(ws, s, q, after, limit, indexed_only=True, found=found)
    with ws.read() as s, _stoppable(s, cancelled):
        return _page_ids(ws, s, q, after, limit)


def _may_read_every_row(ws, q: ListQuery) -> bool:
    """A search of a big table whose text values are not in memory yet (SQLite:
    PostgreSQL statements cannot be stopped part-way)."""
    return bool(q.terms) and q.kind in _SEARCHED_TEXT and not column_values(ws, q.kind).ready \
        and ws.db.is_sqlite


def _page_ids(ws, s, q: ListQuery, after, limit: int, *, quick: bool = False,
              indexed_only: bool = False, found: dict | None = None) -> Page:
    ctx = _Context(ws, s)
    ctx.quick, ctx.indexed_only = quick or indexed_only, indexed_only
    if found is not None:
        ctx.companies_found = found
    page = _ordered_page(ctx, q, after, limit)
    return replace(page, partial=True) if indexed_only or ctx.left_out else page


def _ordered_page(ctx: _Context, q: ListQuery, after, limit: int) -> Page:
    s = ctx.session
    m = _MODELS[q.kind]
    key, descending = _sort_of(q)
    where = _conditions(q, ctx)
    if key == "company" and len(where) == 1 and q.kind in _BY_COMPANY and not _is_pg(s):
        return _page_by_company(s, q.kind, after, limit, descending)
    sort = _sort_expr(q.kind, key, ctx)
    plain = sort is getattr(m, key, None)  # the column itself, not an expression over it
    if not plain and len(where) > 1 and not ctx.is_pg:
        if key == "company" and q.kind in _BY_COMPANY and _WALK_BY_COMPANY:
            # walk companies in name order and stop at the page size
            return _filtered_by_company(s, m, where, after, limit, descending)
        # a filtered list sorted by another expression: when few rows match, take
        # them unsorted (the filter's own cost) and sort only those
        few = list(s.scalars(select(m.id).where(*where).limit(_SORT_SMALL + 1)))
        if len(few) <= _SORT_SMALL:
            where = [ctx.id_in(m.id, few)]
    if after is not None:
        value, last_id = after
        if descending:
            where.append(or_(sort < value, and_(sort == value, m.id < last_id)))
            if plain:  # a plain column: let its index find where the page starts
                where.append(sort <= value)
        else:
            where.append(or_(sort > value, and_(sort == value, m.id > last_id)))
            if plain:
                where.append(sort >= value)
    order = (sort.desc(), m.id.desc()) if descending else (sort.asc(), m.id.asc())
    stmt = select(m.id, sort.label("k")).where(*where).order_by(*order).limit(limit + 1)
    rows = s.execute(stmt).all()
    more = len(rows) > limit
    rows = rows[:limit]
    last = (rows[-1].k, rows[-1].id) if rows else after
    return Page([r.id for r in rows], last, more)


# A whole list sorted by company (SQLite): walk companies in name order (their
# index) and each one's records (the company_id index), instead of naming and
# sorting every record — 1M visits: milliseconds, not seconds. The order is the
# general one's, (company name or "", id): records without a company come first.
_BY_COMPANY = {kind: (f"SELECT r.id AS id, c.name AS k FROM companies AS c CROSS JOIN {table} AS r "
                      "ON r.company_id = c.id WHERE r.deleted = 0 {keyset} "
                      "ORDER BY c.name {order}, r.id {order} LIMIT :n",
                      f"SELECT id, '' AS k FROM {table} WHERE deleted = 0 AND company_id IS NULL {{keyset}} "
                      "ORDER BY id {order} LIMIT :n")
               for kind, table in (("visits", "visits"), ("leads", "leads"), ("projects", "projects"))}


def _page_by_company(s, kind: str, after, limit: int, descending: bool) -> Page:
    named, unnamed = _BY_COMPANY[kind]
    order, cmp = ("DESC", "<") if descending else ("ASC", ">")

    def with_company(start) -> list:
        keyset, params = "", {"n": limit + 1}
        if start is not None:
            keyset = f"AND c.name {cmp}= :k AND (c.name {cmp} :k OR r.id {cmp} :i)"
            params.update(k=start[0], i=start[1])
        return s.execute(text(named.format(keyset=keyset, order=order)), params).all()

    def without_company(start) -> list:
        keyset, params = "", {"n": limit + 1}
        if start is not None:
            keyset, params["i"] = f"AND id {cmp} :i", start[1]
        return s.execute(text(unnamed.format(keyset=keyset, order=order)), params).all()

    return _company_page(with_company, without_company, after, limit, descending)


def _company_page(with_company, without_company, after, limit: int, descending: bool) -> Page:
    """One page sorted by company from its two parts: the records with a company
    (by name) and those without ("" sorts before every name: ascending, they come
    first). Each part is ``fn(bookmark) -> rows (k, id)``, at most ``limit + 1``."""
    first, second = (with_company, without_company) if descending else (without_company, with_company)
    in_first = after is None or (after[0] != "") == descending
    rows = first(after) if in_first else []
    if len(rows) <= limit:
        rows += second(None if in_first else after)
    more = len(rows) > limit
    rows = rows[:limit]
    last = (rows[-1].k, rows[-1].id) if rows else after
    return Page([r.id for r in rows], last, more)


#: a filtered list sorted by company (SQLite): walk the companies in name order
#: as ``_page_by_company`` does, with the filter
_WALK_BY_COMPANY = True


def _filtered_by_company(s, m, where: list, after, limit: int, descending: bool) -> Page:
    """``_page_by_company`` with conditions: SQLite's CROSS JOIN keeps companies
    (their name index) the outer loop, so a page stops after ``limit`` matches."""
    order = (Company.name.desc(), m.id.desc()) if descending else (Company.name.asc(), m.id.asc())
    less = descending

    def with_company(start) -> list:
        stmt = select(m.id.label("id"), Company.name.label("k")).select_from(Company) \
            .join(m, m.company_id == Company.id).where(*where)
        if start is not None:
            k, i = start
            stmt = stmt.where(Company.name <= k if less else Company.name >= k,
                              or_(Company.name < k, m.id < i) if less else or_(Company.name > k, m.id > i))
        stmt = stmt.order_by(*order).limit(limit + 1)
        compiled = stmt.compile(dialect=s.get_bind().dialect, compile_kwargs={"render_postcompile": True})
        sql = str(compiled)
        joined = f"FROM companies JOIN {m.__tablename__} ON"
        if sql.count(joined) != 1 or compiled.positiontup is None:
            return s.execute(stmt).all()  # not the SQL expected: let the planner choose
        sql = sql.replace(joined, f"FROM companies CROSS JOIN {m.__tablename__} ON")
        params = tuple(compiled.params[name] for name in compiled.positiontup)
        return s.connection().exec_driver_sql(sql, params).all()

    def without_company(start) -> list:
        stmt = select(m.id.label("id"), literal("").label("k")).where(*where, m.company_id.is_(None))
        if start is not None:
            stmt = stmt.where(m.id < start[1] if less else m.id > start[1])
        return s.execute(stmt.order_by(m.id.desc() if less else m.id.asc()).limit(limit + 1)).all()

    return _company_page(with_company, without_company, after, limit, descending)


def first_page(ws, q: ListQuery, limit: int = PAGE_SIZE) -> Page:
    return page_ids(ws, q, None, limit)


def count(ws, q: ListQuery, *, cancelled=None) -> int:
    """How many records the list holds (reads every matching row: run it after
    the first page is on screen, and stop it when the list changes)."""
    m = _MODELS[q.kind]
    with ws.read() as s, _stoppable(s, cancelled):
        ctx = _Context(ws, s)
        return s.scalar(select(func.count()).select_from(m).where(*_conditions(q, ctx)))


def ordered_ids(ws, q: ListQuery) -> list[str]:
    """Every id of the list, in order (for exports and tests; a screen pages)."""
    out: list[str] = []
    after = None
    with ws.read() as s:
        while True:
            page = _page_ids(ws, s, q, after, 5000)
            out += page.ids
            if not page.more:
                return out
            after = page.after


#: tables whose rows belong to a record of a list: table -> (list, column naming the record)
_OWNED_ROWS = {
    "capital_arrivals": ("projects", "project_id"),
    "problems": ("projects", "project_id"),
    "project_stages": ("projects", "project_id"),
    "referrals": ("projects", "project_id"),
    "lead_stages": ("leads", "lead_id"),
    "visit_participants": ("visits", "visit_id"),
    "company_contacts": ("companies", "company_id"),
}


def drill_ids(ws, kind: str, table: str, row_ids) -> tuple[str, ...]:
    """The ids of list ``kind`` behind a drill-down of ``table`` rows: the rows
    themselves, or the records they belong to (a capital arrival's project …)."""
    row_ids = list(dict.fromkeys(row_ids))
    if table == TABLES[kind]:
        return tuple(row_ids)
    if table not in _OWNED_ROWS or _OWNED_ROWS[table][0] != kind:
        raise ValueError(f"{table} rows cannot be listed as {kind}")
    from zsdesk.db.models import SYNCED_MODELS

    model = SYNCED_MODELS[table]
    column = getattr(model, _OWNED_ROWS[table][1])
    with ws.read() as s:
        ctx = _Context(ws, s)
        owners = s.execute(select(model.id, column).where(ctx.id_in(model.id, row_ids))).all()
    by_row = dict(owners)
    return tuple(dict.fromkeys(by_row[r] for r in row_ids if by_row.get(r)))


def rows(ws, kind: str, ids) -> list[dict[str, Any]]:
    """Display values of the records ``ids``, in that order (ids no longer
    listed are left out). Each row has ``id``, every column key of the list,
    ``readonly`` and, for projects and leads, ``light`` and ``light_reason``."""
    ids = list(ids)
    if not ids:
        return []
    with _list_reading(), ws.read() as s:
        ctx = _Context(ws, s)
        fetched = _ROW_READERS[kind](ctx, ids)
        site_names = dict(s.execute(select(Site.id, Site.name)).all())
    here = ws.site.id
    for r in fetched.values():
        mark_owner(r, here, site_names)
    return [fetched[i] for i in ids if i in fetched]


def _unit_names(s) -> dict[str, str]:
    return dict(s.execute(select(Unit.id, Unit.name)).all())


def _names(s, model, ids) -> dict[str, str]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return dict(s.execute(select(model.id, model.name).where(model.id.in_(ids))).all())


def _visit_rows(ctx: _Context, ids) -> dict[str, dict]:
    s = ctx.session
    found = s.execute(select(
        Visit.id, Visit.owner_site_id, Visit.number, Visit.visit_date, Visit.company_id, Visit.kind,
        Visit.place, Visit.people, Visit.staff_id, Visit.unit_id, Visit.trip_days, Visit.next_step,
        Visit.next_due, Visit.outcome).where(ctx.id_in(Visit.id, ids), ~Visit.deleted)).all()
    companies = _names(s, Company, (r.company_id for r in found))
    staff = _names(s, Staff, (r.staff_id for r in found))
    units = _unit_names(s)
    return {r.id: visit_row(r, companies, staff, units) for r in found}


def _lead_rows(ctx: _Context, ids) -> dict[str, dict]:
    s = ctx.session
    found = s.scalars(select(Lead).where(ctx.id_in(Lead.id, ids), ~Lead.deleted)).all()
    companies = _names(s, Company, (r.company_id for r in found))
    staff = _names(s, Staff, (r.owner_staff_id for r in found))
    industries = _names(s, Industry, (r.industry_id for r in found))
    units = _unit_names(s)
    out = {}
    for r in found:
        colour, reason = (None, "")
        if r.stage not in ("signed", "terminated"):
            colour, reason = lead_light(r, ctx.limits, ctx.today)
        out[r.id] = {
            "id": r.id, "owner_site_id": r.owner_site_id, "light": colour, "light_reason": reason,
            "number": r.number, "name": r.name, "company": companies.get(r.company_id, ""),
            "company_id": r.company_id, "industry": industries.get(r.industry_id, ""),
            "planned_investment": r.planned_investment, "stage": LEAD_LABELS.get(r.stage, r.stage),
            "stage_code": r.stage, "stage_date": r.stage_date,
            "owner_staff": staff.get(r.owner_staff_id, ""), "unit": units.get(r.unit_id, ""),
            "unit_id": r.unit_id, "first_reported": r.first_reported, "next_followup": r.next_followup,
            "source": r.source or "",
        }
    return out


def _project_rows(ctx: _Context, ids) -> dict[str, dict]:
    s = ctx.session
    found = s.scalars(select(Project).where(ctx.id_in(Project.id, ids), ~Project.deleted)).all()
    companies = _names(s, Company, (r.company_id for r in found))
    staff = _names(s, Staff, (r.owner_staff_id for r in found))
    industries = _names(s, Industry, (r.industry_id for r in found))
    carriers = _names(s, Carrier, (r.carrier_id for r in found))
    units = _unit_names(s)
    problems: dict[str, int] = {}
    for (pid,) in s.execute(select(Problem.project_id).where(
            ctx.id_in(Problem.project_id, [r.id for r in found]), ~Problem.deleted, ~Problem.resolved)):
        problems[pid] = problems.get(pid, 0) + 1
    out = {}
    for r in found:
        colour, reason = (None, "")
        if r.stage != "effective":
            colour, reason, _deadline = project_light(r, ctx.limits, ctx.today, problems.get(r.id, 0))
        out[r.id] = {
            "id": r.id, "owner_site_id": r.owner_site_id, "light": colour, "light_reason": reason,
            "number": r.number, "name": r.name, "company": companies.get(r.company_id, ""),
            "company_id": r.company_id, "industry": industries.get(r.industry_id, ""),
            "contract_date": r.contract_date, "contract_investment": r.contract_investment,
            "stage": PROJECT_LABELS.get(r.stage, r.stage), "stage_code": r.stage,
            "stage_date": r.stage_date, "owner_staff": staff.get(r.owner_staff_id, ""),
            "unit": units.get(r.unit_id, ""), "unit_id": r.unit_id, "land_mu": r.land_mu,
            "carrier": carriers.get(r.carrier_id, ""), "jobs": r.jobs,
        }
    return out


def _company_rows(ctx: _Context, ids) -> dict[str, dict]:
    s = ctx.session
    found = s.execute(select(
        Company.id, Company.owner_site_id, Company.number, Company.name, Company.usci, Company.tags,
        Company.region, Company.industry_id, Company.address,
    ).where(ctx.id_in(Company.id, ids), ~Company.deleted)).all()
    industries = _names(s, Industry, (r.industry_id for r in found))
    return {r.id: {
        "id": r.id, "owner_site_id": r.owner_site_id, "number": r.number, "name": r.name,
        "usci": r.usci or "", "tags": r.tags or "", "region": r.region or "",
        "industry": industries.get(r.industry_id, ""), "address": r.address or "",
    } for r in found}


def _carrier_rows(ctx: _Context, ids) -> dict[str, dict]:
    s = ctx.session
    found = s.scalars(select(Carrier).where(ctx.id_in(Carrier.id, ids), ~Carrier.deleted)).all()
    units = _unit_names(s)
    return {r.id: {
        "id": r.id, "owner_site_id": r.owner_site_id, "number": r.number, "name": r.name,
        "kind": r.kind, "park": r.park or "", "unit": units.get(r.unit_id, ""), "unit_id": r.unit_id,
        "area": r.area, "free_area": r.free_area, "price": r.price, "address": r.address or "",
    } for r in found}


_ROW_READERS = {"visits": _visit_rows, "leads": _lead_rows, "projects": _project_rows,
                "companies": _company_rows, "carriers": _carrier_rows}


# --- filter chip choices ---------------------------------------------------------------------------

def filter_options(ws, kind: str, parts=None) -> FilterOptions:
    """The choices a list's filter chips offer (only the ones that apply to it;
    only the ``parts`` named, e.g. ``{"years"}``, when given: the years of 250k
    leads take a table scan, so a chip asks for them when it is opened)."""
    opts: dict[str, Any] = {}
    wanted = set(parts) if parts is not None else {"units", "industries", "years"}
    with ws.read() as s:
        if kind != "companies" and "units" in wanted:
            opts["units"] = [(u.id, u.name) for u in s.execute(
                select(Unit.id, Unit.name).where(~Unit.deleted).order_by(Unit.sort_order, Unit.code))]
        if kind != "carriers" and "industries" in wanted:
            found = s.execute(select(Industry.id, Industry.name, Industry.parent_id)
                              .where(~Industry.deleted, Industry.active)
                              .order_by(Industry.sort_order, Industry.code)).all()
            tops = [r for r in found if r.parent_id is None]
            nodes = [r for r in found if r.parent_id is not None]
            industries = []
            for top in tops:  # each 产业 followed by its chain nodes
                industries.append((top.id, top.name, 0))
                industries += [(n.id, n.name, 1) for n in nodes if n.parent_id == top.id]
            opts["industries"] = industries
        if kind in _YEAR_DATE and "years" in wanted:
            col = _YEAR_DATE[kind]
            m = _MODELS[kind]
            first = s.scalar(select(func.min(col)).where(~m.deleted))
            last = s.scalar(select(func.max(col)).where(~m.deleted))
            if first and last:
                opts["years"] = list(range(last.year, first.year - 1, -1))
    if kind == "leads":
        opts["stages"] = [(c, LEAD_LABELS[c]) for c in LEAD_STAGES]
    if kind == "projects":
        opts["stages"] = [(c, PROJECT_LABELS[c]) for c in PROJECT_STAGES]
    if kind in ("leads", "projects"):
        opts["lights"] = [(c, LIGHT_LABELS[c]) for c in LIGHTS]
    if kind == "visits":
        opts["kinds"] = [(k, k) for k in VISIT_KINDS]
    if kind == "carriers":
        opts["kinds"] = [(k, k) for k in CARRIER_KINDS]
    if kind == "companies":
        opts["kinds"] = [(t, t) for t in COMPANY_TAGS]
    return FilterOptions(**opts)


__all__ = [
    "KINDS", "PAGE_SIZE", "LIGHTS", "Column", "ListQuery", "Page", "FilterOptions", "COLUMNS",
    "DEFAULT_SORT", "TABLES", "columns", "column_keys", "page_ids", "first_page", "count",
    "ordered_ids", "rows", "drill_ids", "IdList", "filter_options", "QueryCancelled", "CompanyKeys",
    "company_keys", "ColumnValues", "column_values", "PinyinValues", "pinyin_values", "warm_up",
]
