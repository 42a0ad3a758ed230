"""个人赛马 (issue 13): per-person figures recomputed by hand on a small data set,
the editable 优秀 rule both ways, the 12个月无实绩 warning, ``stats --by staff``,
every period ``stats`` takes, the "个人赛马" sheet read back, and the project
category (migration 0009). Today is fixed at 2026-06-15 (tests/support.py).

People and their projects (owner = 包保责任人):
  张三 (甲) P1 2026-02-10 12000 工业, started 04-01, arrival 05-01 3000
            P5 2025-12-20   800 (no category), arrival 2026-02-01 200
  李四 (乙) P2 2026-03-05  6000 工业, shared: 甲 (飞出地) keeps 40%; arrival 04-10 1000
            P3 2026-04-20  4500 服务业
  王五 (甲) P4 2025-03-01  2000 工业 (nothing since: 12个月无实绩)
Visits (participants, leader, trip days):
  V1 2026-01-05 张三 王五, 2 days   V2 2026-03-01 led by 张三 (and participant), 0
  V3 2026-05-10 李四 张三, 3 days   V4 2025-12-30 张三, 4 days (before the period)
  V5 2026-06-15 led by 李四, 1 day
Period 2026-H1, to date (2026-01-01 .. 2026-06-15).
  张三: 签约 1, 12000万元, 亿元以上 1, 开工 1, 到位 3000+200 = 3200, 拜访 3 (V1 V2 V3), 外出 2+0+3 = 5
  李四: 签约 0.6+1 = 1.6, 0.6×6000+4500 = 8100万元, 亿元以上 0, 开工 0, 到位 0.6×1000 = 600,
        拜访 2 (V3 V5), 外出 3+1 = 4
  王五: 拜访 1 (V1), 外出 2; no signing or arrival since 2025-03-01: 无实绩
Targets (2026): 张三 2 projects, 20000万元; 李四 2 projects, 10000万元; 王五 none.
Score = 50 × 签约个数完成率 + 50 × 签约金额完成率:
  李四 50×0.8 + 50×0.81 = 80.50 (1st); 张三 50×0.5 + 50×0.6 = 55.00 (2nd); 王五 no score.
优秀: 张三 (P1 is one industrial project ≥ 1亿元); 李四 has one industrial project
  (3600 credited) and a service one: not 优秀.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from support import TODAY, log_entries
from zsdesk import people
from zsdesk.app import people as app_people
from zsdesk.app.reference import set_staff_target
from zsdesk.errors import ReadOnlyError, ValidationError
from zsdesk.reports import periods


@pytest.fixture
def race(city_ws):
    ws = city_ws
    ref = ws.reference
    a = ref.units.create({"code": "A", "name": "甲单元", "sort_order": 1})
    b = ref.units.create({"code": "B", "name": "乙单元", "sort_order": 2})
    s = {name: ref.staff.create({"unit_id": unit, "name": name})
         for name, unit in (("张三", a), ("李四", b), ("王五", a))}
    co = ws.companies.create({"name": "测试投资有限公司"})
    p = {}

    def project(key, unit, owner, date, amount, category, *moves, arrivals=()):
        pid = ws.projects.create({"unit_id": unit, "company_id": co, "name": f"项目{key}", "contract_date": date,
                                  "contract_investment": amount, "owner_staff_id": s[owner],
                                  "category": category})
        for stage, day in moves:
            ws.projects.advance(pid, stage, day)
        for day, amt in arrivals:
            ws.projects.add_arrival(pid, day, amt)
        p[key] = pid

    project("P1", a, "张三", "2026-02-10", 12000, "工业", ("registered", "2026-03-01"), ("started", "2026-04-01"),
            arrivals=[("2026-05-01", 3000)])
    project("P2", b, "李四", "2026-03-05", 6000, "工业", arrivals=[("2026-04-10", 1000)])
    project("P3", b, "李四", "2026-04-20", 4500, "服务业")
    project("P4", a, "王五", "2025-03-01", 2000, "工业")
    project("P5", a, "张三", "2025-12-20", 800, None, arrivals=[("2026-02-01", 200)])
    ws.projects.add_referral(p["P2"], a, "40%", "2026-03-10")
    v = {}
    for key, unit, day, days, leader, parts in (
            ("V1", a, "2026-01-05", 2, None, ["张三", "王五"]),
            ("V2", a, "2026-03-01", 0, "张三", ["张三"]),
            ("V3", b, "2026-05-10", 3, None, ["李四", "张三"]),
            ("V4", a, "2025-12-30", 4, None, ["张三"]),
            ("V5", b, "2026-06-15", 1, "李四", [])):
        v[key] = ws.visits.create({"unit_id": unit, "company_id": co, "visit_date": day, "trip_days": days,
                                   "staff_id": s[leader] if leader else None,
                                   "participants": [s[n] for n in parts]})
    for name, n, amount in (("张三", 2, 20000), ("李四", 2, 10000)):
        set_staff_target(ws, 2026, s[name], "signed_projects", n)
        set_staff_target(ws, 2026, s[name], "signed_investment", amount)
    ref.new_scoring_rules({"signed_projects": 50, "signed_investment": 50}, {"overdue_start": 2})
    return ws, {"A": a, "B": b}, s, p, v


H1 = periods.cut_at(periods.half(2026, 1), TODAY)

EXPECTED = {  # name -> figure -> value, worked out in the module docstring
    "张三": {"signed_projects": 1, "signed_investment": 12000, "major_projects": 1, "started_projects": 1,
             "arrived_capital": 3200, "visits": 3, "trip_days": 5},
    "李四": {"signed_projects": D("1.6"), "signed_investment": 8100, "major_projects": 0, "started_projects": 0,
             "arrived_capital": 600, "visits": 2, "trip_days": 4},
    "王五": {"signed_projects": 0, "signed_investment": 0, "major_projects": 0, "started_projects": 0,
             "arrived_capital": 0, "visits": 1, "trip_days": 2},
}


def by_name(report) -> dict:
    return {p.name: p for p in report.people}


def test_figures_by_hand(race):
    ws, units, s, p, v = race
    report = people.compute_people(ws, H1)
    got = by_name(report)
    assert set(got) == {"张三", "李四", "王五"}
    for name, figures in EXPECTED.items():
        for key, want in figures.items():
            assert got[name][key].value == D(want), (name, key, got[name][key].value)
    zhang, li, wang = got["张三"], got["李四"], got["王五"]
    # the rows behind each figure, and the 飞地 share they count by
    assert zhang["signed_projects"].row_ids == [p["P1"]]
    assert li["signed_projects"].row_ids == [p["P2"], p["P3"]]
    assert li["signed_projects"].shares == {p["P2"]: D("0.6")}
    assert li["arrived_capital"].table == "capital_arrivals" and len(li["arrived_capital"].row_ids) == 1
    assert set(zhang["visits"].row_ids) == {v["V1"], v["V2"], v["V3"]}      # V2 once, though led and joined
    assert set(zhang["trip_days"].row_ids) == {v["V1"], v["V3"]}             # the visits with trip days
    assert set(li["visits"].row_ids) == {v["V3"], v["V5"]}                   # V5: led, no participant rows
    # targets, completion (year to date) against 序时进度, score and rank
    assert (zhang["signed_projects"].target, zhang["signed_projects"].completion) == (2, D("0.5"))
    assert (li["signed_investment"].target, li["signed_investment"].completion) == (10000, D("0.81"))
    assert li["signed_projects"].completion == D("0.8") and li["signed_projects"].on_pace is True
    assert zhang["signed_projects"].on_pace is (D("0.5") >= report.pace)
    assert wang["signed_projects"].target is None and wang["signed_projects"].completion is None
    assert (li.score.value, li.rank) == (D("80.50"), 1)
    assert (zhang.score.value, zhang.rank) == (D("55.00"), 2)
    assert wang.score is None and wang.rank is None
    assert [x.name for x in report.people] == ["李四", "张三", "王五"]     # ranked first
    # 优秀 and 无实绩
    assert zhang.excellent and zhang.excellent_ids == [p["P1"]] and "1个" in zhang.excellent_reason
    assert not li.excellent and not wang.excellent
    assert (wang.no_results, wang.last_result) == (True, dt.date(2025, 3, 1))
    assert not zhang.no_results and not li.no_results


def test_the_city_figures_agree_with_the_people(race):
    """The people's shares add up to what the units count (P2's other 40% is 甲's, owned by no one there)."""
    from zsdesk import metrics

    ws, units, s, p, v = race
    report = metrics.compute(ws, H1)
    unit_b = next(u for u in report.units if u.code == "B")
    li = by_name(people.compute_people(ws, H1))["李四"]
    for key in ("signed_projects", "signed_investment", "arrived_capital"):
        assert unit_b[key].value == li[key].value, key


