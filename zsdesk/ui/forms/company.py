"""客商 form: a company with its contacts, and the duplicate warning while typing."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QStyle, QVBoxLayout, QWidget,
)

from zsdesk.app import numbers
from zsdesk.app import COMPANY_TAGS
from zsdesk.app import ValidationError, records
from zsdesk.ui.forms.base import FormGrid, RecordForm, action_button, make_table
from zsdesk.ui.forms.models import ContactsModel
from zsdesk.ui.widgets.feedback import FieldError
from zsdesk.ui.widgets.pickers import DEBOUNCE_MS, IndustryPicker, html_escape
from zsdesk.app import normalize_usci, validate_usci


class TagBoxes(QWidget):
    """The company kind tags (世界500强, 央企 …) as check boxes, four to a row
    (seven in one row made the form wider than a laptop's dialog)."""

    valueChanged = Signal()
    COLUMNS = 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        self._others: list[str] = []   # tags from elsewhere (an import) are kept
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for i, tag in enumerate(COMPANY_TAGS):
            box = QCheckBox(self.tr(tag))
            box.toggled.connect(self.valueChanged)
            self.boxes[tag] = box
            grid.addWidget(box, i // self.COLUMNS, i % self.COLUMNS)
        grid.setColumnStretch(self.COLUMNS, 1)

    def value(self) -> list[str]:
        return [t for t, b in self.boxes.items() if b.isChecked()] + self._others

    def setValue(self, tags) -> None:
        if isinstance(tags, str):
            tags = [t for t in tags.split("、") if t]
        tags = list(tags or ())
        for tag, box in self.boxes.items():
            box.setChecked(tag in tags)
        self._others = [t for t in tags if t not in self.boxes]


class CompanyForm(RecordForm):
    """A company (客商/企业) and its contacts, saved together in one call.

    ``pick_mode``: opened from a company picker — a similar existing company
    can be taken instead (``chosen_id``) rather than creating a duplicate."""

    table = "companies"

    def __init__(self, ws, row_id=None, *, defaults=None, parent=None, pick_mode: bool = False):
        self.pick_mode = pick_mode
        self.chosen_id: str | None = None
        self.matches: list = []
        super().__init__(ws, row_id, defaults=defaults, parent=parent)
        if row_id is None and self.name.text():
            self.check_duplicates()

    def field_labels(self) -> dict[str, str]:
        return {
            "name": self.tr("企业名称"), "usci": self.tr("统一社会信用代码"), "tags": self.tr("企业类型"),
            "region": self.tr("所在地区"), "address": self.tr("地址"), "industry_id": self.tr("所属产业"),
            "notes": self.tr("备注"), "contacts": self.tr("联系人"), "number": self.tr("编号"),
            "merged_into_id": self.tr("合并到"),
        }

    def preferred_size(self) -> QSize:
        """Wide enough that no caption or field of 基本信息 is cut (the captions are
        longer in English), within what ``RecordForm`` allows a small screen."""
        size = super().preferred_size()
        page = self.grid.layout.parentWidget()
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = self.layout().contentsMargins()
        needed = page.minimumSizeHint().width() + scroll_bar + margins.left() + margins.right() + 8
        return size.expandedTo(QSize(needed, 0))

    # -- building ------------------------------------------------------------------------
    def build(self, grid: FormGrid) -> None:
        L = self.field_labels()
        grid.section(self.tr("企业信息"))
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.name.setPlaceholderText(self.tr("营业执照上的全称"))
        grid.add("name", L["name"], self.name, required=True, wide=True)
        self.duplicate = FieldError(warning=True)
        self.duplicate.setTextFormat(Qt.TextFormat.RichText)
        self.duplicate.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.duplicate.linkActivated.connect(self._duplicate_link)
        # the warning sits right under the name's own error line
        self.fields["name"].cell.layout().addWidget(self.duplicate)
        self.usci = QLineEdit()
        self.usci.setMaxLength(24)
        self.usci.setPlaceholderText(self.tr("18位，可不填"))
        grid.add("usci", L["usci"], self.usci)
        self.region = QLineEdit()
        self.region.setPlaceholderText(self.tr("例：江苏泰州"))
        grid.add("region", L["region"], self.region)
        self.industry = IndustryPicker(self.ws)
        grid.add("industry_id", L["industry_id"], self.industry)
        self.address = QLineEdit()
        grid.add("address", L["address"], self.address)
        self.tags = TagBoxes()
        grid.add("tags", L["tags"], self.tags, wide=True)
        # half-row fields wide enough for what goes in them: an 18-character code, a
        # two-level industry, an address (the form grows to fit them, see preferred_size)
        em = self.fontMetrics().horizontalAdvance("M")
        self.usci.setMinimumWidth(self.fontMetrics().horizontalAdvance("9" * 18 + "MM") + 16)
        for field in (self.region, self.industry, self.address):
            field.setMinimumWidth(em * 17)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        grid.add("notes", L["notes"], self.notes, wide=True)

        grid.section(self.tr("联系人"))
        self.contacts_model = ContactsModel(self)
        self.contacts_view = make_table(self.contacts_model, stretch=ContactsModel.Column.EMAIL)
        self.contacts_view.verticalHeader().setVisible(True)
        self.contacts_view.setMinimumHeight(self.fontMetrics().height() * 7)
        for column, width in ((ContactsModel.Column.NAME, 7), (ContactsModel.Column.TITLE, 9),
                              (ContactsModel.Column.PHONE, 10), (ContactsModel.Column.WECHAT, 8)):
            self.contacts_view.setColumnWidth(column, em * width)
        self.add_contact_button = action_button(self.tr("添加联系人"))
        self.remove_contact_button = action_button(self.tr("删除所选联系人"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_contact_button)
        buttons.addWidget(self.remove_contact_button)
        buttons.addStretch(1)
        note = QLabel(self.tr("联系人随企业一起保存。"))
        note.setObjectName("recordNumber")
        buttons.addWidget(note)
        contacts = QWidget()
        box = QVBoxLayout(contacts)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.contacts_view)
        box.addLayout(buttons)
        grid.add("contacts", L["contacts"], contacts, caption=False)
        self.add_contact_button.clicked.connect(self.add_contact)
        self.remove_contact_button.clicked.connect(self.remove_selected_contact)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check_duplicates)
        self.name.textEdited.connect(lambda _t: self._timer.start())
        self.usci.textEdited.connect(lambda _t: self._timer.start())
        self.usci.editingFinished.connect(self._usci_finished)

    # -- loading and collecting -------------------------------------------------------------
    def read(self, row_id: str) -> dict:
        values = self.service.values(row_id)
        values["contacts"] = [
            {"id": c.id, "name": c.name, "title": c.title or "", "phone": c.phone or "",
             "email": c.email or "", "wechat": c.wechat or ""}
            for c in records.company_contacts(self.ws, row_id)]
        return values

    def load_values(self, v: dict) -> None:
        self.name.setText(v.get("name") or "")
        self.usci.setText(v.get("usci") or "")
        self.region.setText(v.get("region") or "")
        self.address.setText(v.get("address") or "")
        self.industry.setValue(v.get("industry_id"))
        self.tags.setValue(v.get("tags"))
        self.notes.setPlainText(v.get("notes") or "")
        self.contacts_model.set_contacts(v.get("contacts") or [])
        self.duplicate.clear_message()

    def collect(self) -> dict:
        self.commit_open_editor()
        return {
            "name": self.name.text().strip(),
            "usci": self.usci.text().strip() or None,
            "region": self.region.text().strip() or None,
            "address": self.address.text().strip() or None,
            "industry_id": self.industry.value(),
            "tags": self.tags.value(),
            "notes": self.notes.toPlainText().strip() or None,
            "contacts": self.contacts_model.contacts(),
        }

    def changes(self, data: dict) -> dict:
        out = super().changes(data)
        if "tags" in out:  # the service stores the 、-joined text
            out["tags"] = data["tags"]
        return out

    def record_title(self) -> str:
        if self.row_id is None:
            return self.tr("新建企业")
        return self.tr("企业 — {0}").format((self.current or {}).get("name", ""))

    def set_read_only(self, read_only: bool) -> None:
        self.contacts_model.read_only = read_only
        for button in (self.add_contact_button, self.remove_contact_button):
            button.setEnabled(not read_only)
        self.contacts_view.setEnabled(True)  # readable, not editable

    # -- contacts --------------------------------------------------------------------------------
    def commit_open_editor(self) -> None:
        """A contact cell still being typed into counts (Ctrl+S without leaving it)."""
        index = self.contacts_view.currentIndex()
        editor = self.contacts_view.indexWidget(index) if index.isValid() else None
        if editor is not None:
            self.contacts_view.itemDelegate().commitData.emit(editor)

    def add_contact(self) -> None:
        row = self.contacts_model.add_contact()
        index = self.contacts_model.index(row, ContactsModel.Column.NAME)
        self.contacts_view.setCurrentIndex(index)
        self.contacts_view.edit(index)

    def remove_selected_contact(self) -> None:
        index = self.contacts_view.currentIndex()
        if index.isValid():
            self.contacts_model.remove_contact(index.row())

    # -- duplicates -----------------------------------------------------------------------------
    def check_duplicates(self) -> None:
        """The core's duplicate check on what is typed: same 统一社会信用代码, or a
        similar normalised name."""
        self._timer.stop()
        name, usci = self.name.text().strip(), self.usci.text().strip()
        self.matches = self.ws.companies.find_duplicates(name, usci or None, exclude_id=self.row_id) \
            if (name or usci) else []
        if not self.matches:
            self.duplicate.clear_message()
            return
        lines = []
        for m in self.matches[:3]:
            if m.reason == "usci":
                text = self.tr("统一社会信用代码与“{0}”（{1}）相同").format(html_escape(m.name), m.number)
            else:
                text = self.tr("名称与“{0}”（{1}）相似（{2}%）").format(html_escape(m.name), m.number, numbers.count(m.score))
            verb = self.tr("改用该企业") if self.pick_mode else self.tr("查看")
            lines.append(f'⚠ {text}　<a href="{m.company_id}">{verb}</a>')
        self.duplicate.show_message("<br>".join(lines))

    def duplicate_text(self) -> str:
        return self.duplicate.text() if not self.duplicate.isHidden() else ""

    def _duplicate_link(self, company_id: str) -> None:
        if self.pick_mode:
            self.chosen_id = company_id
            self.done(self.DialogCode.Accepted)
            return
        from zsdesk.ui.forms import open_record
        open_record(self, self.ws, "companies", company_id)

    def _usci_finished(self) -> None:
        text = self.usci.text().strip()
        error = self.fields["usci"].error
        if not text:
            error.clear_message()
            return
        code = normalize_usci(text)
        if code != text:
            self.usci.setText(code)
        try:
            validate_usci(code)
        except ValidationError as exc:
            error.show_message(exc.message)
        else:
            error.clear_message()
