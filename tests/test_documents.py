"""项目一页纸 and the 落户预审暨矛盾问题协调会 agenda: real databases built through
the services, real PDFs read back with pypdf; the project form's button driven
with qtbot (only the save-file dialog is replaced)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from support import COMPANY_NAME, COMPANY_USCI
from zsdesk import numbers
from zsdesk.app import documents, reviews
from zsdesk.errors import NotFoundError, ValidationError

NOW = dt.datetime(2026, 6, 15, 2, 31, tzinfo=dt.UTC)    # 10:31 in Beijing


def pages_of(path) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(str(path)).pages]


def text_of(path) -> str:
    return "".join(pages_of(path))


def project(ws, unit_id, company_id, name, investment, date="2026-01-10", **more) -> str:
    return ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": name,
                               "contract_date": date, "contract_investment": investment, **more})


@pytest.fixture
def battery(ws, unit_id, company_id, staff_id) -> str:
    """A major project: started, two arrivals and a deleted one, an overdue and a
    recent problem (plus a resolved and a deleted one), recommended for review."""
    carrier = ws.carriers.create({"unit_id": unit_id, "name": "高新区标准厂房A3栋", "kind": "标准厂房"})
    pid = project(ws, unit_id, company_id, "新能源电池产业园", "52000.5", foreign_investment_usd="1200",
                  owner_staff_id=staff_id, carrier_id=carrier, land_mu="120")
    ws.projects.advance(pid, "registered", "2026-02-01")
    ws.projects.advance(pid, "started", "2026-04-20")
    ws.projects.add_arrival(pid, "2026-02-15", "1000", "首期注册资本金")
    ws.projects.add_arrival(pid, "2026-03-20", "2500.5")
    wrong = ws.projects.add_arrival(pid, "2026-05-10", "777.77", "录错的一笔")
    ws.projects.delete_arrival(wrong, "重复录入")
    ws.projects.add_problem(pid, "用电", "双回路供电接入尚未落实", "2026-04-01", "市供电公司")
    ws.projects.add_problem(pid, "用地", "三期用地指标待调整", "2026-06-10", "市自然资源和规划局")
    done = ws.projects.add_problem(pid, "审批", "环评批复", "2026-02-01", "市生态环境局")
    ws.projects.resolve_problem(done, "2026-03-01", "已批复")
    gone = ws.projects.add_problem(pid, "其他", "误报的问题", "2026-05-01")
    ws.projects.delete_problem(gone, "不是问题")
    reviews.recommend(ws, pid, "2026-05-20", "单元推荐意见")
    ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-05-02",
                      "next_step": "陪同供电公司现场踏勘", "next_due": "2026-06-10"})
    return pid


# --- 项目一页纸 ----------------------------------------------------------------------------------

def test_the_project_sheet_prints_the_projects_real_values(ws, battery, tmp_path):
    out = documents.project_sheet(ws, battery, tmp_path / "sheet.pdf", now=NOW)
    pages = pages_of(out)
    assert len(pages) == 1
    text = pages[0]
    number = ws.projects.get(battery).number
    for expected in ("新能源电池产业园", number, "泰兴高新区招商单元", "包保责任人：王招商（科长）",
                     COMPANY_NAME, COMPANY_USCI, "高新区标准厂房A3栋（标准厂房）", "120亩",
                     numbers.money(Decimal("52000.5"), show_unit=True), "5.20亿元", "1,200.00万美元",
                     "签约", "2026-01-10", "注册", "2026-02-01", "开工", "2026-04-20",
                     # 资金到位: 1,000 + 2,500.50; the deleted 777.77 is not counted nor listed
                     "累计到位3,500.50万元", "共2笔", numbers.percent(Decimal("3500.5") / Decimal("52000.5")),
                     "1,000.00", "2,500.50", "首期注册资本金",
                     # problems: the open two, with 责任部门 and 办结时限 (raised + 30 days)
                     "双回路供电接入尚未落实", "市供电公司", "2026-05-01", "逾期45天",
                     "三期用地指标待调整", "2026-07-10", "剩25天", "其中逾期1个", "已解决1个",
                     "落户预审", "审查中：单元推荐2026-05-20", "下一步",
                     "跟进事项：陪同供电公司现场踏勘（应于2026-06-10前，已逾期5天）", "推进投产：按签约时限应于2028-01-10前投产（剩574天）",
                     "生成于2026-06-1510:31（北京时间）"):
        assert expected.replace(" ", "") in text, expected
    for absent in ("777.77", "录错的一笔", "误报的问题", "环评批复", "项目共享"):
        assert absent not in text, absent
    assert PdfReader(str(out)).metadata.title == f"项目一页纸 {number} 新能源电池产业园"


def test_forty_arrivals_and_many_problems_still_make_one_page(ws, unit_id, company_id, tmp_path):
    pid = project(ws, unit_id, company_id, "高端装备制造基地", "30000")
    day = dt.date(2026, 1, 12)
    for n in range(40):
        ws.projects.add_arrival(pid, day + dt.timedelta(days=n * 3), f"{100 + n}.25", f"第{n + 1}笔到位资金")
    for n in range(15):
        ws.projects.add_problem(pid, "审批", f"第{n + 1}个问题：" + "需要多个部门联合审查的事项" * 3,
                                "2026-03-01", "市行政审批局")
    out = documents.project_sheet(ws, pid, tmp_path / "long.pdf", now=NOW)
    pages = pages_of(out)
    assert len(pages) == 1
    total = sum(Decimal(f"{100 + n}.25") for n in range(40))
    assert f"累计到位{numbers.money(total, show_unit=True)}，共40笔" in pages[0]
    assert "第40笔到位资金" in pages[0]             # the newest first
    assert "第1笔到位资金" not in pages[0]
    assert re.search(r"另有\d+笔", pages[0]) and re.search(r"另有\d+个待协调问题未列出", pages[0])


def test_a_missing_project_and_a_bad_path_are_refused(ws, battery, tmp_path):
    with pytest.raises(NotFoundError):
        documents.project_sheet(ws, "no-such-id", tmp_path / "x.pdf")
    with pytest.raises(ValidationError, match="pdf"):
        documents.project_sheet(ws, battery, tmp_path / "x.txt")
    with pytest.raises(ValidationError, match="输出文件夹不存在"):
        documents.project_sheet(ws, battery, tmp_path / "nowhere" / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_a_shared_project_shows_its_shares(city_ws, tmp_path):
    units = {}
    for code, name in (("TX-U01", "泰兴高新区招商单元"), ("JY-U02", "靖江经开区招商单元")):
        units[code] = city_ws.reference.units.create({"code": code, "name": name})
    company = city_ws.companies.create({"name": "中天科技集团有限公司"})
    pid = project(city_ws, units["TX-U01"], company, "海缆产业园", "80000")
    reviews.add_referral(city_ws, pid, units["JY-U02"], "40%", "30%", "40%", "2026-03-01")
    out = documents.project_sheet(city_ws, pid, tmp_path / "shared.pdf", now=NOW)
    text = text_of(out)
    assert "项目共享（飞地）" in text
    assert "靖江经开区招商单元（飞出地）分得投资40.0%、税收30.0%、考核分40.0%" in text
    assert "其余归泰兴高新区招商单元（飞入地）" in text
    assert "无待协调问题" in text and "尚无资金到位记录" in text


# --- 会议议题 -------------------------------------------------------------------------------------

def test_the_agenda_lists_pending_reviews_and_open_problems_of_the_countys_own_units(
        ws, battery, company_id, tmp_path):
    """Another site's unit, project, problem and review, as a sync import writes them."""
    from support import add_foreign_site
    from zsdesk.db.models import Problem, Project, Review, ReviewStep, Unit
    from zsdesk.db.types import new_id

    other_site = add_foreign_site(ws)
    unit, pid, rid = new_id(), new_id(), new_id()
    with ws.write(source="test-import") as w:
        w.insert(Unit, {"id": unit, "code": "JY-U02", "name": "靖江经开区招商单元", "site_id": other_site,
                        "owner_site_id": other_site})
        w.insert(Project, {"id": pid, "number": "JY-U02-2026-0001", "unit_id": unit, "company_id": company_id,
                           "name": "靖江船舶配套园", "contract_date": dt.date(2026, 1, 5),
                           "contract_investment": Decimal(20000), "stage": "signed",
                           "stage_date": dt.date(2026, 1, 5), "owner_site_id": other_site})
        w.insert(Problem, {"project_id": pid, "category": "用工", "description": "靖江的用工问题",
                           "raised_date": dt.date(2026, 5, 1), "owner_site_id": other_site})
        w.insert(Review, {"id": rid, "project_id": pid, "step": "recommended", "step_date": dt.date(2026, 5, 25),
                          "owner_site_id": other_site})
        w.insert(ReviewStep, {"review_id": rid, "step": "recommended", "step_date": dt.date(2026, 5, 25),
                              "owner_site_id": other_site})
    assert len(reviews.list_reviews(ws)) == 2

    out = documents.agenda(ws, "2026-06", tmp_path / "agenda.pdf", now=NOW)
    text = text_of(out)
    assert "重大项目落户预审暨矛盾问题协调会议题" in text and "（2026年6月）" in text
    assert "本单元稿：泰兴高新区招商单元" in text
    assert "一、落户预审项目（1个）" in text and "（一）泰兴高新区招商单元（1个）" in text
    assert "新能源电池产业园" in text and numbers.money(Decimal("52000.5")) in text
    assert "外资1,200.00万美元" in text and "单元推荐2026-05-20" in text
    assert "二、矛盾问题（2个，逾期1个）" in text
    assert "双回路供电接入尚未落实" in text and "市供电公司" in text and "★逾期45天" in text
    assert "三期用地指标待调整" in text and "剩25天" in text
    assert "环评批复" not in text and "误报的问题" not in text           # resolved, deleted
    assert "靖江" not in text                                           # another site's unit
    assert "生成于2026-06-1510:31（北京时间）" in text


