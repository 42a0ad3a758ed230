"""SQLAlchemy models for every entity of docs/DOMAIN.md#words.

Every synced record has a UUID primary key made at its origin site, an owner
site, and a tombstone flag (``deleted``) instead of deletes. Money is exact
(``Money``: 万元 as a scaled integer). Writes to synced tables go through
``zsdesk.db.changes.ChangeWriter`` so that each one is captured in the
append-only ``change_log``; the ORM is used here for reading.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint, text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from zsdesk.db.types import Money, Quantity, UTCDateTime


class Base(DeclarativeBase):
    if TYPE_CHECKING:
        # every model here is mapped to a Table (DeclarativeBase types it as the wider
        # FromClause, which insert() and update() do not take)
        __table__: ClassVar[Table]


ID = String(36)


def fk(target: str, *, nullable: bool = True, index: bool = False):
    return mapped_column(ID, ForeignKey(target), nullable=nullable, index=index)


class Synced:
    """Columns every synced record has. ``__local__`` names derived columns that
    are computed at each site and never captured or synced."""

    __local__: tuple[str, ...] = ()
    __numbered__: str | None = None  # prefix kind for human-readable numbers
    if TYPE_CHECKING:  # given by Base, which every synced model also derives from
        __tablename__: str

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    owner_site_id: Mapped[str] = mapped_column(ID, ForeignKey("sites.id"), nullable=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


# --- local state (never synced) ----------------------------------------------

class LocalState(Base):
    """Key/value facts about this installation: its site id, private key,
    change counter and clock. One database = one site."""

    __tablename__ = "local_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class NumberSequence(Base):
    """Next human-readable number per (site, kind, year)."""

    __tablename__ = "number_sequences"
    site_id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


#: the tables whose change log rows make 突击上报 (``zsdesk.metrics``), and the condition
#: of the partial index on their ``recorded_at``: SQL text of constants, never user values
RUSH_TABLES = ("projects", "project_stages", "capital_arrivals")
#: the open follow-ups' partial indexes (migration 0014). SQLite uses a partial index only
#: when the query's WHERE holds these terms as written: a Boolean compares with 0 there
#: (what SQLAlchemy renders for ``~Visit.deleted``), and the stages are literals
#: (``zsdesk.reminders.OPEN_LEAD_STAGES``).
OPEN_VISIT_WHERE = {"sqlite": "deleted = 0 AND followup_done = 0 AND next_due IS NOT NULL",
                    "postgresql": "NOT deleted AND NOT followup_done AND next_due IS NOT NULL"}
OPEN_LEAD_STAGES_SQL = "stage NOT IN ('signed', 'terminated')"
OPEN_LEAD_WHERE = {"sqlite": f"deleted = 0 AND {OPEN_LEAD_STAGES_SQL} AND next_followup IS NOT NULL",
                   "postgresql": f"NOT deleted AND {OPEN_LEAD_STAGES_SQL} AND next_followup IS NOT NULL"}
RUSH_WHERE = "tbl IN (" + ", ".join(f"'{t}'" for t in RUSH_TABLES) + ")"


class ChangeLog(Base):
    """Append-only record of every write: the input of sync and the audit trail.

    One row per written record. ``data`` is JSON: for an insert ``{field: value}``
    with every synced field; for an update ``{field: [old, new]}`` for the fields
    that changed. An insert is stored compact (migration 0012): ``{"~":1}`` and only
    the fields whose value differs from the row; the rest read "as in the row".
    Read entries' data through ``zsdesk.db.changes.entries_data`` (or
    ``entry_fields`` for the names), never ``json.loads`` alone; a write that
    changes a synced row outside ``ChangeWriter`` and the merge must first call
    ``keep_insert_values`` (or ``expand_inserts``). ``base`` is JSON ``{field: "site_id:counter"}``: the version of
    each field the writer saw. Every field in ``data`` carries this row's stamp
    ``(hlc, origin_site_id, counter)``. Both are written without spaces
    (``zsdesk.db.changes.LOG_JSON``).

    Indexes: by origin and counter (sync's deduplication, unique) and by record
    (its versions and audit trail). ``recorded_at`` is indexed only for the rows of
    the three 突击上报 tables (``ix_change_rushed``, partial, migration 0013): a full
    index on it was 4% of the file and unused (migration 0011). A query uses the
    partial index only when its WHERE holds ``RUSH_WHERE`` literally (``zsdesk.metrics``).
    """

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                     autoincrement=True)
    origin_site_id: Mapped[str] = mapped_column(ID, nullable=False)
    counter: Mapped[int] = mapped_column(BigInteger, nullable=False)
    hlc: Mapped[int] = mapped_column(BigInteger, nullable=False)
    tbl: Mapped[str] = mapped_column(String(40), nullable=False)
    row_id: Mapped[str] = mapped_column(ID, nullable=False)
    op: Mapped[str] = mapped_column(String(1), nullable=False)  # I insert, U update, D tombstone
    data: Mapped[str] = mapped_column(Text, nullable=False)
    base: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(String(80), nullable=False, default="local")
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)

    __table_args__ = (
        UniqueConstraint("origin_site_id", "counter", name="uq_change_origin_counter"),
        Index("ix_change_row", "tbl", "row_id"),
        Index("ix_change_rushed", "recorded_at", sqlite_where=text(RUSH_WHERE), postgresql_where=text(RUSH_WHERE)),
    )


# --- sites and reference data --------------------------------------------------

class Site(Synced, Base):
    """An installation: a county unit (role county) or the city office."""

    __tablename__ = "sites"
    code: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    role: Mapped[str] = mapped_column(String(8), nullable=False)
    public_key: Mapped[str | None] = mapped_column(Text)  # Ed25519, base64
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    box_key: Mapped[str | None] = mapped_column(Text)  # X25519 (encryption to this site), base64


class Unit(Synced, Base):
    """招商单元 / 专班: every business record belongs to one."""

    __tablename__ = "units"
    code: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    # The site that keeps this unit's records. Not a foreign key: the city assigns
    # a county's site id in its setup file, before that site exists anywhere.
    site_id: Mapped[str | None] = mapped_column(ID, index=True)
    region: Mapped[str | None] = mapped_column(String(60))
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


class Staff(Synced, Base):
    """招商人员."""

    __tablename__ = "staff"
    unit_id: Mapped[str] = fk("units.id", nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    title: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)

    unit: Mapped[Unit] = relationship(lazy="joined")


class Industry(Synced, Base):
    """产业 (level 0) and 产业链环节 (chain nodes, children with a position)."""

    __tablename__ = "industries"
    code: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(60), nullable=False)
    parent_id: Mapped[str | None] = fk("industries.id")
    chain_position: Mapped[str | None] = mapped_column(String(8))  # 上游/中游/下游
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0, nullable=False)


class Company(Synced, Base):
    """客商 / 企业: an investor or target firm."""

    __tablename__ = "companies"
    __local__ = ("name_norm", "search_key")
    __numbered__ = "C"
    number: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False, index=True)  # lists sorted by company
    usci: Mapped[str | None] = mapped_column(String(18), index=True)
    tags: Mapped[str | None] = mapped_column(String(120))  # 、-separated kind tags
    region: Mapped[str | None] = mapped_column(String(60))  # home region
    address: Mapped[str | None] = mapped_column(String(200))
    industry_id: Mapped[str | None] = fk("industries.id")
    notes: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[str | None] = fk("companies.id")
    name_norm: Mapped[str] = mapped_column(String(120), nullable=False, index=True)
    search_key: Mapped[str | None] = mapped_column(Text)


class CompanyNameKey(Base):
    """撞车 look-up keys of a company's ``name_norm`` (local, derived, never synced):
    the name and the name less one character at each place (symmetric deletion, as
    SymSpell), each as a 64-bit hash (``zsdesk.db.changes.name_key_hashes``). Two
    names at most one insertion and one deletion (or a substitution) apart share a
    key. Written wherever ``name_norm`` is (``ChangeWriter``, the sync merge); a
    rename removes the old name's keys by primary key (no index on ``company_id``);
    a deleted or merged company keeps its keys (detection leaves those out). SQLite
    keeps the table as its primary key's B-tree alone (WITHOUT ROWID)."""

    __tablename__ = "company_name_keys"
    key_hash: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    company_id: Mapped[str] = mapped_column(ID, primary_key=True)

    __table_args__ = {"sqlite_with_rowid": False}


class CompanyContact(Synced, Base):
    __tablename__ = "company_contacts"
    company_id: Mapped[str] = fk("companies.id", nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(40), nullable=False)
    title: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(80))
    wechat: Mapped[str | None] = mapped_column(String(60))


