"""The workspace: an open database, its local site, and write transactions."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zsdesk.db.changes import ChangeWriter
from zsdesk.db.engine import Database, resolve_db_url
from zsdesk.db.models import LocalState, Site, SYNCED_MODELS
from zsdesk.domain import ROLES
from zsdesk.errors import RefusedError, ValidationError
from zsdesk.seed import SEED_CODE, SEED_SITE_ID, seed_tables
from zsdesk.validation import require_choice, require_text

import re

if TYPE_CHECKING:  # the services import this module: only their names here
    from zsdesk.services.attachments import AttachmentService
    from zsdesk.services.audit import AuditService
    from zsdesk.services.carriers import CarrierService
    from zsdesk.services.companies import CompanyService
    from zsdesk.services.leads import LeadService
    from zsdesk.services.projects import ProjectService
    from zsdesk.services.reference import ReferenceService
    from zsdesk.services.visits import VisitService

SITE_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,30}$")
# Reference tables only the city changes (counties may add their own units and staff).
CITY_TABLES = {"industries", "targets", "scoring_rules", "settings", "referrals", "reviews",
               "review_steps"}
# Tables a county keeps for its own units and the city may edit at any site
# (zsdesk.sync.rights.CITY_MAINTAINS accepts the city's changes to them).
CITY_MAINTAINED = {"units", "staff"}


@dataclass(frozen=True)
class SiteInfo:
    id: str
    code: str
    name: str
    role: str

    @property
    def is_city(self) -> bool:
        return self.role == "city"


class Workspace:
    """An open database with its site. Create with ``open_workspace``."""

    def __init__(self, db: Database, *, actor: str | None = None,
                 today: Callable[[], dt.date] = dt.date.today,
                 wall: Callable[[], int] | None = None):
        self.db = db
        self.actor = actor
        #: the actor given when opened: the one written while nobody is chosen as 本机使用人
        self.default_actor = actor
        self.today = today
        self._wall = wall

    # -- site ------------------------------------------------------------------
    @cached_property
    def site(self) -> SiteInfo:
        with self.db.session() as s:
            state = dict(s.execute(select(LocalState.key, LocalState.value)).all())
        if "site_id" not in state:
            raise RefusedError("数据库尚未初始化：请先运行 zsdesk init --role county|city --code 代码 --name 名称")
        return SiteInfo(state["site_id"], state["site_code"], state["site_name"], state["role"])

    @property
    def initialised(self) -> bool:
        with self.db.session() as s:
            return s.get(LocalState, "site_id") is not None

    # -- transactions ------------------------------------------------------------
    @contextlib.contextmanager
    def write(self, *, source: str = "local") -> Iterator[ChangeWriter]:
        """One transaction: everything written inside is captured and committed
        together, or nothing is (any exception rolls it all back)."""
        with self.db.session() as session:
            writer = ChangeWriter(session, self.site.id, self.site.code, actor=self.actor,
                                  source=source, wall=self._wall)
            writer.today = self.today()
            yield writer
            writer.finish()

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    # -- import sessions --------------------------------------------------------------
    #: how long one import session's check and backup stand for the next imports
    #: (and never past the office's day: a new day starts a new session)
    IMPORT_SESSION_SECONDS = 12 * 60 * 60
    IMPORT_SESSION_KEY = "import_session"   # local_state: {"file", "mark", "at", "day"}

    def begin_import_session(self):
        """Before imported data is written: check the database (``quick_check``)
        and back it up, verified — once per import session, so sixty packages in
        a row, in one window or in sixty command-line runs, pay for one copy.
        The session is kept in the database (``local_state``), so it outlives the
        process. A new session starts when anything but an import was written
        since its backup (so the backup plus the files imported since is
        everything), on a new day, after ``IMPORT_SESSION_SECONDS``, or when its
        backup file is gone. A damaged database raises ``DamagedDatabase`` and
        nothing is written. Returns the session's backup (None: no file to back up)."""
        import json
        import time

        from zsdesk.db.engine import backup_file, backups_of
        from zsdesk.db.models import ChangeLog
        from zsdesk.timefmt import BEIJING

        path = self.db.path
        if path is None or not path.exists():
            return None
        now = time.time()
        today = dt.datetime.now(BEIJING).date().isoformat()
        with self.read() as s:
            row = s.get(LocalState, self.IMPORT_SESSION_KEY)
            newest = s.scalar(select(func.max(ChangeLog.seq))) or 0
            try:
                session = json.loads(row.value) if row is not None else None
                backup = next((b for b in backups_of(path) if b.name == session["file"]), None)
                fresh = (session["day"] == today and 0 <= now - float(session["at"]) < self.IMPORT_SESSION_SECONDS
                         and backup is not None)
                other = fresh and s.scalar(select(ChangeLog.seq).where(
                    ChangeLog.seq > int(session["mark"]), ~ChangeLog.source.startswith("sync:")).limit(1))
            except (ValueError, TypeError, KeyError):
                fresh, other = False, None
        if fresh and other is None:
            self._session_note = {**session, "mark": newest}
            return backup
        backup = backup_file(path, "before-import", password=getattr(self.db, "password", None))
        self._session_note = {"file": backup.name, "mark": newest, "at": now, "day": today}
        return backup

    _session_note: dict | None = None

    def record_import_session(self, session: Session) -> None:
        """Keep the import session (its backup and mark) in ``local_state`` — in
        the import's own transaction, so a refused or failed file leaves the
        database exactly as it was."""
        import json

        if self._session_note is not None:
            session.merge(LocalState(key=self.IMPORT_SESSION_KEY, value=json.dumps(self._session_note)))
            self._session_note = None

    # -- rights --------------------------------------------------------------------
    def check_can_edit(self, table: str, owner_site_id: str | None) -> None:
        """Raise ReadOnlyError unless this site may change a record of ``table``
        owned by ``owner_site_id`` (None: a new record)."""
        from zsdesk.errors import ReadOnlyError

        if table in CITY_TABLES and not self.site.is_city:
            raise ReadOnlyError("参考数据（产业、目标、评分规则、亮灯时限等）由市级维护，县级只读")
        if owner_site_id is None or owner_site_id == self.site.id:
            return
        if owner_site_id == SEED_SITE_ID and self.site.is_city:
            return
        if table in CITY_MAINTAINED and self.site.is_city:
            return
        owner = self.site_name_of(owner_site_id)
        raise ReadOnlyError(f"该记录属于“{owner}”，本站点只读")

    def site_name_of(self, site_id: str) -> str:
        with self.read() as s:
            name = s.scalar(select(Site.name).where(Site.id == site_id))
        return name or site_id

    # -- services --------------------------------------------------------------------
    @cached_property
    def reference(self) -> ReferenceService:
        from zsdesk.services.reference import ReferenceService
        return ReferenceService(self)

    @cached_property
    def companies(self) -> CompanyService:
        from zsdesk.services.companies import CompanyService
        return CompanyService(self)

    @cached_property
    def visits(self) -> VisitService:
        from zsdesk.services.visits import VisitService
        return VisitService(self)

    @cached_property
    def leads(self) -> LeadService:
        from zsdesk.services.leads import LeadService
        return LeadService(self)

    @cached_property
    def projects(self) -> ProjectService:
        from zsdesk.services.projects import ProjectService
        return ProjectService(self)

    @cached_property
    def carriers(self) -> CarrierService:
        from zsdesk.services.carriers import CarrierService
        return CarrierService(self)

    @cached_property
    def attachments(self) -> AttachmentService:
        from zsdesk.services.attachments import AttachmentService
        return AttachmentService(self)

    @cached_property
    def audit(self) -> AuditService:
        from zsdesk.services.audit import AuditService
        return AuditService(self)

    def counts(self) -> dict[str, int]:
        """Live (not deleted) rows per synced table."""
        out = {}
        with self.read() as s:
            for name, model in SYNCED_MODELS.items():
                out[name] = s.scalar(select(func.count()).select_from(model).where(~model.deleted)) or 0
        return out

    def close(self) -> None:
        self.db.close()


