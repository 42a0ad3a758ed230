"""The PDF 简报 (docs/DOMAIN.md#reports): the briefing a city office prints for its leaders.

Layout, as office staff recognise it:
- 报头 (page one): "内部资料 注意保存" at the top left (optional); the name in large
  red characters, centred; "第N期" below it; the issuing office at the left and
  the date of issue at the right; a thick red rule.
- 报核: 总体情况, 各单元排名 (赛马 table, chart, 红黑榜), 重大项目进展, this period's
  新签约/新开工/新竣工/新投产 lists, the four rates by unit, 存在问题, 下一步工作.
- 报尾 (foot of the last page): the 报/送/发 recipients above a rule, 印发份数 at
  the right.

Every number is a ``zsdesk.metrics`` Figure (or a ``zsdesk.reminders`` list)
printed with its own ``display()``; lists are the figures' row ids. A figure the
data cannot give prints "—" with the reason. The only arithmetic here is the
环比/同比 change between two figures.

Issue numbers follow the calendar (the period's place in its year: 2026-11 is
第11期, 2026-Q3 第3期), whatever order the briefs are made in; the city may give
one brief its own number. The office name, recipients and copies are settings
(the city writes them).

A brief for one unit (``unit_code``, and always on a county site) is a 预检稿,
marked "预检稿 · 非正式 · 排名以市里通报为准" in the 报头 and at the top of every
page, not numbered and without the 报尾 (no 报/送/发, no 印发份数): it must not
circulate as the city's document. At the city, which has every unit's data, it
shows the unit's current place in the city's ranking. A county has only its own
units' data: it ranks nobody. Its 预检稿 shows the unit's figures against its
targets and 序时进度, and the last ranking the city published: the city's
official (whole-city) brief stores its ranking as the setting
``published_ranking:<kind>:<code>``, and settings travel to the counties in the
city's return file (docs/DOMAIN.md#reports).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from zsdesk import metrics, reminders
from zsdesk.history import honour_count
from zsdesk.db.models import Unit
from zsdesk.domain import TARGET_LABELS, TARGET_METRICS
from zsdesk.errors import ReadOnlyError, RefusedError, ValidationError, ValidationErrors
from zsdesk.metrics import Figure, Period, Report, UnitFigures
from zsdesk.reports import periods
from zsdesk.reports.periods import KIND_LABELS, KINDS
from zsdesk.reports.rows import ProjectRow, oldest_first, open_problems, project_rows

# --- settings ----------------------------------------------------------------------

DEFAULT_TITLES = {"weekly": "招商引资工作快报", "monthly": "招商引资工作简报", "bimonthly": "招商引资工作简报",
                  "quarterly": "招商引资工作简报", "halfyear": "招商引资工作简报", "yearly": "招商引资工作简报"}
DEFAULT_RECIPIENTS = {
    "报": "市委、市政府主要领导，市委、市政府分管领导",
    "送": "市委办公室，市政府办公室，市发展改革委，市工业和信息化局，市自然资源和规划局",
    "发": "各县（市、区）招商引资工作领导小组办公室，各招商单元",
}
DEFAULT_COPIES = 30
DEFAULT_LIST_LIMIT = 20   # rows per list in the brief; the ledger has them all
FOLLOWUPS_LISTED = 10     # the oldest overdue follow-ups the brief lists (the rest are counted)
RECIPIENT_KINDS = ("报", "送", "发")
TEXT_MAX = 5000


def _issue_key(kind: str, code: str) -> str:
    """The city's own issue number of one brief (an override of the calendar's).

    Numbers used to be given in the order briefs were made and kept per year
    under ``brief_issues:<kind>:<year>``; that order was the bug (a November
    brief made first became 第1期), so those rows are no longer read. They stay
    in old databases, harmless; a number a city really wants kept is set again
    here, for that one brief."""
    return f"brief_issue:{kind}:{code}"


def _text_key(kind: str, code: str) -> str:
    return f"brief_text:{kind}:{code}"


PUBLISHED_PREFIX = "published_ranking:"
PRECHECK_MARK = "预检稿 · 非正式 · 排名以市里通报为准"


def _published_key(kind: str, code: str) -> str:
    """The ranking the city's official brief of one period printed (a synced setting)."""
    return f"{PUBLISHED_PREFIX}{kind}:{code}"


@dataclass(frozen=True)
class PublishedRow:
    code: str
    name: str
    score: str | None      # as printed ("87.5"); None: no score (the reason is not kept)
    rank: int | None


@dataclass(frozen=True)
class PublishedRanking:
    """The ranking of one period as the city's official brief printed it."""
    kind: str
    code: str              # the period, e.g. 2026-10
    made: dt.date          # the date of issue of that brief
    rules_version: int | None
    rows: tuple[PublishedRow, ...]


def _ranking_value(report: Report, made: dt.date) -> dict:
    rows = [{"code": u.code, "name": u.name, "rank": u.rank,
             "score": u.score.display() if u.score is not None and u.score.value is not None else None}
            for u in sorted(report.units, key=lambda u: (u.rank is None, u.rank or 0))]
    return {"made": made.isoformat(), "rules_version": report.rules_version, "rows": rows}


def _parse_published(key: str, value) -> PublishedRanking | None:
    """A stored ranking, or None when it cannot be read (a damaged or foreign value)."""
    try:
        kind, code = key[len(PUBLISHED_PREFIX):].split(":", 1)
        rows = tuple(PublishedRow(str(r["code"]), str(r["name"]),
                                  None if r.get("score") is None else str(r["score"]),
                                  int(r["rank"]) if r.get("rank") else None) for r in value["rows"])
        version = value.get("rules_version")
        return PublishedRanking(kind, code, dt.date.fromisoformat(value["made"]),
                                int(version) if version else None, rows)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def published_ranking(ws, kind: str, code: str) -> PublishedRanking | None:
    """The ranking the city published for this brief's period, or else the last
    one it published for a period that began by this one's end (latest issue
    date first); None when the city has sent none."""
    from zsdesk.db.models import Setting

    with ws.read() as s:
        stored = s.execute(select(Setting.id, Setting.value).where(
            Setting.id.like(f"{PUBLISHED_PREFIX}%"), ~Setting.deleted)).all()
    found = {}
    for key, text in stored:
        try:
            ranking = _parse_published(key, json.loads(text))
        except ValueError:
            ranking = None
        if ranking is not None:
            found[key] = ranking
    if _published_key(kind, code) in found:
        return found[_published_key(kind, code)]
    end = periods.parse_period(code, kind)[1].end
    earlier = []
    for r in found.values():
        try:
            start = periods.parse_period(r.code, r.kind)[1].start
        except ValidationError:
            continue
        if start <= end:
            earlier.append((r.made, start, r))
    return max(earlier, key=lambda x: (x[0], x[1]))[2] if earlier else None


#: the largest 印发份数 and rows per list the settings accept
COPIES_MAX = 9999
LIST_LIMIT_MAX = 1000
ISSUE_MAX = 999


def brief_settings(ws) -> dict:
    """The 报头/报尾 settings with their defaults: titles (per kind), office,
    confidential, recipients (报/送/发), copies. On a county site the office is
    always the site's own name (its 预检稿 is not the city's document)."""
    ref = ws.reference
    titles = dict(DEFAULT_TITLES)
    titles.update(_stored_titles(ws))
    recipients = dict(DEFAULT_RECIPIENTS)
    stored = ref.setting("brief_recipients")
    if isinstance(stored, dict):
        recipients = {k: stored.get(k) or "" for k in RECIPIENT_KINDS}
    office = ref.setting("brief_office") if ws.site.is_city else None
    confidential = ref.setting("brief_confidential", True)
    copies = ref.setting("brief_copies", DEFAULT_COPIES)
    list_limit = ref.setting("brief_list_limit", DEFAULT_LIST_LIMIT)
    people_section = ref.setting("brief_people_section", False)
    return {"titles": titles, "office": office or ws.site.name, "confidential": bool(confidential),
            "recipients": recipients, "copies": copies, "list_limit": list_limit,
            "people_section": people_section is True}


def _stored_titles(ws) -> dict[str, str]:
    """The titles the city set: one name for every kind (stored as a string) or some kinds'."""
    stored = ws.reference.setting("brief_title")
    if isinstance(stored, str) and stored.strip():
        return {k: stored.strip() for k in KINDS}
    if isinstance(stored, dict):
        return {k: v for k, v in stored.items() if k in KINDS and v}
    return {}