def test_app_rows_are_frozen_and_scoped(race, ws):
    city, units, s, p, v = race
    rows = app_people.load_people_race(city, None, "2026-H1")
    assert [r.name for r in rows] == ["李四", "张三", "王五"]
    li = rows[0]
    assert li.figure("signed_projects").display == "1.60" and li.figure("signed_investment").value == 8100
    assert li.rank == 1 and li.score == D("80.50")
    assert rows[2].score is None and rows[2].score_missing == "未设个人目标" and rows[2].no_results
    with pytest.raises(dataclasses.FrozenInstanceError):
        li.name = "x"  # type: ignore[misc]
    with pytest.raises(ValidationError) as bad:
        app_people.load_people_race(city, None, "2026-H3")
    assert bad.value.field == "period"
    with pytest.raises(ValidationError, match="尚未开始"):
        app_people.load_people_race(city, None, "2026-H2")
    # a county sees its own people only (its database holds its own units)
    county_rows = app_people.load_people_race(ws, "halfyear", "2026-05")
    assert [r.name for r in county_rows] == ["王招商"]


# --- the 优秀 rule -----------------------------------------------------------------

CASES = [  # (projects: (amount 万元, category), 优秀?)
    ([(10000, "工业")], True),                       # 1个亿元以上工业项目
    ([(9999, "工业")], False),
    ([(6000, "工业"), (4001, "工业")], True),         # 2个 合计超过1亿元
    ([(6000, "工业"), (4000, "工业")], False),        # exactly 1亿元 is not "超过"
    ([(3000, "工业"), (4000, "工业"), (3500, "工业")], True),
    ([(12000, "服务业")], False),                     # not industrial
    ([(12000, None)], False),                        # no category: not industrial
    ([(6000, "工业"), (5000, "服务业")], False),
]