def open_workspace(db_path=None, password: str | None = None, **kw) -> Workspace:
    """The workspace of ``db_path`` (see ``resolve_db_url``). ``password`` opens a
    database encrypted with one; without it such a database is refused with
    ``PasswordRequired`` ("数据库已加密：请输入密码"), with a wrong one ``WrongPassword``."""
    return Workspace(Database(resolve_db_url(db_path), password=password), **kw)


def change_database_password(ws: Workspace, old: str | None, new: str | None):
    """设置密码 (``old`` None), 修改密码, or 取消密码 (``new`` None) of the open
    SQLite database: it and its backups are rewritten under the new password,
    each file atomically (see ``zsdesk.db.cipher``). Returns the ``Outcome``
    (which backups were converted). ``WrongPassword`` when ``old`` is wrong."""
    from zsdesk.db import cipher

    return cipher.change_open(ws.db, old, new)


def database_protection(ws: Workspace) -> str:
    """How the database is stored: "encrypted", "plain", "unavailable" (this
    build has no SQLCipher) or "not-applicable" (PostgreSQL, memory)."""
    from zsdesk.db import cipher

    if ws.db.path is None:
        return "not-applicable"
    if ws.db.password is not None:
        return "encrypted"
    return "plain" if cipher.available() else "unavailable"


