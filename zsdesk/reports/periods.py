"""Reporting periods of the 简报: weekly, monthly, bimonthly, quarterly, half-yearly, yearly.

A period is written the way office staff say it, and each written form has one
kind::

    2026-W43      weekly       ISO week 43 of 2026 (Monday to Sunday)
    2026-10       monthly
    2026-B5       bimonthly    the fifth pair of months: September and October
    2026-09/10    bimonthly    the same
    2026-Q3       quarterly
    2026-H1       halfyear     January to June (半年评议); 2026-H2 July to December
    2026          yearly

A month may also be given with a coarser kind: ``2026-10`` as ``quarterly`` is
2026-Q4. The canonical code (``period_code``) keys the issue number and the
下一步工作 text, so the same period made again finds both.
"""

from __future__ import annotations

import datetime as dt
import re

from zsdesk.errors import ValidationError
from zsdesk.metrics import Period, months_before

KINDS = ("weekly", "monthly", "bimonthly", "quarterly", "halfyear", "yearly")
KIND_LABELS = {"weekly": "周报", "monthly": "月报", "bimonthly": "双月报", "quarterly": "季报",
               "halfyear": "半年报", "yearly": "年报"}
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
HALF_NAMES = {1: "上半年", 2: "下半年"}

_FORMS = [
    ("weekly", re.compile(r"^(\d{4})-?W(\d{1,2})$", re.I)),
    ("bimonthly", re.compile(r"^(\d{4})-B(\d)$", re.I)),
    ("bimonthly", re.compile(r"^(\d{4})-(\d{1,2})/(\d{1,2})$")),
    ("quarterly", re.compile(r"^(\d{4})-?Q(\d)$", re.I)),
    ("halfyear", re.compile(r"^(\d{4})-?H(\d)$", re.I)),
    ("monthly", re.compile(r"^(\d{4})-(\d{1,2})$")),
    ("yearly", re.compile(r"^(\d{4})$")),
]
_COARSER = ("bimonthly", "quarterly", "halfyear", "yearly")
HELP = ("例：2026-10（月）、2026-W43（周）、2026-B5 或 2026-09/10（双月）、2026-Q3（季）、"
        "2026-H1（上半年）、2026（年）")


def _bad(text: str, why: str) -> ValidationError:
    return ValidationError("period", f"期间“{text}”{why}；{HELP}", value=text)


def _year(text: str, value: str) -> int:
    year = int(value)
    if not 2000 <= year <= 2099:
        raise _bad(text, "的年份不在2000至2099之间")
    return year


def _months(year: int, first: int, last: int, label: str) -> Period:
    end = months_before(dt.date(year, last, 1), -1) - dt.timedelta(days=1)
    return Period(dt.date(year, first, 1), end, label)


def week(year: int, number: int) -> Period:
    start = dt.date.fromisocalendar(year, number, 1)
    end = start + dt.timedelta(days=6)
    return Period(start, end, f"{year}年第{number}周（{start.month}月{start.day}日—{end.month}月{end.day}日）")


def month(year: int, number: int) -> Period:
    return _months(year, number, number, f"{year}年{number}月")


def bimonth(year: int, number: int) -> Period:
    first = 2 * number - 1
    return _months(year, first, first + 1, f"{year}年{first}—{first + 1}月")


def quarter(year: int, number: int) -> Period:
    first = 3 * number - 2
    return _months(year, first, first + 2, f"{year}年{QUARTER_NAMES[number]}")


def half(year: int, number: int) -> Period:
    first = 6 * number - 5
    return _months(year, first, first + 5, f"{year}年{HALF_NAMES[number]}")


def year(number: int) -> Period:
    return Period(dt.date(number, 1, 1), dt.date(number, 12, 31), f"{number}年")


def parse_period(text: str, kind: str | None = None) -> tuple[str, Period]:
    """(kind, period) of a written period. ``kind`` None: the form decides.
    Raises ValidationError naming ``period`` (or ``kind``)."""
    text = (text or "").strip()
    if kind is not None and kind not in KINDS:
        raise ValidationError("kind", f"简报种类须为 {'、'.join(KINDS)} 之一", value=kind)
    if not text:
        raise ValidationError("period", f"请填写期间；{HELP}")
    for form_kind, pattern in _FORMS:  # noqa: B007 - the matching form is read after the loop
        m = pattern.match(text)
        if m:
            break
    else:
        raise _bad(text, "无法识别")
    y = _year(text, m.group(1))
    if form_kind == "monthly" and kind in _COARSER:
        number = int(m.group(2))
        if not 1 <= number <= 12:
            raise _bad(text, "的月份须在1至12之间")
        return kind, containing(kind, dt.date(y, number, 1))
    if kind is not None and kind != form_kind:
        raise _bad(text, f"是{KIND_LABELS[form_kind]}期间，与简报种类“{KIND_LABELS[kind]}”不符")
    if form_kind == "weekly":
        try:
            return form_kind, week(y, int(m.group(2)))
        except ValueError:
            raise _bad(text, f"的周次不存在（{y}年共{dt.date(y, 12, 28).isocalendar()[1]}周）") from None
    if form_kind == "bimonthly":
        if m.lastindex == 3:
            first, last = int(m.group(2)), int(m.group(3))
            if not (1 <= first <= 11 and last == first + 1 and first % 2 == 1):
                raise _bad(text, "不是双月（1/2、3/4、5/6、7/8、9/10、11/12）")
            number = (first + 1) // 2
        else:
            number = int(m.group(2))
            if not 1 <= number <= 6:
                raise _bad(text, "的双月序号须在1至6之间")
        return form_kind, bimonth(y, number)
    if form_kind == "quarterly":
        number = int(m.group(2))
        if not 1 <= number <= 4:
            raise _bad(text, "的季度须在1至4之间")
        return form_kind, quarter(y, number)
    if form_kind == "halfyear":
        number = int(m.group(2))
        if number not in (1, 2):
            raise _bad(text, "的半年须为H1（上半年）或H2（下半年）")
        return form_kind, half(y, number)
    if form_kind == "monthly":
        number = int(m.group(2))
        if not 1 <= number <= 12:
            raise _bad(text, "的月份须在1至12之间")
        return form_kind, month(y, number)
    return form_kind, year(y)


