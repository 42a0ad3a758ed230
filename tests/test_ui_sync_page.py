"""同步 page: real widgets on real SQLite files, the city and two counties in one
test, files moved by the page and by the real sync core (docs/SYNC.md).

Only the file dialogs are stubbed (they return a folder or file of the test);
the database and ``zsdesk.sync`` are the real ones."""

from __future__ import annotations

import dataclasses
import json

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from support import COMPANY_NAME
from test_sync_kit import Net, clone_database, dump_all, fingerprint, read_zip, shared_project_net, write_zip
from zsdesk.app.sync import sync_badge
from zsdesk.db.models import ChangeLog, Company, Conflict, Project, Visit
from zsdesk.sync import conflicts, exchange
from zsdesk.sync.alerts import open_alerts

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"), pytest.mark.usefixtures("isolated_settings")]

WAIT = 20_000


@pytest.fixture
def backend() -> str:
    """The page works on the SQLite files of a desktop (backups, the pending folder)."""
    return "sqlite"


@pytest.fixture
def open_page(qtbot, runner):
    """The 同步 page of a workspace, shown, with its data read."""
    from zsdesk.ui.pages.sync import SyncPage

    def make(ws):
        page = SyncPage(ws, runner)
        qtbot.addWidget(page)
        page.resize(1200, 1000)
        page.show()
        qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
        return page

    return make


def count(ws, model) -> int:
    from sqlalchemy import func, select

    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def reloaded(qtbot, page, action) -> None:
    """Run ``action`` and wait until the page has read its data again."""
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        action()


