"""设置 → 数据保护 and the password asked for at start, driven through the real
widgets on real files: set a password in the settings page of the main window,
start the app again on the same file, see the password dialog, have a wrong
password refused and the right one open the main window."""

from __future__ import annotations

import argparse
import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

pytest.importorskip("sqlcipher3", reason="this build has no SQLCipher (sqlcipher3-wheels)")

from zsdesk.db import cipher
from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site

TODAY = dt.date(2026, 6, 15)
PASSWORD = "泰兴招商-2026！"

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]


@pytest.fixture
def county_file(tmp_path):
    """A county site with a company and an automatic backup beside it, closed."""
    from zsdesk.db.engine import copy_sqlite

    path = tmp_path / "zsdesk.db"
    ws = Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")
    init_site(ws, role="county", code="TX-U01", name="泰兴高新区招商单元")
    ws.companies.create({"name": "扬子江药业集团有限公司"})
    ws.close()
    (tmp_path / "backups").mkdir()
    copy_sqlite(path, tmp_path / "backups" / "zsdesk-20260615-120000-000000-test.db")
    return path


def _window(qtbot, ws):
    from zsdesk.ui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.resize(1360, 860)
    win.show()
    qtbot.waitExposed(win)
    return win


def _when_shown(cls, steps, *, every_ms: int = 20) -> list:
    """Call ``steps(widget)`` once a visible top-level ``cls`` is up (a modal dialog
    blocks the test in ``exec()``, so it is driven from the event loop); the list
    records the widgets handled."""
    handled: list = []

    def poll():
        # (the main window's frame is shown while the database is opened: it counts
        # once it has its workspace)
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, cls) and w.isVisible() and not getattr(w, "opening", False)]
        if found:
            handled.append(found[0])
            steps(found[0])
        else:
            QTimer.singleShot(every_ms, poll)

    QTimer.singleShot(0, poll)
    return handled


def _args(path) -> argparse.Namespace:
    return argparse.Namespace(db=str(path), demo=False, command=None)


def _set_password_in_settings(qtbot, path) -> None:
    """The person's way: 设置 → 数据保护 → 设置密码…, a typo in the repeat first."""
    from zsdesk.ui.password import PasswordDialog

    ws = Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")
    win = _window(qtbot, ws)
    try:
        page = win.show_page("settings")
        assert "已加密" not in page.protection_state.text()
        assert page.set_password_button.isEnabled() and not page.change_password_button.isEnabled()

        def fill(dialog):
            dialog.new_edit.setText(PASSWORD)
            dialog.again_edit.setText(PASSWORD + "x")
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
            assert not dialog.again_error.isHidden()
            assert "不一致" in dialog.again_error.text()
            assert not cipher.is_encrypted(path)               # nothing done
            dialog.again_edit.setText(PASSWORD)
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

        handled = _when_shown(PasswordDialog, fill)
        with qtbot.waitSignal(page.saved, timeout=20_000) as saved:
            page.set_password_button.click()
        assert handled and saved.args == ["password"]
        assert cipher.is_encrypted(path)
        assert "已加密" in page.protection_state.text()
        assert "1 个备份也已加密" in page.protection_note.text()
        assert page.change_password_button.isEnabled() and not page.set_password_button.isEnabled()
        # the window goes on working on the encrypted file
        assert ws.db.password == PASSWORD and ws.counts()["companies"] == 1
    finally:
        win.close()
        ws.close()


def test_the_settings_page_explains_what_the_password_protects(qtbot, county_file):
    ws = Workspace(Database(f"sqlite:///{county_file}"), today=lambda: TODAY, actor="测试员")
    win = _window(qtbot, ws)
    try:
        page = win.show_page("settings")
        texts = " ".join(label.text() for label in page.findChildren(type(page.protection_state)))
        assert "数据保护" in texts
        assert "备份都加密" in texts and "无法找回" in texts
        assert "未设置密码" in page.protection_state.text()
    finally:
        win.close()
        ws.close()


