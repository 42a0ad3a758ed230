"""Pickers: a plain choice, staff (one, or several to tick), the industry tree
(产业 → 链环节) and companies (search as you type, create one inline).

Pickers read through the services they are given; they never write. Each has
``value()`` / ``setValue()`` and a ``valueChanged`` signal, like the other
form widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import (
    QAbstractListModel, QEvent, QModelIndex, QPoint, QSize, Qt, QTimer, Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QCompleter, QFrame, QHBoxLayout, QLabel, QLineEdit, QListView,
    QToolButton, QTreeView, QVBoxLayout, QWidget,
)

from zsdesk.app import ZsdeskError, records, reference

#: the record id an item stands for
IdRole = Qt.ItemDataRole.UserRole + 1

DEBOUNCE_MS = 250


# --- a plain choice ---------------------------------------------------------------------

class ChoiceCombo(QComboBox):
    """A combo of (id, label) choices; ``value()`` is the chosen id.

    ``blank`` adds a first "none" choice (value None). ``describe(id)`` names an
    id that is not among the choices (an inactive person, another site's unit),
    so a record still shows what it holds."""

    valueChanged = Signal()

    def __init__(self, parent=None, *, blank: str | None = None,
                 describe: Callable[[str], str] | None = None):
        super().__init__(parent)
        self.blank = blank
        self.describe = describe
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.currentIndexChanged.connect(lambda _i: self.valueChanged.emit())

    def set_choices(self, choices: Iterable[tuple[str, str]]) -> None:
        keep = self.value()
        self.blockSignals(True)
        self.clear()
        if self.blank is not None:
            self.addItem(self.blank, None)
        for value, label in choices:
            self.addItem(label, value)
        self.blockSignals(False)
        self.setValue(keep)
        if self.value() != keep:
            self.valueChanged.emit()

    def value(self):
        return self.currentData()

    def setValue(self, value) -> None:
        index = self.findData(value) if value is not None else (0 if self.blank is not None else -1)
        if index < 0 and value is not None:
            label = self.describe(value) if self.describe else str(value)
            self.addItem(label, value)
            index = self.count() - 1
        if index < 0 and self.count():
            index = 0
        self.setCurrentIndex(index)


def staff_label(staff) -> str:
    return f"{staff.name}（{staff.title}）" if getattr(staff, "title", None) else staff.name


class StaffPicker(ChoiceCombo):
    """One person (包保责任人, 记录人) of a unit's active staff."""

    def __init__(self, ws, parent=None, *, blank: str | None = None):
        super().__init__(parent, blank=self.tr("（未指定）") if blank is None else blank,
                         describe=self._describe)
        self.ws = ws
        self.load(None)

    def load(self, unit_id: str | None) -> None:
        self.set_choices((s.id, staff_label(s)) for s in reference.list_staff(self.ws, unit_id))

    def _describe(self, staff_id: str) -> str:
        try:
            return staff_label(reference.get_staff(self.ws, staff_id))
        except ZsdeskError:
            return staff_id


# --- several people: a checklist ----------------------------------------------------------

class StaffCheckModel(QAbstractListModel):
    """Staff with a check box each (a visit's participants)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[str, str]] = []   # (id, label)
        self._checked: set[str] = set()

    def set_staff(self, rows: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def ensure(self, staff_id: str, label: str) -> None:
        """Add a person not in the list (a participant from another unit)."""
        if any(sid == staff_id for sid, _ in self._rows):
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append((staff_id, label))
        self.endInsertRows()

    def ids(self) -> list[str]:
        return [sid for sid, _ in self._rows]

    def checked(self) -> list[str]:
        return [sid for sid, _ in self._rows if sid in self._checked]

    def set_checked(self, ids: Iterable[str]) -> None:
        self._checked = set(ids)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.changed.emit()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        staff_id, label = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if staff_id in self._checked else Qt.CheckState.Unchecked
        if role == IdRole:
            return staff_id
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        staff_id = self._rows[index.row()][0]
        state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(staff_id)
        else:
            self._checked.discard(staff_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.changed.emit()
        return True


class StaffChecklist(QListView):
    """Tick the people who took part; ``value()`` is their ids."""

    valueChanged = Signal()

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.model_ = StaffCheckModel(self)
        self.setModel(self.model_)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        lines = 3
        self.setFixedHeight(self.fontMetrics().height() * lines + 4 * lines + 8)
        self.model_.changed.connect(self.valueChanged)
        self.load(None)

    def load(self, unit_id: str | None) -> None:
        keep = self.model_.checked()
        self.model_.set_staff([(s.id, staff_label(s)) for s in reference.list_staff(self.ws, unit_id)])
        self.setValue(keep)

    def value(self) -> list[str]:
        return self.model_.checked()

    def setValue(self, ids: Iterable[str]) -> None:
        ids = list(ids or ())
        for staff_id in ids:
            try:
                label = staff_label(reference.get_staff(self.ws, staff_id))
            except ZsdeskError:
                label = staff_id
            self.model_.ensure(staff_id, label)
        self.model_.set_checked(ids)

    def check(self, staff_id: str, on: bool = True) -> None:
        ids = set(self.value())
        ids = ids | {staff_id} if on else ids - {staff_id}
        self.setValue([sid for sid in self.model_.ids() if sid in ids])


# --- the industry tree ----------------------------------------------------------------------

class _TreePopup(QFrame):
    """The industry tree, shown under the picker."""

    chosen = Signal(object)

    def __init__(self, model: QStandardItemModel, parent=None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("筛选产业或链环节"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeView()
        self.tree.setModel(model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.setSpacing(4)
        box.addWidget(self.filter)
        box.addWidget(self.tree)
        self.tree.clicked.connect(self._pick)
        self.tree.installEventFilter(self)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)

    def _pick(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(index.data(IdRole))

    def _apply_filter(self, text: str) -> None:
        text = text.strip().lower()
        model = self.tree.model()
        for r in range(model.rowCount()):
            parent = model.index(r, 0)
            parent_hit = not text or text in str(parent.data()).lower()
            any_child = False
            for c in range(model.rowCount(parent)):
                child = model.index(c, 0, parent)
                hit = parent_hit or text in str(child.data()).lower()
                self.tree.setRowHidden(c, parent, not hit)
                any_child |= hit
            self.tree.setRowHidden(r, QModelIndex(), not (parent_hit or any_child))
        self.tree.expandAll()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.tree and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pick(self.tree.currentIndex())
                return True
            if watched is self.filter and key == Qt.Key.Key_Down:
                self.tree.setFocus()
                return True
        return super().eventFilter(watched, event)


class IndustryPicker(QComboBox):
    """产业 → 链环节: a combo whose popup is the industry tree (the catalogue the
    city keeps). Either a 产业 or one of its chain nodes may be chosen."""

    valueChanged = Signal()

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self._value: str | None = None
        self._labels: dict[str, str] = {}
        self.tree_model = QStandardItemModel(self)
        self._load()
        self.popup = _TreePopup(self.tree_model, self)
        self.popup.chosen.connect(self._chosen)
        self.addItem("")
        self.setMinimumContentsLength(12)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setValue(None)

    def _load(self) -> None:
        rows = reference.list_industries(self.ws)
        by_parent: dict[str | None, list] = {}
        for row in rows:
            by_parent.setdefault(row.parent_id, []).append(row)
        root = self.tree_model.invisibleRootItem()
        none = QStandardItem(self.tr("（不选）"))
        none.setData(None, IdRole)
        root.appendRow(none)
        known = {row.id for row in rows}
        tops = [r for r in rows if r.parent_id is None or r.parent_id not in known]
        for top in sorted(tops, key=lambda r: (r.sort_order, r.code)):
            item = QStandardItem(top.name)
            item.setData(top.id, IdRole)
            item.setToolTip(top.code)
            self._labels[top.id] = top.name
            for node in sorted(by_parent.get(top.id, ()), key=lambda r: (r.sort_order, r.code)):
                text = f"{node.name}（{node.chain_position}）" if node.chain_position else node.name
                child = QStandardItem(text)
                child.setData(node.id, IdRole)
                child.setToolTip(node.code)
                item.appendRow(child)
                self._labels[node.id] = f"{top.name} / {text}"
            root.appendRow(item)

    def label_of(self, industry_id: str | None) -> str:
        if industry_id is None:
            return ""
        return self._labels.get(industry_id, industry_id)

    def value(self) -> str | None:
        return self._value

    def setValue(self, industry_id: str | None) -> None:
        changed = industry_id != self._value
        self._value = industry_id
        self.setItemText(0, self.label_of(industry_id) or self.tr("（未选择）"))
        self.setToolTip(self.label_of(industry_id))
        if changed:
            self.valueChanged.emit()

    def index_of(self, industry_id: str | None) -> QModelIndex:
        hits = self.tree_model.match(self.tree_model.index(0, 0), IdRole, industry_id, 1,
                                     Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        return hits[0] if hits else QModelIndex()

    def showPopup(self) -> None:
        popup = self.popup
        popup.filter.clear()
        popup.tree.expandAll()
        current = self.index_of(self._value)
        if current.isValid():
            popup.tree.setCurrentIndex(current)
            popup.tree.scrollTo(current)
        width = max(self.width(), self.fontMetrics().horizontalAdvance("M") * 24)
        height = self.fontMetrics().height() * 18
        popup.resize(width, height)
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and below.y() + height > screen.bottom():
            below = self.mapToGlobal(QPoint(0, -height))
        popup.move(below)
        popup.show()
        popup.filter.setFocus()

    def hidePopup(self) -> None:
        self.popup.hide()
        super().hidePopup()

    def _chosen(self, industry_id) -> None:
        self.popup.hide()
        self.setValue(industry_id)


# --- companies: search as you type, or create one -----------------------------------------

class CompanyChoicesModel(QAbstractListModel):
    """The companies a search found (``CompanyChoice`` rows)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{c.name}    {c.number}"
        if role == Qt.ItemDataRole.EditRole:
            return c.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (c.name, c.number, c.usci, c.region) if x)
        if role == IdRole:
            return c.id
        return None