class Carrier(Synced, Base):
    """载体: land parcel, standard factory or office space."""

    __tablename__ = "carriers"
    __numbered__ = "Z"
    number: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    unit_id: Mapped[str] = fk("units.id", nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    park: Mapped[str | None] = mapped_column(String(80))
    address: Mapped[str | None] = mapped_column(String(200))
    area: Mapped[Decimal | None] = mapped_column(Quantity())  # m² (土地: 亩)
    free_area: Mapped[Decimal | None] = mapped_column(Quantity())
    price: Mapped[Decimal | None] = mapped_column(Money())  # 万元 per unit of area per year
    notes: Mapped[str | None] = mapped_column(Text)


# --- the pipeline: visits, leads, projects ---------------------------------------

class Visit(Synced, Base):
    """拜访 / 走访 / 外出招商."""

    __tablename__ = "visits"
    __numbered__ = "V"
    number: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    unit_id: Mapped[str] = fk("units.id", nullable=False)
    company_id: Mapped[str | None] = fk("companies.id", index=True)
    lead_id: Mapped[str | None] = fk("leads.id", index=True)
    visit_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    place: Mapped[str | None] = mapped_column(String(100))
    trip_days: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    people: Mapped[str | None] = mapped_column(String(200))  # the company side: names and titles
    outcome: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)
    next_due: Mapped[dt.date | None] = mapped_column(Date)
    followup_done: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    staff_id: Mapped[str | None] = fk("staff.id")  # who recorded / led the visit

    __table_args__ = (
        Index("ix_visits_unit_date", "unit_id", "visit_date"),
        Index("ix_visits_date", "visit_date"),
        Index("ix_visits_due", "next_due"),
        # the open follow-ups only (a few in a hundred visits): what reminders count and list
        Index("ix_visits_open_due", "next_due", "unit_id", "staff_id",
              sqlite_where=text(OPEN_VISIT_WHERE["sqlite"]), postgresql_where=text(OPEN_VISIT_WHERE["postgresql"])),
    )


