"""Unexpected errors in the app: written to the log file with their trace, and
told to the person in a dialog that says what to do.

``install_crash_handler(app)`` (called by ``zsdesk.ui.app.run``) sets
``sys.excepthook`` (an exception in a slot, a timer, an event handler: PySide6
hands those to it), ``threading.excepthook`` (a Python thread) and Qt's message
handler (Qt's critical and fatal messages go to the log; every message still
reaches the handler that was there before, or stderr). An exception raised on
another thread is shown on the GUI thread.

``CrashDialog``: "程序出现意外错误", what happened to the work, what to do, the
log file's path and "复制详情" (the trace with the version and platform, to
paste into a message to support). While it is open, further errors are added
to it instead of opening more dialogs.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, Slot, qInstallMessageHandler, qVersion
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from zsdesk.app.diagnostics import active_path, environment, setup

log = logging.getLogger("zsdesk.crash")
qt_log = logging.getLogger("zsdesk.qt")

_QT_LEVELS = {QtMsgType.QtCriticalMsg: logging.ERROR, QtMsgType.QtFatalMsg: logging.CRITICAL}


def crash_details(exc_type, exc, tb, *, thread: str | None = None) -> str:
    """What support needs: when, the program and platform, the thread, the trace."""
    import PySide6

    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    lines = [f"{when}", environment() + f"; Qt {qVersion()}; PySide6 {PySide6.__version__}"]
    if thread:
        lines.append(f"thread: {thread}")
    lines.append("".join(traceback.format_exception(exc_type, exc, tb)).rstrip())
    return "\n".join(lines)


class CrashDialog(QDialog):
    """Tells the person an unexpected error happened and what to do."""

    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("招商桌面 — 程序出现意外错误"))
        self.setMinimumWidth(520)
        self.heading = QLabel(self.tr("程序出现意外错误"))
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.message = QLabel(self.tr(
            "刚才的操作没有完成（这不是你的操作有误）。已经保存的数据不受影响；正在填写、尚未保存的内容可能没有保存。\n"
            "你可以关闭此提示继续使用。如果错误反复出现，请点“复制详情”，把复制的内容连同日志文件发给维护人员。"))
        self.message.setWordWrap(True)
        if log_file is not None:
            self.log_label = QLabel(self.tr("日志文件：{0}").format(log_file))
        else:
            self.log_label = QLabel(self.tr("日志文件无法写入：请点“复制详情”，把内容保存下来发给维护人员。"))
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setMaximumHeight(160)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("复制详情"))
        self.copy_button.setToolTip(self.tr("把错误详情（含版本和系统信息）复制到剪贴板"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        for widget in (self.heading, self.message, self.log_label, self.details):
            box.addWidget(widget)
        box.addWidget(buttons)

    def add_details(self, details: str) -> None:
        """Another error while the dialog is open."""
        self.details.appendPlainText("\n" + "-" * 40 + "\n" + details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
        self.copy_button.setText(self.tr("已复制"))

    def text(self) -> str:
        """Everything the dialog says (for tests and accessibility)."""
        return "\n".join(w.text() for w in self.findChildren(QLabel))


class CrashHandler(QObject):
    """The hooks; ``install()`` and ``uninstall()`` (the end of a test) them."""

    #: an error's details, sent from any thread, shown on the GUI thread
    crashed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self._previous_excepthook = None
        self._previous_threading_hook = None
        self._previous_qt_handler = None
        self._installed = False
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashHandler:
        if not self._installed:
            self._previous_excepthook = sys.excepthook
            self._previous_threading_hook = threading.excepthook
            sys.excepthook = self.excepthook
            threading.excepthook = self._thread_hook
            self._previous_qt_handler = qInstallMessageHandler(self._qt_message)
            self._installed = True
        return self

    def uninstall(self) -> None:
        if not self._installed:
            return
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_threading_hook
        qInstallMessageHandler(self._previous_qt_handler)
        self._installed = False

    # -- the hooks (any thread) ----------------------------------------------------------
    def excepthook(self, exc_type, exc, tb, *, thread: str | None = None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in the terminal: not a crash
            (self._previous_excepthook or sys.__excepthook__)(exc_type, exc, tb)
            return
        try:
            log.error("unexpected error%s (%s)", f" in thread {thread}" if thread else "", environment(),
                      exc_info=(exc_type, exc, tb))
            self.crashed.emit(crash_details(exc_type, exc, tb, thread=thread))
        except Exception:
            sys.__excepthook__(exc_type, exc, tb)

    def _thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else None
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback, thread=name)

    def _qt_message(self, mode, context, message: str) -> None:
        level = _QT_LEVELS.get(mode)
        if level is not None:
            where = f" ({context.file}:{context.line})" if context is not None and context.file else ""
            qt_log.log(level, "Qt: %s%s", message, where)
            if mode == QtMsgType.QtFatalMsg:  # Qt ends the program when this returns
                for handler in logging.getLogger("zsdesk").handlers:
                    handler.flush()
        if self._previous_qt_handler is not None:
            self._previous_qt_handler(mode, context, message)
        elif sys.stderr is not None and mode != QtMsgType.QtDebugMsg:
            try:
                print(message, file=sys.stderr, flush=True)
            except (OSError, ValueError):
                pass

    # -- on the GUI thread -----------------------------------------------------------------
    @Slot(str)
    def _show(self, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_details(details)
            return
        # a window of its own: the window that failed may be closed (and deleted) meanwhile
        self.dialog = CrashDialog(details, active_path())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._forget_dialog)
        self.dialog.show()
        self.dialog.activateWindow()

    def _forget_dialog(self) -> None:
        self.dialog = None


def install_crash_handler(app: QApplication) -> CrashHandler:
    """The log file set up and the hooks installed, for the life of ``app``."""
    setup()
    return CrashHandler(app).install()
