"""The first-start window: shown by ``zsdesk.ui.app.run`` when the database
holds no site yet, so nobody needs the command line to begin (issue 12).

Three ways on: 创建市级站点 (code and name), 用市里的入网文件加入（县级）
(the setup file's city and the fingerprint computed from its key are shown and
confirmed first), or 打开其他数据库文件…. On success ``site`` is set and the
dialog is accepted; ``other_database`` names a database file to open instead.
Everything runs through ``zsdesk.app.site`` on the task runner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
    QPushButton, QVBoxLayout, QWidget,
)

from zsdesk.app.site import (
    SetupFileInfo, SiteSummary, create_city_site, database_location, industry_templates, join_with_setup_file,
    read_setup_file,
)
from zsdesk.ui.tasks import TaskRunner, describe_error


def confirm_join(parent: QWidget | None, info: SetupFileInfo) -> bool:
    """Ask before joining: the city's name and the fingerprint computed from its key."""
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("FirstStart", "用入网文件加入"),
                      QCoreApplication.translate(
                          "FirstStart",
                          "入网文件来自：{0}（{1}）\n市级密钥指纹：{2}\n\n本站点将加入为：{3} {4}\n\n"
                          "请与市招商办核对上面的密钥指纹（可电话确认），一致后再点“加入”。").format(
                          info.city_name, info.city_code, info.city_fingerprint, info.county_code,
                          info.county_name), parent=parent)
    join = box.addButton(QCoreApplication.translate("FirstStart", "加入"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QCoreApplication.translate("FirstStart", "取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    chosen = box.clickedButton()
    box.deleteLater()
    return chosen is join


class FirstStartWindow(QDialog):
    """Make an uninitialised database a site. ``confirm`` asks before joining
    (``confirm_join``; tests pass their own answer)."""

    def __init__(self, ws, parent=None, *, confirm=confirm_join):
        super().__init__(parent)
        self.ws = ws
        self.confirm = confirm
        self.site: SiteSummary | None = None
        self.other_database: str | None = None
        self.setup_info: SetupFileInfo | None = None
        self.tasks = TaskRunner(self)
        self.setWindowTitle(self.tr("招商桌面 — 首次使用"))
        self.setMinimumWidth(560)
        box = QVBoxLayout(self)
        intro = QLabel(self.tr("这个数据库还没有站点。请选择本电脑的用途：\n{0}").format(database_location(ws)))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(intro)

        # 创建市级站点
        city = self._section(box, self.tr("创建市级站点"), self.tr("市招商办的电脑：汇总各县区的数据，为县区生成入网文件。"))
        form = QFormLayout()
        self.code_edit = QLineEdit(placeholderText=self.tr("例：TZ-CITY"))
        self.name_edit = QLineEdit(placeholderText=self.tr("例：泰州市招商办"))
        form.addRow(self.tr("站点代码："), self.code_edit)
        form.addRow(self.tr("名称："), self.name_edit)
        self.template_combo = QComboBox()
        shown = {"general": self.tr("通用产业目录（十大产业）"), "bozhou": self.tr("亳州市十大新兴产业")}
        for key, label in industry_templates():
            self.template_combo.addItem(shown.get(key, label), key)
        self.template_combo.setToolTip(self.tr("县区加入后使用同一产业目录；创建后市级仍可修改"))
        form.addRow(self.tr("产业目录："), self.template_combo)
        city.addLayout(form)
        self.create_button = QPushButton(self.tr("创建市级站点"))
        self.create_button.clicked.connect(self.create_city)
        city.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)

        # 用入网文件加入
        county = self._section(box, self.tr("用市里的入网文件加入（县级）"),
                               self.tr("县区的电脑：选择市招商办发来的入网文件（.json）。"))
        self.choose_setup_button = QPushButton(self.tr("选择入网文件…"))
        self.choose_setup_button.clicked.connect(self.choose_setup_file)
        county.addWidget(self.choose_setup_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setup_label = QLabel()
        self.setup_label.setWordWrap(True)
        self.setup_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setup_label.hide()
        county.addWidget(self.setup_label)
        self.join_button = QPushButton(self.tr("加入…"))
        self.join_button.clicked.connect(self.join)
        self.join_button.hide()
        county.addWidget(self.join_button, 0, Qt.AlignmentFlag.AlignRight)

        # 打开其他数据库
        other = QHBoxLayout()
        self.open_other_button = QPushButton(self.tr("打开其他数据库文件…"))
        self.open_other_button.clicked.connect(self.choose_other_database)
        other.addWidget(self.open_other_button)
        other.addStretch(1)
        self.quit_button = QPushButton(self.tr("退出"))
        self.quit_button.clicked.connect(self.reject)
        other.addWidget(self.quit_button)

        self.error_label = QLabel(objectName="fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B3261E;")
        self.error_label.hide()
        box.addWidget(self.error_label)
        box.addLayout(other)

    def _section(self, box: QVBoxLayout, title: str, note: str) -> QVBoxLayout:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        heading = QLabel(f"<b>{title}</b>")
        inner.addWidget(heading)
        text = QLabel(note)
        text.setWordWrap(True)
        inner.addWidget(text)
        box.addWidget(frame)
        return inner

    # -- feedback ----------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        for button in (self.create_button, self.choose_setup_button, self.join_button, self.open_other_button):
            button.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.error_label.setText(describe_error(exc))
        self.error_label.show()

    def _done(self, site: SiteSummary) -> None:
        self._busy(False)
        self.site = site
        self.accept()

    # -- 创建市级站点 ------------------------------------------------------------------------------
    def create_city(self) -> None:
        code, name = self.code_edit.text().strip(), self.name_edit.text().strip()
        if not code or not name:
            self.error_label.setText(self.tr("请填写市级站点的代码和名称。"))
            self.error_label.show()
            (self.code_edit if not code else self.name_edit).setFocus()
            return
        self.error_label.hide()
        self._busy(True)
        self.tasks.run(create_city_site, self.ws, code, name, self.template_combo.currentData(),
                       title=self.tr("创建市级站点"),
                       on_done=self._done, on_error=self._failed)

    # -- 用入网文件加入 ------------------------------------------------------------------------------
    def choose_setup_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择市里发来的入网文件"), "",
                                              self.tr("入网文件 (*.json);;所有文件 (*)"))
        if path:
            self.use_setup_file(path)

    def use_setup_file(self, path: str) -> None:
        """Read ``path`` (its signature checked) and show whose it is; 加入 then joins."""
        self.error_label.hide()
        self.setup_info = None
        self.join_button.hide()
        self._busy(True)
        self.tasks.run(read_setup_file, str(path), write=False, title=self.tr("读取入网文件"),
                       on_done=self._setup_read, on_error=self._failed)

    def _setup_read(self, info: SetupFileInfo) -> None:
        self._busy(False)
        self.setup_info = info
        self.setup_label.setText(self.tr("入网文件来自：{0}（{1}）\n市级密钥指纹：{2}\n本站点将加入为：{3} {4}").format(
            info.city_name, info.city_code, info.city_fingerprint, info.county_code, info.county_name))
        self.setup_label.show()
        self.join_button.show()

    def join(self) -> None:
        info = self.setup_info
        if info is None or not self.confirm(self, info):
            return
        self._busy(True)
        self.tasks.run(join_with_setup_file, self.ws, info.path, title=self.tr("加入市级同步"),
                       on_done=self._done, on_error=self._failed)

    # -- 打开其他数据库 ------------------------------------------------------------------------------
    def choose_other_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("打开数据库文件"), "",
                                              self.tr("数据库文件 (*.db);;所有文件 (*)"))
        if path:
            self.other_database = path
            self.accept()

    def done(self, result: int) -> None:  # the runner stops with the window
        self.tasks.shutdown(10_000)
        super().done(result)
