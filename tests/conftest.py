"""Shared fixtures: real databases (SQLite files and, when configured, PostgreSQL),
initialised county and city workspaces with a fixed "today".

PostgreSQL runs when ``ZSDESK_TEST_PG_URL`` names a server the tests may wipe
(``bash tools/test.sh`` starts a throwaway one). Each test gets clean databases:
an empty one has its ``public`` schema dropped and recreated before the test; the
initialised workspaces (``ws``, ``city_ws``) are built once per session through
the real services and copied for each test (a file copy for SQLite,
``CREATE DATABASE … TEMPLATE`` for PostgreSQL), which keeps the suite fast.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless always, set before anything imports Qt

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from support import CITY, COMPANY_NAME, COMPANY_USCI, COUNTY, TODAY, OpenedDatabases

PG_URL = os.environ.get("ZSDESK_TEST_PG_URL", "").strip()
PG_SKIP_REASON = (
    f"PostgreSQL backend not tested: {os.environ['ZSDESK_TEST_PG_UNAVAILABLE']}"
    if os.environ.get("ZSDESK_TEST_PG_UNAVAILABLE")  # tools/test.sh could not start its server
    else "PostgreSQL backend not tested: ZSDESK_TEST_PG_URL is not set "
         "(run `bash tools/test.sh`, which starts a throwaway server)")


# --- the Qt application ---------------------------------------------------------------

@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt's QApplication, with the program's collector: Python's cyclic garbage
    collection on the GUI thread only, as in the program (``zsdesk.ui.collector``)."""
    from PySide6.QtWidgets import QApplication

    from zsdesk.ui.collector import collect_on_gui_thread

    class TestApplication(QApplication):
        def __init__(self, *args):
            super().__init__(*args)
            collect_on_gui_thread(self)

    return TestApplication


@pytest.fixture(autouse=True)
def _collect_between_tests():
    """Once a test has made the QApplication, automatic collection is off for the rest of
    the process and the collector's timer runs only while a test runs the event loop:
    after every test, the collection the automatic collector would have made (tests run
    on the GUI thread); a test that turned automatic collection back on fails."""
    yield
    collector = sys.modules.get("zsdesk.ui.collector")
    if collector is None or collector.installed is None:
        return
    if gc.isenabled():   # a worker thread could free a Qt object: the crash the collector prevents
        gc.disable()
        pytest.fail("the test turned Python's automatic garbage collection back on (leave it as found)")
    collector.collect_due()


# --- PostgreSQL housekeeping ---------------------------------------------------------

def _admin_engine(url: str):
    return create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")


class PgServer:
    """The test server: one database per name, made on first use, wiped per test."""

    def __init__(self, url: str):
        self.base = make_url(url)
        self.made: set[str] = {self.base.database}
        # pytest-xdist runs the suite in several processes: each gets databases of its own
        self.worker = os.environ.get("PYTEST_XDIST_WORKER", "")

    def dbname(self, name: str) -> str:
        own = f"{self.base.database}_{self.worker}" if self.worker else self.base.database
        return own if name == "main" else f"{own}_{name}"

    def url_for(self, name: str) -> str:
        dbname = self.dbname(name)
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

    def clone(self, name: str, template: str) -> str:
        """A fresh database ``name`` that is a copy of the database ``template``."""
        target, source = self.dbname(name), self.dbname(template)
        admin = _admin_engine(self.base.render_as_string(hide_password=False))
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{target}" TEMPLATE "{source}"'))
        admin.dispose()
        self.made.add(target)
        return self.base.set(database=target).render_as_string(hide_password=False)

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

def pytest_collection_modifyitems(config, items):
    """Without a server, mark the PostgreSQL variants skipped up front (one
    summary line per file instead of one per test)."""
    if PG_URL:
        return
    skip = pytest.mark.skip(reason=PG_SKIP_REASON)
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "pg":
            item.add_marker(skip)


@pytest.fixture(params=["sqlite", "pg"])
def backend(request) -> str:
    """Every storage and service test runs once per backend."""
    if request.param == "pg" and not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    return request.param


class Databases(OpenedDatabases):
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

    def prepared(self, name: str, build) -> str:
        """A database holding what ``build(workspace)`` writes into an empty one.
        The result is built once per session and backend and copied for each
        test (a file copy, or PostgreSQL's CREATE DATABASE … TEMPLATE)."""
        templates = self.request.getfixturevalue("template_cache")
        key = (self.backend, name)
        if key not in templates:
            from zsdesk.db.engine import Database
            from zsdesk.services import Workspace

            if self.is_pg:
                url = self.request.getfixturevalue("pg_server").url_for(f"tmpl_{name}")
            else:
                url = f"sqlite:///{templates.folder / f'{name}.db'}"
            workspace = Workspace(Database(url), today=lambda: TODAY, actor="测试员")
            try:
                build(workspace)
            finally:
                workspace.close()
            templates[key] = url
        if self.is_pg:
            return self.request.getfixturevalue("pg_server").clone(name, f"tmpl_{name}")
        source = templates.folder / f"{name}.db"
        target = self.tmp_path / f"{name}.db"
        for suffix in ("", "-wal"):  # the WAL is normally folded in when the last connection closes
            if Path(f"{source}{suffix}").exists():
                shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
        return f"sqlite:///{target}"


class TemplateCache(dict):
    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder


@pytest.fixture(scope="session")
def template_cache(tmp_path_factory) -> TemplateCache:
    return TemplateCache(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def databases(backend, tmp_path, request):
    dbs = Databases(backend, tmp_path, request)
    yield dbs
    dbs.close_all()


# --- workspaces ---------------------------------------------------------------------------

def _build_county(workspace) -> None:
    from zsdesk.services import init_site

    init_site(workspace, **COUNTY)
    [unit] = workspace.reference.list_units()
    workspace.reference.staff.create({"unit_id": unit.id, "name": "王招商", "title": "科长"})
    workspace.companies.create({"name": COMPANY_NAME, "usci": COMPANY_USCI, "region": "江苏泰州",
                                "tags": ["中国500强"]})


def _build_city(workspace) -> None:
    from zsdesk.services import init_site

    init_site(workspace, **CITY)


@pytest.fixture
def ws(databases):
    """A county site, today fixed at TODAY, with one staff member and one company."""
    return databases.workspace(databases.prepared("county", _build_county))


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
    return databases.workspace(databases.prepared("city", _build_city))


@pytest.fixture
def today() -> dt.date:
    return TODAY


# --- the desktop app --------------------------------------------------------------------------------

@pytest.fixture
def isolated_settings(tmp_path, qapp):
    """QSettings in a temporary folder: tests never touch the user's settings."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    qapp.setOrganizationName("zsdesk-test")
    qapp.setApplicationName("zsdesk-test")
    yield


@pytest.fixture
def runner(qapp):
    """The window's background-task helper, shut down (and waited for) after the test."""
    from zsdesk.ui.tasks import TaskRunner

    r = TaskRunner()
    yield r
    assert r.shutdown(30_000)


@pytest.fixture
def cli(capsys):
    """``zsdesk …`` run in this process: (exit code, stdout, stderr)."""
    from zsdesk.cli import main

    def run(*args):
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run
