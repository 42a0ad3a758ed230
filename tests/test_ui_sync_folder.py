"""同步 page, 导入文件夹…: a folder of three counties' files (one tampered with, a
pair named against their order) previewed and applied as one action, on real
widgets and real SQLite files. Only the folder dialog is stubbed: it returns the
test's folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

import test_sync_folder
from test_sync_folder import company_names
from test_sync_kit import dump_all
from zsdesk.db.engine import backups_of
from zsdesk.sync import exchange

backend, county_files = test_sync_folder.backend, test_sync_folder.county_files   # the same fixtures

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]

WAIT = 60_000


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def cells(page) -> list[tuple[str, ...]]:
    model = page.folder_model
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_a_folder_is_previewed_then_imported_with_one_click(qtbot, county_files, runner, monkeypatch,
                                                           qtmodeltester):
    from zsdesk.ui.pages.sync import SyncPage

    city, box = county_files
    page = SyncPage(city, runner)
    qtbot.addWidget(page)
    page.resize(1300, 1000)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    before = dump_all(city)
    backups_before = backups_of(city.db.path)

    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: asked.append(a) or str(box))
    assert page.folder_button.text() == "导入文件夹…"
    click(qtbot, page.folder_button)
    qtbot.waitUntil(lambda: page.folder_panel.isVisible(), timeout=WAIT)
    assert asked and not page.preview_panel.isVisible()
    qtmodeltester.check(page.folder_model)
    rows = cells(page)
    assert [r[:4] for r in rows] == [
        ("JJ-U01-TZ-CITY-2.zsync", "JJ-U01", "2", "不能导入"),
        ("泰兴-b.zsync", "TX-U01", "2", "将导入"),
        ("泰兴-a.zsync", "TX-U01", "3", "将导入"),
        ("XH-U01-TZ-CITY-1.zsync", "XH-U01", "1", "已导入过"),
        ("XH-U01-TZ-CITY-2.zsync", "XH-U01", "2", "将导入"),
    ]
    assert "changes.jsonl 的校验值与清单不符" in rows[0][4]
    assert "文件被改动或已损坏" in page.folder_model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert rows[1][4].startswith("将新增") and rows[2][4] == "接在本批 TX-U01 第2号文件之后导入"
    assert page.folder_title.text() == "导入文件夹：县区文件（5个文件）"
    assert "将导入3个，已导入过1个，将进入等待队列0个，不能导入1个" in page.folder_summary.text()
    assert page.folder_skipped.isVisible() and "说明.txt" in page.folder_skipped.text()
    assert dump_all(city) == before                                  # a preview writes nothing

    # one 全部应用: progress per file, then each file's outcome
    seen: list[tuple[int, int]] = []
    runner.started.connect(lambda task: task.progressed.connect(lambda d, t, _x: seen.append((d, t))))
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        click(qtbot, page.folder_apply_button)
    qtbot.waitUntil(lambda: page.folder_cancel_button.isEnabled(), timeout=WAIT)
    assert seen and max(t for _d, t in seen) == 5
    rows = cells(page)
    assert [r[3] for r in rows] == ["已拒绝", "已导入", "已导入", "已导入过", "已导入"]
    assert page.folder_title.text() == "导入结果：县区文件（5个文件）"
    assert "已导入3个，此前已导入1个，等待之前的文件0个，拒绝1个" in page.folder_summary.text()
    assert not page.folder_apply_button.isVisible() and page.folder_cancel_button.text() == "关闭"
    assert page.import_banner.property("kind") == "warning" and "拒绝1个" in page.import_banner.text()
    assert {"泰兴第2号文件有限公司", "泰兴第3号文件有限公司", "兴化第2号文件有限公司"} <= company_names(city)
    assert "靖江篡改测试有限公司" not in company_names(city)
    assert exchange.pending(city) == [] and page.pending_model.rows == []
    assert len(backups_of(city.db.path)) == len(backups_before) + 1     # one backup for the folder
    received = {p.code: p.received_seq for p in page.peers_model.rows}
    assert received["TX-U01"] == 3 and received["XH-U01"] == 2 and received["JJ-U01"] == 1
    click(qtbot, page.folder_cancel_button)
    assert not page.folder_panel.isVisible()


def test_a_folder_without_sync_files_says_so_and_cancel_writes_nothing(qtbot, county_files, runner,
                                                                       monkeypatch, tmp_path):
    from zsdesk.ui.pages.sync import SyncPage

    city, box = county_files
    page = SyncPage(city, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    empty = tmp_path / "空的U盘"
    empty.mkdir()
    (empty / "照片.jpg").write_bytes(b"\xff\xd8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(empty))
    click(qtbot, page.folder_button)
    qtbot.waitUntil(lambda: page.folder_button.isEnabled(), timeout=WAIT)
    assert "中没有 .zsync 同步文件" in page.import_banner.text() and not page.folder_panel.isVisible()

    before = dump_all(city)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(box))
    click(qtbot, page.folder_button)
    qtbot.waitUntil(lambda: page.folder_panel.isVisible(), timeout=WAIT)
    click(qtbot, page.folder_cancel_button)
    assert not page.folder_panel.isVisible() and "未导入任何数据" in page.import_banner.text()
    assert dump_all(city) == before
    # nothing chosen in the dialog: nothing happens
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    click(qtbot, page.folder_button)
    assert not page.folder_panel.isVisible()