_UNSET = object()


def set_brief_settings(ws, *, title=None, office: str | None = None, confidential: bool | None = None,
                       recipients: dict | None = None, copies: int | None = None,
                       list_limit: int | None = None, kind: str | None = None, period: Period | str | None = None,
                       issue=_UNSET, text: str | None = None, people_section: bool | None = None) -> None:
    """Change the brief's settings (city only), all in one transaction: every
    value is checked first, and a refusal names each bad field (one
    ``ValidationError``, or ``ValidationErrors`` for several) with nothing written.

    ``title`` is one name for every kind or a {kind: name} dict (the kinds not
    named keep theirs); ``office`` "" goes back to the site's name;
    ``recipients`` a {"报"|"送"|"发": text} dict (field ``recipients:报`` …);
    ``list_limit`` the rows printed per project list (0: all of them);
    ``people_section`` prints the 个人赛马 section (off by default).

    ``kind`` and ``period`` name one brief, for its ``issue`` (the number it
    prints; the calendar's number or None: no override, the calendar decides)
    and its 下一步工作 ``text``."""
    from zsdesk.validation import parse_int, require_text

    ws.check_can_edit("settings", None)
    changes: dict[str, object] = {}
    errors: list[ValidationError] = []

    def check(fn):
        try:
            fn()
        except ValidationError as e:
            errors.append(e)

    def set_title():
        if isinstance(title, dict):
            bad = set(title) - set(KINDS)
            if bad:
                raise ValidationError("title", f"未知的简报种类：{'、'.join(sorted(bad))}")
            changes["brief_title"] = {**_stored_titles(ws),
                                      **{k: require_text(v, "title", max_len=30) for k, v in title.items()}}
        else:
            changes["brief_title"] = require_text(title, "title", max_len=30)

    def set_recipients():
        assert recipients is not None
        bad = set(recipients) - set(RECIPIENT_KINDS)
        if bad:
            raise ValidationError("recipients", f"主送/抄送只能是 报、送、发：{'、'.join(sorted(bad))}")
        clean = {}
        for k in RECIPIENT_KINDS:
            try:
                clean[k] = require_text(recipients.get(k), f"recipients:{k}", max_len=300, required=False) or ""
            except ValidationError as e:
                errors.append(ValidationError(e.field, f"“{k}”{e.message}", value=e.value))
        changes["brief_recipients"] = clean

    def set_copies():
        number = parse_int(copies, "copies", minimum=1, required=True)
        if number > COPIES_MAX:
            raise ValidationError("copies", f"不能大于{COPIES_MAX}", value=copies)
        changes["brief_copies"] = number

    def set_list_limit():
        number = parse_int(list_limit, "list_limit", minimum=0, required=True)
        if number > LIST_LIMIT_MAX:
            raise ValidationError("list_limit", f"不能大于{LIST_LIMIT_MAX}（0为全部列出）", value=list_limit)
        changes["brief_list_limit"] = number

    if title is not None:
        check(set_title)
    if office is not None:
        check(lambda: changes.__setitem__("brief_office", require_text(office, "office", max_len=60,
                                                                        required=False)))
    if confidential is not None:
        changes["brief_confidential"] = bool(confidential)
    if people_section is not None:
        changes["brief_people_section"] = bool(people_section)
    if recipients is not None:
        check(set_recipients)
    if copies is not None:
        check(set_copies)
    if list_limit is not None:
        check(set_list_limit)
    if issue is not _UNSET or text is not None:
        if kind not in KINDS:
            raise ValidationError("kind", f"简报种类须为 {'、'.join(KINDS)} 之一", value=kind)
        if period is None:
            raise ValidationError("period", "请选择期间")
        code = _code_of(kind, period)
        if issue is not _UNSET:
            check(lambda: changes.__setitem__(_issue_key(kind, code), _clean_issue(kind, code, issue)))
        if text is not None:
            check(lambda: changes.__setitem__(_text_key(kind, code), _clean_text(text)))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ValidationErrors(errors)
    _write_settings(ws, changes)


def _write_settings(ws, changes: dict[str, object]) -> None:
    """Store several settings in one transaction (all or none); a value that
    does not change is not written (no change to sync)."""
    from zsdesk.db.models import Setting

    with ws.read() as s:
        rows = {key: s.get(Setting, key) for key in changes}
    writes = {}
    for key, value in changes.items():
        row = rows[key]
        if row is not None and not row.deleted and json.loads(row.value) == value:
            continue
        ws.check_can_edit("settings", row.owner_site_id if row else None)
        writes[key] = (row, json.dumps(value, ensure_ascii=False))
    if not writes:
        return
    with ws.write() as w:
        for key, (row, text) in writes.items():
            if row is None:
                w.insert(Setting, {"id": key, "value": text})
            else:
                w.update(Setting, key, {"value": text}, allow_foreign=True)


def _code_of(kind: str, period: Period | str) -> str:
    if isinstance(period, str):
        period = periods.parse_period(period, kind)[1]
    return periods.period_code(kind, period)


def _clean_text(text: str | None) -> str:
    text = (text or "").strip()
    if len(text) > TEXT_MAX:
        raise ValidationError("text", f"下一步工作不能超过{TEXT_MAX}字")
    return text


def brief_text(ws, kind: str, period: Period | str) -> str:
    """下一步工作: the free text typed in the app for this brief."""
    return ws.reference.setting(_text_key(kind, _code_of(kind, period)), "") or ""


def set_brief_text(ws, kind: str, period: Period | str, text: str) -> None:
    """Store the 下一步工作 text of the brief of ``kind`` for ``period`` (city
    only: settings are the city's). Paragraphs are separated by new lines."""
    if kind not in KINDS:
        raise ValidationError("kind", f"简报种类须为 {'、'.join(KINDS)} 之一", value=kind)
    ws.reference.set_setting(_text_key(kind, _code_of(kind, period)), _clean_text(text))


def calendar_issue(kind: str, period: Period | str) -> int:
    """The number the calendar gives the brief of this period: its place in the
    year (2026-11 第11期, 2026-W43 第43期, 2026-B5 第5期, 2026-Q3 第3期, a year 第1期)."""
    code = _code_of(kind, period)
    return periods.issue_in_year(kind, periods.parse_period(code, kind)[1])


def issue_override(ws, kind: str, period: Period | str) -> int | None:
    """The number the city set by hand for this brief (None: the calendar's)."""
    value = ws.reference.setting(_issue_key(kind, _code_of(kind, period)))
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def issue_number(ws, kind: str, period: Period | str) -> int:
    """The number the city's brief of this period prints: the city's own for
    it when set, else the calendar's. Making a brief never changes it."""
    return issue_override(ws, kind, period) or calendar_issue(kind, period)


def _clean_issue(kind: str, code: str, number) -> int | None:
    """The override to store: None when it is the calendar's number (or none is given)."""
    from zsdesk.validation import parse_int

    value = parse_int(number, "issue", minimum=1)
    if value is not None and value > ISSUE_MAX:
        raise ValidationError("issue", f"期号不能大于{ISSUE_MAX}", value=number)
    return None if value is None or value == calendar_issue(kind, code) else value


def set_issue_number(ws, kind: str, period: Period | str, number: int | None) -> None:
    """Give the brief of one period its own number (e.g. the first issue made
    with zsdesk continues a paper series); None or the calendar's number takes
    the override away. Only this brief changes: the others keep the calendar's."""
    set_brief_settings(ws, kind=kind, period=period, issue=number)


# --- the result -----------------------------------------------------------------------------

@dataclass
class BriefResult:
    path: Path
    pages: int
    issue: int | None              # None: a 预检稿 (not numbered)
    rules_version: int | None
    kind: str
    code: str                      # the period, e.g. 2026-10
    unit_code: str | None
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# --- gathering ------------------------------------------------------------------------------

