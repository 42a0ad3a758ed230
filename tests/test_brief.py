"""The PDF 简报 (docs/DOMAIN.md#reports), read back with a PDF text extractor.

The data set is the one of test_metrics (today fixed at 2026-06-15), plus open
problems and follow-ups; every figure the tests look for in the PDF is taken
from ``zsdesk.metrics`` itself, never worked out again here.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from support import TODAY
from zsdesk import metrics
from zsdesk.errors import ReadOnlyError, RefusedError, ValidationError, ValidationErrors
from zsdesk.metrics import Period
from zsdesk.reports import brief, periods
from zsdesk.reports.brief import make_brief


# --- the data set ---------------------------------------------------------------------------

def build(ws, units: dict[str, str]) -> dict[str, str]:
    """Projects P1-P7 of test_metrics in units A and B (P7 shared with A)."""
    co = ws.companies.create({"name": "测试投资有限公司"})
    p = {}

    def project(key, unit, date, amount, *moves, arrivals=()):
        pid = ws.projects.create({"unit_id": unit, "company_id": co, "name": f"项目{key}",
                                  "contract_date": date, "contract_investment": amount})
        for stage, day, *reason in moves:
            ws.projects.advance(pid, stage, day, *reason)
        for day, amount in arrivals:
            ws.projects.add_arrival(pid, day, amount)
        p[key] = pid

    a, b = units["A"], units["B"]
    project("P1", a, "2026-02-10", 15000, ("registered", "2026-03-01"), ("started", "2026-04-01"),
            arrivals=[("2026-05-01", 3000)])
    project("P2", a, "2026-03-05", 2000, arrivals=[("2026-04-10", 500)])
    project("P3", b, "2025-10-01", 8000, ("started", "2026-01-20"),
            arrivals=[("2025-12-01", 2000), ("2026-02-01", 1000)])
    project("P4", b, "2025-06-01", 5000)
    project("P5", a, "2024-03-01", 30000, ("started", "2024-06-01"), ("producing", "2026-03-01"))
    project("P6", b, "2024-05-01", 1000, ("defaulted", "2025-01-10", "投资方资金链断裂"))
    project("P7", b, "2026-04-01", 6000, ("registered", "2026-05-20"))
    ws.projects.add_problem(p["P1"], "用电", "专用变电站接入待供电公司批复", "2026-05-10", "市供电公司")
    for unit, day, days in ((a, "2026-01-05", 2), (a, "2026-03-01", 0), (a, "2026-06-15", 3),
                            (b, "2026-02-02", 1)):
        due = "2026-06-01" if day < "2026-06-01" else None   # three follow-ups overdue today
        ws.visits.create({"unit_id": unit, "company_id": co, "visit_date": day, "trip_days": days,
                          "next_step": "报送项目计划书" if due else None, "next_due": due})
    return p


@pytest.fixture
def city(city_ws):
    ws = city_ws
    ref = ws.reference
    units = {code: ref.units.create({"code": code, "name": name, "sort_order": i})
             for i, (code, name) in enumerate((("A", "甲单元"), ("B", "乙单元"), ("C", "丙单元")), 1)}
    p = build(ws, units)
    ws.projects.add_referral(p["P7"], units["A"], "40%", "2026-04-02")
    for unit, n, amount in ((units["A"], 4, 50000), (units["B"], 2, 10000)):
        ref.set_target(2026, unit, "signed_projects", n)
        ref.set_target(2026, unit, "signed_investment", amount)
    ref.new_scoring_rules({"signed_projects": 50, "signed_investment": 50}, {"overdue_start": 2},
                          note="测试规则")
    return ws, units, p


# --- reading the PDF back ------------------------------------------------------------------------

def pages_of(path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def flat(text: str) -> str:
    """Text without the line breaks and spaces a table cell or a wrapped line adds."""
    return re.sub(r"\s+", "", text)


def section(text: str, start: str, end: str | None) -> str:
    """The flattened text between two headings."""
    body = flat(text)
    i = body.index(flat(start))
    j = body.index(flat(end), i) if end else len(body)
    return body[i:j]


def make(ws, tmp_path, code: str, kind: str | None = None, **kw):
    kind, period = periods.parse_period(code, kind)
    out = tmp_path / f"brief-{kind}-{code.replace('/', '_')}-{kw.get('unit_code') or 'all'}.pdf"
    result = make_brief(ws, period, kind, out, **kw)
    return result, pages_of(out)


def check_page_numbers(pages: list[str]) -> None:
    total = len(pages)
    for n, text in enumerate(pages, 1):
        found = re.findall(r"第\s*(\d+)\s*页\s*共\s*(\d+)\s*页", text)
        assert found == [(str(n), str(total))], f"page {n}: {found}"


# --- each kind of brief ----------------------------------------------------------------------------

# each kind with the issue number the calendar gives it (the period's place in its year)
KINDS = [("2026-W20", "weekly", 20), ("2026-04", "monthly", 4), ("2026-03/04", "bimonthly", 2),
         ("2026-Q2", "quarterly", 2), ("2026", "yearly", 1)]


@pytest.mark.parametrize("code,kind,issue", KINDS)
def test_every_kind_prints_the_metrics_figures(city, tmp_path, code, kind, issue):
    ws, units, p = city
    result, pages = make(ws, tmp_path, code)
    assert result.kind == kind and result.issue == issue and result.pages == len(pages)
    text = "\n".join(pages)
    body = flat(text)

    # 报头 on page one: name, number, office, date; 报尾 on the last page
    first = flat(pages[0])
    assert first.index("内部资料注意保存") < first.index("招商引资") < first.index(f"第{issue}期") \
        < first.index("泰州市商务局")
    assert "2026年6月15日" in first
    assert "共印30份" in flat(pages[-1]) and "报：" in flat(pages[-1])
    check_page_numbers(pages)

    # every figure is the metrics module's, printed with its own display()
    _, period = periods.parse_period(code)
    report = metrics.compute(ws, periods.cut_at(period, TODAY))
    total = report.total
    assert f"签约金额{total['signed_investment'].display()}万元" in body
    assert f"新签约项目{total['signed_projects'].display()}个" in body
    assert f"到位资金{total['arrived_capital'].display()}万元" in body
    ranked = [u for u in report.units if u.rank]
    assert ranked, "the data set ranks A and B in every period"
    for u in ranked:
        assert f"{u.rank}.{u.name}" in body                       # the chart's labels
        assert u.score.display() in section(text, "各单元排名", "重大项目进展")
    assert "评分规则第2版" in body and result.rules_version == report.rules_version == 2


def test_figures_tables_and_lists_match_the_metrics(city, tmp_path):
    ws, units, p = city
    result, pages = make(ws, tmp_path, "2026-Q2")
    text = "\n".join(pages)
    report = metrics.compute(ws, Period(dt.date(2026, 4, 1), TODAY))
    by = {u.code: u for u in report.units}

    ranking = section(text, "各单元排名", "重大项目进展")
    # ranked rows in order, each with its score; C has no targets and says why
    assert ranking.index("甲单元") < ranking.index("乙单元")
    for code in ("A", "B"):
        assert by[code].score.display() in ranking
    assert by["C"].rank is None and "缺少目标" in ranking
    assert "（红榜）" in ranking and "（黑榜）" in ranking

    # 本期新签约 list = the figure's row ids (P7 only in Q2), 新投产 = P5
    work = section(text, "本期项目推进情况", "履约率、开工率")
    signed = work[work.index("（一）新签约项目"):work.index("（二）新开工项目")]
    assert "项目P7" in signed and "项目P1" not in signed and "项目P2" not in signed
    assert f"（{report.total['signed_projects'].display()}个" in signed

    # 四率 by unit: a rate the data cannot give is "—" with its reason, never 0%
    rates = section(text, "履约率、开工率、资金到位率、建成投产率", "存在问题")
    row_c = rates[rates.index("丙单元"):rates.index("合计")]
    c = by["C"]
    assert c["performance_rate"].value is None
    assert row_c.startswith("丙单元—") and c["performance_rate"].missing in row_c and "%" not in row_c
    row_b = rates[rates.index("乙单元"):rates.index("丙单元")]
    assert row_b.startswith("乙单元" + by["B"]["performance_rate"].display())

    # 存在问题: 应开未开 by name (P4, P6), the open problem, the overdue follow-ups
    problems = section(text, "存在问题", None)
    assert f"应开未开项目（{report.total['overdue_start'].display()}个）" in problems
    assert "项目P4" in problems and "项目P6" in problems
    assert "专用变电站接入待供电公司批复" in problems
    assert "逾期未跟进事项（3项）" in problems


def test_same_period_last_year_and_last_period_are_metrics_figures(city, tmp_path):
    ws, units, p = city
    result, pages = make(ws, tmp_path, "2026-05")
    table = section("\n".join(pages), "主要指标与上期、去年同期比较", "年度目标完成情况")
    cur = metrics.compute(ws, periods.month(2026, 5)).total
    prev = metrics.compute(ws, periods.month(2026, 4)).total
    last = metrics.compute(ws, periods.month(2025, 5)).total
    row = table[table.index("到位资金（万元）"):table.index("拜访企业")]
    assert row.startswith(f"到位资金（万元）{cur['arrived_capital'].display()}{prev['arrived_capital'].display()}")
    assert last["arrived_capital"].display() in row


def test_targets_and_pace(city, tmp_path):
    ws, units, p = city
    result, pages = make(ws, tmp_path, "2026-04")
    report = metrics.compute(ws, periods.month(2026, 4))
    table = section("\n".join(pages), "年度目标完成情况", "各单元排名")
    assert f"序时进度{report.pace * 100:.1f}%" in table          # 120/365
    fig = report.total["signed_projects"]
    assert fig.target == 6
    row = table[table.index("签约项目个数"):table.index("签约金额")]
    assert "6" in row and ("超进度" if fig.on_pace else "欠进度") in row


# --- fonts, pages, long tables ---------------------------------------------------------------------

def test_the_font_is_embedded(city, tmp_path):
    ws, units, p = city
    result, pages = make(ws, tmp_path, "2026-04")
    reader = PdfReader(str(result.path))
    fonts = {}
    for page in reader.pages:
        for name, ref in page["/Resources"].get("/Font", {}).items():
            fonts[name] = ref.get_object()
    assert fonts
    for name, font in fonts.items():
        descendants = [f.get_object() for f in font.get("/DescendantFonts", [])] or [font]
        for f in descendants:
            descriptor = f.get("/FontDescriptor")
            assert descriptor is not None, f"{name} ({font.get('/BaseFont')}) has no FontDescriptor"
            assert "/FontFile2" in descriptor.get_object(), f"{name} is not embedded"
        assert "WenQuanYi" in font["/BaseFont"] or "UMingCN" in font["/BaseFont"]
    # the Song face sets the title and body, WenQuanYi the tables and headings
    bases = {str(font["/BaseFont"]) for font in fonts.values()}
    assert any("UMingCN" in b for b in bases) and any("WenQuanYi" in b for b in bases), bases
    if shutil.which("pdffonts"):
        out = subprocess.run(["pdffonts", str(result.path)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows and all(r.split()[-5] == "yes" for r in rows), out   # the "emb" column


def test_a_300_project_table_repeats_its_header_on_every_page(city, tmp_path):
    ws, units, p = city
    co = ws.companies.create({"name": "批量投资有限公司"})
    names = [f"批量项目{i:03d}" for i in range(300)]
    ws.projects.create_many([{"unit_id": units["A"], "company_id": co, "name": n,
                              "contract_date": f"2026-05-{1 + i % 28:02d}", "contract_investment": 500}
                             for i, n in enumerate(names)])
    brief.set_brief_settings(ws, list_limit=0)            # print every row of every list
    result, pages = make(ws, tmp_path, "2026-05")
    holding = [n for n, text in enumerate(pages) if "批量项目" in text]
    assert len(holding) >= 3, "300 rows run over several pages"
    assert holding == list(range(holding[0], holding[-1] + 1))
    for n in holding:
        head = flat(pages[n])
        assert "序号项目名称所属单元投资方合同投资（万元）签约日期当前阶段" in head, f"page {n + 1} lacks the header"
    body = flat("\n".join(pages[i] for i in holding))
    for name in names:                       # every row once: none lost or doubled at a page break
        assert body.count(name) == 1, name
    check_page_numbers(pages)


def test_lists_print_the_largest_projects_up_to_the_limit(city, tmp_path):
    ws, units, p = city
    co = ws.companies.create({"name": "批量投资有限公司"})
    ws.projects.create_many([{"unit_id": units["B"], "company_id": co, "name": f"批量项目{i:03d}",
                              "contract_date": "2026-05-10", "contract_investment": 100 + i} for i in range(300)])
    result, pages = make(ws, tmp_path, "2026-05")                  # the default: 20 rows a list
    signed = section("\n".join(pages), "（一）新签约项目", "（二）新开工项目")
    report = metrics.compute(ws, periods.month(2026, 5))
    assert f"新签约项目（{report.total['signed_projects'].display()}个" in signed
    shown = re.findall(r"批量项目(\d{3})", signed)
    assert shown == [f"{i:03d}" for i in range(299, 279, -1)]      # the 20 largest, largest first
    assert "以上列出合同投资最大的20个，另有280个未列出" in signed
    _, pages = make(ws, tmp_path, "2026-05", list_limit=5)
    signed = section("\n".join(pages), "（一）新签约项目", "（二）新开工项目")
    assert len(re.findall(r"批量项目\d{3}", signed)) == 5 and "另有295个未列出" in signed


def test_overdue_followups_are_counted_whole_and_the_oldest_ten_listed(city, tmp_path):
    """The brief reads the oldest ten and the counts, not every follow-up ever late; the
    numbers are those of every row (recomputed here from the rows created)."""
    ws, units, p = city
    co = ws.companies.create({"name": "逾期测试有限公司"})
    created = []   # (unit, due) of the visits added here; build() has three more, due 06-01
    for n in range(25):
        unit, due = ("A", "B", "B")[n % 3], dt.date(2026, 1, 1) + dt.timedelta(days=4 * n)
        ws.visits.create({"unit_id": units[unit], "company_id": co, "visit_date": "2025-12-01",
                          "next_step": f"后续{n:02d}", "next_due": due})
        created.append((unit, due))
    ws.leads.create({"unit_id": units["A"], "company_id": co, "name": "逾期线索", "stage_date": "2026-01-01",
                     "next_followup": "2026-03-03"})
    late = [x for x in created if x[1] < TODAY]
    total = len(late) + 3 + 1
    by_unit = {"A": sum(u == "A" for u, _ in late) + 2 + 1, "B": sum(u == "B" for u, _ in late) + 1}
    _, pages = make(ws, tmp_path, "2026-05")
    body = section("\n".join(pages), "（四）逾期未跟进事项", None)
    assert f"（四）逾期未跟进事项（{total}项）" in body
    assert f"逾期未跟进事项{total}项，其中拜访后续事项{total - 1}项、线索跟进1项" in body
    assert f"按单元：乙单元{by_unit['B']}项、甲单元{by_unit['A']}项" in body
    listed = re.findall(r"(2026-\d\d-\d\d)(\d+)天", body)
    oldest = sorted([d for _, d in late] + [dt.date(2026, 3, 3)])[:10]
    assert [d for d, _ in listed] == [d.isoformat() for d in oldest]
    assert [int(days) for _, days in listed] == [(TODAY - d).days for d in oldest]


# --- issue numbers, settings, text ------------------------------------------------------------------

def test_issue_numbers_follow_the_calendar_not_the_order_briefs_are_made(city, tmp_path):
    ws, units, p = city
    made = [make(ws, tmp_path, code) for code in ("2025-11", "2025-10", "2025-09")]
    assert [result.issue for result, _ in made] == [11, 10, 9]
    for (result, pages), number in zip(made, (11, 10, 9), strict=True):
        assert f"第{number}期" in flat(pages[0]) and f"{2025}年第{number}期" in PdfReader(str(result.path)).metadata.title
    again, pages = make(ws, tmp_path, "2025-11")                  # made again: the same number
    assert again.issue == 11 and "第11期" in flat(pages[0])
    assert make(ws, tmp_path, "2026-W02")[0].issue == 2          # the ISO week
    assert make(ws, tmp_path, "2025-B6")[0].issue == 6           # the sixth pair of months
    assert make(ws, tmp_path, "2026-Q1")[0].issue == 1
    assert make(ws, tmp_path, "2025")[0].issue == 1
    assert brief.issue_number(ws, "monthly", "2026-05") == 5     # known before the brief is made


def test_the_city_can_give_one_brief_its_own_number(city, tmp_path):
    ws, units, p = city
    brief.set_issue_number(ws, "monthly", "2026-03", 12)          # continuing a paper series
    result, pages = make(ws, tmp_path, "2026-03")
    assert result.issue == 12 and "第12期" in flat(pages[0]) and "第3期" not in flat(pages[0])
    assert brief.issue_override(ws, "monthly", "2026-03") == 12
    assert make(ws, tmp_path, "2026-04")[0].issue == 4            # the others keep the calendar's
    assert make(ws, tmp_path, "2026-Q1")[0].issue == 1            # per kind: the quarter is not touched
    # the calendar's own number, or none, takes the override away
    brief.set_issue_number(ws, "monthly", "2026-03", 3)
    assert brief.issue_override(ws, "monthly", "2026-03") is None
    brief.set_issue_number(ws, "monthly", "2026-03", 7)
    brief.set_issue_number(ws, "monthly", "2026-03", None)
    assert make(ws, tmp_path, "2026-03")[0].issue == 3
    for bad in (0, "三", 1000):
        with pytest.raises(ValidationError) as e:
            brief.set_issue_number(ws, "monthly", "2026-03", bad)
        assert e.value.field == "issue"


def test_numbers_stored_in_generation_order_by_older_versions_are_ignored(city, tmp_path):
    ws, units, p = city
    ws.reference.set_setting("brief_issues:monthly:2026", {"2026-05": 1, "2026-04": 2})   # what 0.x wrote
    assert make(ws, tmp_path, "2026-05")[0].issue == 5
    assert make(ws, tmp_path, "2026-04")[0].issue == 4
    assert ws.reference.setting("brief_issues:monthly:2026") == {"2026-05": 1, "2026-04": 2}   # left as it was


def test_settings_are_checked_whole_and_written_in_one_go(city, tmp_path):
    ws, units, p = city
    with pytest.raises(ValidationErrors) as e:
        brief.set_brief_settings(ws, office="新办公室", copies=0, recipients={"报": "", "送": "送" * 301, "发": ""},
                                 title={"monthly": ""}, kind="monthly", period="2026-05", issue="x")
    assert set(e.value.fields) == {"copies", "recipients:送", "title", "issue"}
    assert "送" in e.value.fields["recipients:送"]
    assert brief.brief_settings(ws)["office"] == "泰州市商务局"     # nothing written
    brief.set_brief_settings(ws, title={"weekly": "招商快报"})
    brief.set_brief_settings(ws, title={"monthly": "招商月报"})    # one kind's title keeps the others'
    titles = brief.brief_settings(ws)["titles"]
    assert titles["weekly"] == "招商快报" and titles["monthly"] == "招商月报"
    brief.set_brief_settings(ws, office="泰州市招商办")
    brief.set_brief_settings(ws, office="")                        # empty: the site's name again
    assert brief.brief_settings(ws)["office"] == "泰州市商务局"


def test_office_recipients_copies_and_next_steps_are_settings(city, tmp_path):
    ws, units, p = city
    brief.set_brief_settings(ws, office="泰州市招商引资工作领导小组办公室", copies=45, confidential=False,
                             recipients={"报": "市长、副市长", "送": "市发展改革委", "发": "各招商单元"},
                             title={"monthly": "招商引资月度调度简报"})
    brief.set_brief_text(ws, "monthly", "2026-04", "一是抓好重大项目开工。\n二是开展驻点招商。")
    result, pages = make(ws, tmp_path, "2026-04")
    first, last = flat(pages[0]), flat(pages[-1])
    assert "招商引资月度调度简报" in first and "泰州市招商引资工作领导小组办公室" in first
    assert "内部资料" not in first
    assert "报：市长、副市长" in last and "发：各招商单元" in last and "共印45份" in last
    steps = section("\n".join(pages), "下一步工作", None)
    assert "一是抓好重大项目开工。" in steps and "二是开展驻点招商。" in steps
    assert result.warnings == []
    other, pages = make(ws, tmp_path, "2026-05")
    assert "下一步工作" not in flat("\n".join(pages)) and "下一步工作未填写" in other.warnings[0]
    assert brief.brief_text(ws, "monthly", "2026-04").startswith("一是")


# --- 预检 --------------------------------------------------------------------------------------------------

def test_a_unit_precheck_shows_its_rank_and_is_not_numbered(city, tmp_path):
    ws, units, p = city
    result, pages = make(ws, tmp_path, "2026-Q2", unit_code="b")
    report = metrics.compute(ws, Period(dt.date(2026, 4, 1), TODAY))
    b = {u.code: u for u in report.units}["B"]
    ranked = [u for u in report.units if u.rank]
    body = flat("\n".join(pages))
    assert result.issue is None and result.unit_code == "B" and "预检稿" in flat(pages[0])
    assert f"乙单元得分{b.score.display()}分，在{len(ranked)}个单元中排名第{b.rank}位" in body
    # the unit's own figures in 总体情况
    assert f"乙单元新签约项目{b['signed_projects'].display()}个" in body
    assert brief.issue_override(ws, "quarterly", "2026-Q2") is None  # no number set by making it
    check_page_numbers(pages)
    # the city's current ranking, but not the city's document: marked on every page, no 报尾
    for page in pages:
        assert flat(page).startswith("预检稿·非正式·排名以市里通报为准")
    assert "共印" not in body and "报：" not in body
    assert brief.published_ranking(ws, "quarterly", "2026-Q2") is None   # a 预检稿 publishes nothing


def test_the_official_brief_records_the_ranking_it_printed(city, tmp_path):
    ws, units, p = city
    result, pages = make(ws, tmp_path, "2026-05")
    report = metrics.compute(ws, periods.month(2026, 5))
    stored = ws.reference.setting("published_ranking:monthly:2026-05")
    assert stored["made"] == TODAY.isoformat() and stored["rules_version"] == result.rules_version == 2
    assert [(r["code"], r["name"], r["rank"], r["score"]) for r in stored["rows"]] == [
        (u.code, u.name, u.rank, u.score.display() if u.score and u.score.value is not None else None)
        for u in sorted(report.units, key=lambda u: (u.rank is None, u.rank or 0))]
    published = brief.published_ranking(ws, "monthly", "2026-05")
    assert published.made == TODAY and [r.code for r in published.rows] == ["A", "B", "C"]
    assert brief.published_ranking(ws, "monthly", "2026-06").code == "2026-05"   # the last one before
    assert brief.published_ranking(ws, "monthly", "2026-04") is None              # none before April's end


def _import_from_city(ws, *, other_unit: bool = True) -> dict[str, str]:
    """What a county receives from the city: targets for its unit and, when the
    city knows it, a second unit with its targets (as a sync import writes them)."""
    from zsdesk.db.models import Target, Unit
    from support import add_foreign_site

    city_site = add_foreign_site(ws, code="TZ-CITY", name="泰州市商务局", role="city")
    [own] = ws.reference.list_units()
    out = {"own": own.id}
    with ws.write(source="test-import") as w:
        if other_unit:
            out["other"] = w.insert(Unit, {"code": "JY-U02", "name": "靖江经开区招商单元",
                                           "owner_site_id": city_site, "sort_order": 2})
        for unit in out.values():
            for metric, value in (("signed_projects", 4), ("signed_investment", 40000), ("major_projects", 1),
                                  ("started_projects", 2), ("arrived_capital", 10000)):
                w.insert(Target, {"year": 2026, "unit_id": unit, "metric": metric, "value": value,
                                  "owner_site_id": city_site})
    return out


def test_a_county_prechecks_its_own_unit(ws, unit_id, company_id, tmp_path):
    units = _import_from_city(ws)
    ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "新药生产基地",
                        "contract_date": "2026-05-08", "contract_investment": 20000})
    result, pages = make(ws, tmp_path, "2026-05")
    report = metrics.compute(ws, periods.month(2026, 5))
    own = {u.unit_id: u for u in report.units}[units["own"]]
    body = flat("\n".join(pages))
    assert result.unit_code == "TX-U01" and result.issue is None
    assert "泰兴高新区招商单元" in flat(pages[0])              # its own name in the 报头
    assert "新药生产基地" in body
    # 预检稿, not the city's document: marked on every page, no 报尾, no ranking of its own
    assert "预检稿·非正式·排名以市里通报为准" in flat(pages[0])
    for page in pages:
        assert flat(page).startswith("预检稿·非正式·排名以市里通报为准")
    assert "共印" not in body and "报：" not in body and "发：" not in body
    assert "红榜" not in body and "黑榜" not in body and "靖江经开区招商单元" not in body
    assert "尚未收到市里通报的排名" in body and "排名第" not in body
    assert f"泰兴高新区招商单元新签约项目{own['signed_projects'].display()}个" in body
    with pytest.raises(RefusedError):                              # not another county's unit
        make(ws, tmp_path, "2026-05", unit_code="JY-U02")
    with pytest.raises(ReadOnlyError):                             # settings are the city's
        brief.set_brief_text(ws, "monthly", "2026-05", "下一步")


def test_a_character_outside_the_song_subset_is_set_in_wenquanyi(city, tmp_path):
    from zsdesk.reports import pdf

    assert pdf.song_markup("王喆<b>") == '王<font name="WQYMicroHei">喆</font>&lt;b&gt;'
    ws, units, p = city
    ws.reference.units.update(units["A"], {"name": "喆堃单元"})     # not in GB 2312: not in the subset
    result, pages = make(ws, tmp_path, "2026-04")
    body = flat("\n".join(pages))
    assert "喆堃单元" in section("\n".join(pages), "各单元排名", "重大项目进展")   # text, chart and table
    assert "喆堃单元" in body


# --- page breaks ---------------------------------------------------------------------------------------

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\S")
PAGE_NUMBER = re.compile(r"^第\s*\d+\s*页\s*共\s*\d+\s*页$")


def lines_of(page: str) -> list[str]:
    """A page's text lines without the page number and the 预检稿 running mark."""
    return [line.strip() for line in page.splitlines()
            if line.strip() and not PAGE_NUMBER.match(line.strip()) and not line.strip().endswith("排名以市里通报为准")]