def preview(qtbot, page, monkeypatch, path) -> None:
    """Choose ``path`` in the import dialog and wait for the preview (or refusal)."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: page.import_button.isEnabled(), timeout=WAIT)


def table_counts(page) -> dict[str, tuple[int, ...]]:
    model = page.preview_model
    return {r.table: (r.created, r.updated, r.unchanged, r.conflicts, r.refused) for r in model.rows}


# --- export -----------------------------------------------------------------------------------------

def test_export_writes_a_verified_file_and_only_then_says_the_stick_may_be_removed(
        qtbot, databases, tmp_path, open_page, runner, monkeypatch):
    net = Net(databases, tmp_path)
    tx, city = net["TX-U01"], net.city
    company = tx.companies.create({"name": "泰兴导出测试有限公司"})
    tx.visits.create({"unit_id": net.units["TX-U01"], "company_id": company, "visit_date": "2026-06-01"})
    page = open_page(tx)
    assert page.target_combo.currentText() == "TZ-CITY　泰州市商务局"
    assert "还没有导出过" in page.folder_label.text()

    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    seen_while_running: list[str] = []
    runner.started.connect(lambda task: task.progressed.connect(
        lambda *_: seen_while_running.append(page.export_status.text() + page.export_error.text())))
    with qtbot.waitSignal(page.exported, timeout=WAIT) as done:
        click(qtbot, page.export_button)
    paths, verified = done.args
    assert verified
    [path] = paths
    assert path.endswith("TX-U01-TZ-CITY-1.zsync") and (stick / "TX-U01-TZ-CITY-1.zsync").is_file()
    assert list(stick.iterdir()) == [stick / "TX-U01-TZ-CITY-1.zsync"]     # no temporary file left
    # the message comes with the verified file, not before
    assert seen_while_running and not any("安全拔出" in t for t in seen_while_running)
    assert "已写入 TX-U01-TZ-CITY-1.zsync" in page.export_status.text()
    assert "文件已读回校验无误，可以安全拔出U盘。" in page.export_status.text()
    assert page.export_error.isHidden() and page.export_bar.isHidden()
    # the folder is remembered for next time (the stick)
    assert QSettings().value("sync/export_folder") == str(stick)
    assert str(stick) in page.folder_label.text()
    # the file is the real thing: the city reads it
    result = exchange.import_package(city, path, dry_run=True, trust=fingerprint(tx))
    assert result.status == "preview" and result.report.tables["visits"].created == 1

    # a file that did not read back the same never gets the message
    from zsdesk.sync.exchange import ExportResult

    bad = ExportResult(stick / "TX-U01-TZ-CITY-1.zsync", 1, 3, 0, 100, True, False)
    page._exported([bad])
    assert "安全拔出" not in page.export_status.text()
    assert "校验未通过" in page.export_error.text() and not page.export_error.isHidden()


def test_the_city_exports_to_each_county(qtbot, databases, tmp_path, open_page, monkeypatch):
    net = Net(databases, tmp_path)
    net.up("TX-U01")
    net.up("JJ-U01")
    page = open_page(net.city)
    assert page.target_combo.itemText(0).startswith("全部已入网县区（2个")
    assert sorted(page.target_codes()) == ["JJ-U01", "TX-U01"]
    stick = tmp_path / "stick"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    with qtbot.waitSignal(page.exported, timeout=WAIT) as done:
        click(qtbot, page.export_button)
    paths, verified = done.args
    assert verified and sorted(p.rsplit("/", 1)[1] for p in paths) == ["TZ-CITY-JJ-U01-1.zsync",
                                                                        "TZ-CITY-TX-U01-1.zsync"]
    assert page.export_status.text().count("已写入") == 2 and "可以安全拔出U盘" in page.export_status.text()


# --- import: preview, apply, cancel -------------------------------------------------------------

def test_import_shows_the_preview_and_applies_only_on_apply(qtbot, databases, tmp_path, open_page,
                                                           monkeypatch, qtmodeltester):
    """JJ renames TX's shared project (not a field JJ may change) and edits a
    shared field: the preview counts the update, lists the refused row with its
    reason, writes nothing; 应用 writes the allowed change only."""
    net = shared_project_net(databases, tmp_path)
    jj, city = net["JJ-U01"], net.city
    pid = net.ids["project"]
    jj.projects.update(pid, {"expected_output": "12000"})
    with jj.write() as w:
        w.update(Project, pid, {"name": "靖江改的名字"}, allow_foreign=True)
    company = jj.companies.create({"name": "靖江预览测试有限公司"})
    for day in ("2026-06-01", "2026-06-02"):
        jj.visits.create({"unit_id": net.units["JJ-U01"], "company_id": company, "visit_date": day})
    path = net.export(jj)
    before = dump_all(city)
    visits = count(city, Visit)
    page = open_page(city)

    preview(qtbot, page, monkeypatch, path)
    assert page.preview_panel.isVisible() and page.apply_button.text() == "应用"
    counts = table_counts(page)
    assert counts["visits"] == (2, 0, 0, 0, 0)
    assert counts["companies"] == (1, 0, 0, 0, 0)
    assert counts["projects"] == (0, 1, 0, 0, 1)
    assert "签约项目" in [page.preview_model.text(r, 0) for r in page.preview_model.rows]
    # the refused row and its reason
    assert page.refused_box.isVisible()
    [refused] = page.refused_model.rows
    assert refused.table == "projects" and refused.row_id == pid and refused.reason
    assert page.refused_model.data(page.refused_model.index(0, 3)) == refused.reason
    assert "名称" in page.refused_model.data(page.refused_model.index(0, 2))
    assert "被拒绝的记录（1条" in page.refused_title.text()
    assert "将新增3条、更新1条" in page.preview_summary.text()
    qtmodeltester.check(page.preview_model)
    qtmodeltester.check(page.refused_model)
    # a preview writes nothing
    assert dump_all(city) == before

    reloaded(qtbot, page, lambda: click(qtbot, page.apply_button))
    assert not page.preview_panel.isVisible()
    assert "已新增3条、更新1条" in page.import_banner.text()
    with city.read() as s:
        project = s.get(Project, pid)
        assert (project.name, int(project.expected_output)) == ("飞地项目", 12000)
        assert s.get(Company, company) is not None
    assert count(city, Visit) == visits + 2
    peers = {p.code: p for p in page.peers_model.rows}
    assert peers["JJ-U01"].received_seq == 2
    # the same file again: already imported, nothing to apply
    preview(qtbot, page, monkeypatch, path)
    assert not page.preview_panel.isVisible()
    assert "已导入过" in page.import_banner.text()


def test_cancel_leaves_everything_as_it_was(qtbot, databases, tmp_path, open_page, monkeypatch):
    net = Net(databases, tmp_path)
    net.up("TX-U01")
    tx, city = net["TX-U01"], net.city
    tx.companies.create({"name": "泰兴取消测试有限公司"})
    path = net.export(tx)
    before = dump_all(city)
    page = open_page(city)
    preview(qtbot, page, monkeypatch, path)
    assert table_counts(page)["companies"] == (1, 0, 0, 0, 0)
    click(qtbot, page.cancel_import_button)
    assert not page.preview_panel.isVisible() and "未导入任何数据" in page.import_banner.text()
    assert dump_all(city) == before


def test_a_tampered_file_is_refused_in_plain_words_and_changes_nothing(qtbot, databases, tmp_path, open_page,
                                                                       monkeypatch):
    net = Net(databases, tmp_path)
    net.round_trip()
    tx, city = net["TX-U01"], net.city
    company = tx.companies.create({"name": "泰兴篡改测试有限公司"})
    tx.visits.create({"unit_id": net.units["TX-U01"], "company_id": company, "visit_date": "2026-06-02"})
    plain = net.export(tx, encrypt=False)
    entries = read_zip(plain.read_bytes())
    entries["changes.jsonl"] = entries["changes.jsonl"].replace(b'"2026-06-02"', b'"2026-06-09"')
    tampered = tmp_path / "TX-U01-TZ-CITY-9.zsync"
    tampered.write_bytes(write_zip(entries))
    before = dump_all(city)
    page = open_page(city)
    preview(qtbot, page, monkeypatch, tampered)
    text = page.import_banner.text()
    assert page.import_banner.isVisible() and page.import_banner.property("kind") == "error"
    assert "未导入“TX-U01-TZ-CITY-9.zsync”：文件被改动或已损坏" in text
    assert "changes.jsonl 的校验值与清单不符" in text            # the core's reason
    assert "本站点的数据没有任何改动" in text and "请对方重新导出" in text
    assert not page.preview_panel.isVisible() and not page.trust_box.isVisible()
    assert dump_all(city) == before
    assert exchange.pending(city) == []


def test_a_countys_first_file_asks_to_check_the_fingerprint(qtbot, databases, tmp_path, open_page, monkeypatch):
    """A city that wants the fingerprint checked as well as the setup file's secret."""
    net = Net(databases, tmp_path, codes=("JJ-U01",))
    city = net.city
    net.units["TX-U01"] = city.reference.units.create({"code": "TX-U01", "name": "泰兴高新区招商单元"})
    setup = exchange.make_setup_file(city, "TX-U01", tmp_path / "setup-tx.json", confirm_fingerprint=True)
    tx = databases.workspace(databases.url("tx"))
    exchange.join(tx, setup)
    net.counties["TX-U01"] = tx
    tx.companies.create({"name": "泰兴首个文件有限公司"})
    path = net.export(tx)
    before = dump_all(city)
    page = open_page(city)
    assert page.peers_model.rows[0].enrolled is False
    preview(qtbot, page, monkeypatch, path)
    # nothing imported yet: the fingerprint is shown to be checked by phone
    assert page.trust_box.isVisible() and not page.preview_panel.isVisible()
    assert page.fingerprint_label.text() == fingerprint(tx)
    assert "TX-U01 泰兴高新区招商单元" in page.trust_text.text()
    assert "需要先核对对方的密钥指纹" in page.import_banner.text()
    assert dump_all(city) == before

    # "not the same": nothing happens
    click(qtbot, page.distrust_button)
    assert not page.trust_box.isVisible() and "密钥指纹未确认" in page.import_banner.text()
    assert dump_all(city) == before

    # checked and the same: the preview, then the import with the key enrolled
    preview(qtbot, page, monkeypatch, path)
    click(qtbot, page.trust_button)
    qtbot.waitUntil(lambda: page.preview_panel.isVisible(), timeout=WAIT)
    assert not page.trust_box.isVisible()
    assert table_counts(page)["companies"][0] >= 1
    assert dump_all(city) == before
    reloaded(qtbot, page, lambda: click(qtbot, page.apply_button))
    [peer] = [p for p in page.peers_model.rows if p.code == "TX-U01"]
    assert peer.enrolled and peer.fingerprint == fingerprint(tx) and peer.received_seq == 1
    with city.read() as s:
        from sqlalchemy import select

        assert s.scalar(select(Company.id).where(Company.name == "泰兴首个文件有限公司")) is not None