def _one_person(ws, projects, *, signed="2026-03-01"):
    ref = ws.reference
    unit = ref.units.create({"code": "R", "name": "规则单元"})
    sid = ref.staff.create({"unit_id": unit, "name": "赵六"})
    co = ws.companies.create({"name": "规则测试公司"})
    for i, (amount, category) in enumerate(projects):
        ws.projects.create({"unit_id": unit, "company_id": co, "name": f"规则项目{i}", "contract_date": signed,
                            "contract_investment": amount, "owner_staff_id": sid, "category": category})
    return sid


@pytest.mark.parametrize(("projects", "excellent"), CASES)
def test_the_bozhou_rule(city_ws, projects, excellent):
    _one_person(city_ws, projects)
    [person] = people.compute_people(city_ws, H1).people
    assert person.excellent is excellent
    assert bool(person.excellent_ids) is excellent


def test_the_rule_is_judged_on_the_year_not_the_month(city_ws):
    _one_person(city_ws, [(12000, "工业")], signed="2026-02-01")
    [person] = people.compute_people(city_ws, periods.month(2026, 5)).people
    assert person["signed_projects"].value == 0 and person.excellent   # 每人每年: the year to May


def test_the_rule_is_editable_by_the_city(city_ws, ws):
    _one_person(city_ws, [(12000, "服务业"), (3000, None)])
    assert not people.compute_people(city_ws, H1).people[0].excellent
    info = app_people.set_people_rule(city_ws, {"industrial_only": False})
    assert not info.industrial_only and "项目" in info.text
    assert city_ws.reference.setting("people_rule")["excellent"]["industrial_only"] is False
    assert people.compute_people(city_ws, H1).people[0].excellent
    app_people.set_people_rule(city_ws, {"industrial_only": True, "uncategorised_industrial": True,
                                         "or_projects": 1, "sum_min": 2999})
    [person] = people.compute_people(city_ws, H1).people
    assert person.excellent and "合计" in person.excellent_reason   # the uncategorised 3000 alone
    for bad, field in (({"sum_min": "0"}, "sum_min"), ({"or_projects": "两个"}, "or_projects"),
                       ({"industrial_only": "是"}, "industrial_only"), ({"bonus": 1}, "bonus")):
        with pytest.raises(ValidationError) as refused:
            app_people.set_people_rule(city_ws, bad)
        assert refused.value.field == field and refused.value.message
    with pytest.raises(ReadOnlyError):
        app_people.set_people_rule(ws, {"sum_min": 5000})   # a county reads the city's rule