@dataclass
class _Data:
    kind: str
    code: str
    period: Period
    issue_date: dt.date
    report: Report                 # the period: every unit, ranked
    ytd: Report                    # 年初至今 (targets are yearly)
    prev: Report | None            # 上期 (None for a yearly brief: 上年 is 去年同期)
    last_year: Report
    focus_id: str | None           # the unit of a 预检稿
    rules: object | None
    rows: dict[str, ProjectRow]
    lights: dict[str, reminders.Light]
    red: list[reminders.Light]
    problems: list
    overdue_followups: list[reminders.FollowUp]
    settings: dict
    issue: int | None
    text: str
    unit_names: dict[str, str]
    list_limit: int = DEFAULT_LIST_LIMIT
    county: bool = False           # made at a county: it ranks nobody (see the module's docstring)
    people: list | None = None     # 个人赛马 (``zsdesk.people``) when the section is on
    published: PublishedRanking | None = None
    #: the overdue follow-ups per table and unit (``overdue_followups`` are only the oldest)
    followup_counts: tuple[reminders.FollowUpCount, ...] = ()
    #: the 应开未开 projects' ids, the longest signed first (rows are read for those shown)
    overdue_ordered: list[str] = field(default_factory=list)

    @property
    def precheck(self) -> bool:
        """A 预检稿: one unit's brief, not the city's official document."""
        return self.focus_id is not None

    def focus(self, report: Report) -> UnitFigures:
        return self.focus_of(report, self.focus_id)

    @staticmethod
    def focus_of(report: Report, focus_id: str | None) -> UnitFigures:
        """The unit's figures (None: the total)."""
        if focus_id is None:
            return report.total
        for u in report.units:
            if u.unit_id == focus_id:
                return u
        raise RefusedError("该单元不在统计范围内（已停用？）")

    @property
    def unit(self) -> UnitFigures | None:
        return None if self.focus_id is None else self.focus(self.report)


def _focus_unit(ws, unit_code: str | None) -> tuple[str | None, str | None]:
    """(unit id, unit code) a brief is made for; a county site always makes its own."""
    site = ws.site
    with ws.read() as s:
        if unit_code:
            unit = s.execute(select(Unit.id, Unit.code, Unit.site_id, Unit.deleted)
                             .where(Unit.code == unit_code.strip().upper())).first()
            if unit is None or unit.deleted:
                raise ValidationError("unit", f"没有代码为“{unit_code}”的招商单元", value=unit_code)
            if not site.is_city and unit.site_id != site.id:
                raise RefusedError("县级站点只能预检本站点的招商单元")
            return unit.id, unit.code
        if site.is_city:
            return None, None
        own = s.execute(select(Unit.id, Unit.code).where(Unit.site_id == site.id, ~Unit.deleted,
                                                         Unit.active)).all()
    if len(own) == 1:
        return own[0].id, own[0].code
    named = [u for u in own if u.code == site.code]
    if named:
        return named[0].id, named[0].code
    if not own:
        raise RefusedError("本站点没有招商单元，无法预检")
    raise ValidationError("unit", "本站点有多个招商单元，请指定一个（--unit 代码）："
                          + "、".join(u.code for u in own))


def _gather(ws, kind: str, period: Period, focus_id: str | None, progress, timings,
            list_limit: int | None = None) -> _Data:
    code = periods.period_code(kind, period)
    today = ws.today()
    if period.start > today:
        raise ValidationError("period", f"期间{code}尚未开始（今天是{today.isoformat()}）", value=code)
    period = periods.cut_at(period, today)

    started = time.perf_counter()
    progress("计算指标")
    snapshot = metrics.Snapshot(ws, period.end)    # read once for the three periods
    compared = [periods.same_period_last_year(kind, period), *([periods.previous(kind, period)] if kind != "yearly" else [])]
    snapshot.read_rushed(ws, [period.end, *(p.end for p in compared)], ws.reference.light_limits())
    # the brief prints the visits' numbers, not their rows: the database counts them
    report = metrics.compute(ws, period, snapshot=snapshot, visits="counts")   # every unit, with targets, scores and ranks
    ytd = report.year_to_date                      # what the targets were compared with
    assert ytd is not None                         # compute() with targets always sets it
    # 同比/环比 need the figures of the total (or the unit) alone: no targets, no other units
    only = [focus_id] if focus_id else []
    last_year = metrics.compute(ws, periods.same_period_last_year(kind, period), unit_ids=only,
                                with_targets=False, snapshot=snapshot, visits="counts")
    prev = None
    if kind != "yearly":
        prev = metrics.compute(ws, periods.previous(kind, period), unit_ids=only, with_targets=False,
                               snapshot=snapshot, visits="counts")
    try:
        rules = ws.reference.scoring_rules(period.end.year)
    except RefusedError:
        rules = None
    if rules is not None and rules.version != report.rules_version:
        rules = None
    timings["metrics"] = time.perf_counter() - started

    started = time.perf_counter()
    progress("读取提醒与问题")
    # what the brief prints: the oldest few, and the counts (not every follow-up ever late)
    _, overdue_followups = reminders.followups(ws, unit_id=focus_id, today=today, limit=FOLLOWUPS_LISTED)
    followup_counts = tuple(c for c in reminders.followup_counts(ws, unit_id=focus_id, today=today) if c.overdue)
    # the lights it prints: the red projects (read by the database's test of a red light),
    # and those of the year's 亿元以上 projects in their list
    focus, focus_ytd = _Data.focus_of(report, focus_id), _Data.focus_of(ytd, focus_id)
    red = reminders.lights(ws, unit_id=focus_id, tables=("projects",), colours=(reminders.RED,))
    red.sort(key=lambda x: (x.deadline or dt.date.max, x.number))
    lights = {x.row_id: x for x in red}
    majors = focus_ytd["major_projects"].row_ids
    lights.update((x.row_id, x) for x in reminders.lights(ws, unit_id=focus_id, tables=("projects",), ids=majors))
    problems = open_problems(ws, unit_id=focus_id)
    timings["reminders"] = time.perf_counter() - started

    started = time.perf_counter()
    progress("读取项目")
    settings = brief_settings(ws)
    data = _Data(kind, code, period, today, report, ytd, prev, last_year, focus_id, rules, {}, lights,
                 red, problems, overdue_followups, settings, None,
                 brief_text(ws, kind, code), {})
    data.followup_counts = followup_counts
    data.list_limit = settings["list_limit"] if list_limit is None else list_limit
    if data.settings.get("people_section"):
        from zsdesk.people import compute_people

        data.people = compute_people(ws, period, unit_ids=[focus_id] if focus_id else None,
                                     snapshot=snapshot).people
    # the rows the lists print; of the other red projects only those shown (each has its light)
    overdue = set(focus.overdue_start)
    red_listed = [x.row_id for x in red if x.row_id not in overdue]
    data.overdue_ordered = oldest_first(ws, focus.overdue_start)
    wanted = [*majors, *(data.overdue_ordered[:data.list_limit] if data.list_limit else data.overdue_ordered),
              *(rid for key in ("signed_projects", "started_projects", "completed_projects",
                                "producing_projects") for rid in focus[key].row_ids),
              *(red_listed[:data.list_limit] if data.list_limit else red_listed)]
    data.rows = project_rows(ws, wanted)
    data.unit_names = {u.unit_id: u.name for u in report.units if u.unit_id is not None}
    data.county = not ws.site.is_city
    if data.county:
        data.published = published_ranking(ws, kind, code)
    timings["rows"] = time.perf_counter() - started
    return data


# --- the document ----------------------------------------------------------------------------

_NUMERALS = "一二三四五六七八九十"
RED_HEX = "#D40000"
SHORT_LABELS = {"signed_projects": "签约个数", "signed_investment": "签约金额", "major_projects": "亿元以上",
                "started_projects": "开工个数", "arrived_capital": "到位资金", "visits": "拜访次数"}
def _score(unit) -> float:
    """A ranked unit's score for the chart (a unit in the ranking always has one)."""
    return float(unit.score.value) if unit.score is not None and unit.score.value is not None else 0.0


_ALIGN = {"cell": "LEFT", "cell_c": "CENTER", "cell_r": "RIGHT"}
_CELL_FONT_SIZE, _CELL_PADDING = 8.5, 6


class _Text(str):
    """A table cell before layout: its text, alignment and colour. The table
    prints it as a plain string when it fits its column (a tenth of the cost of
    a Paragraph) and as a wrapping Paragraph when it does not."""

    style: str
    colour: str | None

    def __new__(cls, text, style: str = "cell", colour: str | None = None):
        obj = super().__new__(cls, text)
        obj.style, obj.colour = style, colour
        return obj