def test_a_file_that_does_not_connect_waits_in_the_queue(qtbot, databases, tmp_path, open_page, monkeypatch,
                                                         qtmodeltester):
    """A copy of the city restored from a backup gets TX's files 2 and 3, each
    built on the city's acknowledgement of the one before: 3 waits for 2."""
    net = Net(databases, tmp_path)
    net.round_trip()
    tx, city = net["TX-U01"], net.city
    restored = clone_database(databases, city, "city_restored")
    files = []
    for n in (2, 3):
        tx.companies.create({"name": f"泰兴第{n}号文件有限公司"})
        files.append(net.export(tx))
        net.imp(city, files[-1])
        net.down("TX-U01")
    page = open_page(restored)
    preview(qtbot, page, monkeypatch, files[1])
    assert page.preview_panel.isVisible() and page.apply_button.text() == "放入等待队列"
    assert "缺少之前的文件" in page.preview_summary.text()
    reloaded(qtbot, page, lambda: click(qtbot, page.apply_button))
    assert "等待队列" in page.import_banner.text()
    [waiting] = page.pending_model.rows
    assert (waiting.file, waiting.seq, waiting.sender) == (files[1].name, 3, "泰兴高新区招商单元")
    assert page.pending_table.isVisible() and page.pending_empty.isHidden()
    qtmodeltester.check(page.pending_model)
    # the missing file arrives: both are applied, the queue is empty
    preview(qtbot, page, monkeypatch, files[0])
    reloaded(qtbot, page, lambda: click(qtbot, page.apply_button))
    assert "等待中的第3号文件也已导入" in page.import_banner.text()
    assert page.pending_model.rows == [] and page.pending_empty.isVisible()