class VisitParticipant(Synced, Base):
    """Our staff on a visit."""

    __tablename__ = "visit_participants"
    visit_id: Mapped[str] = fk("visits.id", nullable=False, index=True)
    staff_id: Mapped[str] = fk("staff.id", nullable=False, index=True)


class Lead(Synced, Base):
    """线索 / 在谈项目."""

    __tablename__ = "leads"
    __local__ = ("search_key",)
    __numbered__ = "L"
    number: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    unit_id: Mapped[str] = fk("units.id", nullable=False)
    company_id: Mapped[str] = fk("companies.id", nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)  # project name
    industry_id: Mapped[str | None] = fk("industries.id")
    planned_investment: Mapped[Decimal | None] = mapped_column(Money())  # 万元
    foreign_investment_usd: Mapped[Decimal | None] = mapped_column(Money())  # 万美元
    source: Mapped[str | None] = mapped_column(String(60))
    stage: Mapped[str] = mapped_column(String(16), nullable=False)
    stage_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    stage_reason: Mapped[str | None] = mapped_column(Text)
    owner_staff_id: Mapped[str | None] = fk("staff.id")  # 包保责任人
    first_reported: Mapped[dt.date] = mapped_column(Date, nullable=False)  # 首报日期
    next_followup: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str | None] = mapped_column(Text)  # name, full pinyin, initials (local)

    __table_args__ = (
        Index("ix_leads_unit_stage", "unit_id", "stage"),
        Index("ix_leads_followup", "next_followup"),
        Index("ix_leads_open_followup", "next_followup", "unit_id", "owner_staff_id",
              sqlite_where=text(OPEN_LEAD_WHERE["sqlite"]), postgresql_where=text(OPEN_LEAD_WHERE["postgresql"])),
    )


class LeadStage(Synced, Base):
    """Stage history of a lead (insert-only)."""

    __tablename__ = "lead_stages"
    lead_id: Mapped[str] = fk("leads.id", nullable=False, index=True)
    stage: Mapped[str] = mapped_column(String(16), nullable=False)
    stage_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)