def _lay_out(rows: list[list], widths: list[float], first: int, styles, pdf) -> tuple[list[list], list]:
    """The rows with each _Text made a string or a Paragraph, and the style
    commands (alignment, colour) the plain strings need."""
    from reportlab.platypus import Paragraph

    out: list[list] = []
    commands: list = []
    aligns: dict[int, dict[str, list[int]]] = {}
    for r, row in enumerate(rows, first):
        cells = []
        for c, value in enumerate(row):
            if isinstance(value, _Text):
                room = widths[c] - _CELL_PADDING
                if "\n" not in value and pdf.pdfmetrics.stringWidth(value, pdf.FONT, _CELL_FONT_SIZE) <= room:
                    aligns.setdefault(c, {}).setdefault(_ALIGN[value.style], []).append(r)
                    if value.colour:
                        commands.append(("TEXTCOLOR", (c, r), (c, r), pdf.colors.HexColor(value.colour)))
                    value = str(value)
                else:
                    text = pdf.escape(value).replace("\n", "<br/>")
                    if value.colour:
                        text = f"<font color='{value.colour}'>{text}</font>"
                    value = Paragraph(text, styles[value.style])
            cells.append(value)
        out.append(cells)
    for c, by_align in aligns.items():   # one command per column where the column agrees
        if len(by_align) == 1:
            [align] = by_align
            commands.append(("ALIGN", (c, first), (c, -1), align))
        else:
            commands.extend(("ALIGN", (c, r), (c, r), a) for a, rs in by_align.items() for r in rs)
    return out, commands


def _cn(n: int) -> str:
    return _NUMERALS[n - 1] if n <= 10 else f"十{_NUMERALS[n - 11]}"


def _as(unit: str, value: Decimal | None) -> str:
    """A value printed the way the metrics module prints a figure of that unit."""
    return Figure("", "", unit, value).display()


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _change(cur: Figure, base: Figure) -> str:
    """环比/同比: the relative change between two figures of the same metric."""
    if cur.value is None or base.value is None:
        return "—"
    if base.value == 0:
        return "持平" if cur.value == 0 else "新增"
    ratio = (cur.value - base.value) / abs(base.value)
    if ratio == 0:
        return "持平"
    return ("↑" if ratio > 0 else "↓") + _as("%", abs(ratio))


def _ytd_label(data: _Data) -> str:
    if data.kind == "yearly":
        return data.period.label
    end = data.ytd.period.end
    if (end + dt.timedelta(days=1)).month == end.month:   # cut short: to the day
        return f"{end.year}年1月1日—{end.month}月{end.day}日"
    return f"{end.year}年1月" if end.month == 1 else f"{end.year}年1—{end.month}月"


def _keep(flowable):
    """Mark a heading to be kept with the flowable after it (``_kept_with_next``)."""
    flowable.keep_with_next = True
    return flowable


def _kept_with_next(story: list) -> list:
    """The story with each run of marked headings bound to the flowable after
    it (``pdf.KeepWithNext``): no heading ends a page."""
    from zsdesk.reports import pdf

    out: list = []
    heads: list = []
    for f in story:
        if getattr(f, "keep_with_next", False):
            heads.append(f)
        elif heads:
            out.append(pdf.KeepWithNext(heads, f))
            heads = []
        else:
            out.append(f)
    return out + heads