def check_breaks(pages: list[str], table_heads: tuple[str, ...] = ()) -> None:
    """No page ends with a heading; no page starts (below a repeated table header)
    with a 合计 row."""
    for number, page in enumerate(pages, 1):
        lines = lines_of(page)
        assert lines, f"page {number} is empty"
        assert not HEADING.match(lines[-1]), f"page {number} ends with the heading {lines[-1]!r}"
        assert not lines[0].startswith("合计"), f"page {number} starts with a 合计 row"
        text = flat(page)
        for head in table_heads:
            if text.startswith(head):
                assert not text[len(head):].startswith("合计"), f"page {number}: 合计 alone below the header"


def test_a_heading_never_ends_a_page_and_a_total_never_starts_one(city, tmp_path):
    ws, units, p = city
    ref = ws.reference
    for i in range(24):            # the 四率 table runs over a page: 27 units and 合计
        ref.units.create({"code": f"X{i:02d}", "name": f"测试{i:02d}单元", "sort_order": 10 + i})
    brief.set_brief_settings(ws, list_limit=0)
    co = ws.companies.create({"name": "批量投资有限公司"})
    made = 0
    breaks = set()
    for _ in range(12):            # more projects each time: the page breaks move through the brief
        ws.projects.create_many([{"unit_id": units["A"], "company_id": co, "name": f"分页项目{made + i:03d}",
                                  "contract_date": "2026-05-10", "contract_investment": 900 + made + i}
                                 for i in range(3)])
        made += 3
        result, pages = make(ws, tmp_path, "2026-05")
        check_breaks(pages, ("单元履约率开工率资金到位率建成投产率",))
        check_page_numbers(pages)
        breaks.add(tuple(lines_of(page)[-1][:6] for page in pages[:-1]))
    assert len(breaks) > 6, "the breaks fell in different places"