# --- conflicts -----------------------------------------------------------------------------------

def test_a_conflict_resolved_from_the_page_keeps_this_sites_value(qtbot, databases, tmp_path, open_page,
                                                                  qtmodeltester):
    net = shared_project_net(databases, tmp_path)
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    pid = net.ids["project"]
    tx.projects.update(pid, {"notes": "泰兴：已完成土地摘牌"})
    with jj.write() as w:
        w.update(Project, pid, {"notes": "靖江：设备已进场"}, allow_foreign=True)
    net.round_trip(["TX-U01", "JJ-U01"])
    [view] = conflicts.list_conflicts(tx)

    page = open_page(tx)
    [row] = page.conflicts_model.rows
    model = page.conflicts_model
    texts = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert texts[0] == "签约项目：飞地项目"
    assert texts[1] == "备注"
    assert texts[2] == "泰兴：已完成土地摘牌"
    assert texts[3] == "靖江经开区招商单元：靖江：设备已进场"
    assert texts[4] == f"{view.winner['site_name']}：{view.winner['value']}"
    assert page.conflicts_title.text() == "冲突（1）"
    qtmodeltester.check(model)

    page.conflicts_table.selectRow(0)
    assert page.keep_mine_button.isEnabled() and page.keep_theirs_button.isEnabled()
    reloaded(qtbot, page, lambda: click(qtbot, page.keep_mine_button))
    assert page.conflicts_model.rows == [] and page.conflicts_empty.isVisible()
    assert "已处理“飞地项目”的备注：保留本站的值" in page.conflicts_status.text()
    assert conflicts.list_conflicts(tx) == []
    assert conflicts.list_conflicts(tx, status="resolved")[0].id == view.id
    with tx.read() as s:
        assert s.get(Project, pid).notes == "泰兴：已完成土地摘牌"

    # the city may not decide a county's field: it is said before any button is
    # pressed, the buttons are off, and 知悉 closes it here without writing the record
    city_page = open_page(city)
    [city_row] = city_page.conflicts_model.rows
    assert not city_row.may_decide and "泰兴高新区招商单元" in city_row.why_not
    city_page.conflicts_table.selectRow(0)
    for button in (city_page.keep_mine_button, city_page.keep_theirs_button, city_page.edit_value_button):
        assert not button.isEnabled()
        assert button.toolTip().startswith("该记录属于泰兴高新区招商单元，由其处理；处理结果会随同步文件传来")
    assert city_page.conflict_why.isVisible()
    assert city_page.conflict_why.text().startswith("该记录属于泰兴高新区招商单元，由其处理")
    with city.read() as s:
        notes = s.get(Project, pid).notes
    logged = count(city, ChangeLog)
    reloaded(qtbot, city_page, lambda: click(qtbot, city_page.acknowledge_button))
    assert city_page.conflicts_model.rows == [] and city_page.conflicts_empty.isVisible()
    assert "已知悉“飞地项目”的备注" in city_page.conflicts_status.text()
    assert conflicts.list_conflicts(city) == []
    [closed] = conflicts.list_conflicts(city, status="resolved")
    with city.read() as s:
        assert json.loads(s.get(Conflict, closed.id).resolution)["keep"] == "acknowledged"
        assert s.get(Project, pid).notes == notes                 # the record was not written …
    assert count(city, ChangeLog) == logged                       # … nor anything logged to travel
    assert sync_badge(city).open_conflicts == 0