class Project(Synced, Base):
    """签约项目."""

    __tablename__ = "projects"
    __local__ = ("search_key",)
    __numbered__ = "P"
    number: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    unit_id: Mapped[str] = fk("units.id", nullable=False)
    lead_id: Mapped[str | None] = fk("leads.id")
    company_id: Mapped[str] = fk("companies.id", nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    industry_id: Mapped[str | None] = fk("industries.id")
    contract_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    contract_investment: Mapped[Decimal] = mapped_column(Money(), nullable=False)  # 万元
    foreign_investment_usd: Mapped[Decimal | None] = mapped_column(Money())  # 万美元
    land_mu: Mapped[Decimal | None] = mapped_column(Quantity())
    carrier_id: Mapped[str | None] = fk("carriers.id")
    jobs: Mapped[int | None] = mapped_column(Integer)
    expected_output: Mapped[Decimal | None] = mapped_column(Money())  # 万元 per year
    expected_tax: Mapped[Decimal | None] = mapped_column(Money())
    stage: Mapped[str] = mapped_column(String(16), nullable=False)
    stage_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    stage_reason: Mapped[str | None] = mapped_column(Text)
    owner_staff_id: Mapped[str | None] = fk("staff.id")
    # 项目类别 (domain.PROJECT_CATEGORIES: 工业 …), for the person-level 赛马; migration 0009
    category: Mapped[str | None] = mapped_column(String(16))
    notes: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str | None] = mapped_column(Text)  # name, full pinyin, initials (local)

    __table_args__ = (
        Index("ix_projects_unit_date", "unit_id", "contract_date"),
        Index("ix_projects_date", "contract_date"),
        Index("ix_projects_stage", "stage"),
    )


class ProjectStage(Synced, Base):
    """Stage history of a project (insert-only)."""

    __tablename__ = "project_stages"
    project_id: Mapped[str] = fk("projects.id", nullable=False, index=True)
    stage: Mapped[str] = mapped_column(String(16), nullable=False)
    stage_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)
    deleted_reason: Mapped[str | None] = mapped_column(Text)  # why the entry was deleted


class CapitalArrival(Synced, Base):
    """资金到位: a dated amount (insert-only)."""

    __tablename__ = "capital_arrivals"
    project_id: Mapped[str] = fk("projects.id", nullable=False, index=True)
    arrival_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Money(), nullable=False)  # 万元
    note: Mapped[str | None] = mapped_column(Text)
    deleted_reason: Mapped[str | None] = mapped_column(Text)  # why the arrival was deleted

    __table_args__ = (Index("ix_arrivals_date", "arrival_date"),)