class _Layout:
    """Turns gathered figures into platypus flowables, section by section."""

    def __init__(self, data: _Data):
        from zsdesk.reports import pdf

        self.pdf = pdf
        self.d = data
        self.s = pdf.styles(song=True)
        self.story: list = []
        self.section = 0
        from reportlab.lib.units import mm
        self.mm = mm
        self.width = 170 * mm

    # -- helpers ---------------------------------------------------------------------------
    def para(self, text: str, style: str = "body"):
        from reportlab.platypus import Paragraph
        self.story.append(Paragraph(self.pdf.song_markup(text), self.s[style]))

    def heading(self, text: str):
        self.section += 1
        self.story.append(_keep(self.pdf.BoldLine(f"{_cn(self.section)}、{text}", 14, space_before=12,
                                                  space_after=5)))

    def subheading(self, text: str):
        self.story.append(_keep(self.pdf.BoldLine(text, 11.5, space_before=7, space_after=4)))

    def cell(self, text, style: str = "cell", *, colour: str | None = None):
        """A table cell: plain when it fits its column, else wrapped (see _lay_out)."""
        return _Text(text, style, colour)

    def head_cell(self, text: str):
        from reportlab.platypus import Paragraph
        return Paragraph(self.pdf.escape(text).replace("\n", "<br/>"), self.s["head"])

    def figure_cell(self, fig: Figure | None, style: str = "cell_r"):
        """A figure's display(); "—" with the reason when the data cannot give it."""
        from reportlab.platypus import Paragraph
        if fig is None:
            return ""
        if fig.value is None:
            reason = self.pdf.escape(fig.missing or "无法计算")
            return Paragraph(f"—<br/><font size=6.5 color='#666666'>{reason}</font>", self.s["cell_c"])
        return self.cell(fig.display(), style)

    def table(self, header: list, rows: list[list], widths_mm: list[float], *, extra: list | None = None,
              **kw):
        """A data table; ``header`` is a list of titles, or ready-made header rows."""
        widths = [w * self.mm for w in widths_mm]
        if header and not isinstance(header[0], list):
            header = [[self.head_cell(h) for h in header]]
        rows, commands = _lay_out(rows, widths, len(header), self.s, self.pdf)
        self.story.append(self.pdf.data_table([*header, *rows], widths, header_rows=len(header),
                                              extra=commands + (extra or []), **kw))

    def spacer(self, h_mm: float):
        from reportlab.platypus import Spacer
        self.story.append(Spacer(1, h_mm * self.mm))

    @property
    def scope(self) -> str:
        return self.d.unit.name if self.d.unit else "全市"

    # -- 报头 ---------------------------------------------------------------------------------
    def red_head(self):
        d, st = self.d, self.d.settings
        title = st["titles"][d.kind]
        issue_line = f"第{d.issue}期" if d.issue else PRECHECK_MARK
        self.story.append(_RedHead(self.pdf, title, issue_line, st["office"], _date(d.issue_date),
                                   st["confidential"]))
        head = f"{d.period.label}{self.scope}招商引资工作情况"
        if d.unit:
            head += "（预检）"
        self.story.append(self.pdf.BoldLine(head, 16, align="center", space_before=10, space_after=8,
                                            font=self.pdf.SONG, weight=0.045))
        if d.unit and d.county:
            self.para(f"本稿为{d.unit.name}在向市级报送数据前的预检稿，非正式文件，不得作为通报印发。各项指标"
                      f"与市级汇总同一口径，只含本站点掌握的本单元数据，与本单元年度目标和序时进度比较；本站点"
                      f"没有其他单元的完整数据，不计算排名，排名以市里通报为准。", "note")
            self.spacer(2)
        elif d.unit:
            self.para(f"本稿为市级按全市数据为{d.unit.name}生成的预检稿，非正式文件，不得作为通报印发。各项指标、"
                      f"得分和排名与市级汇总同一口径、同一评分规则计算，名次为生成时的当前名次，正式排名以市里"
                      f"通报为准。", "note")
            self.spacer(2)

    # -- 一、总体情况 ---------------------------------------------------------------------------------
    def overview(self):
        d = self.d
        f, y = d.focus(d.report), d.focus(d.ytd)
        self.heading("总体情况")
        text = (f"{d.period.label}，{self.scope}新签约项目{f['signed_projects'].display()}个，签约金额"
                f"{f['signed_investment'].display()}万元，其中亿元以上项目{f['major_projects'].display()}个；"
                f"新开工项目{f['started_projects'].display()}个，竣工项目{f['completed_projects'].display()}个，"
                f"投产项目{f['producing_projects'].display()}个；到位资金{f['arrived_capital'].display()}万元；"
                f"拜访企业{f['visits'].display()}次，外出招商{f['trip_days'].display()}天。")
        parts = []
        for key in ("signed_projects", "signed_investment"):
            fig = f[key]
            if fig.completion is not None:
                parts.append((TARGET_LABELS[key].split("（")[0], _as("%", fig.completion), fig.on_pace))
        if parts:
            ytd_label = _ytd_label(d)
            done = "、".join(f"{name}完成年度目标的{pct}" for name, pct, _ in parts)
            state = "、".join(f"{name}{'超' if on else '欠'}序时进度" for name, _, on in parts)
            lead = "" if d.ytd is d.report else f"{ytd_label}累计签约项目{y['signed_projects'].display()}个、" \
                                                f"签约金额{y['signed_investment'].display()}万元，"
            text += f"{lead}{done}（序时进度{_as('%', d.report.pace)}），{state}。"
        self.para(text)

        # the period against the last one and the same period a year ago
        keys = ["signed_projects", "signed_investment", "major_projects", "started_projects",
                "completed_projects", "producing_projects", "arrived_capital", "visits", "trip_days"]
        prev = d.focus(d.prev) if d.prev else None
        last = d.focus(d.last_year)
        rows = []
        for key in keys:
            fig = f[key]
            row = [self.cell(f"{fig.label}（{fig.unit}）"), self.figure_cell(fig)]
            if prev:
                row += [self.figure_cell(prev[key]), self.cell(_change(fig, prev[key]), "cell_c")]
            row += [self.figure_cell(last[key]), self.cell(_change(fig, last[key]), "cell_c")]
            rows.append(row)
        if prev:
            header = ["指标", f"本期\n{d.period.label}", f"上期\n{d.prev.period.label}", "环比",
                      f"去年同期\n{d.last_year.period.label}", "同比"]
            widths = [38, 30, 30, 20, 32, 20]
        else:
            header = ["指标", f"本年\n{d.period.label}", f"上年同期\n{d.last_year.period.label}", "同比"]
            widths = [50, 45, 45, 30]
        self.subheading("（一）主要指标与上期、去年同期比较")
        self.table(header, rows, widths)

        # year-to-date against the yearly targets and 序时进度
        self.subheading(f"（二）年度目标完成情况（序时进度{_as('%', d.report.pace)}）")
        rows = []
        for key in TARGET_METRICS:
            fig, done = f[key], y[key]
            if fig.completion is None:     # no target (or a zero one): nothing to compare with
                target = "未下达" if fig.target is None else _as(fig.unit, fig.target)
                rows.append([self.cell(TARGET_LABELS[key]), self.cell(target, "cell_c"),
                             self.figure_cell(done), "", "", ""])
                continue
            on = self.cell("超进度", "cell_c") if fig.on_pace else self.cell("欠进度", "cell_c", colour=RED_HEX)
            rows.append([self.cell(TARGET_LABELS[key]), self.cell(_as(fig.unit, fig.target), "cell_r"),
                         self.figure_cell(done), self.cell(_as("%", fig.completion), "cell_r"),
                         self.cell(_as("%", d.report.pace), "cell_r"), on])
        self.table(["指标", "年度目标", f"累计完成\n{_ytd_label(d)}", "完成率", "序时进度", "进度"],
                   rows, [44, 30, 32, 22, 22, 20])

    # -- 二、各单元排名 -------------------------------------------------------------------------------
    def ranking(self):
        d = self.d
        r = d.report
        if d.county:
            self.published_ranking()
            return
        self.heading("各单元排名")
        if d.rules is None:
            self.para("没有可用的评分规则，本期不排名。请市级在“评分规则”中设置。")
            return
        weights = {k: Decimal(str(v)) for k, v in json.loads(d.rules.weights).items() if v}
        deduction = Decimal(str(json.loads(d.rules.deductions).get("overdue_start", 0)))
        ranked = sorted((u for u in r.units if u.rank), key=lambda u: u.rank)
        unranked = [u for u in r.units if not u.rank]
        n = honour_count(len(ranked))
        top, bottom = ranked[:n], ranked[-n:] if n else []
        text = f"按评分规则第{r.rules_version}版，{len(ranked)}个单元参与排名"
        if unranked:
            text += f"，{len(unranked)}个单元暂无得分（" + "；".join(
                f"{u.name}：{u.score.missing}" for u in unranked if u.score) + "）"
        text += "。"
        if top:
            text += ("红榜（前" + _cn(n) + "名）：" + "、".join(f"{u.name}（{u.score.display()}分）" for u in top)
                     + "；黑榜（后" + _cn(n) + "名）：" + "、".join(f"{u.name}（{u.score.display()}分）"
                                                             for u in reversed(bottom)) + "。")
        if d.unit:
            u = d.unit
            if u.rank:
                text += f"{u.name}得分{u.score.display()}分，在{len(ranked)}个单元中排名第{u.rank}位。"
            else:
                text += f"{u.name}暂无得分：{u.score.missing if u.score else '没有评分规则'}。"
        self.para(text)

        if ranked:
            self.story.append(_score_chart(self.pdf, ranked, top, bottom, d.focus_id, self.width))

        name_w = 36
        metric_w = (170 - 11 - name_w - 27 - 19) / max(len(weights), 1)
        cols = 2 + len(weights) + 2
        head_top = [self.head_cell("排名"), self.head_cell("单元"),
                    *([self.head_cell("完成率（括号内为权重分）")] + [""] * (len(weights) - 1) if weights else []),
                    self.head_cell("本年超时\n未开工（扣分）"), self.head_cell("得分")]
        head_low = ["", "", *(self.head_cell(f"{SHORT_LABELS[k]}\n（{_as('分', w)}）") for k, w in weights.items()),
                    "", ""]
        rows, marks = [head_top, head_low], []
        top_ids = {u.unit_id for u in top}
        bottom_ids = {u.unit_id for u in bottom}
        for u in [*ranked, *unranked]:
            colour = RED_HEX if u.unit_id in top_ids else None
            mark = "（红榜）" if u.unit_id in top_ids else "（黑榜）" if u.unit_id in bottom_ids else ""
            row = [self.cell(str(u.rank) if u.rank else "—", "cell_c", colour=colour),
                   self.cell(u.name + mark, colour=colour)]
            for key in weights:
                fig = u[key]
                row.append(self.cell(_as("%", fig.completion), "cell_r") if fig.completion is not None
                           else self.cell("无目标", "cell_c"))
            overdue = u["overdue_start_year"].display()
            penalty = u.score.denominator if u.score and u.score.value is not None else None
            row.append(self.cell(f"{overdue}（−{_as('分', penalty)}）" if penalty else overdue, "cell_c"))
            row.append(self.figure_cell(u.score))
            rows.append(row)
            if u.unit_id == d.focus_id:
                marks.append(len(rows) - 1)
        last_metric = 1 + len(weights)
        spans = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
                 ("SPAN", (cols - 2, 0), (cols - 2, 1)), ("SPAN", (cols - 1, 0), (cols - 1, 1))]
        if weights:
            spans.append(("SPAN", (2, 0), (last_metric, 0)))
        self.table(rows[:2], rows[2:], [11, name_w] + [metric_w] * len(weights) + [27, 19],
                   marked_rows=tuple(marks), extra=spans)
        labels = "、".join(f"{TARGET_LABELS[k].split('（')[0]}{_as('分', w)}分" for k, w in weights.items())
        self.para(f"注：得分 = Σ 权重 × 完成率 − 扣分。完成率为{_ytd_label(d)}累计完成 ÷ 年度目标；权重：{labels}；"
                  f"本年超过开工时限仍未开工的项目每个扣{_as('分', deduction)}分。评分规则第{r.rules_version}版"
                  f"{'（' + d.rules.note + '）' if d.rules.note else ''}。", "note")

    def published_ranking(self):
        """A county's 预检稿: the ranking the city last published, never one of its own."""
        d, u = self.d, self.d.unit
        assert u is not None
        self.heading("排名情况")
        pub = d.published
        if pub is None:
            self.para(f"尚未收到市里通报的排名。本站点只有{u.name}的数据，不计算各单元排名；排名以市里通报为准"
                      f"（市里印发月报等正式简报后，排名随市级回传的同步文件送达）。")
            return
        when = _date(pub.made)
        label = f"{KIND_LABELS.get(pub.kind, pub.kind)} {pub.code}"
        ranked = [r for r in pub.rows if r.rank]
        own = next((r for r in pub.rows if r.code == u.code), None)
        same = pub.kind == d.kind and pub.code == d.code
        text = f"以下为市里通报的排名（{label}，{when}印发），不是本稿计算的结果"
        if not same:
            text += f"；本期（{d.code}）的排名尚未收到"
        text += "。"
        if own is not None and own.rank:
            text += f"{u.name}在该通报中得分{own.score}分，在{len(ranked)}个单元中排名第{own.rank}位。"
        else:
            text += f"{u.name}在该通报中没有名次。"
        self.para(text)
        self.subheading(f"市里通报的排名（{label}，{when}印发）")
        rows, marks = [], []
        for r in pub.rows:
            rows.append([self.cell(str(r.rank) if r.rank else "—", "cell_c"), self.cell(r.name),
                         self.cell(r.score if r.score is not None else "暂无得分", "cell_r")])
            if r.code == u.code:
                marks.append(len(rows))
        self.table(["排名", "单元", "得分"], rows, [20, 100, 50], marked_rows=tuple(marks))
        version = f"按评分规则第{pub.rules_version}版计算" if pub.rules_version else ""
        self.para(f"注：名次和得分照录市里{when}印发的{label}简报{('，' + version) if version else ''}。", "note")

    # -- 三、重大项目进展 -------------------------------------------------------------------------------
    def major_projects(self):
        d = self.d
        fig = d.focus(d.ytd)["major_projects"]
        self.heading("重大项目进展")
        ids = sorted(fig.row_ids, key=lambda i: (-d.rows[i].investment, d.rows[i].number))
        self.para(f"{_ytd_label(d)}，{self.scope}新签约亿元以上项目{fig.display()}个。截至{_date(d.issue_date)}，"
                  f"进展情况如下。" if ids else
                  f"{_ytd_label(d)}，{self.scope}暂无新签约亿元以上项目。")
        if not ids:
            return
        rows = []
        shown, rest = self.limited(ids)
        for n, pid in enumerate(shown, 1):
            p = d.rows[pid]
            light = d.lights.get(pid)
            progress = f"{light.label}：{light.reason}" if light else f"{p.stage_label}（{p.stage_date}）"
            red = light is not None and light.colour == reminders.RED
            rows.append([self.cell(str(n), "cell_c"), self.cell(p.name), self.cell(p.unit_name),
                         self.cell(_as("万元", p.investment), "cell_r"), self.cell(p.contract_date.isoformat(), "cell_c"),
                         self.cell(p.stage_label, "cell_c"), self.cell(progress, colour=RED_HEX if red else None)])
        self.table(["序号", "项目名称", "所属单元", "合同投资\n（万元）", "签约日期", "当前\n阶段", "进展情况"],
                   rows, [9, 43, 26, 20, 18, 14, 40])
        self.rest(rest, "合同投资最大的")

    # -- 四、本期项目推进 -------------------------------------------------------------------------------
    def new_projects(self):
        d = self.d
        f = d.focus(d.report)
        self.heading("本期项目推进情况")
        for n, (key, what) in enumerate((("signed_projects", "新签约"), ("started_projects", "新开工"),
                                         ("completed_projects", "新竣工"), ("producing_projects", "新投产")), 1):
            fig = f[key]
            extra = f"，合同投资{f['signed_investment'].display()}万元" if key == "signed_projects" else ""
            self.subheading(f"（{_cn(n)}）{what}项目（{fig.display()}个{extra}）")
            if not fig.row_ids:
                self.para(f"本期{self.scope}无{what}项目。")
                continue
            self.project_table(fig.row_ids)

    def limited(self, items: list) -> tuple[list, int]:
        """The rows a list prints (the setting ``brief_list_limit``; 0: all) and how many are left out."""
        limit = self.d.list_limit
        if not limit or len(items) <= limit:
            return items, 0
        return items[:limit], len(items) - limit

    def rest(self, left_out: int, which: str):
        if left_out:
            self.para(f"以上列出{which}{self.d.list_limit}个，另有{left_out}个未列出，全部名单见项目台账。", "note")

    def project_table(self, ids: list[str], *, oldest_first: bool = False):
        """Projects by name: the largest investments first (or, ``oldest_first``, ids
        already in their order: the longest signed first)."""
        d = self.d
        if oldest_first:
            ordered = ids
        else:
            ordered = sorted(ids, key=lambda i: (-d.rows[i].investment, d.rows[i].contract_date, d.rows[i].number))
        shown, rest = self.limited(ordered)
        rows = []
        for n, pid in enumerate(shown, 1):
            p = d.rows[pid]
            rows.append([self.cell(str(n), "cell_c"), self.cell(p.name), self.cell(p.unit_name),
                         self.cell(p.company), self.cell(_as("万元", p.investment), "cell_r"),
                         self.cell(p.contract_date.isoformat(), "cell_c"), self.cell(p.stage_label, "cell_c")])
        self.table(["序号", "项目名称", "所属单元", "投资方", "合同投资\n（万元）", "签约日期", "当前\n阶段"],
                   rows, [10, 46, 27, 35, 20, 18, 14])
        self.rest(rest, "签约最早的" if oldest_first else "合同投资最大的")

    # -- 五、四率 -------------------------------------------------------------------------------------------
    def rates(self):
        d = self.d
        limits = d.report.limits
        self.heading("履约率、开工率、资金到位率、建成投产率")
        keys = ("performance_rate", "start_rate", "capital_rate", "production_rate")
        rows, marks = [], []
        # a county knows its own unit's projects only: no other unit's rates, no 合计
        shown = [d.unit] if d.county and d.unit else [*d.report.units, d.report.total]
        for u in shown:
            rows.append([self.cell(u.name), *(self.figure_cell(u[k]) for k in keys)])
            if u.unit_id is not None and u.unit_id == d.focus_id:
                marks.append(len(rows))
        extra = [] if d.county else [("BACKGROUND", (0, len(rows)), (-1, len(rows)), self.pdf.HEAD_FILL)]
        self.table(["单元", "履约率", "开工率", "资金到位率", "建成投产率"], rows, [46, 31, 31, 31, 31],
                   marked_rows=tuple(marks), extra=extra)
        self.para(f"注：履约率 = 本期新签约项目中已注册（及以后阶段）且未违约的项目 ÷ 本期新签约项目；开工率 = "
                  f"已开工项目 ÷ 签约满{limits['project_start_months']}个月应开工的项目；资金到位率 = 到位资金 ÷ "
                  f"合同投资（本期新签约项目）；建成投产率 = 已投产项目 ÷ 签约满"
                  f"{limits['project_production_months']}个月应投产的项目。"
                  + ("共享项目按分成比例计入本单元。" if d.county else "共享项目按分成比例计入各单元，合计中只计一次。")
                  + "“—”表示缺少计算所需数据，原因见表内。", "note")

    # -- 个人赛马 (optional) -----------------------------------------------------------------------------
    def people_race(self):
        """Each person's figures this period, 优秀 and 12个月无实绩 (``zsdesk.people``); the
        people of the unit only in a 预检稿 (its own people: its own data)."""
        d = self.d
        if d.people is None:
            return
        self.heading("个人赛马")
        people = sorted(d.people, key=lambda p: (p.rank is None, p.rank or 0, -(p["signed_investment"].value or 0),
                                                 -(p["arrived_capital"].value or 0), p.unit_code, p.name))
        shown, left_out = self.limited(people)
        keys = ("signed_projects", "signed_investment", "major_projects", "arrived_capital", "visits", "trip_days")
        rows = []
        for p in shown:
            marks = "、".join(m for m, on in (("优秀", p.excellent), ("12个月无实绩", p.no_results)) if on)
            rows.append([self.cell(p.name), self.cell(p.unit_name), *(self.figure_cell(p[k]) for k in keys),
                         self.cell(str(p.rank) if p.rank else "—", "cell_c"), self.cell(marks or "—", "cell_c")])
        if not rows:
            self.para("没有招商人员。", "note")
            return
        self.table(["姓名", "单元", "签约\n（个）", "签约金额\n（万元）", "亿元以上\n（个）", "到位资金\n（万元）",
                    "拜访\n（次）", "外出\n（天）", "名次", "评定"], rows, [16, 27, 12, 20, 17, 20, 12, 12, 10, 25])
        if left_out:
            self.para(f"以上按名次列出{len(shown)}人，另有{left_out}人未列出，全部名单见统计表“个人赛马”。", "note")
        excellent = sum(1 for p in d.people if p.excellent)
        idle = sum(1 for p in d.people if p.no_results)
        self.para(f"注：按包保责任人统计项目和到位资金（共享项目按分成比例），按参与人统计拜访和外出天数；名次按个人目标完成情况评分"
                  f"（未设个人目标者不排名，按签约金额列出）；"
                  f"“优秀”按市里设定的规则（{excellent}人），“12个月无实绩”指截至期末12个月内无签约、无到资（{idle}人）。", "note")

    # -- 六、存在问题 ---------------------------------------------------------------------------------------
    def problems(self):
        d = self.d
        f = d.focus(d.report)
        self.heading("存在问题")
        overdue = f.overdue_start
        overdue_set = set(overdue)
        red = [x for x in d.red if x.row_id not in overdue_set]
        limits = d.report.limits
        self.subheading(f"（一）应开未开项目（{f['overdue_start'].display()}个）")
        if overdue:
            self.para(f"截至{_date(d.period.end)}，签约满{limits['project_start_months']}个月仍未开工的项目如下。",
                      "plain")
            self.project_table(d.overdue_ordered, oldest_first=True)
        else:
            self.para("无应开未开项目。")

        self.subheading(f"（二）其他红灯项目（{len(red)}个）")
        if red:
            rows = []
            shown, rest = self.limited(red)
            for n, x in enumerate(shown, 1):
                p = d.rows.get(x.row_id)
                rows.append([self.cell(str(n), "cell_c"), self.cell(x.name),
                             self.cell(p.unit_name if p else d.unit_names.get(x.unit_id, "")),
                             self.cell(p.stage_label if p else x.stage, "cell_c"), self.cell(x.reason)])
            self.table(["序号", "项目名称", "所属单元", "当前阶段", "亮灯原因"], rows, [10, 52, 30, 16, 62])
            self.rest(rest, "时限最早的")
        else:
            self.para("无其他红灯项目。")

        self.subheading(f"（三）待协调问题（{len(d.problems)}个）")
        if d.problems:
            rows = []
            shown, rest = self.limited(d.problems)
            for n, q in enumerate(shown, 1):
                rows.append([self.cell(str(n), "cell_c"), self.cell(q.project_name), self.cell(q.unit_name),
                             self.cell(q.category, "cell_c"), self.cell(q.description),
                             self.cell(q.responsible or "", "cell_c"),
                             self.cell(f"{q.raised_date.isoformat()} 已{(d.issue_date - q.raised_date).days}天",
                                       "cell_c")])
            self.table(["序号", "项目名称", "所属单元", "类别", "问题", "责任部门", "提出日期"],
                       rows, [9, 34, 24, 11, 52, 20, 20])
            self.rest(rest, "提出最早的")
        else:
            self.para("无待协调问题。")

        late = d.overdue_followups
        total = sum(c.overdue for c in d.followup_counts)
        self.subheading(f"（四）逾期未跟进事项（{total}项）")
        if not total:
            self.para(f"截至{_date(d.issue_date)}，无逾期未跟进事项。")
            return
        by_unit: Counter[str] = Counter()
        oldest: dict[str, dt.date] = {}
        kinds: Counter[str] = Counter()
        for c in d.followup_counts:
            by_unit[c.unit_id] += c.overdue
            kinds[c.table] += c.overdue
            if c.oldest is not None:
                oldest[c.unit_id] = min(c.oldest, oldest.get(c.unit_id, c.oldest))
        # the most first; between equals, the unit late the longest
        per_unit = "、".join(f"{d.unit_names.get(uid, '其他单元')}{k}项" for uid, k in
                             sorted(by_unit.items(), key=lambda kv: (-kv[1], oldest.get(kv[0], dt.date.max), kv[0])))
        self.para(f"截至{_date(d.issue_date)}，{self.scope}逾期未跟进事项{total}项，其中拜访后续事项"
                  f"{kinds.get('visits', 0)}项、线索跟进{kinds.get('leads', 0)}项"
                  + (f"；按单元：{per_unit}" if not d.unit else "") + "。逾期最久的事项如下。")
        rows = []
        for n, x in enumerate(late[:FOLLOWUPS_LISTED], 1):
            rows.append([self.cell(str(n), "cell_c"), self.cell(d.unit_names.get(x.unit_id, "")),
                         self.cell("拜访后续" if x.table == "visits" else "线索跟进", "cell_c"),
                         self.cell(x.title), self.cell(x.number, "cell_c"), self.cell(x.due.isoformat(), "cell_c"),
                         self.cell(f"{x.days_overdue(d.issue_date)}天", "cell_r")])
        self.table(["序号", "所属单元", "事项", "企业/项目", "编号", "应跟进日期", "逾期"], rows,
                   [10, 30, 17, 43, 34, 20, 16])

    # -- 七、下一步工作 -------------------------------------------------------------------------------------
    def next_steps(self):
        if not self.d.text:
            return
        self.heading("下一步工作")
        for line in self.d.text.splitlines():
            if line.strip():
                self.para(line.strip())

    # -- notes and 报尾 -------------------------------------------------------------------------------------
    def closing(self):
        d = self.d
        version = f"评分规则第{d.report.rules_version}版" if d.report.rules_version else "无评分规则"
        self.spacer(4)
        ranks = "排名以市里通报为准" if d.county else f"排名与得分按{version}计算"
        self.para(f"数据说明：本期统计期间为{d.period.start.isoformat()}至{d.period.end.isoformat()}；金额单位为"
                  f"万元；{ranks}；问题与提醒截至{_date(d.issue_date)}。", "note")
        if d.precheck:
            return          # a 预检稿 has no 报尾: it is not sent to anyone
        st = d.settings
        from reportlab.platypus import Paragraph, Table, TableStyle
        lines = [Paragraph(self.pdf.song_markup(f"{k}：{st['recipients'][k]}"), _foot_style(self.s))
                 for k in RECIPIENT_KINDS if st["recipients"].get(k)]
        copies = Paragraph(f"（共印{st['copies']}份）" if st.get("copies") else "", _foot_style(self.s, right=True))
        block = Table([[lines or "", copies]], colWidths=[self.width - 32 * self.mm, 32 * self.mm])
        block.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), self.pdf.FONT, 10.5), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        self.story.append(self.pdf.AtFoot([
            self.pdf.Rule(0.8, self.pdf.INK, space_after=4), block,
            self.pdf.Rule(0.8, self.pdf.INK, space_before=4)]))

    def build(self) -> list:
        self.red_head()
        self.overview()
        self.ranking()
        self.major_projects()
        self.new_projects()
        self.rates()
        self.people_race()
        self.problems()
        self.next_steps()
        self.closing()
        return _kept_with_next(self.story)