# --- 12个月无实绩 ----------------------------------------------------------------

def test_no_results_in_twelve_months(city_ws):
    ws = city_ws
    ref = ws.reference
    unit = ref.units.create({"code": "W", "name": "预警单元"})
    co = ws.companies.create({"name": "预警测试公司"})
    staff = {n: ref.staff.create({"unit_id": unit, "name": n}) for n in ("甲", "乙", "丙", "丁")}

    def signed(name, day):
        return ws.projects.create({"unit_id": unit, "company_id": co, "name": f"{name}{day}", "contract_date": day,
                                   "contract_investment": 100, "owner_staff_id": staff[name]})

    signed("甲", "2025-06-15")           # 12 months and a day before 2026-06-15: too old
    signed("乙", "2025-06-16")           # within the 12 months
    old = signed("丙", "2024-01-01")
    ws.projects.add_arrival(old, "2026-01-10", 50)   # money arrived on an old project: a result
    rows = {r.name: r for r in app_people.load_people_race(ws, None, "2026-H1")}
    assert (rows["甲"].no_results, rows["甲"].last_result) == (True, dt.date(2025, 6, 15))
    assert not rows["乙"].no_results
    assert not rows["丙"].no_results and rows["丙"].last_result == dt.date(2026, 1, 10)
    assert rows["丁"].no_results and rows["丁"].last_result is None
    # an earlier period looks back from its own end
    rows = {r.name: r for r in app_people.load_people_race(ws, None, "2025-12")}
    assert not rows["甲"].no_results and rows["丙"].no_results


# --- the command line ----------------------------------------------------------------

