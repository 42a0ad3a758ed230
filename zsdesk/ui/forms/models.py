"""Table models of the record forms: contacts (editable), capital arrivals,
problems, attachments, stage history and the audit trail.

They hold plain values handed to them by the forms (which read the services);
they never read the database. Columns are named (``Column`` enums per model).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFontDatabase

from zsdesk.app import format_timestamp, numbers

#: the id of the row's record (contact, arrival, problem, attachment)
RecordIdRole = Qt.ItemDataRole.UserRole + 3
#: the raw value of a cell (date, Decimal, text) for sorting and tests
RawRole = Qt.ItemDataRole.UserRole + 4

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
MUTED = QColor("#8A94A6")
OPEN_RED = QColor("#B3261E")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FormModels", text)


def show_date(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value))


def show_instant(value: dt.datetime | None) -> str:
    """An instant (UTC) as people read it: Beijing time (``zsdesk.app.format_timestamp``)."""
    return format_timestamp(value)


class _RowsModel(QAbstractTableModel):
    """Read-only rows of plain objects; subclasses give ``Column``, headers and ``cell``."""

    Column: type[IntEnum]

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def headers(self) -> dict[int, str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def cell(self, obj, column: int):
        """(display text, raw value) of one cell."""
        raise NotImplementedError

    def numeric(self, column: int) -> bool:
        return False

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int):
        return self._rows[row]

    def rows(self) -> list:
        return list(self._rows)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self.numeric(section) else _LEFT
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        obj = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RawRole):
            text, raw = self.cell(obj, column)
            if role == RawRole:
                return raw
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if self.numeric(column) else _LEFT
        if role == RecordIdRole:
            return getattr(obj, "id", None)
        return self.extra_data(obj, column, role)

    def extra_data(self, obj, column: int, role):
        return None


# --- contacts (edited in the company form, saved with it) ---------------------------------------

CONTACT_FIELDS = ("name", "title", "phone", "email", "wechat")


class ContactsModel(QAbstractTableModel):
    """A company's contacts as the form edits them: dicts with the contact fields
    (and ``id`` for a contact already saved). The company's save writes them."""

    class Column(IntEnum):
        NAME = 0
        TITLE = 1
        PHONE = 2
        EMAIL = 3
        WECHAT = 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self.read_only = False
        self._headers = {
            self.Column.NAME: self.tr("姓名"), self.Column.TITLE: self.tr("职务"),
            self.Column.PHONE: self.tr("电话"), self.Column.EMAIL: self.tr("邮箱"),
            self.Column.WECHAT: self.tr("微信"),
        }

    def set_contacts(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def contacts(self) -> list[dict]:
        """The rows, without wholly empty new ones."""
        out = []
        for r in self._rows:
            if r.get("id") or any((r.get(f) or "").strip() for f in CONTACT_FIELDS):
                out.append({k: (v.strip() if isinstance(v, str) else v) for k, v in r.items()})
        return out

    def add_contact(self, values: dict | None = None) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append({f: "" for f in CONTACT_FIELDS} | dict(values or {}))
        self.endInsertRows()
        return row

    def remove_contact(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.Column):
            return self._headers[self.Column(section)]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._rows[index.row()].get(CONTACT_FIELDS[index.column()]) or ""
        if role == RecordIdRole:
            return self._rows[index.row()].get("id")
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.read_only:
            return False
        self._rows[index.row()][CONTACT_FIELDS[index.column()]] = "" if value is None else str(value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True


# --- capital arrivals, problems, attachments ----------------------------------------------------

class ArrivalsModel(_RowsModel):
    """资金到位: dated amounts of a project."""

    class Column(IntEnum):
        DATE = 0
        AMOUNT = 1
        NOTE = 2

    def headers(self):
        return {0: self.tr("到位日期"), 1: self.tr("金额（万元）"), 2: self.tr("备注")}

    def numeric(self, column):
        return column == self.Column.AMOUNT

    def cell(self, a, column):
        if column == self.Column.DATE:
            return show_date(a.arrival_date), a.arrival_date
        if column == self.Column.AMOUNT:
            return numbers.money(a.amount, whole=True), a.amount
        return a.note or "", a.note

    def total(self) -> Decimal:
        return sum((Decimal(a.amount) for a in self._rows), Decimal(0))


class ProblemsModel(_RowsModel):
    """待协调问题 of a project; open ones first in red."""

    class Column(IntEnum):
        CATEGORY = 0
        DESCRIPTION = 1
        RAISED = 2
        RESPONSIBLE = 3
        STATUS = 4
        RESOLVED = 5
        RESOLUTION = 6

    def headers(self):
        return {0: self.tr("类别"), 1: self.tr("问题描述"), 2: self.tr("提出日期"), 3: self.tr("责任部门"),
                4: self.tr("状态"), 5: self.tr("解决日期"), 6: self.tr("解决情况")}

    def cell(self, p, column):
        C = self.Column
        if column == C.CATEGORY:
            return p.category, p.category
        if column == C.DESCRIPTION:
            return p.description, p.description
        if column == C.RAISED:
            return show_date(p.raised_date), p.raised_date
        if column == C.RESPONSIBLE:
            return p.responsible or "", p.responsible
        if column == C.STATUS:
            return (self.tr("已解决") if p.resolved else self.tr("待协调")), bool(p.resolved)
        if column == C.RESOLVED:
            return show_date(p.resolved_date), p.resolved_date
        return p.resolution or "", p.resolution

    def extra_data(self, p, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.Column.STATUS and not p.resolved:
            return OPEN_RED
        return None


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class AttachmentsModel(_RowsModel):
    """Files linked to a record, each with its SHA-256 (the evidence's fingerprint)."""

    class Column(IntEnum):
        FILENAME = 0
        KIND = 1
        SIZE = 2
        SHA256 = 3
        STATUS = 4

    def headers(self):
        return {0: self.tr("文件名"), 1: self.tr("类型"), 2: self.tr("大小"), 3: self.tr("SHA-256"),
                4: self.tr("校验")}

    def numeric(self, column):
        return column == self.Column.SIZE

    def cell(self, a, column):
        if column == self.Column.FILENAME:
            return a.filename, a.filename
        if column == self.Column.KIND:
            return a.kind or "", a.kind
        if column == self.Column.SIZE:
            return human_size(a.size), a.size
        if column == self.Column.STATUS:
            text = self.tr("✓ 完好") if a.intact else self.tr("✗ 文件已被改动或缺失")
            return text, a.intact
        return a.sha256, a.sha256

    def extra_data(self, a, column, role):
        if role == Qt.ItemDataRole.FontRole and column == self.Column.SHA256:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.Column.STATUS:
            return QColor("#2E7D32") if a.intact else QColor("#C62828")
        return None


# --- stage history and the audit trail ----------------------------------------------------------

class StageHistoryModel(_RowsModel):
    """阶段历史: each stage a lead or project reached, with its date and reason."""

    class Column(IntEnum):
        STAGE = 0
        DATE = 1
        REASON = 2

    def __init__(self, labels: dict[str, str], parent=None):
        super().__init__(parent)
        self.labels = labels

    def headers(self):
        return {0: self.tr("阶段"), 1: self.tr("日期"), 2: self.tr("原因/说明")}

    def cell(self, h, column):
        if column == self.Column.STAGE:
            return _tr(self.labels.get(h.stage, h.stage)), h.stage
        if column == self.Column.DATE:
            return show_date(h.stage_date), h.stage_date
        return h.reason or "", h.reason


#: fields of the change log that say nothing to a person reading the trail
AUDIT_HIDDEN = {"owner_site_id"}


class AuditModel(_RowsModel):
    """修改记录: who changed which field, when, from what to what (``FieldChange`` rows)."""

    class Column(IntEnum):
        TIME = 0
        SITE = 1
        ACTOR = 2
        OP = 3
        FIELD = 4
        OLD = 5
        NEW = 6
        SOURCE = 7

    def __init__(self, labels: dict[str, str] | None = None,
                 describe: Callable[[str, object], str] | None = None, parent=None):
        super().__init__(parent)
        self.labels = labels or {}
        self.describe = describe
        self._ops = {"I": self.tr("新建"), "U": self.tr("修改"), "D": self.tr("删除")}

    def set_changes(self, changes: list) -> None:
        """Keep what a person wants to read: inserted fields that hold a value,
        and every update (newest first)."""
        rows = [c for c in changes if c.field not in AUDIT_HIDDEN
                and not (c.op == "I" and (c.new is None or c.new == "" or c.field == "deleted"))]
        self.set_rows(list(reversed(rows)))

    def headers(self):
        return {0: self.tr("时间"), 1: self.tr("站点"), 2: self.tr("操作人"), 3: self.tr("操作"),
                4: self.tr("字段"), 5: self.tr("原值"), 6: self.tr("新值"), 7: self.tr("来源")}

    def _value(self, field: str, value) -> str:
        if value is None or value == "":
            return "—"
        if self.describe is not None:
            text = self.describe(field, value)
            if text is not None:
                return text
        if isinstance(value, bool):
            return self.tr("是") if value else self.tr("否")
        return str(value)

    def cell(self, c, column):
        C = self.Column
        if column == C.TIME:
            return show_instant(c.at), c.at
        if column == C.SITE:
            return c.site or "", c.site
        if column == C.ACTOR:
            return c.actor or "", c.actor
        if column == C.OP:
            return self._ops.get(c.op, c.op), c.op
        if column == C.FIELD:
            return self.labels.get(c.field, c.field), c.field
        if column == C.OLD:
            return ("" if c.op == "I" else self._value(c.field, c.old)), c.old
        if column == C.NEW:
            return self._value(c.field, c.new), c.new
        return self.source_text(c.source), c.source

    def source_text(self, source: str | None) -> str:
        """Where a write came from, in words ("sync:TX-U01#3" -> 同步导入 TX-U01 #3)."""
        source = source or ""
        kind, _, detail = source.partition(":")
        words = {"local": self.tr("本机录入"), "init": self.tr("初始化"), "seed": self.tr("内置"),
                 "demo": self.tr("演示数据"), "conflict-resolution": self.tr("冲突处理"),
                 "ledger": self.tr("台账导入"), "sync": self.tr("同步导入"), "setup": self.tr("市级配置")}
        word = words.get(kind)
        if word is None:
            return source
        return f"{word} {detail}" if detail else word

    def extra_data(self, c, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and column == self.Column.OLD:
            return MUTED
        return None