def _foot_style(s, right: bool = False):
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    hang = 0 if right else 2 * 10.5   # "报：" hangs; the names wrap under each other
    return ParagraphStyle("foot", parent=s["plain"], fontSize=10.5, leading=16, leftIndent=hang,
                          firstLineIndent=-hang, alignment=TA_RIGHT if right else TA_LEFT)


def _RedHead(pdf, title, issue_line, office, date_text, confidential):
    """The 报头 as one flowable."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable

    class RedHead(Flowable):
        def wrap(self, avail_width, avail_height):
            self.width = avail_width
            self.height = 58 * mm
            return self.width, self.height

        def draw(self):
            c, w, h = self.canv, self.width, self.height
            if confidential:
                pdf.draw_bold(c, 0, h - 5 * mm, "内部资料  注意保存", 10.5, pdf.INK)
            # the title in the Song face drawn heavy (a 小标宋 look), as GB/T 9704 sets it
            font = pdf.SONG if pdf.has_glyphs(pdf.SONG, title) else pdf.FONT
            size, tracking = 36, 0.12
            while size > 18:
                tw = pdf.pdfmetrics.stringWidth(title, font, size) + tracking * size * (len(title) - 1)
                if tw <= w:
                    break
                size -= 1
            pdf.draw_bold(c, (w - tw) / 2, h - 25 * mm, title, size, pdf.RED, tracking=tracking, font=font,
                          weight=0.06)
            if issue_line == PRECHECK_MARK:     # a 预检稿: the mark in red, where the number would be
                pdf.draw_bold(c, (w - pdf.pdfmetrics.stringWidth(issue_line, pdf.FONT, 14)) / 2, h - 36 * mm,
                              issue_line, 14, pdf.RED)
            else:
                c.setFont(pdf.SONG, 16)
                c.setFillColor(pdf.INK)
                c.drawCentredString(w / 2, h - 36 * mm, issue_line)
            office_font = pdf.SONG if pdf.has_glyphs(pdf.SONG, office) else pdf.FONT
            c.setFont(office_font, 12)
            c.setFillColor(pdf.INK)
            c.drawString(0, h - 47 * mm, office)
            c.drawRightString(w, h - 47 * mm, date_text)
            c.setStrokeColor(pdf.RED)
            c.setLineWidth(2.4)
            c.line(0, h - 50.5 * mm, w, h - 50.5 * mm)
            c.setLineWidth(0.6)
            c.line(0, h - 51.8 * mm, w, h - 51.8 * mm)

    return RedHead()


def _score_chart(pdf, ranked: list[UnitFigures], top, bottom, focus_id, width):
    """Horizontal bars of the units' scores, first place at the top."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    order = list(reversed(ranked))      # the chart draws its first category at the bottom
    bar = 11
    plot_h = bar * len(order) * 1.45
    height = plot_h + 44
    drawing = Drawing(width, height)
    drawing.initialFontName = pdf.FONT   # else the renderer selects Helvetica, unembedded
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 28
    chart.width, chart.height = width - 120 - 40, plot_h
    chart.data = [[_score(u) for u in order]]
    values = chart.data[0]
    low, high = min(0.0, min(values)), max(0.0, max(values))
    pad = (high - low) * 0.12 or 1.0          # room for the score beside the longest bar
    chart.valueAxis.valueMin = low - pad if low < 0 else 0
    # every score 0 (a period with nothing done yet): the axis still needs a length
    chart.valueAxis.valueMax = high + pad if high > 0 or low == 0 else 0
    chart.valueAxis.labels.fontName = pdf.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = pdf.RULE_GREY
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.valueAxis.visibleGrid = True
    chart.categoryAxis.categoryNames = [f"{u.rank}. {u.name}" for u in order]
    chart.categoryAxis.labels.fontName = pdf.FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.labelAxisMode = "low"     # names stay left of the plot when scores go negative
    chart.categoryAxis.strokeColor = pdf.RULE_GREY
    chart.barWidth = bar
    chart.groupSpacing = bar * 0.45
    chart.bars[0].fillColor = colors.HexColor("#5B7BA6")
    chart.bars[0].strokeColor = None
    top_ids = {u.unit_id for u in top}
    bottom_ids = {u.unit_id for u in bottom}
    for i, u in enumerate(order):
        if u.unit_id in top_ids:
            chart.bars[(0, i)].fillColor = pdf.RED
        elif u.unit_id in bottom_ids:
            chart.bars[(0, i)].fillColor = colors.HexColor("#333333")
        if u.unit_id == focus_id:
            chart.bars[(0, i)].strokeColor = colors.HexColor("#E6A700")
            chart.bars[(0, i)].strokeWidth = 2
    drawing.add(chart)
    # each score, as the metrics module prints it, just beyond the end of its bar
    vmin, vmax = chart.valueAxis.valueMin, chart.valueAxis.valueMax
    step = plot_h / len(order)
    for i, u in enumerate(order):
        value = _score(u)
        x = chart.x + (value - vmin) / (vmax - vmin) * chart.width
        zero = chart.x + (0 - vmin) / (vmax - vmin) * chart.width
        right = value >= 0
        drawing.add(String(max(x, zero) + 3 if right else min(x, zero) - 3, chart.y + (i + 0.5) * step - 2.5,
                           u.score.display() if u.score else "—", fontName=pdf.FONT, fontSize=7,
                           textAnchor="start" if right else "end", fillColor=pdf.INK))
    legend = "图：各单元得分（红色为红榜，黑色为黑榜）" if top else "图：各单元得分"
    drawing.add(String(width / 2, 2, legend, fontName=pdf.FONT, fontSize=8, textAnchor="middle",
                       fillColor=pdf.GREY))
    return drawing