def test_the_citys_agenda_groups_by_unit_and_skips_ended_reviews(city_ws, tmp_path):
    units = {}
    for order, (code, name) in enumerate((("TX-U01", "泰兴高新区招商单元"), ("JY-U02", "靖江经开区招商单元"))):
        units[code] = city_ws.reference.units.create({"code": code, "name": name, "sort_order": order})
    company = city_ws.companies.create({"name": "中天科技集团有限公司"})
    waiting = project(city_ws, units["JY-U02"], company, "海缆产业园", "80000")
    passed = project(city_ws, units["TX-U01"], company, "光伏组件基地", "60000")
    sent_back = project(city_ws, units["TX-U01"], company, "储能电站", "15000")
    for pid in (waiting, passed, sent_back):
        reviews.recommend(city_ws, pid, "2026-04-01")
    for pid, steps in ((waiting, ("joint_review",)), (passed, ("joint_review", "approved")),
                       (sent_back, ("returned",))):
        for n, step in enumerate(steps):
            reviews.record_step(city_ws, reviews.open_review_of_project(city_ws, pid), step, f"2026-05-0{n + 1}")
    city_ws.projects.add_problem(passed, "融资", "银行授信未到位", "2026-06-01", "市金融局")

    out = documents.agenda(city_ws, "2026-06", tmp_path / "city.pdf", now=NOW)
    text = text_of(out)
    assert "泰州市重大项目落户预审暨矛盾问题协调会议题（2026年6月）" in text
    assert "本单元稿" not in text
    assert "一、落户预审项目（1个）" in text and "（一）靖江经开区招商单元（1个）" in text
    assert "海缆产业园" in text and "联席会审查" in text and "单元推荐2026-04-01联席会审查2026-05-01" in text
    assert "光伏组件基地" not in text.split("二、矛盾问题")[0]           # 通过: off the review part
    assert "储能电站" not in text                                       # 退回
    assert "二、矛盾问题（1个）" in text and "（一）泰兴高新区招商单元（1个）" in text
    assert "银行授信未到位" in text and "剩16天" in text


