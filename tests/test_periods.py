"""The half-year period (半年评议, issue 13): written 2026-H1 / 2026-H2, a kind of
its own ("halfyear", 半年报) for briefs and ``stats`` like the others."""

from __future__ import annotations

import datetime as dt

import pytest

from support import TODAY
from zsdesk.errors import ValidationError
from zsdesk.metrics import Period
from zsdesk.reports import periods


@pytest.mark.parametrize("text,kind,start,end,code,label", [
    ("2026-H1", None, "2026-01-01", "2026-06-30", "2026-H1", "2026年上半年"),
    ("2026-H2", None, "2026-07-01", "2026-12-31", "2026-H2", "2026年下半年"),
    ("2026h2", None, "2026-07-01", "2026-12-31", "2026-H2", "2026年下半年"),
    ("2026H1", "halfyear", "2026-01-01", "2026-06-30", "2026-H1", "2026年上半年"),
    ("2026-06", "halfyear", "2026-01-01", "2026-06-30", "2026-H1", "2026年上半年"),   # a month, coarser
    ("2026-07", "halfyear", "2026-07-01", "2026-12-31", "2026-H2", "2026年下半年"),
])
def test_half_years(text, kind, start, end, code, label):
    found_kind, period = periods.parse_period(text, kind)
    assert found_kind == "halfyear" and periods.KIND_LABELS[found_kind] == "半年报"
    assert (period.start.isoformat(), period.end.isoformat(), period.label) == (start, end, label)
    assert periods.period_code(found_kind, period) == code
    assert periods.containing("halfyear", period.end) == period


@pytest.mark.parametrize("text,kind", [("2026-H3", None), ("2026-H0", None), ("2026-H1", "quarterly"),
                                       ("2026-H1", "yearly"), ("2026-Q3", "halfyear"), ("1999-H1", None)])
def test_bad_half_years_name_the_period(text, kind):
    with pytest.raises(ValidationError) as e:
        periods.parse_period(text, kind)
    assert e.value.field == "period" and "2026-H1（上半年）" in e.value.message


def test_half_year_issue_numbers_and_comparisons():
    h1, h2 = periods.half(2026, 1), periods.half(2026, 2)
    assert (periods.issue_in_year("halfyear", h1), periods.issue_in_year("halfyear", h2)) == (1, 2)
    assert periods.issue_year("halfyear", h2) == 2026
    assert periods.previous("halfyear", h1) == periods.half(2025, 2)
    assert periods.previous("halfyear", h2) == h1
    assert periods.same_period_last_year("halfyear", h2) == periods.half(2025, 2)
    cut = periods.cut_at(h1, TODAY)
    assert cut.end == TODAY and cut.label == "2026年上半年（截至6月15日）"
    last = periods.same_period_last_year("halfyear", cut)
    assert (last.start, last.end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 15))
    assert periods.full_period("halfyear", cut) == h1
    with pytest.raises(ValidationError):   # not where a half year starts
        periods.period_code("halfyear", Period(dt.date(2026, 2, 1), dt.date(2026, 6, 30)))
