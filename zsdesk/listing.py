"""What a record list shows, as plain values: its columns (``COLUMNS``), the
order it opens in (``DEFAULT_SORT``), a ``ListQuery`` (search, filters, sort)
and the compact ``IdList`` of the rows it lists.

Moved here from ``zsdesk.services.queries`` (which re-exports every name) so that
they import no database library: the window makes its first list and fills it
before the database layer is imported (``zsdesk.db.first_screen``, issue 15).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

KINDS = ("visits", "leads", "projects", "companies", "carriers")
PAGE_SIZE = 200


@dataclass(frozen=True)
class Column:
    """One column of a list. ``type`` tells the screen how to show the value:
    text, date, int, money (万元, Decimal), quantity (Decimal) or light."""

    key: str
    title: str
    type: str = "text"
    width: int = 110
    visible: bool = True
    tip: str = ""


@dataclass(frozen=True)
class ListQuery:
    """What a list shows.

    ``kinds`` are visit kinds (visits), carrier kinds (carriers) or kind tags
    (companies); ``stages`` are stage codes (leads, projects). ``year`` is the
    year of the visit date, the first report (leads) or the contract (projects).
    ``lights`` are 亮灯 colours (projects, leads). ``row_ids`` (drill-down)
    restricts the list to exactly those records; None means no restriction.
    ``sort`` is a column key (None: the list's default order).
    """

    kind: str
    text: str = ""
    unit_ids: tuple[str, ...] = ()
    industry_ids: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    year: int | None = None
    lights: tuple[str, ...] = ()
    row_ids: tuple[str, ...] | None = None
    sort: str | None = None
    descending: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown list: {self.kind}")
        for name in ("unit_ids", "industry_ids", "stages", "kinds", "lights"):
            object.__setattr__(self, name, tuple(getattr(self, name) or ()))
        if self.row_ids is not None:
            object.__setattr__(self, "row_ids", tuple(self.row_ids))

    def with_(self, **changes) -> ListQuery:
        return replace(self, **changes)

    @property
    def terms(self) -> list[str]:
        return [t for t in (self.text or "").lower().split() if t]


OWNER = Column("owner", "所属站点", width=120, visible=False,
               tip="记录由其他站点维护时，显示该站点（本站点只读）")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "visits": (
        Column("number", "编号", width=132),
        Column("visit_date", "拜访日期", "date", 92),
        Column("company", "企业", width=214),
        Column("kind", "方式", width=112),
        Column("place", "地点", width=150),
        Column("people", "对方人员", width=180),
        Column("staff", "我方负责人", width=86),
        Column("trip_days", "外出天数", "int", 70),
        Column("unit", "招商单元", width=150),
        Column("next_step", "下一步", width=200),
        Column("next_due", "截止", "date", 92),
        Column("outcome", "成果", width=260, visible=False),
        OWNER,
    ),
    "leads": (
        Column("light", "亮灯", "light", 50, tip="按亮灯规则：阶段停留时间、搁置"),
        Column("number", "编号", width=132),
        Column("name", "项目名称", width=200),
        Column("company", "企业", width=190),
        Column("industry", "产业", width=120),
        Column("planned_investment", "计划投资(万元)", "money", 108),
        Column("stage", "阶段", width=56),
        Column("stage_date", "阶段日期", "date", 92),
        Column("owner_staff", "包保责任人", width=86),
        Column("unit", "招商单元", width=150),
        Column("first_reported", "首报日期", "date", 92, visible=False),
        Column("next_followup", "下次跟进", "date", 92, visible=False),
        Column("source", "来源", width=110, visible=False),
        OWNER,
    ),
    "projects": (
        Column("light", "亮灯", "light", 50, tip="按亮灯规则：开工、投产时限，待协调问题"),
        Column("number", "编号", width=132),
        Column("name", "项目名称", width=210),
        Column("company", "企业", width=190),
        Column("industry", "产业", width=120),
        Column("contract_date", "签约日期", "date", 92),
        Column("contract_investment", "合同投资(万元)", "money", 108),
        Column("stage", "阶段", width=56),
        Column("stage_date", "阶段日期", "date", 92, visible=False),
        Column("owner_staff", "包保责任人", width=86),
        Column("unit", "招商单元", width=150),
        Column("land_mu", "用地(亩)", "quantity", 80, visible=False),
        Column("carrier", "载体", width=150, visible=False),
        Column("jobs", "用工(人)", "int", 72, visible=False),
        OWNER,
    ),
    "companies": (
        Column("number", "编号", width=132),
        Column("name", "企业名称", width=250),
        Column("usci", "统一社会信用代码", width=170),
        Column("tags", "类型", width=170),
        Column("region", "所在地区", width=110),
        Column("industry", "产业", width=130),
        Column("address", "地址", width=240),
        OWNER,
    ),
    "carriers": (
        Column("number", "编号", width=132),
        Column("name", "载体名称", width=230),
        Column("kind", "类型", width=80),
        Column("park", "园区", width=170),
        Column("unit", "招商单元", width=150),
        Column("area", "面积", "quantity", 90, tip="土地：亩；厂房、楼宇：平方米"),
        Column("free_area", "空置面积", "quantity", 90),
        Column("price", "价格(万元)", "money", 90, tip="每单位面积每年"),
        Column("address", "地址", width=240),
        OWNER,
    ),
}

#: the order a list opens in: (column key, descending)
DEFAULT_SORT = {
    "visits": ("visit_date", True),
    "leads": ("first_reported", True),
    "projects": ("contract_date", True),
    "companies": ("number", False),
    "carriers": ("number", False),
}

#: the table each list shows (the record type a form opens)
TABLES = {"visits": "visits", "leads": "leads", "projects": "projects", "companies": "companies",
          "carriers": "carriers"}

def columns(kind: str) -> tuple[Column, ...]:
    return COLUMNS[kind]


def column_keys(kind: str) -> list[str]:
    return [c.key for c in COLUMNS[kind]]


class IdList:
    """The ids of a long list, in order, compactly: UUIDs in their usual form
    ("8-4-4-4-12", lower case) as 16 bytes each in one buffer, anything else in
    a plain list beside them. A list of a million visits keeps 16 MB of ids
    instead of ~95 MB of ``str`` objects (a list's model holds the id of every
    row it has listed; see ``zsdesk.ui.lists.model``)."""

    WIDTH = 16

    def __init__(self, ids=()):
        self._packed = bytearray()
        self._list: list[str] | None = None  # every id, once one is not a usual UUID
        self.extend(ids)

    @classmethod
    def _pack(cls, value: str) -> bytes | None:
        if len(value) != 36:
            return None
        try:
            packed = uuid.UUID(value)
        except ValueError:
            return None
        return packed.bytes if str(packed) == value else None

    def extend(self, ids) -> None:
        for value in ids:
            packed = self._pack(value) if self._list is None else None
            if packed is None and self._list is None:
                self._list = list(self)  # from now on a plain list
            if self._list is not None:
                self._list.append(value)
            else:
                self._packed += packed

    def append(self, value: str) -> None:
        self.extend((value,))

    def __len__(self) -> int:
        if self._list is not None:
            return len(self._list)
        return len(self._packed) // self.WIDTH

    def _at(self, i: int) -> str:
        w = self.WIDTH
        return str(uuid.UUID(bytes=bytes(self._packed[i * w:(i + 1) * w])))

    def __getitem__(self, i):
        if self._list is not None:
            return self._list[i]
        if isinstance(i, slice):
            return [self._at(j) for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        return self._at(i)

    def __iter__(self):
        if self._list is not None:
            return iter(self._list)
        return (self._at(i) for i in range(len(self)))

    def index(self, value: str) -> int:
        """Where ``value`` is listed first (ValueError when it is not)."""
        if self._list is not None:
            return self._list.index(value)
        packed = self._pack(value)
        if packed is not None:
            pos = self._packed.find(packed)
            while pos >= 0:
                if pos % self.WIDTH == 0:
                    return pos // self.WIDTH
                pos = self._packed.find(packed, pos + 1)
        raise ValueError(f"{value!r} is not listed")

    def __contains__(self, value) -> bool:
        try:
            self.index(value)
        except (ValueError, TypeError):
            return False
        return True


# --- how a row of a list is shown ---------------------------------------------------------

def visit_row(r, companies: dict[str, str], staff: dict[str, str], units: dict[str, str]) -> dict:
    """The display values of visit ``r`` (its columns by name: ``id``, ``number``,
    ``visit_date`` …), with the names of its company, staff and unit. One function
    for the list's query (``zsdesk.services.queries``) and the first screen read
    before the database layer (``zsdesk.db.first_screen``)."""
    return {
        "id": r.id, "owner_site_id": r.owner_site_id, "number": r.number, "visit_date": r.visit_date,
        "company": companies.get(r.company_id, ""), "company_id": r.company_id, "kind": r.kind,
        "place": r.place or "", "people": r.people or "", "staff": staff.get(r.staff_id, ""),
        "unit": units.get(r.unit_id, ""), "unit_id": r.unit_id, "trip_days": r.trip_days,
        "next_step": r.next_step or "", "next_due": r.next_due, "outcome": r.outcome or "",
    }


def mark_owner(row: dict, here: str, site_names: dict[str, str]) -> None:
    """A row's ``readonly`` and ``owner`` (the other site keeping it, "" for ours),
    in place of its ``owner_site_id``."""
    owner = row.pop("owner_site_id")
    row["readonly"] = owner != here
    row["owner"] = "" if owner == here else site_names.get(owner, owner)