def test_an_empty_agenda_says_none_and_a_bad_month_is_refused(city_ws, tmp_path):
    out = documents.agenda(city_ws, "2026-06", tmp_path / "empty.pdf", now=NOW)
    text = text_of(out)
    assert "一、落户预审项目（0个）无。" in text and "二、矛盾问题（0个）无。" in text
    for bad in ("2026-13", "12月", ""):
        with pytest.raises(ValidationError, match="月份"):
            documents.agenda(city_ws, bad, tmp_path / "bad.pdf")


def test_the_agenda_of_a_month_leaves_out_what_came_after_it(ws, battery, tmp_path):
    text = text_of(documents.agenda(ws, "2026-04", tmp_path / "april.pdf", now=NOW))
    assert "截至2026年4月30日" in text
    assert "一、落户预审项目（0个）无。" in text                       # recommended on 5-20
    assert "双回路供电接入尚未落实" in text and "三期用地指标待调整" not in text
    assert "剩1天" in text                                             # 4-01 + 30 days, seen on 4-30


# --- the command line --------------------------------------------------------------------------

def test_the_commands_write_both_documents(ws, battery, cli, tmp_path):
    db = ws.db.url.replace("sqlite:///", "")
    number = ws.projects.get(battery).number
    code, out, err = cli("project-sheet", number, "--out", tmp_path / "p.pdf", "--db", db)
    assert code == 0, err
    assert "新能源电池产业园" in text_of(tmp_path / "p.pdf") and str(tmp_path / "p.pdf") in out
    code, out, err = cli("agenda", "--month", "2026-06", "--out", tmp_path / "a.pdf", "--db", db)
    assert code == 0, err
    assert "双回路供电接入尚未落实" in text_of(tmp_path / "a.pdf")
    code, out, err = cli("project-sheet", "TX-U01-2099-9999", "--out", tmp_path / "q.pdf", "--db", db)
    assert code == 2 and "找不到项目：TX-U01-2099-9999" in err and "Traceback" not in err
    code, out, err = cli("agenda", "--month", "2026-13", "--out", tmp_path / "b.pdf", "--db", db)
    assert code == 2 and "月份须写成 2026-12 的形式" in err