def test_the_total_row_keeps_the_row_above_it(tmp_path):
    """A table whose page break would fall just before its 合计 row moves the last
    two rows together, below the repeated header."""
    from reportlab.lib.pagesizes import A5
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from zsdesk.reports import pdf

    pdf.register_font()
    rows = [["单元", "数"]] + [[f"第{i}单元", str(i)] for i in range(1, 9)] + [["合计", "36"]]
    seen_tail_moves = 0
    for gap in range(250, 430, 6):     # the table starts lower and lower on the page
        out = tmp_path / f"t{gap}.pdf"
        doc = SimpleDocTemplate(str(out), pagesize=A5)
        doc.build([Spacer(1, gap), pdf.data_table(rows, [60, 40])])
        pages = [page.extract_text() for page in PdfReader(str(out)).pages]
        for page in pages:
            text = flat(page)
            assert not text.removeprefix("单元数").startswith("合计"), (gap, pages)
        if len(pages) == 2 and flat(pages[1]).startswith("单元数第8单元8合计36"):
            seen_tail_moves += 1
    assert seen_tail_moves, "some position put the break before the last two rows"


# --- periods and the command line ------------------------------------------------------------------

@pytest.mark.parametrize("text,kind,start,end,code", [
    ("2026-10", None, "2026-10-01", "2026-10-31", "2026-10"),
    ("2026-W43", None, "2026-10-19", "2026-10-25", "2026-W43"),
    ("2026-B5", None, "2026-09-01", "2026-10-31", "2026-B5"),
    ("2026-09/10", None, "2026-09-01", "2026-10-31", "2026-B5"),
    ("2026-Q3", None, "2026-07-01", "2026-09-30", "2026-Q3"),
    ("2026", None, "2026-01-01", "2026-12-31", "2026"),
    ("2026-10", "quarterly", "2026-10-01", "2026-12-31", "2026-Q4"),
    ("2024-02", "bimonthly", "2024-01-01", "2024-02-29", "2024-B1"),
    ("2026-10", "yearly", "2026-01-01", "2026-12-31", "2026"),
])
def test_periods(text, kind, start, end, code):
    found_kind, period = periods.parse_period(text, kind)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert periods.period_code(found_kind, period) == code