class Problem(Synced, Base):
    """待协调问题."""

    __tablename__ = "problems"
    project_id: Mapped[str] = fk("projects.id", nullable=False, index=True)
    category: Mapped[str] = mapped_column(String(16), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    raised_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    responsible: Mapped[str | None] = mapped_column(String(80))  # 责任部门
    resolved: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    resolved_date: Mapped[dt.date | None] = mapped_column(Date)
    resolution: Mapped[str | None] = mapped_column(Text)
    deleted_reason: Mapped[str | None] = mapped_column(Text)  # why the problem was deleted


class Review(Synced, Base):
    """落户预审 of a major project or lead; ``step`` is the current step."""

    __tablename__ = "reviews"
    project_id: Mapped[str | None] = fk("projects.id", index=True)
    lead_id: Mapped[str | None] = fk("leads.id", index=True)
    step: Mapped[str] = mapped_column(String(16), nullable=False)
    step_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    comment: Mapped[str | None] = mapped_column(Text)


class ReviewStep(Synced, Base):
    """History of a review (insert-only)."""

    __tablename__ = "review_steps"
    review_id: Mapped[str] = fk("reviews.id", nullable=False, index=True)
    step: Mapped[str] = mapped_column(String(16), nullable=False)
    step_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    comment: Mapped[str | None] = mapped_column(Text)


class Referral(Synced, Base):
    """项目共享 / 飞地: a project passed from 飞出地 to 飞入地 with share ratios.
    ``from_share_*`` is the share credited to the 飞出地; the rest goes to the
    project's own unit (飞入地)."""

    __tablename__ = "referrals"
    project_id: Mapped[str] = fk("projects.id", nullable=False, index=True)
    from_unit_id: Mapped[str] = fk("units.id", nullable=False)
    to_unit_id: Mapped[str] = fk("units.id", nullable=False)
    from_share_investment: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    from_share_tax: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    from_share_score: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    agreed_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class Target(Synced, Base):
    """考核目标: per unit (and optionally per person) per year and metric."""

    __tablename__ = "targets"
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    unit_id: Mapped[str] = fk("units.id", nullable=False)
    staff_id: Mapped[str | None] = fk("staff.id")
    metric: Mapped[str] = mapped_column(String(32), nullable=False)
    value: Mapped[Decimal] = mapped_column(Money(), nullable=False)

    # One live target per unit (or person), year and metric, whoever writes it (issue 13:
    # two PCs saving at once left two rows). Two partial indexes, because a unique index
    # treats NULLs as distinct: one for the unit's own targets, one for a person's.
    # Made by migration 0008_unique_targets, which merged the duplicates found first.
    __table_args__ = (
        Index("ix_targets_year_unit", "year", "unit_id"),
        Index("uq_targets_unit_key", "year", "unit_id", "metric", unique=True,
              sqlite_where=text("staff_id IS NULL AND NOT deleted"),
              postgresql_where=text("staff_id IS NULL AND NOT deleted")),
        Index("uq_targets_staff_key", "year", "unit_id", "staff_id", "metric", unique=True,
              sqlite_where=text("staff_id IS NOT NULL AND NOT deleted"),
              postgresql_where=text("staff_id IS NOT NULL AND NOT deleted")),
    )


class ScoringRules(Synced, Base):
    """A versioned set of scoring rules for the 赛马 ranking.

    ``weights`` is JSON {metric: points}; ``deductions`` JSON {kind: points per case}.
    """

    __tablename__ = "scoring_rules"
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    weights: Mapped[str] = mapped_column(Text, nullable=False)
    deductions: Mapped[str] = mapped_column(Text, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)


class Setting(Synced, Base):
    """Settings the city office configures (亮灯 limits, brief recipients, ...).
    ``id`` is the setting key, so every site shares the same record."""

    __tablename__ = "settings"
    value: Mapped[str] = mapped_column(Text, nullable=False)  # JSON


class Attachment(Synced, Base):
    """A file kept in the data folder (``attachments/<sha256>``), linked to a record."""

    __tablename__ = "attachments"
    tbl: Mapped[str] = mapped_column(String(40), nullable=False)
    row_id: Mapped[str] = mapped_column(ID, nullable=False)
    kind: Mapped[str | None] = mapped_column(String(20))  # 合同, 到资凭证, ...
    filename: Mapped[str] = mapped_column(String(200), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    deleted_reason: Mapped[str | None] = mapped_column(Text)  # why the attachment was deleted

    __table_args__ = (Index("ix_attachments_row", "tbl", "row_id"),)


class Alert(Synced, Base):
    """撞车: the same investor pursued by two units (found by the city on import).
    ``summary`` is JSON with both sides' names, numbers and first contact dates, so
    a county sees the other side without holding its records."""

    __tablename__ = "alerts"
    company_a_id: Mapped[str] = mapped_column(ID, nullable=False)
    company_b_id: Mapped[str] = mapped_column(ID, nullable=False)
    unit_a_id: Mapped[str] = fk("units.id", nullable=False)
    unit_b_id: Mapped[str] = fk("units.id", nullable=False)
    reason: Mapped[str] = mapped_column(String(8), nullable=False)  # usci / name
    score: Mapped[Decimal] = mapped_column(Quantity(), nullable=False)
    first_unit_id: Mapped[str | None] = fk("units.id")  # 首报首谈 suggestion
    summary: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(12), default="open", nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


# --- 产业链图谱 and 招商活动 (issue 16; migration 0010) --------------------------------

class Event(Synced, Base):
    """招商活动: a 集中签约, 推介会, 展会 or 外出招商活动 organised by a unit, possibly one of
    a named series (``series``: "1336", "兰洽会" …). Kept at the site of its unit."""

    __tablename__ = "events"
    unit_id: Mapped[str] = fk("units.id", nullable=False, index=True)   # 主办单元
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)       # zsdesk.events.EVENT_KINDS
    start_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(100))
    series: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)


class EventLink(Synced, Base):
    """A visit, lead or signed project linked to a 招商活动 (``record_table``:
    visits / leads / projects). A row of its own, not a column of those tables,
    so records written by an earlier version sync unchanged."""

    __tablename__ = "event_links"
    event_id: Mapped[str] = fk("events.id", nullable=False, index=True)
    record_table: Mapped[str] = mapped_column(String(16), nullable=False)
    record_id: Mapped[str] = mapped_column(ID, nullable=False)

    __table_args__ = (Index("ix_event_links_record", "record_table", "record_id"),)