def test_stats_by_staff_json(race, cli):
    ws, units, s, p, v = race
    code, out, err = cli("--db", ws.db.url, "stats", "--period", "2026-H1", "--by", "staff", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["period"]["start"] == "2026-01-01" and data["period"]["label"].startswith("2026年上半年")
    staff = {x["name"]: x for x in data["staff"]}
    for name, figures in EXPECTED.items():
        for key, want in figures.items():
            assert D(staff[name]["figures"][key]["value"]) == D(want), (name, key)
    li = staff["李四"]
    assert (li["rank"], li["score"]["value"], li["unit_code"]) == (1, "80.50", "B")
    assert D(li["figures"]["signed_projects"]["completion"]) == D("0.8")
    assert staff["张三"]["excellent"] and staff["张三"]["excellent_ids"] == [p["P1"]]
    assert staff["王五"]["no_results"] and staff["王五"]["last_result"] == "2025-03-01"
    # each person has a unit's figure structure
    code, out, _ = cli("--db", ws.db.url, "stats", "--period", "2026-H1", "--json")
    unit = json.loads(out)["units"][0]
    assert set(li["figures"]["signed_projects"]) == set(unit["figures"]["signed_projects"])
    code, text, _ = cli("--db", ws.db.url, "stats", "--period", "2026-H1", "--by", "staff")
    assert code == 0 and "个人赛马" in text and "李四" in text and "无实绩" in text and "优秀" in text


@pytest.mark.parametrize("args", [["--period", "2026-W07"], ["--period", "2026-03"], ["--period", "2026-B2"],
                                  ["--period", "2026-Q1"], ["--period", "2026-H1"], ["--period", "2026"],
                                  ["--year", "2026"], ["--period", "2025"]])
@pytest.mark.parametrize("by", ["unit", "staff"])
def test_stats_takes_every_period_a_brief_takes(race, cli, args, by):
    ws, units, s, p, v = race
    code, out, err = cli("--db", ws.db.url, "stats", *args, "--by", by, "--json")
    assert code == 0, err
    data = json.loads(out)
    _, period = periods.parse_period(args[1])
    period = periods.cut_at(period, dt.date.today())
    assert (data["period"]["start"], data["period"]["end"]) == (period.start.isoformat(), period.end.isoformat())
    if by == "unit":
        assert {u["code"] for u in data["units"]} == {"A", "B"}
    else:
        zhang = next(x for x in data["staff"] if x["name"] == "张三")
        # P1 signed 2026-02-10 (ISO week 7), P5 2025-12-20
        want = {"2026-W07": 1, "2026-03": 0, "2026-B2": 0, "2026-Q1": 1, "2026-H1": 1, "2026": 1, "2025": 1}
        assert D(zhang["figures"]["signed_projects"]["value"]) == want[args[1]]


def test_stats_refusals_are_one_chinese_line(race, cli, capsys):
    ws, *_ = race
    for args, words in ((["--period", "2026-H3"], "H1（上半年）或H2"), (["--period", "明年"], "无法识别"),
                        (["--period", "2099-H1"], "尚未开始")):
        code, out, err = cli("--db", ws.db.url, "stats", *args)
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1, (args, err)
    for args, words in ((["--by", "person"], "无效的选项"), (["--period", "2026", "--year", "2026"], "不能与参数")):
        with pytest.raises(SystemExit) as refused:   # argparse's own refusal, in Chinese
            cli("--db", ws.db.url, "stats", *args)
        assert refused.value.code == 2 and words in capsys.readouterr().err, args


def test_a_half_year_brief(race, cli, tmp_path):
    ws, *_ = race
    pdf = tmp_path / "h1.pdf"
    code, out, err = cli("--db", ws.db.url, "brief", "--period", "2026-H1", "--out", pdf)
    assert code == 0, err
    assert "半年报" in out and "2026-H1 第1期" in out
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "2026年上半年" in text


# --- the 个人赛马 sheet ------------------------------------------------------------------

def test_people_sheet_in_the_statistics_workbook(race, tmp_path):
    from zsdesk.ledgers.export import export_stats

    ws, *_ = race
    result = export_stats(ws, tmp_path / "stats.xlsx", year=2026)
    assert "个人赛马" in result.sheets
    sheet = load_workbook(result.path)["个人赛马"]
    assert sheet["A1"].value == "泰州市商务局2026年个人赛马"
    assert "优秀：本年完成1个投资1亿元以上的工业项目" in sheet["A2"].value
    headers = [c.value for c in sheet[3]]
    rows = {r[2]: dict(zip(headers, r)) for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert set(rows) == {"张三", "李四", "王五"}
    li, zhang, wang = rows["李四"], rows["张三"], rows["王五"]
    assert (li["序号"], li["招商单元"], li["排名"], li["得分"]) == (1, "乙单元", 1, 80.5)
    assert D(str(li["签约项目(个)"])) == D("1.6") and li["签约项目目标"] == 2
    assert D(str(li["签约项目完成率"])) == D("0.8") and D(str(li["签约金额完成率"])) == D("0.81")
    assert (li["签约金额(万元)"], li["到位资金(万元)"], li["拜访企业(次)"], li["外出招商天数(天)"]) == (8100, 600, 2, 4)
    assert (zhang["优秀"], zhang["12个月无实绩"], zhang["亿元以上项目(个)"]) == ("优秀", None, 1)
    assert "1个" in zhang["优秀依据"]
    assert (wang["优秀"], wang["12个月无实绩"], wang["得分"], wang["签约项目目标"]) == (None, "无实绩", None, None)
    assert wang["最近实绩日期"] == dt.datetime(2025, 3, 1)


# --- the project category (migration 0009) ---------------------------------------------------

def test_category_is_a_checked_synced_field(ws, unit_id, company_id):
    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "新材料项目",
                              "contract_date": "2026-03-01", "contract_investment": 5000})
    assert ws.projects.get(pid).category is None
    ws.projects.update(pid, {"category": "工业"})
    assert ws.projects.get(pid).category == "工业"
    # written to the change log like any synced field (an update logs [old, new])
    assert log_entries(ws, "projects", pid)[-1]["data"] == {"category": [None, "工业"]}
    with pytest.raises(ValidationError) as bad:
        ws.projects.update(pid, {"category": "制造"})
    assert bad.value.field == "category" and "工业" in bad.value.message
    ws.projects.update(pid, {"category": ""})      # emptied: not set
    assert ws.projects.get(pid).category is None