def test_the_manual_value_is_checked_before_it_is_used(qtbot, qapp):
    from zsdesk.ui.pages.sync import ConflictRow, ValueDialog

    versions = [{"token": "a", "site": "s1", "site_name": "泰兴", "hlc": 2, "value": 80},
                {"token": "b", "site": "s2", "site_name": "靖江", "hlc": 1, "value": 60}]
    row = ConflictRow("c1", "projects", "p1", "jobs", "飞地项目", versions[0], [versions[1]], versions[0])
    dialog = ValueDialog(row)
    qtbot.addWidget(dialog)
    assert dialog.kind == "int" and dialog.edit.text() == "80"
    dialog.edit.setText("七十")
    dialog.accept()
    assert dialog.result() == 0 and dialog.error.text() == "请填写整数"
    dialog.edit.setText("70")
    dialog.accept()
    assert dialog.value == 70 and dialog.result() == 1


# --- 撞车 alerts, backups ------------------------------------------------------------------------

def both_counties_visit_the_same_investor(net):
    for code, day in (("TX-U01", "2026-03-02"), ("JJ-U01", "2026-03-05")):
        ws = net[code]
        company = ws.companies.create({"name": COMPANY_NAME, "region": "江苏泰州"})
        ws.visits.create({"unit_id": net.units[code], "company_id": company, "visit_date": day})
        net.ids[code] = company
    net.round_trip()