class ChainTarget(Synced, Base):
    """目标企业: a company of the 客商库 marked by a unit as a target for one chain node
    (产业链环节), as 龙头 / 配套 / 其他. A county marks its own; the city sees all."""

    __tablename__ = "chain_targets"
    node_id: Mapped[str] = fk("industries.id", nullable=False, index=True)
    company_id: Mapped[str] = fk("companies.id", nullable=False, index=True)
    unit_id: Mapped[str] = fk("units.id", nullable=False)
    role: Mapped[str] = mapped_column(String(8), nullable=False)        # zsdesk.chains.TARGET_ROLES
    note: Mapped[str | None] = mapped_column(Text)


# --- sync bookkeeping (local to each site, never synced) -------------------------

class SyncPeer(Base):
    """A site this one exchanges packages with, and where each direction stands."""

    __tablename__ = "sync_peers"
    site_id: Mapped[str] = mapped_column(ID, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    role: Mapped[str] = mapped_column(String(8), nullable=False)
    sign_key: Mapped[str | None] = mapped_column(Text)   # Ed25519 public, base64
    box_key: Mapped[str | None] = mapped_column(Text)    # X25519 public, base64
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    trusted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    enrolled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # receiving: what we applied from them
    rx_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)       # their package seq
    rx_upto: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)   # their log position
    rx_manifest: Mapped[str | None] = mapped_column(String(64))                   # hash of that manifest
    rx_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # sending: what we sent and what they acknowledged
    tx_seq: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    tx_manifest: Mapped[str | None] = mapped_column(String(64))
    tx_upto: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)   # our log position last sent
    acked_upto: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)
    acked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())           # time of the data acked
    ack_report: Mapped[str | None] = mapped_column(Text)  # JSON: rows they refused, with reasons
    ref_version: Mapped[int] = mapped_column(BigInteger, default=0, nullable=False)  # reference snapshot held
    clock_warning: Mapped[str | None] = mapped_column(Text)
    # enrolment (city side): the one-time secret of the county's current setup file;
    # cleared when a package proves it and the key is enrolled
    enrol_secret: Mapped[str | None] = mapped_column(String(64))
    enrol_issued_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    confirm_fingerprint: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # JSON list of {"sign_key", "fingerprint", "revoked_at"}: keys of laptops replaced
    # by a new setup file; a package signed with one is refused
    revoked_keys: Mapped[str | None] = mapped_column(Text)


class SyncPackage(Base):
    """Every package exported or imported, pending or refused."""

    __tablename__ = "sync_packages"
    package_id: Mapped[str] = mapped_column(ID, primary_key=True)
    direction: Mapped[str] = mapped_column(String(3), nullable=False)  # in / out
    peer_site_id: Mapped[str] = mapped_column(ID, nullable=False)
    seq: Mapped[int] = mapped_column(Integer, nullable=False)
    manifest_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)  # exported / applied / pending
    file_name: Mapped[str] = mapped_column(String(200), nullable=False)
    stored_path: Mapped[str | None] = mapped_column(Text)  # a pending package's copy
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    summary: Mapped[str | None] = mapped_column(Text)  # JSON

    __table_args__ = (Index("ix_sync_packages_peer", "peer_site_id", "direction", "seq"),)


class Conflict(Base):
    """Two concurrent writes of one field (or an edit concurrent with a delete):
    the automatic winner is applied everywhere; a person confirms or changes it."""

    __tablename__ = "conflicts"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    tbl: Mapped[str] = mapped_column(String(40), nullable=False)
    row_id: Mapped[str] = mapped_column(ID, nullable=False)
    field: Mapped[str] = mapped_column(String(40), nullable=False)
    versions: Mapped[str] = mapped_column(Text, nullable=False)  # JSON [{token, site, hlc, value}], winner first
    status: Mapped[str] = mapped_column(String(10), default="open", nullable=False)  # open / resolved
    detected_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    resolution: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_conflicts_row", "tbl", "row_id", "field"),
                      Index("ix_conflicts_status", "status"))


#: table name -> model. Typed Any on purpose: the model is chosen at run time and
#: its columns are looked up by name (``model.company_id`` where the table has one)
SYNCED_MODELS: dict[str, Any] = {
    m.__tablename__: m
    for m in Base.__subclasses__() if issubclass(m, Synced)
}


def synced_columns(model) -> list[str]:
    """Names of the columns captured and synced for a model (all but id and local ones)."""
    return [c.key for c in model.__table__.columns if c.key != "id" and c.key not in model.__local__]