class CompanyPicker(QWidget):
    """Pick a company by typing part of its name, its pinyin initials, number or
    统一社会信用代码; or create a new one (``create_company(parent, name)``
    opens the company form and returns the new id, or None).

    While the typed name is not a chosen company, companies with a similar
    name (the core's duplicate check) are offered under the field."""

    valueChanged = Signal()

    def __init__(self, ws, parent=None, *,
                 create_company: Callable[[QWidget, str], str | None] | None = None):
        super().__init__(parent)
        self.ws = ws
        self.create_company = create_company
        self._value: str | None = None
        self._name = ""

        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("输入企业名称、拼音首字母或编号"))
        self.edit.setClearButtonEnabled(True)
        self.new_button = QToolButton()
        self.new_button.setText(self.tr("新建企业…"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_button.setVisible(create_company is not None)
        # Tab goes from the name to the next field, not to this button (a Space there opened a
        # nested form by accident); Alt+N in the field or a click reaches it
        self.new_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_button.setToolTip(self.tr("新建企业（Alt+N）"))
        self.new_shortcut = QShortcut(QKeySequence("Alt+N"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_shortcut.setEnabled(create_company is not None)
        self.hint = QLabel()
        self.hint.setObjectName("fieldWarning")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.hide()

        self.choices = CompanyChoicesModel(self)
        self.completer = QCompleter(self.choices, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setWidget(self.edit)
        self.completer.setMaxVisibleItems(10)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.new_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.hint)
        self.setFocusProxy(self.edit)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._search)
        self.edit.textEdited.connect(self._edited)
        self.completer.activated[QModelIndex].connect(self._activated)
        self.hint.linkActivated.connect(self._link)
        self.new_button.clicked.connect(self._create)
        self.new_shortcut.activated.connect(self._create)

    # -- value ------------------------------------------------------------------
    def value(self) -> str | None:
        return self._value

    def setValue(self, company_id: str | None) -> None:
        name = ""
        if company_id:
            try:
                name = records.company_name(self.ws, company_id)
            except ZsdeskError:
                name = company_id
        self._set(company_id, name)

    def typed_text(self) -> str:
        return self.edit.text().strip()

    def _set(self, company_id: str | None, name: str) -> None:
        changed = company_id != self._value
        self._value, self._name = company_id, name
        self.edit.setText(name)
        self.edit.setToolTip(name)
        self.hint.hide()
        self._timer.stop()
        self.completer.popup().hide()
        if changed:
            self.valueChanged.emit()

    def setEnabled(self, on: bool) -> None:
        super().setEnabled(on)
        if not on:
            self.hint.hide()

    # -- searching ------------------------------------------------------------------
    def _edited(self, text: str) -> None:
        if self._value is not None and text.strip() != self._name:
            self._value = None
            self.valueChanged.emit()
        self._timer.start()

    def _search(self) -> None:
        text = self.typed_text()
        if self._value is not None or not text:
            self.choices.set_rows([])
            self.completer.popup().hide()
            self.hint.hide()
            return
        rows = self.ws.companies.lookup(text, limit=15)
        self.choices.set_rows(rows)
        if rows and self.edit.hasFocus():
            self.completer.complete()
        elif not rows:
            self.completer.popup().hide()
        self._show_hint(text, {r.id for r in rows})

    def _show_hint(self, text: str, listed: set[str]) -> None:
        similar = [m for m in self.ws.companies.find_duplicates(text) if m.company_id not in listed]
        parts = []
        if similar:
            links = "、".join(f'<a href="pick:{m.company_id}">{html_escape(m.name)}</a>（{html_escape(m.number)}）'
                              for m in similar[:3])
            parts.append(self.tr("相似的已有企业：{0}").format(links))
        parts.append(self.tr("未选择企业：请从列表中选择") + (
            self.tr("，或<a href=\"new:\">新建“{0}”</a>").format(html_escape(text))
            if self.create_company is not None else ""))
        self.hint.setText("<br>".join(parts))
        self.hint.show()

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        choice = self.choices.row_at(index.row())
        self._set(choice.id, choice.name)

    def choose_row(self, row: int) -> None:
        """Choose the ``row``-th company the last search listed."""
        self._activated(self.choices.index(row))

    def _link(self, href: str) -> None:
        kind, _, company_id = href.partition(":")
        if kind == "pick":
            self.setValue(company_id)
        elif kind == "new":
            self._create()

    def _create(self) -> None:
        if self.create_company is None or not self.new_button.isEnabled():  # a read-only form
            return
        new_id = self.create_company(self, self.typed_text() if self._value is None else "")
        if new_id:
            self.setValue(new_id)
            self.edit.setFocus()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.fontMetrics().horizontalAdvance("M") * 22), hint.height())


def html_escape(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