def test_alerts_are_listed_with_both_sides_and_open_this_sites_record(qtbot, databases, tmp_path, open_page,
                                                                      monkeypatch, qtmodeltester):
    net = Net(databases, tmp_path)
    net.ids = {}
    both_counties_visit_the_same_investor(net)
    tx, city = net["TX-U01"], net.city
    [alert] = open_alerts(city)

    page = open_page(tx)
    [row] = page.alerts_model.rows
    assert row.id == alert.id
    model = page.alerts_model
    texts = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    sides = texts[1] + texts[2]
    assert f"{COMPANY_NAME} · 泰兴高新区招商单元 · 2026-03-02" in sides
    assert f"{COMPANY_NAME} · 靖江经开区招商单元 · 2026-03-05" in sides
    assert texts[0] in ("统一社会信用代码相同", "企业名称相似（100%）")
    assert texts[3] == "泰兴高新区招商单元"                           # 首报首谈: TX visited first
    assert "2026-03-02首次接触" in model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert texts[4] == "本站"                                       # TX holds its own company only
    assert page.alerts_title.text() == "撞车提醒（1）"
    qtmodeltester.check(model)

    opened = []
    monkeypatch.setattr("zsdesk.ui.forms.open_record",
                        lambda parent, ws, table, row_id: opened.append((table, row_id)) or False)
    page.alerts_table.selectRow(0)
    click(qtbot, page.open_alert_button)
    assert opened == [("companies", net.ids["TX-U01"])]

    # the city holds both companies and sees the same alert
    city_page = open_page(city)
    [city_row] = city_page.alerts_model.rows
    assert city_row.id == alert.id and len(city_row.local_sides()) == 2
    qtmodeltester.check(city_page.peers_model)


def test_status_of_each_peer_and_a_backup(qtbot, databases, tmp_path, open_page, monkeypatch, qtmodeltester):
    net = Net(databases, tmp_path)
    net.round_trip(["TX-U01"])
    tx = net["TX-U01"]
    page = open_page(tx)
    assert "泰州市商务局已收到截至" in page.ack_label.text()
    assert page.site_label.text() == f"本站点：TX-U01 泰兴高新区招商单元（县级）　密钥指纹 {fingerprint(tx)}"
    [peer] = page.peers_model.rows
    model = page.peers_model
    texts = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert texts[0] == "TZ-CITY　泰州市商务局（市级）"
    assert texts[1].startswith("第1号　2026-") or texts[1].startswith("第1号　20")
    assert texts[2] == "第1号" and texts[3].startswith("已收到截至 ")
    qtmodeltester.check(model)

    target = tmp_path / "backups" / "tx.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    click(qtbot, page.backup_button)
    qtbot.waitUntil(lambda: page.backup_button.isEnabled() and page.export_status.isVisible(), timeout=WAIT)
    assert target.is_file() and f"数据库已备份到 {target}" in page.export_status.text()
    import sqlite3

    with sqlite3.connect(target) as con:
        assert con.execute("SELECT count(*) FROM companies").fetchone()[0] == count(tx, Company)
    # a second backup onto the same file is refused in words, the first is kept
    click(qtbot, page.backup_button)
    qtbot.waitUntil(lambda: page.export_error.isVisible(), timeout=WAIT)
    assert "文件已存在" in page.export_error.text()


def test_a_county_that_has_not_joined_is_told_how(qtbot, ws, open_page):
    page = open_page(ws)
    assert page.peers_model.rows == []
    assert "用入网文件加入" in page.peers_empty.text() and "zsdesk" not in page.peers_empty.text()
    assert page.data.can_join and page.join_button.isVisible()   # issue 12: no command line needed
    assert not page.export_button.isEnabled()
    assert json.dumps(dataclasses.asdict(page.data), default=str)   # plain data, no ORM objects