def fingerprint(public_key_b64: str) -> str:
    from zsdesk.sync.crypto import key_fingerprint

    return key_fingerprint(public_key_b64)


def init_site(ws: Workspace, *, role: str, code: str, name: str, unit_name: str | None = None,
              site_id: str | None = None, own_unit: bool = True, counter_floor: int = 0) -> SiteInfo:
    """Make this database a site: its id, Ed25519 key pair, change counter and
    clock; the built-in catalogue; for a county, its own 招商单元 (unless the
    city's setup file brings it: ``own_unit=False``). ``site_id`` is given when
    the city assigned it in a setup file; ``counter_floor`` when that site wrote
    before on a laptop now replaced (its counters go on above what the city holds)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from zsdesk.db.models import Unit
    from zsdesk.db.types import new_id

    role = require_choice(role, "role", ROLES)
    code = (require_text(code, "code", max_len=31) or "").upper()
    if not SITE_CODE_RE.match(code) or code == SEED_CODE:
        raise ValidationError("code", "站点代码只能含大写字母、数字和连字符，2至31位（例：TX-U01）")
    name = require_text(name, "name", max_len=100)
    if ws.initialised:
        raise RefusedError(f"数据库已初始化为站点“{ws.site.name}”（{ws.site.code}），不能重复初始化")

    key = Ed25519PrivateKey.generate()
    private = base64.b64encode(key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())).decode()
    public = base64.b64encode(key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()
    box = X25519PrivateKey.generate()  # packages addressed to this site are encrypted to it
    box_private = base64.b64encode(box.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())).decode()
    box_public = base64.b64encode(box.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()
    site_id = site_id or new_id()
    with ws.read() as s:
        s.add_all(LocalState(key=k, value=v) for k, v in {
            "site_id": site_id, "site_code": code, "site_name": name, "role": role,
            "private_key": private, "box_private_key": box_private, "counter": str(counter_floor), "hlc": "0",
        }.items())
    ws.__dict__.pop("site", None)

    with ws.write(source="init") as w:
        counter = 1
        for model, rows in seed_tables():
            w.insert_seed(model, rows, SEED_SITE_ID, counter)
            counter += len(rows)
        w.insert(Site, {"id": site_id, "code": code, "name": name, "role": role,
                        "public_key": public, "fingerprint": fingerprint(public), "box_key": box_public})
        if role == "county" and own_unit:
            w.insert(Unit, {"id": new_id(), "code": code, "name": unit_name or name, "site_id": site_id})
    return ws.site
