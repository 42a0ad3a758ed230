"""Unexpected errors in the app: a dialog that says what to do, the trace in the
log file, and every message about a bug names that file."""

from __future__ import annotations

import platform
import stat
import threading

import pytest
from PySide6.QtCore import QTimer, qCritical
from PySide6.QtWidgets import QApplication

from zsdesk import __version__, logs
from zsdesk.db.engine import STORAGE_MESSAGES, NewerDatabase, NotADatabase, translate
from zsdesk.errors import StorageError
from zsdesk.sync.crypto import CryptoError
from zsdesk.sync.package import PackageRefused
from zsdesk.ui import i18n
from zsdesk.ui.crash import CrashDialog, install_crash_handler
from zsdesk.ui.error_text import STORAGE_TEXT
from zsdesk.ui.tasks import TaskRunner, describe_error


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))
    path = logs.setup()
    yield path
    logs.teardown()


@pytest.fixture
def crash_handler(qapp, log_file):
    handler = install_crash_handler(qapp)
    yield handler
    handler.uninstall()
    for dialog in crash_dialogs():
        dialog.close()


def crash_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


# pytest-qt would catch the exception itself (and fail the test): here the app's hook must see it
@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_dialog_and_its_trace_is_in_the_log(qtbot, crash_handler, log_file):
    def broken_slot():
        raise RuntimeError("槽函数中的意外错误")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(crash_dialogs()) == 1)
    dialog = crash_dialogs()[0]
    said = dialog.text()
    assert "程序出现意外错误" in said and "复制详情" in said and f"日志文件：{log_file}" in said
    assert dialog.copy_button.text() == "复制详情"

    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "Traceback" in copied and "broken_slot" in copied and "RuntimeError: 槽函数中的意外错误" in copied
    assert f"zsdesk {__version__}" in copied and platform.platform() in copied
    assert dialog.copy_button.text() == "已复制"

    # another error while the dialog is open joins it: no second dialog
    QTimer.singleShot(0, lambda: 1 / 0)
    qtbot.waitUntil(lambda: "ZeroDivisionError" in dialog.details.toPlainText())
    assert len(crash_dialogs()) == 1

    QTimer.singleShot(0, dialog.close)
    qtbot.waitUntil(lambda: not crash_dialogs())
    text = log_file.read_text(encoding="utf-8")
    assert "ERROR zsdesk.crash: unexpected error" in text
    assert "Traceback" in text and "in broken_slot" in text and "RuntimeError: 槽函数中的意外错误" in text
    assert "ZeroDivisionError" in text
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600


def test_an_exception_in_a_python_thread_shows_the_dialog_on_the_gui_thread(qtbot, crash_handler, log_file):
    def work():
        raise ValueError("后台线程中的错误")

    thread = threading.Thread(target=work, name="导出线程")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(crash_dialogs()) == 1)
    dialog = crash_dialogs()[0]
    assert "thread: 导出线程" in dialog.details.toPlainText()
    assert "ValueError: 后台线程中的错误" in dialog.details.toPlainText()
    assert "in thread 导出线程" in log_file.read_text(encoding="utf-8")
    dialog.close()


@pytest.mark.qt_log_ignore("测试用的严重消息")
def test_qt_critical_messages_are_logged(qtbot, crash_handler, log_file):
    qCritical("测试用的严重消息")
    assert "ERROR zsdesk.qt: Qt: 测试用的严重消息" in log_file.read_text(encoding="utf-8")


def test_uninstall_gives_the_hooks_back(qapp, log_file):
    import sys

    before, before_thread = sys.excepthook, threading.excepthook
    handler = install_crash_handler(qapp)
    assert sys.excepthook == handler.excepthook
    handler.uninstall()
    assert sys.excepthook is before and threading.excepthook is before_thread


# --- messages about a bug name the log, and the trace is there -----------------------------------------