def _render(data: _Data, out: Path) -> int:
    """Write the PDF; returns the number of pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from zsdesk import __version__
    from zsdesk.reports import pdf

    pdf.register_font()
    story = _Layout(data).build()
    title = data.settings["titles"][data.kind]
    issue = f"第{data.issue}期" if data.issue else "预检稿"
    doc = BaseDocTemplate(
        str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
        bottomMargin=22 * mm, title=f"{title} {periods.issue_year(data.kind, data.period)}年{issue}",
        author=data.settings["office"], subject=data.period.label, creator=f"zsdesk {__version__}")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=_running_mark(pdf) if data.precheck else _no_mark)])
    doc.build(story, canvasmaker=pdf.NumberedCanvas)
    return doc.page


def _no_mark(canvas, doc) -> None:
    pass


def _running_mark(pdf):
    """The 预检稿 mark at the head of every page, so no page passes for the city's document."""
    from reportlab.lib.units import mm

    def draw(canvas, doc) -> None:
        canvas.saveState()
        width, height = doc.pagesize
        canvas.setFont(pdf.FONT, 9)
        canvas.setFillColor(pdf.RED)
        canvas.drawRightString(width - doc.rightMargin, height - 11 * mm, PRECHECK_MARK)
        canvas.setStrokeColor(pdf.RED)
        canvas.setLineWidth(0.5)
        canvas.line(doc.leftMargin, height - 12.5 * mm, width - doc.rightMargin, height - 12.5 * mm)
        canvas.restoreState()
    return draw