def containing(kind: str, day: dt.date) -> Period:
    """The period of ``kind`` that contains ``day``."""
    if kind == "weekly":
        iso = day.isocalendar()
        return week(iso[0], iso[1])
    if kind == "monthly":
        return month(day.year, day.month)
    if kind == "bimonthly":
        return bimonth(day.year, (day.month + 1) // 2)
    if kind == "quarterly":
        return quarter(day.year, (day.month + 2) // 3)
    if kind == "halfyear":
        return half(day.year, (day.month + 5) // 6)
    if kind == "yearly":
        return year(day.year)
    raise ValidationError("kind", f"简报种类须为 {'、'.join(KINDS)} 之一", value=kind)


def period_code(kind: str, period: Period) -> str:
    """The canonical written form, e.g. ``2026-10``; refuses a period that does
    not start where a period of ``kind`` starts."""
    full = containing(kind, period.start)
    if full.start != period.start or period.end > full.end or period.end < period.start:
        raise ValidationError("period", f"{period.start}至{period.end}不是一个{KIND_LABELS[kind]}期间")
    s = period.start
    if kind == "weekly":
        iso = s.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if kind == "monthly":
        return f"{s.year}-{s.month:02d}"
    if kind == "bimonthly":
        return f"{s.year}-B{(s.month + 1) // 2}"
    if kind == "quarterly":
        return f"{s.year}-Q{(s.month + 2) // 3}"
    if kind == "halfyear":
        return f"{s.year}-H{(s.month + 5) // 6}"
    return f"{s.year}"


def issue_year(kind: str, period: Period) -> int:
    """Issues are numbered per year: the ISO year for weeks, else the calendar year."""
    return period.start.isocalendar()[0] if kind == "weekly" else period.start.year


def issue_in_year(kind: str, period: Period) -> int:
    """The period's place in its year, the brief's calendar issue number: the ISO
    week (weekly), the month (2026-11: 11), the pair of months (B5: 5), the
    quarter (Q3: 3), the half (H1: 1, H2: 2), 1 for a year. So the number never
    depends on the order in which briefs happen to be made."""
    s = period.start
    if kind == "weekly":
        return s.isocalendar()[1]
    if kind == "monthly":
        return s.month
    if kind == "bimonthly":
        return (s.month + 1) // 2
    if kind == "quarterly":
        return (s.month + 2) // 3
    if kind == "halfyear":
        return (s.month + 5) // 6
    if kind == "yearly":
        return 1
    raise ValidationError("kind", f"简报种类须为 {'、'.join(KINDS)} 之一", value=kind)


def full_period(kind: str, period: Period) -> Period:
    """The whole period of ``kind`` that ``period`` (maybe cut short) begins."""
    return containing(kind, period.start)


def previous(kind: str, period: Period) -> Period:
    """The whole period before (环比)."""
    return containing(kind, period.start - dt.timedelta(days=1))


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def same_period_last_year(kind: str, period: Period) -> Period:
    """The same span one year earlier (同比); a week compares with the same ISO week."""
    if kind == "weekly":
        iso = period.start.isocalendar()
        try:
            last = week(iso[0] - 1, iso[1])
        except ValueError:  # week 53 of a year whose predecessor has 52
            last = week(iso[0] - 1, 52)
        return Period(last.start, last.start + (period.end - period.start), last.label)
    start, end = _shift_year(period.start, -1), _shift_year(period.end, -1)
    full = containing(kind, start)
    label = full.label if end == full.end else f"{full.label.split('（')[0]}（截至{end.month}月{end.day}日）"
    return Period(start, end, label)


def cut_at(period: Period, today: dt.date) -> Period:
    """A period still running ends today (its figures are to date)."""
    if period.end <= today:
        return period
    return Period(period.start, today, f"{period.label}（截至{today.month}月{today.day}日）")