@pytest.mark.parametrize("text,kind", [
    ("2026-13", None), ("2026-W54", None), ("2026-B7", None), ("2026-10/11", None), ("2026-Q5", None),
    ("26-10", None), ("", None), ("2026-Q3", "weekly"), ("2026-10", "weekly"), ("1999", None),
])
def test_bad_periods_name_the_period(text, kind):
    with pytest.raises(ValidationError) as e:
        periods.parse_period(text, kind)
    assert e.value.field == "period"


def test_comparison_periods():
    month = periods.month(2026, 1)
    assert periods.previous("monthly", month) == periods.month(2025, 12)
    last = periods.same_period_last_year("monthly", Period(dt.date(2024, 2, 1), dt.date(2024, 2, 29)))
    assert (last.start, last.end) == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))
    assert periods.previous("weekly", periods.week(2026, 1)) == periods.week(2025, 52)
    cut = periods.cut_at(periods.month(2026, 6), TODAY)
    assert cut.end == TODAY and "截至6月15日" in cut.label


def test_a_future_or_misaligned_period_is_refused(city, tmp_path):
    ws, units, p = city
    with pytest.raises(ValidationError) as e:
        make(ws, tmp_path, "2026-07")
    assert e.value.field == "period"
    with pytest.raises(ValidationError) as e:
        make_brief(ws, Period(dt.date(2026, 4, 2), dt.date(2026, 4, 30)), "monthly", tmp_path / "x.pdf")
    assert e.value.field == "period"
    with pytest.raises(ValidationError) as e:
        make(ws, tmp_path, "2026-04", unit_code="NOPE")
    assert e.value.field == "unit"
    assert not list(tmp_path.glob("*.pdf"))


def test_result_reports_progress_and_timings(city, tmp_path):
    ws, units, p = city
    messages = []
    _, period = periods.parse_period("2026-04")
    result = make_brief(ws, period, "monthly", tmp_path / "b.pdf", progress=messages.append)
    assert messages[0] == "计算指标" and messages[-1] == "完成"
    assert {"metrics", "render", "total"} <= set(result.timings)
    assert result.path.is_file() and not list(tmp_path.glob(".brief-*"))


def test_cli(city, tmp_path, capsys):
    from zsdesk.cli import main

    ws, units, p = city
    url = str(ws.db.url)
    out = tmp_path / "cli.pdf"
    assert main(["--db", url, "brief", "--period", "2025-Q4", "--out", str(out)]) == 0
    assert "季报" in capsys.readouterr().out and out.is_file()        # the kind follows the period
    assert main(["--db", url, "brief", "--period", "2025-13", "--out", str(out)]) == 2
    assert "period" in capsys.readouterr().err
    assert main(["--db", url, "brief", "--period", "2025-10", "--unit", "ZZ", "--out", str(out)]) == 2
    assert "unit" in capsys.readouterr().err