# --- the window ------------------------------------------------------------------------------------

@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_project_form_button_saves_the_sheet(qtbot, ws, battery, tmp_path, monkeypatch, isolated_settings):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from zsdesk.ui.forms import make_form

    offered = {}

    def save_as(_parent, _title, start, _filter):
        offered["name"] = start
        return str(tmp_path / "一页纸"), "PDF 文件 (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    form = make_form(None, ws, "projects", battery)
    qtbot.addWidget(form, before_close_func=lambda f: f.discard())
    form.show()
    assert form.sheet_button.isVisible() and form.sheet_button.isEnabled()
    qtbot.mouseClick(form.sheet_button, Qt.MouseButton.LeftButton)
    number = ws.projects.get(battery).number
    assert offered["name"].endswith(f"{number} 新能源电池产业园.pdf")
    qtbot.waitUntil(lambda: form.sheet_path is not None, timeout=20_000)
    assert form.sheet_path == str(tmp_path / "一页纸.pdf")
    assert "新能源电池产业园" in text_of(form.sheet_path)
    assert form.open_sheet_button.isVisible()
    assert "已生成项目一页纸" in form.problem.text()


def test_file_names_are_made_safe():
    assert documents.safe_file_name('TX-U01-2026-0001 A/B:C*"项目"?<>|.pdf') == \
        "TX-U01-2026-0001 A_B_C__项目_____.pdf"
    assert documents.safe_file_name("  ..项目..  ") == "项目"


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_reviews_page_makes_the_agenda_of_the_chosen_month(qtbot, ws, unit_id, company_id, runner, tmp_path,
                                                               monkeypatch, isolated_settings):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from zsdesk.ui.pages.reviews import ReviewsPage

    offered = {}

    def save_as(_parent, _title, start, _filter):
        offered["name"] = start
        return str(tmp_path / "议题.pdf"), "PDF 文件 (*.pdf)"

    pid = project(ws, unit_id, company_id, "新能源电池产业园", "52000.5")
    reviews.recommend(ws, pid, "2026-05-20")
    ws.projects.add_problem(pid, "用电", "双回路供电接入尚未落实", "2026-04-01", "市供电公司")
    ws.projects.add_problem(pid, "用地", "三期用地指标待调整", "2026-06-10", "市自然资源和规划局")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    page = ReviewsPage(ws, runner)
    qtbot.addWidget(page)
    page.show()
    assert page.agenda_month.currentData() == "2026-06"          # this month (today is 2026-06-15)
    page.agenda_month.setCurrentIndex(page.agenda_month.findData("2026-05"))
    qtbot.mouseClick(page.agenda_button, Qt.MouseButton.LeftButton)
    assert offered["name"].endswith("会议议题-2026-05.pdf")
    qtbot.waitUntil(lambda: page.agenda_path is not None, timeout=20_000)
    text = text_of(page.agenda_path)
    assert "（2026年5月）" in text and "本单元稿" in text
    assert "新能源电池产业园" in text and "双回路供电接入尚未落实" in text and "★逾期30天" in text   # as of 5-31
    assert "三期用地指标待调整" not in text                       # raised in June
    assert page.open_agenda_button.isVisible() and "已生成2026年5月会议议题" in page.banner.text()


def test_a_file_that_cannot_be_written_is_said_in_words(ws, battery, tmp_path):
    from zsdesk.errors import RefusedError

    out = tmp_path / "out"
    out.mkdir()
    taken = out / "一页纸.pdf"
    taken.mkdir()        # a folder of that name: the PDF cannot take its place
    with pytest.raises(RefusedError, match="无法写入.*这是一个文件夹"):
        documents.project_sheet(ws, battery, taken)
    assert [p.name for p in out.iterdir()] == ["一页纸.pdf"]     # no temporary file left