def test_a_password_set_in_settings_is_asked_for_at_the_next_start(qtbot, county_file, capsys):
    from zsdesk.ui.app import SHOWN_MESSAGE, run
    from zsdesk.ui.main_window import MainWindow
    from zsdesk.ui.password import UnlockDialog

    _set_password_in_settings(qtbot, county_file)
    backup = county_file.parent / "backups" / "zsdesk-20260615-120000-000000-test.db"
    assert cipher.is_encrypted(backup)

    def unlock(dialog):
        assert str(county_file) in " ".join(w.text() for w in dialog.findChildren(type(dialog.error_label)))
        dialog.password_edit.setText("wrong password")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert dialog.isVisible()                                    # refused, asked again
        assert not dialog.error_label.isHidden()
        assert dialog.error_label.text() == "密码不正确，请重新输入。"
        dialog.password_edit.setText(PASSWORD)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    def opened(window):
        assert window.ws.db.password == PASSWORD
        assert window.ws.site.code == "TX-U01"
        QTimer.singleShot(200, window.close)

    asked = _when_shown(UnlockDialog, unlock)
    shown = _when_shown(MainWindow, opened)
    assert run(_args(county_file)) == 0
    assert asked and shown
    assert SHOWN_MESSAGE in capsys.readouterr().out


def test_cancelling_the_password_dialog_quits_without_opening(qtbot, county_file, capsys):
    from zsdesk.ui.app import SHOWN_MESSAGE, run
    from zsdesk.ui.password import UnlockDialog

    cipher.set_password(county_file, PASSWORD)
    asked = _when_shown(UnlockDialog, lambda dialog: dialog.buttons.button(
        dialog.buttons.StandardButton.Cancel).click())
    assert run(_args(county_file)) == 0
    assert asked
    assert SHOWN_MESSAGE not in capsys.readouterr().out


def test_the_command_line_password_is_used_without_asking(qtbot, county_file, monkeypatch, capsys):
    from zsdesk.ui.app import open_asking_password
    from zsdesk.ui.password import UnlockDialog

    cipher.set_password(county_file, PASSWORD)
    args = _args(county_file)
    args.password = PASSWORD                      # --password-stdin or ZSDESK_PASSWORD
    asked = _when_shown(UnlockDialog, lambda dialog: dialog.reject())
    ws = open_asking_password(args)
    try:
        assert ws is not None and ws.db.password == PASSWORD
    finally:
        ws.close()
    qtbot.wait(50)
    assert not asked


def test_change_refuses_a_wrong_current_password_and_remove_decrypts(qtbot, county_file):
    from zsdesk.ui.password import PasswordDialog
    from zsdesk.ui.tasks import TaskRunner

    cipher.set_password(county_file, PASSWORD)
    ws = Workspace(Database(f"sqlite:///{county_file}", password=PASSWORD), today=lambda: TODAY,
                   actor="测试员")
    runner = TaskRunner()
    try:
        from zsdesk.ui.pages.settings import SettingsPage

        page = SettingsPage(ws, runner)
        qtbot.addWidget(page)
        page.show()
        assert "已加密" in page.protection_state.text()

        def wrong_then_cancel(dialog):
            dialog.current_edit.setText("wrong password")
            dialog.new_edit.setText("另一个密码123")
            dialog.again_edit.setText("另一个密码123")
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
            qtbot.waitUntil(lambda: not dialog.current_error.isHidden(), timeout=10_000)
            assert dialog.current_error.text() == "密码不正确。"
            dialog.reject()

        handled = _when_shown(PasswordDialog, wrong_then_cancel)
        page.change_password_button.click()
        assert handled and ws.db.password == PASSWORD and cipher.is_encrypted(county_file)

        def remove(dialog):
            assert dialog.new_edit is None
            dialog.current_edit.setText(PASSWORD)
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

        _when_shown(PasswordDialog, remove)
        with qtbot.waitSignal(page.saved, timeout=20_000):
            page.remove_password_button.click()
        assert not cipher.is_encrypted(county_file)
        assert ws.db.password is None and ws.counts()["companies"] == 1
        assert "未设置密码" in page.protection_state.text()
        assert "1 个备份已解密" in page.protection_note.text()
    finally:
        runner.shutdown(10_000)
        ws.close()
