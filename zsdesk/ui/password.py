"""数据保护 dialogs: the password asked for at start when the database file is
encrypted (``UnlockDialog``), and setting, changing or removing it from 设置
(``PasswordDialog``). The work itself is in the core (the database cipher),
reached through ``zsdesk.app.site``; these dialogs check what was typed, say what
went wrong next to the field, and never keep a password after they close.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from zsdesk.app import ZsdeskError
from zsdesk.app.site import MIN_LENGTH, WrongPassword


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(240)
    return edit


def _error_label() -> QLabel:
    label = QLabel(objectName="fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.show()


class UnlockDialog(QDialog):
    """数据库已加密：请输入密码. ``try_open(password)`` opens the database (in the
    GUI thread: the key derivation takes a fraction of a second); a wrong
    password is said next to the field and asked for again. After ``exec()``:
    ``opened`` holds what ``try_open`` returned, or ``failure`` another error
    it raised (the caller shows it); both None when the person cancelled."""

    def __init__(self, where: str, try_open: Callable[[str], object], parent=None):
        super().__init__(parent)
        self.try_open = try_open
        self.opened = None
        self.failure: ZsdeskError | None = None
        self.setWindowTitle(self.tr("招商桌面 — 输入密码"))
        box = QVBoxLayout(self)
        title = QLabel(self.tr("数据库已加密：请输入密码"), objectName="sectionTitle")
        font = title.font()
        font.setBold(True)
        title.setFont(font)  # shown before the main window and its style sheet
        box.addWidget(title)
        place = QLabel(where, objectName="sectionNote")
        place.setWordWrap(True)
        box.addWidget(place)
        self.password_edit = _password_edit()
        self.password_edit.setPlaceholderText(self.tr("密码"))
        box.addWidget(self.password_edit)
        self.error_label = _error_label()
        self.error_label.setStyleSheet("color: #B3261E;")  # the window's style sheet is not there yet
        box.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("打开"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.unlock)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.password_edit.setFocus()

    def unlock(self) -> None:
        password = self.password_edit.text()
        if not password:
            _show(self.error_label, self.tr("请输入密码。"))
            return
        try:
            self.opened = self.try_open(password)
        except WrongPassword:
            _show(self.error_label, self.tr("密码不正确，请重新输入。"))
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        except ZsdeskError as exc:  # damaged, not initialised …: the caller says why and quits
            self.failure = exc
            self.password_edit.clear()
            self.reject()
            return
        self.password_edit.clear()
        self.accept()


class PasswordDialog(QDialog):
    """设置密码 (``mode`` "set"), 修改密码 ("change") or 取消密码 ("remove") of the
    open database, through ``change_database_password`` in a write task. On
    success ``outcome`` says what happened to the backups."""

    def __init__(self, ws, tasks, mode: str, parent=None):
        super().__init__(parent)
        from zsdesk.app.site import change_database_password

        self.ws, self.tasks, self.mode = ws, tasks, mode
        self._change = change_database_password
        self.outcome = None
        titles = {"set": self.tr("设置密码"), "change": self.tr("修改密码"), "remove": self.tr("取消密码")}
        self.setWindowTitle(titles[mode])
        form = QFormLayout(self)
        notes = {
            "set": self.tr("数据库和它的备份将用此密码加密保存。密码一旦忘记，无法找回，数据也无法打开。"),
            "change": self.tr("数据库和它的备份将改用新密码加密。"),
            "remove": self.tr("取消后，数据库和它的备份不再加密，任何拿到这台电脑的人都能读取。"),
        }
        note = QLabel(notes[mode], objectName="sectionNote")
        note.setWordWrap(True)
        form.addRow(note)
        self.current_edit = self.new_edit = self.again_edit = None
        self.current_error, self.new_error, self.again_error = _error_label(), _error_label(), _error_label()
        if mode in ("change", "remove"):
            self.current_edit = _password_edit()
            form.addRow(self.tr("当前密码"), self.current_edit)
            form.addRow("", self.current_error)
        if mode in ("set", "change"):
            self.new_edit = _password_edit()
            self.new_edit.setPlaceholderText(self.tr("至少{0}个字符").format(MIN_LENGTH))
            self.again_edit = _password_edit()
            form.addRow(self.tr("新密码"), self.new_edit)
            form.addRow("", self.new_error)
            form.addRow(self.tr("再输入一次"), self.again_edit)
            form.addRow("", self.again_error)
        self.other_error = _error_label()
        form.addRow(self.other_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(titles[mode])
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(420)

    def check(self) -> bool:
        """What was typed, checked in one place; each problem next to its field."""
        for label in (self.current_error, self.new_error, self.again_error, self.other_error):
            label.hide()
        ok = True
        if self.current_edit is not None and not self.current_edit.text():
            _show(self.current_error, self.tr("请输入当前密码。"))
            ok = False
        if self.new_edit is not None:
            new = self.new_edit.text()
            if len(new) < MIN_LENGTH or not new.strip():
                _show(self.new_error, self.tr("新密码至少{0}个字符。").format(MIN_LENGTH))
                ok = False
            elif "\x00" in new:
                _show(self.new_error, self.tr("密码不能包含控制字符。"))
                ok = False
            elif self.again_edit.text() != new:
                _show(self.again_error, self.tr("两次输入的新密码不一致。"))
                ok = False
        return ok

    def save(self) -> None:
        if not self.check():
            return
        old = self.current_edit.text() if self.current_edit is not None else None
        new = self.new_edit.text() if self.new_edit is not None else None
        self.buttons.setEnabled(False)
        self.tasks.run(self._change, self.ws, old, new, title=self.windowTitle(),
                       on_done=self._saved, on_error=self._refused)

    def _clear(self) -> None:
        for edit in (self.current_edit, self.new_edit, self.again_edit):
            if edit is not None:
                edit.clear()

    def _saved(self, outcome) -> None:
        self.outcome = outcome
        self._clear()
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.buttons.setEnabled(True)
        if isinstance(exc, WrongPassword) and self.current_edit is not None:
            _show(self.current_error, self.tr("密码不正确。"))
            self.current_edit.selectAll()
            self.current_edit.setFocus()
            return
        _show(self.other_error, self.tr("密码没有改动：{0}").format(describe_error(exc)))
