"""Shared fixtures: real databases (SQLite files and, when configured, PostgreSQL),
initialised county and city workspaces with a fixed "today".

PostgreSQL runs when ``ZSDESK_TEST_PG_URL`` names a server the tests may wipe
(``bash tools/test.sh`` starts a throwaway one). Each test gets clean databases:
the ``public`` schema is dropped and recreated before the test.
"""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless, before anything imports Qt

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from support import CITY, COMPANY_NAME, COMPANY_USCI, COUNTY, TODAY

PG_URL = os.environ.get("ZSDESK_TEST_PG_URL", "").strip()
PG_SKIP_REASON = ("PostgreSQL backend not tested: ZSDESK_TEST_PG_URL is not set "
                  "(run `bash tools/test.sh`, which starts a throwaway server)")


# --- PostgreSQL housekeeping ---------------------------------------------------------

def _admin_engine(url: str):
    return create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")


class PgServer:
    """The test server: one database per name, made on first use, wiped per test."""

    def __init__(self, url: str):
        self.base = make_url(url)
        self.made: set[str] = {self.base.database}

    def url_for(self, name: str) -> str:
        dbname = self.base.database if name == "main" else f"{self.base.database}_{name}"
        url = self.base.set(database=dbname)
        if dbname not in self.made:
            admin = _admin_engine(self.base.render_as_string(hide_password=False))
            with admin.connect() as conn:
                exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": dbname})
                if not exists:
                    conn.execute(text(f'CREATE DATABASE "{dbname}"'))
            admin.dispose()
            self.made.add(dbname)
        rendered = url.render_as_string(hide_password=False)
        self.wipe(rendered)
        return rendered

    @staticmethod
    def wipe(url: str) -> None:
        engine = _admin_engine(url)
        with engine.connect() as conn:
            # A connection left open by an earlier test would make this wait forever.
            conn.execute(text("SET lock_timeout = '20s'"))
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()


@pytest.fixture(scope="session")
def pg_server():
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    server = PgServer(PG_URL)
    try:
        engine = _admin_engine(PG_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # a wrong URL must not pass as "skipped"
        pytest.fail(f"ZSDESK_TEST_PG_URL is set but the server does not answer: {exc}")
    return server


# --- backends and databases ------------------------------------------------------------

@pytest.fixture(params=["sqlite", "pg"])
def backend(request) -> str:
    """Every storage and service test runs once per backend."""
    if request.param == "pg" and not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    return request.param


class Databases:
    """Hands out empty databases of the test's backend and closes whatever was opened."""

    def __init__(self, backend: str, tmp_path, request):
        self.backend = backend
        self.tmp_path = tmp_path
        self.request = request
        self._open: list = []

    @property
    def is_pg(self) -> bool:
        return self.backend == "pg"

    def url(self, name: str = "main") -> str:
        """An empty database: a new SQLite file, or a wiped PostgreSQL database."""
        if self.is_pg:
            return self.request.getfixturevalue("pg_server").url_for(name)
        return f"sqlite:///{self.tmp_path / f'{name}.db'}"

    def open(self, url: str, *, migrate: bool = True):
        from zsdesk.db.engine import Database

        db = Database(url, migrate=migrate)
        self._open.append(db)
        return db

    def workspace(self, url: str, **kw):
        from zsdesk.services import Workspace

        kw.setdefault("today", lambda: TODAY)
        kw.setdefault("actor", "测试员")
        ws = Workspace(self.open(url), **kw)
        self._open.append(ws)
        return ws

    def close_all(self) -> None:
        for thing in reversed(self._open):
            thing.close()
        self._open.clear()


@pytest.fixture
def databases(backend, tmp_path, request):
    dbs = Databases(backend, tmp_path, request)
    yield dbs
    dbs.close_all()


# --- workspaces ---------------------------------------------------------------------------

@pytest.fixture
def ws(databases):
    """A county site, today fixed at TODAY, with one staff member and one company."""
    from zsdesk.services import init_site

    workspace = databases.workspace(databases.url("county"))
    init_site(workspace, **COUNTY)
    [unit] = workspace.reference.list_units()
    workspace.reference.staff.create({"unit_id": unit.id, "name": "王招商", "title": "科长"})
    workspace.companies.create({"name": COMPANY_NAME, "usci": COMPANY_USCI, "region": "江苏泰州",
                                "tags": ["中国500强"]})
    return workspace


@pytest.fixture
def unit_id(ws) -> str:
    from zsdesk.db.models import Unit

    with ws.read() as s:
        return s.scalar(select(Unit.id).where(Unit.site_id == ws.site.id))


@pytest.fixture
def staff_id(ws) -> str:
    [staff] = ws.reference.list_staff()
    return staff.id


@pytest.fixture
def company_id(ws) -> str:
    from zsdesk.db.models import Company

    with ws.read() as s:
        return s.scalar(select(Company.id).where(Company.name == COMPANY_NAME))


@pytest.fixture
def city_ws(databases):
    """The city office's site (its own database), today fixed at TODAY."""
    from zsdesk.services import init_site

    workspace = databases.workspace(databases.url("city"))
    init_site(workspace, **CITY)
    return workspace


@pytest.fixture
def today() -> dt.date:
    return TODAY