# --- the entry points ---------------------------------------------------------------------------

def make_brief(ws, period: Period, kind: str, out_path, *, unit_code: str | None = None,
               progress: Callable[[str], None] | None = None, list_limit: int | None = None) -> BriefResult:
    """Make the brief of ``kind`` for ``period`` as a PDF at ``out_path``.

    The city's brief of a period is numbered by the calendar (2026-11: 第11期),
    or with the number the city set for it (``set_issue_number``); making it
    changes no number, but records the ranking it printed (``published_ranking``)
    for the counties. ``unit_code`` (and always on a county site) makes the
    预检稿 of one unit: no number, no 报尾; at a county, no ranking of its own.
    Project lists print ``list_limit`` rows each (default: the setting, 20; 0: all).
    The file appears whole or not at all."""
    progress = progress or (lambda message: None)
    timings: dict[str, float] = {}
    begun = time.perf_counter()
    if kind not in KINDS:
        raise ValidationError("kind", f"简报种类须为 {'、'.join(KINDS)} 之一", value=kind)
    out = Path(out_path)
    if not out.parent.is_dir():
        raise ValidationError("out", f"输出文件夹不存在：{out.parent}", value=str(out_path))
    if out.suffix.lower() != ".pdf":
        raise ValidationError("out", "输出文件须以 .pdf 结尾", value=str(out_path))
    from zsdesk.reports.pdf import register_font
    register_font()   # a broken install says so before any work

    focus_id, focus_code = _focus_unit(ws, unit_code)
    with metrics.collector_paused():   # a city's rows: no cycles, many objects
        data = _gather(ws, kind, period, focus_id, progress, timings, list_limit)
    numbered = focus_id is None and ws.site.is_city
    if numbered:
        data.issue = issue_number(ws, kind, data.code)

    progress("排版")
    started = time.perf_counter()
    fd, tmp = tempfile.mkstemp(prefix=".brief-", suffix=".pdf", dir=out.parent)
    os.close(fd)
    try:
        pages = _render(data, Path(tmp))
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    timings["render"] = time.perf_counter() - started

    warnings = []
    if numbered and data.report.rules_version is not None:
        # the ranking this official brief printed goes to the counties with the settings
        key, value = _published_key(kind, data.code), _ranking_value(data.report, data.issue_date)
        try:
            if ws.reference.setting(key) != value:     # the same brief made again: nothing to sync
                ws.reference.set_setting(key, value)  # an upsert: two PCs at once leave one row
        except ReadOnlyError:
            warnings.append("无权修改设置：本期排名未记录为“市里通报的排名”，县级预检稿收不到")
    timings["total"] = time.perf_counter() - begun
    if not data.text and not data.county:      # the text is the city's setting: a county cannot fill it in
        warnings.append(f"下一步工作未填写（设置项 {_text_key(kind, data.code)}），简报中略去该部分")
    if data.report.rules_version is None:
        warnings.append("没有评分规则：简报不含排名")
    progress("完成")
    return BriefResult(out, pages, data.issue, data.report.rules_version, kind, data.code, focus_code,
                       timings, warnings)


def cli_brief(ws, args) -> int:
    """``zsdesk brief --period P [--kind K] [--unit CODE] --out FILE.pdf``."""
    import sys

    # --kind defaults to monthly: a period written as a week, quarter … names its own kind.
    kind = None if args.kind == "monthly" else args.kind
    kind, period = periods.parse_period(args.period, kind)
    result = make_brief(ws, period, kind, args.out, unit_code=args.unit)
    for warning in result.warnings:
        print(f"zsdesk: 提示：{warning}", file=sys.stderr)
    what = f"第{result.issue}期" if result.issue else f"预检稿（{result.unit_code}）"
    rules = f"评分规则第{result.rules_version}版" if result.rules_version else "无评分规则"
    print(f"已生成{KIND_LABELS[kind]}简报 {result.code} {what}：{result.path}（{result.pages}页，{rules}，"
          f"用时{result.timings['total']:.2f}秒）")
    return 0