def test_a_bug_in_a_task_names_the_log_file_that_holds_its_trace(qtbot, log_file):
    runner = TaskRunner()
    failures = []

    def broken_task():
        raise KeyError("任务中的缺陷")

    runner.run(broken_task, title="有缺陷的任务", on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    text = describe_error(failures[0])
    assert text.startswith("操作因程序错误未完成：KeyError: '任务中的缺陷'")
    assert f"详细信息已写入日志文件 {log_file}" in text
    logged = log_file.read_text(encoding="utf-8")
    assert "background task '有缺陷的任务' failed" in logged
    assert "Traceback" in logged and "in broken_task" in logged
    runner.shutdown()


def test_without_a_log_file_no_message_claims_one(qapp):
    logs.teardown()
    text = describe_error(RuntimeError("x"))
    assert "日志" not in text and text.endswith("请联系维护人员。")


def test_the_placeholder_of_a_broken_page_names_the_log(qtbot, log_file):
    from zsdesk.ui.pages.placeholder import PlaceholderPage

    page = PlaceholderPage(None, None, reason="ImportError: 页面出错", missing=False)
    qtbot.addWidget(page)
    assert f"数据没有改动。详细信息已写入日志文件 {log_file}" in page.text()


# --- known errors by code, in the chosen language ---------------------------------------------------------

def test_the_storage_texts_are_the_cores_messages():
    assert STORAGE_TEXT == STORAGE_MESSAGES


def test_refused_files_and_crypto_errors_are_known_errors_not_bugs():
    refused = describe_error(PackageRefused("清单中的文件哈希不符", code="hash"))
    assert refused == ("文件被改动或已损坏。\n原因：清单中的文件哈希不符\n本站点的数据没有任何改动。"
                       "请对方重新导出，再导入新的文件。")
    sealed = describe_error(CryptoError("无法解密：文件不是加密给本站点的，或已损坏"))
    assert sealed.startswith("文件无法解密。") and "程序错误" not in sealed
    unknown = describe_error(PackageRefused("别的原因", code="something-new"))
    assert unknown.startswith("文件被拒绝。\n原因：别的原因")


def test_known_codes_follow_the_language(qapp, tmp_path):
    io_error = StorageError(STORAGE_MESSAGES["storage.io"], code="storage.io")
    uncoded = StorageError("某个没有代码的存储错误")
    assert describe_error(io_error) == STORAGE_MESSAGES["storage.io"]
    assert describe_error(NewerDatabase("0099_future")) == str(NewerDatabase("0099_future"))
    try:
        assert i18n.install_translators(qapp, "en", cache=tmp_path / "cache") == "en"
        english = describe_error(io_error)
        assert english.startswith("Error reading or writing the database file") and "USB" in english
        assert describe_error(PackageRefused("原因", code="hash")).startswith("The file was changed or is damaged.")
        assert describe_error(uncoded) == "某个没有代码的存储错误"  # no code: the Chinese message
        # codes with values: the values are put into the translated text
        assert "(database version 0099_future)" in describe_error(NewerDatabase("0099_future"))
        assert describe_error(NotADatabase(tmp_path / "简报.docx")).startswith(f"“{tmp_path / '简报.docx'}” is not")
        assert "log file" in describe_error(RuntimeError("x")) or "contact" in describe_error(RuntimeError("x"))
    finally:
        i18n.install_translators(qapp, "zh_CN")


def test_a_translated_sqlite_error_has_its_code():
    import sqlite3

    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorcode, error.sqlite_errorname = 778, "SQLITE_IOERR_WRITE"
    known = translate(error)
    assert known.code == "storage.io" and describe_error(known) == STORAGE_MESSAGES["storage.io"]


def test_zsdesk_errors_keep_their_message_and_take_a_code():
    plain = StorageError("磁盘已满：请清理磁盘空间后重试。未保存任何内容。")
    assert str(plain) == "磁盘已满：请清理磁盘空间后重试。未保存任何内容。" and plain.code is None
    assert dict(plain.params) == {}
    coded = StorageError("文字", code="storage.full", params={"path": "/x"})
    assert (str(coded), coded.code, coded.params) == ("文字", "storage.full", {"path": "/x"})