def test_migration_0009_on_an_old_database(databases):
    from alembic import command
    from sqlalchemy import inspect

    from test_migrations import PROJECT, _fill_release_1
    from zsdesk.db.engine import HEAD_REVISION, alembic_config, current_revision
    from zsdesk.db.models import Project

    def columns(db) -> set[str]:
        return {c["name"] for c in inspect(db.engine).get_columns("projects")}

    url = databases.url("old")
    db = databases.open(url, migrate=False)
    config = alembic_config(db)
    command.upgrade(config, "0008_unique_targets")
    _fill_release_1(db)
    assert "category" not in columns(db)
    command.upgrade(config, "0009_project_category")
    assert "category" in columns(db)
    command.downgrade(config, "0008_unique_targets")     # and back
    assert "category" not in columns(db) and current_revision(db) == "0008_unique_targets"
    db.close()
    db = databases.open(url)  # opening migrates to this release's head
    assert current_revision(db) == HEAD_REVISION
    with db.session() as s:
        project = s.get(Project, PROJECT)
        assert project.name == "智能终端基地" and project.category is None   # old projects: no category


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_project_form_sets_the_category(qtbot, ws, unit_id, company_id):
    from PySide6.QtCore import Qt

    from zsdesk.ui.forms import make_form

    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "新材料项目",
                              "contract_date": "2026-03-01", "contract_investment": 5000})
    form = make_form(None, ws, "projects", pid)
    qtbot.addWidget(form, before_close_func=lambda f: f.discard())
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    combo = form.category
    assert combo.value() is None and combo.currentText() == "（未填）"
    assert [combo.itemText(i) for i in range(combo.count())] == ["（未填）", "工业", "服务业", "农业", "其他"]
    combo.setCurrentIndex(combo.findData("工业"))
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(form, "save_task", None) is None, timeout=10_000)
    qtbot.waitUntil(lambda: ws.projects.get(pid).category == "工业", timeout=10_000)
    form.discard()
    again = make_form(None, ws, "projects", pid)
    qtbot.addWidget(again, before_close_func=lambda f: f.discard())
    assert again.category.value() == "工业"


def test_category_in_the_projects_ledger(ws, unit_id, company_id, tmp_path):
    """Exported in the 签约项目台账 as 项目类别, and read back (a wrong word refused, naming the column)."""
    from openpyxl import load_workbook as load

    from zsdesk.ledgers import apply, preview, read_ledger
    from zsdesk.ledgers.export import export_ledger

    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "新材料项目",
                              "contract_date": "2026-03-01", "contract_investment": 5000, "category": "工业"})
    path = export_ledger(ws, "projects", tmp_path / "p.xlsx", year=2026).path
    book = load(path)
    sheet = book["签约项目台账"]
    headers = [c.value for c in sheet[3]]
    col = headers.index("项目类别") + 1
    assert sheet.cell(row=4, column=col).value == "工业"
    sheet.cell(row=4, column=col).value = "制造"
    book.save(tmp_path / "bad.xlsx")
    [row] = [r for r in preview(ws, read_ledger(tmp_path / "bad.xlsx")).rows if r.row == 4]
    assert row.fate == "refused" and "项目类别" in str(row.problems) and "制造" in str(row.problems)
    sheet.cell(row=4, column=col).value = "服务业"
    book.save(tmp_path / "good.xlsx")
    result = apply(ws, read_ledger(tmp_path / "good.xlsx"))
    assert [r.fate for r in result.rows if r.row == 4] == ["updated"]
    assert ws.projects.get(pid).category == "服务业"
