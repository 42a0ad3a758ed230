"""The site and its database: open (with demo data), where it lives, integrity
check, backup and restore, password (数据保护)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zsdesk.backup import backup_to, restore_from
from zsdesk.db.cipher import MIN_LENGTH, WrongPassword, is_encrypted
from zsdesk.db.engine import DamagedDatabase, backup_time, check_database, data_dir, portable_dir, resolve_db_url
from zsdesk.services import Workspace, open_workspace
from zsdesk.services.workspace import change_database_password, database_protection

__all__ = [
    "MIN_LENGTH", "DamagedDatabase", "SetupFileInfo", "SiteSummary", "Workspace", "WrongPassword",
    "backup_time", "can_join", "create_city_site", "industry_templates", "is_initialised", "is_setup_file",
    "join_with_setup_file",
    "read_setup_file", "backup_to", "change_database_password", "check_database", "check_open_database",
    "data_dir", "database_file", "database_location", "database_protection", "generate_demo", "is_encrypted",
    "migration_note", "open_workspace", "portable_dir", "restore_from",
]


def database_file(location: str | None) -> Path | None:
    """The SQLite file a ``--db`` value (or ``ZSDESK_DB``, or the default) names;
    None for a server database or memory."""
    from sqlalchemy.engine import make_url

    url = resolve_db_url(location)
    database = make_url(url).database if url.startswith("sqlite") else None
    return Path(database) if database and database != ":memory:" else None


def database_location(ws) -> str:
    """Where the open database is, for people: its file, or the server URL without the password."""
    return str(ws.db.path) if ws.db.path else ws.db.engine.url.render_as_string(hide_password=True)


def check_open_database(ws) -> None:
    """SQLite's quick integrity check of the open database's file (nothing for a
    server database). A damaged file raises ``DamagedDatabase`` naming the newest
    good backup, with ``password`` set: restoring an encrypted one needs it."""
    if ws.db.path is None:
        return
    password = getattr(ws.db, "password", None)
    try:
        check_database(ws.db.path, password)
    except DamagedDatabase as exc:
        exc.password = password  # type: ignore[attr-defined]  # read by offer_restore
        raise


def migration_note(ws) -> str | None:
    """What the last opening migrated (shown once in the status bar), or None."""
    return ws.db.migration_note


def generate_demo(ws, *, progress=None) -> None:
    """Fill an uninitialised database with demo data (``zsdesk --demo``)."""
    from zsdesk.demo import generate

    generate(ws, progress=progress)


# --- first start: make this database a site ---------------------------------------------------

@dataclass(frozen=True)
class SetupFileInfo:
    """A city's setup file (入网文件), its signature checked; the fingerprint is
    computed from the city's key in it, never read from the file."""
    path: str
    city_code: str
    city_name: str
    city_fingerprint: str
    county_code: str
    county_name: str


@dataclass(frozen=True)
class SiteSummary:
    code: str
    name: str
    role: str


def _summary(site) -> SiteSummary:
    return SiteSummary(site.code, site.name, site.role)


def is_setup_file(path: str) -> bool:
    """Whether ``path`` is a setup file (not a sync file), without checking it."""
    from zsdesk.sync.exchange import is_setup_file as check

    return check(path)


def read_setup_file(path: str) -> SetupFileInfo:
    """The city and county a setup file names; refused when it is not a valid one."""
    from zsdesk.sync.exchange import read_setup_file as read

    info = read(path)
    return SetupFileInfo(str(path), info["city"]["code"], info["city"]["name"], info["city"]["fingerprint"],
                         info["county"]["code"], info["county"]["name"])


def can_join(ws) -> bool:
    """Whether this database can still join a city with a setup file: not
    initialised, or a county that has not exchanged anything yet (its records
    are kept)."""
    from zsdesk.sync.exchange import can_join as check

    return check(ws)


def join_with_setup_file(ws, path: str) -> SiteSummary:
    """Join the city with its setup file (a county that recorded before keeps its records)."""
    from zsdesk.sync.exchange import join

    join(ws, path)
    return _summary(ws.site)


def industry_templates() -> tuple[tuple[str, str], ...]:
    """(key, label) of the industry catalogues a city may start from, the default first."""
    from zsdesk.seed import DEFAULT_TEMPLATE, TEMPLATES

    keys = [DEFAULT_TEMPLATE, *(k for k in TEMPLATES if k != DEFAULT_TEMPLATE)]
    return tuple((k, TEMPLATES[k][0]) for k in keys)


def create_city_site(ws, code: str, name: str, template: str | None = None) -> SiteSummary:
    """Make this (uninitialised) database the city's site, its industries from
    ``template`` (see ``industry_templates``; None: the built-in general one)."""
    from zsdesk.seed import use_template
    from zsdesk.services.workspace import init_site

    site = init_site(ws, role="city", code=code, name=name)
    if template:
        use_template(ws, template)
    return _summary(site)


def is_initialised(ws) -> bool:
    return ws.initialised