def test_a_double_clicked_sync_file_opens_the_preview_in_the_window(qtbot, databases, tmp_path, runner):
    """`zsdesk FILE.zsync` (the file association): the main window switches to the
    同步 page and previews the file; nothing is written until 应用."""
    from zsdesk.ui.app import preview_sync_file
    from zsdesk.ui.main_window import MainWindow

    net = shared_project_net(databases, tmp_path)
    jj, city = net["JJ-U01"], net.city
    company = jj.companies.create({"name": "双击预览测试有限公司"})
    jj.visits.create({"unit_id": net.units["JJ-U01"], "company_id": company, "visit_date": "2026-06-03"})
    path = net.export(jj)
    before = dump_all(city)
    window = MainWindow(city)
    qtbot.addWidget(window)
    window.show()
    preview_sync_file(window, str(path))
    page = window.show_page("sync")
    qtbot.waitUntil(lambda: page.preview_panel.isVisible(), timeout=WAIT)
    assert page.import_path == str(path)
    assert dump_all(city) == before


def test_a_countys_first_file_enrols_it_with_the_setup_files_secret(qtbot, databases, tmp_path, open_page,
                                                                     monkeypatch):
    net = Net(databases, tmp_path)
    tx, city = net["TX-U01"], net.city
    tx.companies.create({"name": "泰兴凭据入网有限公司"})
    path = net.export(tx)
    page = open_page(city)
    preview(qtbot, page, monkeypatch, path)
    # no fingerprint to type: the preview comes at once
    assert page.preview_panel.isVisible() and not page.trust_box.isVisible()
    reloaded(qtbot, page, lambda: click(qtbot, page.apply_button))
    [peer] = [p for p in page.peers_model.rows if p.code == "TX-U01"]
    assert peer.enrolled and peer.fingerprint == fingerprint(tx)
    # the county sees its own fingerprint on its page (to read out if the city asks)
    county_page = open_page(tx)
    assert fingerprint(tx) in county_page.site_label.text()


def test_the_city_makes_a_setup_file_and_another_one_for_a_new_laptop(qtbot, databases, tmp_path, open_page,
                                                                       monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QCheckBox, QMessageBox

    net = Net(databases, tmp_path, codes=("TX-U01",))
    city, old = net.city, net["TX-U01"]
    old.companies.create({"name": "旧电脑有限公司"})
    net.up("TX-U01")
    city.reference.units.create({"code": "XH-U01", "name": "兴化招商单元"})
    page = open_page(city)
    asked = []

    def choose(code: str, *, check: bool = False):
        def act():
            dialog = page.setup_dialog
            combo = dialog.findChild(QComboBox)
            combo.setCurrentIndex(combo.findData(code))
            dialog.findChild(QCheckBox).setChecked(check)
            dialog.accept()
        QTimer.singleShot(0, act)

    def answer(*args, **kw):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    from PySide6.QtWidgets import QComboBox

    monkeypatch.setattr(QMessageBox, "question", answer)
    # a new county: no question, a file the county joins with
    target = tmp_path / "入网-XH.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    choose("XH-U01")
    reloaded(qtbot, page, lambda: click(qtbot, page.setup_button))
    assert target.exists() and asked == []
    assert "只能用一次" in page.export_status.text()
    xh = databases.workspace(databases.url("xh"))
    exchange.join(xh, target)
    assert exchange.import_package(city, net.export(xh)).status == "applied"

    # TX lost its laptop: the city is asked before the old key is revoked
    target = tmp_path / "入网-TX-new.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.refresh()
    qtbot.waitUntil(lambda: "TX-U01" in page.data.enrolled_codes, timeout=WAIT)
    choose("TX-U01")
    reloaded(qtbot, page, lambda: click(qtbot, page.setup_button))
    assert len(asked) == 1 and "原电脑的密钥将作废" in asked[0]
    qtbot.waitUntil(lambda: target.exists() or page.export_error.isVisible(), timeout=WAIT)
    assert target.exists(), page.export_error.text()
    old.companies.create({"name": "旧电脑丢失后有限公司"})
    preview(qtbot, page, monkeypatch, net.export(old))
    assert "密钥已作废" in page.import_banner.text()
    new = databases.workspace(databases.url("tx_new"))
    exchange.join(new, target)
    with new.read() as s:
        from sqlalchemy import select

        assert s.scalar(select(Company.id).where(Company.name == "旧电脑有限公司")) is not None
