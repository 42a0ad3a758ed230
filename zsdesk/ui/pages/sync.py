"""同步: files in and out, where each other site stands, conflicts, 撞车 and backups.

Sites never talk over a network (docs/SYNC.md): this page writes the package for the
other site onto a USB stick and reads the one the other site sent.

- 导出: a folder is chosen (remembered: usually the stick); the package is
  written, read back and verified in a background task, and only then does the
  page say the stick may be removed.
- 导入: a file is chosen and previewed first (a dry run: per table, what would be
  created, updated, left, put in conflict or refused, with the refused rows and
  why); "应用" imports it, "取消" leaves everything as it was. A refused file is
  explained in plain words, with the assurance that nothing changed. A county's
  first file asks the city user to check its key fingerprint with the county
  (as with an SSH host key) before it is trusted.
- 导入文件夹: every .zsync file of a folder (the counties' files of a month) is
  previewed in import order (by sender and number: who sent it, what it would
  do); one "全部应用" imports them one after another with a progress bar (one
  backup for all), and each file's outcome is listed; a refused file does not
  stop the others.
- 冲突: both values with their sites and the automatic winner; 保留本站 /
  采用对方 / 手工编辑 each write a resolution that travels with the next file.
  A conflict this site may not decide (another site's record) says whose it is
  before a button is pressed; 知悉 closes it here without writing the record.
- 等待中的文件, 撞车提醒 (both sides, 首报首谈 suggestion, this site's record;
  the city settles one with 处理…, and both sides see the decisions of the last
  30 days), and a backup of the database.
- 入网: a county without a city joins here (用入网文件加入…, or a setup file
  picked in the import dialog); what it recorded before is kept. On any other
  site a setup file picked for import is named for what it is.

Everything is read by ``load_sync`` (``zsdesk.app.sync``: no Qt, plain frozen
rows) and every file or bulk database operation runs through the window's
``TaskRunner``. The page calls ``zsdesk.app`` only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal,
)
from PySide6.QtGui import QColor, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QMenu, QMessageBox, QPlainTextEdit, QProgressBar, QPushButton, QSizePolicy, QTableView, QVBoxLayout, QWidget,
)

from zsdesk.app import numbers
from zsdesk.app.sync import (  # noqa: F401 - the rows are the page's (and its tests') vocabulary
    HANDLED_DAYS, AlertRow, AlertSide, ConflictRow, FolderFile, FolderImport, PeerRow, PendingRow, Refusal,
    SyncData, export_files, import_file, import_folder, load_sync, local_time, preview_folder,
)
from zsdesk.ui import options
from zsdesk.ui.error_text import REFUSAL_TEXT  # what a refused file means, by its code
from zsdesk.ui.first_start import confirm_join
from zsdesk.ui.models import RowsModel
from zsdesk.ui.tasks import describe_error
from zsdesk.ui.widgets.feedback import FEEDBACK_STYLE, Banner
from zsdesk.ui.widgets.page import error_banner, page_table, panel, scrolling_body

MUTED = QColor("#6B7A8F")
WARN = QColor("#B3261E")
WINNER = QColor("#1E6B34")

CITY_TARGET = "@city"     # a county's export goes to its city (to_code None)

#: a model's row object, for views and tests

_CONTEXT = "SyncPage"

#: record kinds as people say them
TABLE_LABELS = {
    "sites": QT_TRANSLATE_NOOP("SyncPage", "站点"),
    "units": QT_TRANSLATE_NOOP("SyncPage", "招商单元"),
    "staff": QT_TRANSLATE_NOOP("SyncPage", "招商人员"),
    "industries": QT_TRANSLATE_NOOP("SyncPage", "产业"),
    "companies": QT_TRANSLATE_NOOP("SyncPage", "客商"),
    "company_contacts": QT_TRANSLATE_NOOP("SyncPage", "企业联系人"),
    "carriers": QT_TRANSLATE_NOOP("SyncPage", "载体"),
    "visits": QT_TRANSLATE_NOOP("SyncPage", "拜访记录"),
    "visit_participants": QT_TRANSLATE_NOOP("SyncPage", "拜访参与人"),
    "leads": QT_TRANSLATE_NOOP("SyncPage", "招商线索"),
    "lead_stages": QT_TRANSLATE_NOOP("SyncPage", "线索阶段"),
    "projects": QT_TRANSLATE_NOOP("SyncPage", "签约项目"),
    "project_stages": QT_TRANSLATE_NOOP("SyncPage", "项目阶段"),
    "capital_arrivals": QT_TRANSLATE_NOOP("SyncPage", "资金到位"),
    "problems": QT_TRANSLATE_NOOP("SyncPage", "待协调问题"),
    "reviews": QT_TRANSLATE_NOOP("SyncPage", "落户预审"),
    "review_steps": QT_TRANSLATE_NOOP("SyncPage", "预审步骤"),
    "referrals": QT_TRANSLATE_NOOP("SyncPage", "项目共享"),
    "targets": QT_TRANSLATE_NOOP("SyncPage", "考核目标"),
    "scoring_rules": QT_TRANSLATE_NOOP("SyncPage", "评分规则"),
    "settings": QT_TRANSLATE_NOOP("SyncPage", "设置项"),
    "attachments": QT_TRANSLATE_NOOP("SyncPage", "附件"),
    "alerts": QT_TRANSLATE_NOOP("SyncPage", "撞车提醒"),
    "events": QT_TRANSLATE_NOOP("SyncPage", "招商活动"),
    "event_links": QT_TRANSLATE_NOOP("SyncPage", "活动关联"),
    "chain_targets": QT_TRANSLATE_NOOP("SyncPage", "产业链目标企业"),
}

#: fields as the forms call them (the rest show their column name)
FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("SyncPage", "名称"),
    "notes": QT_TRANSLATE_NOOP("SyncPage", "备注"),
    "contract_date": QT_TRANSLATE_NOOP("SyncPage", "签约日期"),
    "contract_investment": QT_TRANSLATE_NOOP("SyncPage", "签约金额（万元）"),
    "foreign_investment_usd": QT_TRANSLATE_NOOP("SyncPage", "外资（万美元）"),
    "planned_investment": QT_TRANSLATE_NOOP("SyncPage", "计划投资（万元）"),
    "land_mu": QT_TRANSLATE_NOOP("SyncPage", "用地（亩）"),
    "jobs": QT_TRANSLATE_NOOP("SyncPage", "就业人数"),
    "expected_output": QT_TRANSLATE_NOOP("SyncPage", "预计年产值（万元）"),
    "expected_tax": QT_TRANSLATE_NOOP("SyncPage", "预计年税收（万元）"),
    "stage": QT_TRANSLATE_NOOP("SyncPage", "阶段"),
    "category": QT_TRANSLATE_NOOP("SyncPage", "项目类别"),
    "stage_date": QT_TRANSLATE_NOOP("SyncPage", "阶段日期"),
    "stage_reason": QT_TRANSLATE_NOOP("SyncPage", "阶段原因"),
    "usci": QT_TRANSLATE_NOOP("SyncPage", "统一社会信用代码"),
    "region": QT_TRANSLATE_NOOP("SyncPage", "所在地区"),
    "tags": QT_TRANSLATE_NOOP("SyncPage", "标签"),
    "visit_date": QT_TRANSLATE_NOOP("SyncPage", "拜访日期"),
    "kind": QT_TRANSLATE_NOOP("SyncPage", "方式"),
    "place": QT_TRANSLATE_NOOP("SyncPage", "地点"),
    "trip_days": QT_TRANSLATE_NOOP("SyncPage", "外出天数"),
    "outcome": QT_TRANSLATE_NOOP("SyncPage", "拜访成效"),
    "next_step": QT_TRANSLATE_NOOP("SyncPage", "下一步"),
    "next_due": QT_TRANSLATE_NOOP("SyncPage", "下次跟进日期"),
    "followup_done": QT_TRANSLATE_NOOP("SyncPage", "已跟进"),
    "first_reported": QT_TRANSLATE_NOOP("SyncPage", "首报日期"),
    "next_followup": QT_TRANSLATE_NOOP("SyncPage", "下次跟进"),
    "source": QT_TRANSLATE_NOOP("SyncPage", "来源"),
    "value": QT_TRANSLATE_NOOP("SyncPage", "数值"),
    "status": QT_TRANSLATE_NOOP("SyncPage", "状态"),
    "deleted": QT_TRANSLATE_NOOP("SyncPage", "删除"),
    "unit_id": QT_TRANSLATE_NOOP("SyncPage", "招商单元"),
    "company_id": QT_TRANSLATE_NOOP("SyncPage", "企业"),
    "industry_id": QT_TRANSLATE_NOOP("SyncPage", "所属产业"),
    "owner_staff_id": QT_TRANSLATE_NOOP("SyncPage", "包保责任人"),
    "carrier_id": QT_TRANSLATE_NOOP("SyncPage", "载体"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def table_label(table: str) -> str:
    return _t(TABLE_LABELS[table]) if table in TABLE_LABELS else table


def field_label(name: str) -> str:
    return _t(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def value_text(value) -> str:
    """A synced value as a person reads it."""
    if value is None or value == "":
        return QCoreApplication.translate("SyncPage", "（空）")
    if isinstance(value, bool):
        return (QCoreApplication.translate("SyncPage", "是") if value
                else QCoreApplication.translate("SyncPage", "否"))
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def conflict_record(c) -> str:
    """The record of a conflict as a person names it: 签约项目：飞地项目."""
    return f"{table_label(c.table)}：{c.title}" if c.title else table_label(c.table)


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


# --- models ------------------------------------------------------------------------------------

class PeersModel(RowsModel):
    """Each site this one exchanges files with, and where each direction stands."""

    SITE, RECEIVED, SENT, ACKED, NOTE = range(5)

    def __init__(self, parent=None):
        super().__init__([self.tr("站点"), self.tr("最近收到的文件"), self.tr("最近发出的文件"),
                          self.tr("对方已收到本站数据"), self.tr("提示")], parent)

    def text(self, p: PeerRow, column: int) -> str:
        if column == self.SITE:
            role = self.tr("市级") if p.role == "city" else self.tr("县级")
            return f"{p.code}　{p.name}（{role}）"
        if column == self.RECEIVED:
            if not p.received_seq:
                return self.tr("尚未收到")
            return self.tr("第{0}号　{1}").format(p.received_seq, p.received_at)
        if column == self.SENT:
            return self.tr("第{0}号").format(p.sent_seq) if p.sent_seq else self.tr("尚未发出")
        if column == self.ACKED:
            return self.tr("已收到截至 {0} 的数据").format(p.acked_at) if p.acked_at else self.tr("尚无回执")
        notes = []
        if not p.enrolled:
            notes.append(self.tr("已发入网文件，尚未收到对方的首个文件（密钥未登记）"))
        if p.clock_warning:
            notes.append(p.clock_warning)
        if p.refused_by_peer:
            notes.append(self.tr("对方拒收本站{0}条修改").format(len(p.refused_by_peer)))
        return "；".join(notes)

    def tooltip(self, p: PeerRow, column: int) -> str | None:
        if column == self.NOTE and p.refused_by_peer:
            lines = [f"{table_label(r.get('table', ''))} {r.get('row_id', '')}：{r.get('reason', '')}"
                     for r in p.refused_by_peer[:20]]
            return "\n".join([self.text(p, column), *lines])
        if column == self.SITE and p.fingerprint:
            return self.tr("密钥指纹：{0}").format(p.fingerprint)
        return super().tooltip(p, column)

    def foreground(self, p: PeerRow, column: int):
        if column == self.NOTE and (p.clock_warning or p.refused_by_peer):
            return WARN
        if column in (self.RECEIVED, self.SENT, self.ACKED) and self.text(p, column) in (
                self.tr("尚未收到"), self.tr("尚未发出"), self.tr("尚无回执")):
            return MUTED
        return None


@dataclass
class TableCounts:
    table: str
    created: int
    updated: int
    unchanged: int
    conflicts: int
    refused: int


class ImportPreviewModel(RowsModel):
    """The dry run of a package, per table: 新增 / 更新 / 未变 / 冲突 / 拒绝."""

    TABLE, CREATED, UPDATED, UNCHANGED, CONFLICTS, REFUSED = range(6)
    NUMERIC = frozenset(range(1, 6))

    def __init__(self, parent=None):
        super().__init__([self.tr("数据"), self.tr("新增"), self.tr("更新"), self.tr("未变"), self.tr("冲突"),
                          self.tr("拒绝")], parent)

    def set_report(self, report) -> None:
        """``report``: the ``ApplyReport`` of an import (None: nothing to show)."""
        rows = []
        if report is not None:
            for name, t in report.tables.items():
                counts = TableCounts(name, t.created, t.updated, t.unchanged, t.conflicts, len(t.refused))
                if counts.created or counts.updated or counts.unchanged or counts.conflicts or counts.refused:
                    rows.append(counts)
        # what changes first, then what is only confirmed (未变); each in the usual order of records
        order = list(TABLE_LABELS)
        rows.sort(key=lambda c: (not (c.created or c.updated or c.conflicts or c.refused),
                                 order.index(c.table) if c.table in order else len(order)))
        self.set_rows(rows)

    def total(self, column: int) -> int:
        return sum(int(self.text(r, column)) for r in self.rows)

    def text(self, c: TableCounts, column: int) -> str:
        if column == self.TABLE:
            return table_label(c.table)
        return str((c.created, c.updated, c.unchanged, c.conflicts, c.refused)[column - 1])

    def foreground(self, c: TableCounts, column: int):
        value = None if column == self.TABLE else (c.created, c.updated, c.unchanged, c.conflicts,
                                                   c.refused)[column - 1]
        if value == 0:
            return MUTED
        if column in (self.CONFLICTS, self.REFUSED):
            return WARN
        return None


@dataclass
class RefusedRow:
    table: str
    row_id: str
    reason: str
    fields: list[str]


class RefusedRowsModel(RowsModel):
    """Rows of a package that will not be applied, and why."""

    TABLE, RECORD, FIELDS, REASON = range(4)

    def __init__(self, parent=None):
        super().__init__([self.tr("数据"), self.tr("记录"), self.tr("字段"), self.tr("拒绝原因")], parent)

    def set_report(self, report) -> None:
        rows = []
        if report is not None:
            for name, t in sorted(report.tables.items()):
                rows += [RefusedRow(name, r.get("row_id", ""), r.get("reason", ""), list(r.get("fields") or []))
                         for r in t.refused]
        self.set_rows(rows)

    def text(self, r: RefusedRow, column: int) -> str:
        if column == self.TABLE:
            return table_label(r.table)
        if column == self.RECORD:
            return r.row_id[:8] + "…" if len(r.row_id) > 9 else r.row_id
        if column == self.FIELDS:
            return "、".join(field_label(f) for f in r.fields if f not in ("id", "owner_site_id"))
        return r.reason

    def tooltip(self, r: RefusedRow, column: int) -> str | None:
        return r.row_id if column == self.RECORD else super().tooltip(r, column)


class ConflictsModel(RowsModel):
    """Open conflicts: the record, the field, both values with their sites, the winner."""

    RECORD, FIELD, MINE, THEIRS, WINNER = range(5)

    def __init__(self, parent=None):
        super().__init__([self.tr("记录"), self.tr("字段"), self.tr("本站的值"), self.tr("对方的值"),
                          self.tr("自动采用")], parent)

    def text(self, c: ConflictRow, column: int) -> str:
        if column == self.RECORD:
            return conflict_record(c)
        if column == self.FIELD:
            return field_label(c.field)
        if column == self.MINE:
            return value_text(c.mine["value"]) if c.mine else self.tr("（本站未修改）")
        if column == self.THEIRS:
            return "；".join(f"{v['site_name']}：{value_text(v['value'])}" for v in c.theirs)
        w = c.winner
        return f"{w['site_name']}：{value_text(w['value'])}"

    def tooltip(self, c: ConflictRow, column: int) -> str | None:
        if column == self.MINE and c.mine:
            return f"{c.mine['site_name']}：{value_text(c.mine['value'])}"
        return self.text(c, column)

    def foreground(self, c: ConflictRow, column: int):
        if column == self.WINNER:
            return WINNER
        if column == self.MINE and not c.mine:
            return MUTED
        return None


class AlertsModel(RowsModel):
    """撞车: one investor pursued by two units, with the 首报首谈 suggestion."""

    REASON, SIDE_A, SIDE_B, SUGGESTION, HELD = range(5)

    def __init__(self, parent=None):
        super().__init__([self.tr("发现依据"), self.tr("一方（企业 · 单元 · 首次接触）"),
                          self.tr("另一方（企业 · 单元 · 首次接触）"), self.tr("首报首谈建议归属"),
                          self.tr("本站记录")], parent)

    def _side(self, s: AlertSide) -> str:
        contact = s.first_contact or self.tr("无接触记录")
        unit = s.unit or self.tr("未知单元")
        return f"{s.company} · {unit} · {contact}"

    def text(self, a: AlertRow, column: int) -> str:
        if column == self.REASON:
            if a.reason == "usci":
                return self.tr("统一社会信用代码相同")
            return self.tr("企业名称相似（{0}%）").format(numbers.count(a.score))
        if column == self.SIDE_A:
            return self._side(a.a)
        if column == self.SIDE_B:
            return self._side(a.b)
        if column == self.SUGGESTION:
            return a.first_unit or self.tr("由市级协调")
        sides = a.local_sides()
        if not sides:
            return self.tr("本站未保存")
        return "、".join(self.tr("本站") if s.own else s.unit or "" for s in sides)

    def tooltip(self, a: AlertRow, column: int) -> str | None:
        if column == self.SUGGESTION:
            if not a.first_unit:
                return self.tr("双方均无接触记录，由市级协调归属")
            first = a.a if a.first_unit == a.a.unit else a.b
            return self.tr("首报首谈：{0}于{1}首次接触，建议归属该单元").format(a.first_unit, first.first_contact or "")
        return super().tooltip(a, column)

    def foreground(self, a: AlertRow, column: int):
        if column == self.HELD and not a.local_sides():
            return MUTED
        return None


def outcome_text(outcome: str, unit: str | None = None) -> str:
    """How the city settled an alert, in the interface's language."""
    if outcome == "merged":
        return QCoreApplication.translate(_CONTEXT, "同一投资方·合并")
    if outcome == "kept":
        return QCoreApplication.translate(_CONTEXT, "各自保留")
    if outcome == "attributed":
        return QCoreApplication.translate(_CONTEXT, "归属认定：{0}").format(
            unit or QCoreApplication.translate(_CONTEXT, "未知单元"))
    return outcome


class HandledAlertsModel(RowsModel):
    """Alerts the city settled lately: both companies, the outcome, its reason, the day."""

    SIDES, OUTCOME, NOTE, DAY = range(4)

    def __init__(self, parent=None):
        super().__init__([self.tr("撞车双方"), self.tr("处理结果"), self.tr("理由"), self.tr("处理日期")], parent)

    def text(self, a: AlertRow, column: int) -> str:
        if column == self.SIDES:
            return "　/　".join(f"{s.company}（{s.unit or self.tr('未知单元')}）" for s in (a.a, a.b))
        if column == self.OUTCOME:
            text = outcome_text(a.status, a.decided_unit)
            if a.status == "merged" and not a.merged:
                text += self.tr("（企业记录由县区处理）")
            return text
        if column == self.NOTE:
            return a.note or ""
        return a.decided_on

    def tooltip(self, a: AlertRow, column: int) -> str | None:
        if column == self.OUTCOME and a.first_unit:
            return self.tr("首报首谈建议：{0}；处理人：{1}").format(a.first_unit, a.decided_by or "—")
        return super().tooltip(a, column)


class PendingModel(RowsModel):
    """Files that wait for an earlier file of their sender."""

    FILE, SENDER, SEQ, AT = range(4)
    NUMERIC = frozenset({2})

    def __init__(self, parent=None):
        super().__init__([self.tr("文件"), self.tr("来自"), self.tr("序号"), self.tr("收到时间")], parent)

    def text(self, p: PendingRow, column: int) -> str:
        return (p.file, p.sender, str(p.seq), p.at)[column]


class FolderFilesModel(RowsModel):
    """The files of a folder import: in import order, what the import would do
    (the preview) or did (afterwards)."""

    FILE, SENDER, SEQ, STATUS, MESSAGE = range(5)
    NUMERIC = frozenset({2})

    def __init__(self, parent=None):
        super().__init__([self.tr("文件"), self.tr("来自"), self.tr("序号"), self.tr("结果"), self.tr("说明")],
                         parent)
        self.applied = False    # the rows are outcomes (else a preview)

    def set_result(self, result: FolderImport) -> None:
        self.applied = result.applied
        self.set_rows(result.files)

    def status_text(self, f: FolderFile) -> str:
        return {
            "preview": self.tr("将导入"),
            "after": self.tr("将导入"),
            "already": self.tr("已导入过"),
            "pending": self.tr("等待之前的文件") if self.applied else self.tr("将进入等待队列"),
            "refused": self.tr("已拒绝") if self.applied else self.tr("不能导入"),
            "applied": self.tr("已导入"),
        }.get(f.status, f.status)

    def text(self, f: FolderFile, column: int) -> str:
        return (f.name, f.sender or "—", str(f.seq) if f.seq else "—", self.status_text(f), f.message)[column]

    def tooltip(self, f: FolderFile, column: int) -> str | None:
        if f.status == "refused":
            what, todo = REFUSAL_TEXT.get(f.code, (QT_TRANSLATE_NOOP("SyncPage", "文件被拒绝"),
                                                   QT_TRANSLATE_NOOP("SyncPage", "请与对方联系。")))
            return f"{_t(what)}：{f.message}\n{_t(todo)}"
        return super().tooltip(f, column)

    def foreground(self, f: FolderFile, column: int):
        if column != self.STATUS:
            return None
        if f.status == "refused":
            return WARN
        if f.status == "applied":
            return WINNER
        if f.status in ("pending", "already"):
            return MUTED
        return None


# --- the manual value of a conflict -----------------------------------------------------------

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def value_kind(values: list) -> str:
    """What a field holds, told from the versions' values: bool, int, number,
    date or text."""
    present = [v for v in values if v is not None and v != ""]
    if present and all(isinstance(v, bool) for v in present):
        return "bool"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if present and all(isinstance(v, (int, float)) or (isinstance(v, str) and _NUMBER.match(v))
                       for v in present):
        return "number"
    if present and all(isinstance(v, str) and _DATE.match(v) for v in present):
        return "date"
    return "text"


class ValueDialog(QDialog):
    """手工编辑: the value a conflict is resolved with, typed by the user.
    ``check()`` names the problem next to the field; nothing is saved until it passes."""

    def __init__(self, conflict: ConflictRow, parent=None):
        super().__init__(parent)
        self.conflict = conflict
        self.kind = value_kind([v["value"] for v in conflict.versions])
        self.setWindowTitle(self.tr("手工编辑冲突的值"))
        self.setStyleSheet(FEEDBACK_STYLE)
        box = QVBoxLayout(self)
        head = QLabel(self.tr("{0}　{1}").format(conflict_record(conflict), field_label(conflict.field)))
        head.setWordWrap(True)
        box.addWidget(head)
        for v in conflict.versions:
            line = QLabel(f"{v['site_name']}：{value_text(v['value'])}", objectName="sectionNote")
            line.setWordWrap(True)
            box.addWidget(line)
        start = conflict.winner["value"]
        if self.kind == "bool":
            self.edit = QComboBox()
            self.edit.addItem(self.tr("是"), True)
            self.edit.addItem(self.tr("否"), False)
            self.edit.setCurrentIndex(0 if start else 1)
        elif self.kind == "text" and isinstance(start, str) and (len(start) > 40 or "\n" in start):
            self.edit = QPlainTextEdit(start)
            self.edit.setMinimumHeight(QFontMetrics(self.font()).height() * 5)
        else:
            self.edit = QLineEdit("" if start is None else str(start))
            hints = {"int": self.tr("整数"), "number": self.tr("数字，例如 1200.5"),
                     "date": self.tr("日期，例如 2026-06-15")}
            if self.kind in hints:
                self.edit.setPlaceholderText(hints[self.kind])
        box.addWidget(self.edit)
        self.error = QLabel(objectName="fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        box.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("采用这个值"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self.value = None
        self.resize(max(self.sizeHint().width(), QFontMetrics(self.font()).horizontalAdvance("M") * 40),
                    self.sizeHint().height())

    def text(self) -> str:
        if isinstance(self.edit, QPlainTextEdit):
            return self.edit.toPlainText()
        if isinstance(self.edit, QLineEdit):
            return self.edit.text()
        return ""

    def check(self) -> str | None:
        """The value to resolve with (in ``self.value``), or the problem in words."""
        if self.kind == "bool":
            self.value = bool(self.edit.currentData())
            return None
        text = self.text().strip()
        if not text:
            self.value = None
            return None
        if self.kind == "int":
            if not re.fullmatch(r"-?\d+", text):
                return self.tr("请填写整数")
            self.value = int(text)
        elif self.kind == "number":
            try:
                Decimal(text)
            except InvalidOperation:
                return self.tr("请填写数字，例如 1200.5")
            if not _NUMBER.match(text):
                return self.tr("请填写数字，例如 1200.5")
            self.value = text
        elif self.kind == "date":
            try:
                self.value = dt.date.fromisoformat(text).isoformat()
            except ValueError:
                return self.tr("请按 2026-06-15 的格式填写日期")
        else:
            self.value = text
        return None

    def accept(self) -> None:
        problem = self.check()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()


# --- the page ------------------------------------------------------------------------------------

class SyncPage(QWidget):
    """同步."""

    loaded = Signal()
    #: the database changed through this page (an import, a resolution): the
    #: window's status and 同步 badge should be read again
    sync_changed = Signal()
    #: an export finished: (the file paths, all verified)
    exported = Signal(list, bool)

    def __init__(self, ws, tasks, parent=None):
        super().__init__(parent)
        self.ws, self.tasks = ws, tasks
        self.data: SyncData | None = None
        self.import_path: str | None = None
        self.import_trust: str | None = None
        self.import_result = None           # the preview shown (ImportResult)
        self.confirm_join = confirm_join    # asks before joining with a setup file (tests answer for it)
        self.peers_model = PeersModel(self)
        self.preview_model = ImportPreviewModel(self)
        self.refused_model = RefusedRowsModel(self)
        self.conflicts_model = ConflictsModel(self)
        self.alerts_model = AlertsModel(self)
        self.handled_alerts_model = HandledAlertsModel(self)
        self.pending_model = PendingModel(self)
        self.folder_model = FolderFilesModel(self)
        self.folder_result: FolderImport | None = None   # the folder import shown (preview or outcome)
        self._loading = False
        self._reload = False
        self._build()
        self.refresh()

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.setStyleSheet(FEEDBACK_STYLE + """
            QFrame#trustBox { border: 1px solid #E0C48A; background: #FFF6E0; border-radius: 4px; }
            QFrame#trustBox QLabel { background: transparent; color: #4A3A10; }
            QLabel#okNote { color: #1E6B34; }
            """)
        self.scroll_area, box = scrolling_body(self)
        box.setSpacing(12)
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(QLabel(self.tr("同步"), objectName="pageTitle"))
        self.site_label = QLabel(objectName="pageNote")
        head.addWidget(self.site_label, 0, Qt.AlignmentFlag.AlignBottom)
        head.addStretch(1)
        self.ack_label = QLabel(objectName="pageNote")
        head.addWidget(self.ack_label, 0, Qt.AlignmentFlag.AlignBottom)
        box.addLayout(head)
        self.load_error = error_banner()
        box.addWidget(self.load_error)

        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self._build_export_panel(), 1)
        row.addWidget(self._build_import_panel(), 1)
        box.addLayout(row)
        box.addWidget(self._build_preview_panel())
        box.addWidget(self._build_folder_panel())
        box.addWidget(self._build_conflicts_panel())
        box.addWidget(self._build_alerts_panel())
        box.addWidget(self._build_peers_panel())
        box.addWidget(self._build_pending_panel())
        box.addStretch(1)

    def _panel(self, title: str, note: str = "") -> tuple[QFrame, QVBoxLayout]:
        return panel(title, note)

    def _note(self, text: str = "", name: str = "sectionNote") -> QLabel:
        label = QLabel(text, objectName=name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_export_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("导出同步文件"), self.tr("写到U盘，交给对方导入"))
        line = QHBoxLayout()
        line.addWidget(QLabel(self.tr("发给：")))
        self.target_combo = QComboBox()
        self.target_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        line.addWidget(self.target_combo, 1)
        box.addLayout(line)
        self.folder_label = self._note()
        box.addWidget(self.folder_label)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("导出到文件夹…"))
        self.export_button.setToolTip(self.tr("选择U盘或文件夹；文件写入后会读回校验"))
        self.export_button.clicked.connect(self.export)
        self.backup_button = QPushButton(self.tr("备份数据库…"))
        self.backup_button.setToolTip(self.tr("把本站点的数据库完整复制一份"))
        self.backup_button.clicked.connect(self.backup)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.backup_button)
        self.setup_button = QPushButton(self.tr("生成入网文件…"))
        self.setup_button.setToolTip(self.tr("为一个县区生成入网文件：县区用它加入本市的同步"))
        self.setup_button.clicked.connect(self.make_setup_file)
        self.setup_button.setVisible(self.ws.site.is_city)
        buttons.addWidget(self.setup_button)
        box.addLayout(buttons)
        self.export_bar = QProgressBar()
        self.export_bar.setTextVisible(False)
        self.export_bar.setMaximumHeight(max(8, QFontMetrics(self.font()).height() // 2))
        self.export_bar.hide()
        box.addWidget(self.export_bar)
        self.export_status = self._note()
        self.export_status.hide()
        box.addWidget(self.export_status)
        self.export_error = self._note(name="fieldError")
        self.export_error.hide()
        box.addWidget(self.export_error)
        box.addStretch(1)
        self._show_folder()
        return panel

    def _build_import_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("导入同步文件"), self.tr("先预览，确认后再写入"))
        box.addWidget(self._note(self.tr(
            "选择对方发来的 .zsync 文件。导入前会显示将新增、更新的数据和冲突；"
            "点“应用”才会写入，写入前自动备份数据库。")))
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("选择文件并预览…"))
        self.import_button.clicked.connect(self.choose_import)
        buttons.addWidget(self.import_button)
        self.folder_button = QPushButton(self.tr("导入文件夹…"))
        self.folder_button.setToolTip(self.tr("一次导入一个文件夹里的全部 .zsync 文件（如各县区的文件），"
                                              "按站点和序号依次导入，先预览"))
        self.folder_button.clicked.connect(self.choose_folder)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.import_bar = QProgressBar()
        self.import_bar.setTextVisible(False)
        self.import_bar.setRange(0, 0)
        self.import_bar.setMaximumHeight(max(8, QFontMetrics(self.font()).height() // 2))
        self.import_bar.hide()
        box.addWidget(self.import_bar)
        self.import_banner = Banner()
        box.addWidget(self.import_banner)
        self.trust_box = self._build_trust_box()
        box.addWidget(self.trust_box)
        box.addStretch(1)
        return panel

    def _build_trust_box(self) -> QFrame:
        frame = QFrame(objectName="trustBox")
        box = QVBoxLayout(frame)
        box.setContentsMargins(12, 10, 12, 10)
        box.setSpacing(6)
        self.trust_text = self._note(name="trustText")
        box.addWidget(self.trust_text)
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.25 if self.font().pointSizeF() > 0 else 12)
        mono.setBold(True)
        self.fingerprint_label.setFont(mono)
        box.addWidget(self.fingerprint_label)
        buttons = QHBoxLayout()
        self.trust_button = QPushButton(self.tr("已与对方核对一致，信任并预览"))
        self.trust_button.clicked.connect(self.confirm_trust)
        self.distrust_button = QPushButton(self.tr("不一致，不导入"))
        self.distrust_button.clicked.connect(self.reject_trust)
        buttons.addWidget(self.trust_button)
        buttons.addWidget(self.distrust_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        frame.hide()
        return frame

    def _build_preview_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("导入预览"))
        self.preview_title = box.itemAt(0).layout().itemAt(0).widget()
        self.preview_summary = self._note(name="countLabel")
        box.addWidget(self.preview_summary)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.preview_table = _table(self.preview_model)
        header = self.preview_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        fm = QFontMetrics(self.preview_table.font())
        number_width = fm.horizontalAdvance(self.tr("新增")) + fm.horizontalAdvance("0000") + 16
        header.setDefaultSectionSize(number_width)
        header.setSectionResizeMode(ImportPreviewModel.TABLE, QHeaderView.ResizeMode.Stretch)
        self.preview_table.setMinimumWidth(fm.horizontalAdvance("M") * 10 + 5 * number_width)
        self.preview_table.setMaximumWidth(fm.horizontalAdvance("M") * 16 + 5 * number_width)
        row.addWidget(self.preview_table, 2, Qt.AlignmentFlag.AlignTop)
        refused = QVBoxLayout()
        refused.setSpacing(4)
        self.refused_title = QLabel(self.tr("被拒绝的记录"), objectName="sectionNote")
        refused.addWidget(self.refused_title)
        self.refused_table = _table(self.refused_model)
        self.refused_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.refused_table.horizontalHeader().setSectionResizeMode(RefusedRowsModel.REASON,
                                                                   QHeaderView.ResizeMode.Stretch)
        refused.addWidget(self.refused_table)
        refused.addStretch(1)
        self.refused_box = QWidget()
        self.refused_box.setLayout(refused)
        refused.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.refused_box, 3)
        # beside the grid when nothing was refused: what its columns mean
        self.preview_room = self._note(self.tr(
            "新增：本站还没有的记录。\n更新：本站已有，将改为对方的新值。\n"
            "未变：本站已有且相同（例如再次送达的参考数据），不做改动。\n"
            "冲突：双方改了同一项，自动采用较新的修改；导入后在下方“冲突”中确认。\n"
            "拒绝：对方无权修改的数据，不会写入。"))
        self.preview_room.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.preview_room, 3)
        box.addLayout(row)
        self.preview_warnings = self._note(name="fieldError")
        self.preview_warnings.hide()
        box.addWidget(self.preview_warnings)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_import_button = QPushButton(self.tr("取消"))
        self.cancel_import_button.setToolTip(self.tr("不导入这个文件，数据保持不变"))
        self.cancel_import_button.clicked.connect(self.cancel_import)
        self.apply_button = QPushButton(self.tr("应用"))
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply_import)
        buttons.addWidget(self.cancel_import_button)
        buttons.addWidget(self.apply_button)
        box.addLayout(buttons)
        panel.hide()
        self.preview_panel = panel
        return panel

    def _build_folder_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("导入文件夹"))
        self.folder_title = box.itemAt(0).layout().itemAt(0).widget()
        self.folder_summary = self._note(name="countLabel")
        box.addWidget(self.folder_summary)
        self.folder_table = _table(self.folder_model)
        header = self.folder_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FolderFilesModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.folder_table)
        self.folder_skipped = self._note()
        self.folder_skipped.hide()
        box.addWidget(self.folder_skipped)
        self.folder_bar = QProgressBar()
        self.folder_bar.setTextVisible(False)
        self.folder_bar.setMaximumHeight(max(8, QFontMetrics(self.font()).height() // 2))
        self.folder_bar.hide()
        box.addWidget(self.folder_bar)
        self.folder_status = self._note()
        self.folder_status.hide()
        box.addWidget(self.folder_status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.folder_cancel_button = QPushButton(self.tr("取消"))
        self.folder_cancel_button.setToolTip(self.tr("不导入这些文件，数据保持不变"))
        self.folder_cancel_button.clicked.connect(self.cancel_folder)
        self.folder_apply_button = QPushButton(self.tr("全部应用"))
        self.folder_apply_button.setToolTip(self.tr("按上表的顺序逐个导入；被拒绝的文件不影响其他文件"))
        self.folder_apply_button.clicked.connect(self.apply_folder)
        buttons.addWidget(self.folder_cancel_button)
        buttons.addWidget(self.folder_apply_button)
        box.addLayout(buttons)
        panel.hide()
        self.folder_panel = panel
        return panel

    def _build_conflicts_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("冲突"), self.tr("两个站点改了同一项：已自动采用较新的修改，请确认"))
        self.conflicts_title = box.itemAt(0).layout().itemAt(0).widget()
        self.conflicts_table = _table(self.conflicts_model)
        header = self.conflicts_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ConflictsModel.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        self.conflicts_table.selectionModel().selectionChanged.connect(self._conflict_selected)
        box.addWidget(self.conflicts_table)
        self.conflicts_empty = self._note(self.tr("没有待处理的冲突。"))
        box.addWidget(self.conflicts_empty)
        buttons = QHBoxLayout()
        self.keep_mine_button = QPushButton(self.tr("保留本站"))
        self.keep_mine_button.setToolTip(self.tr("采用本站点的值；处理结果随下次同步送达对方"))
        self.keep_mine_button.clicked.connect(lambda: self.resolve_selected("mine"))
        self.keep_theirs_button = QPushButton(self.tr("采用对方"))
        self.keep_theirs_button.clicked.connect(lambda: self.resolve_selected("theirs"))
        self.edit_value_button = QPushButton(self.tr("手工编辑…"))
        self.edit_value_button.clicked.connect(self.edit_selected)
        self.acknowledge_button = QPushButton(self.tr("知悉"))
        self.acknowledge_button.setToolTip(self.tr(
            "本站点不能处理的冲突：知悉后从列表中移除，不修改记录；记录所属站点的处理结果会随同步文件传来"))
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.open_conflict_button = QPushButton(self.tr("打开记录"))
        self.open_conflict_button.clicked.connect(self.open_conflict_record)
        for b in (self.keep_mine_button, self.keep_theirs_button, self.edit_value_button, self.acknowledge_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.open_conflict_button)
        box.addLayout(buttons)
        # a conflict this site may not decide: why, under the buttons, before one is pressed
        self.conflict_why = self._note()
        self.conflict_why.hide()
        box.addWidget(self.conflict_why)
        self.conflicts_status = self._note(name="okNote")
        self.conflicts_status.hide()
        box.addWidget(self.conflicts_status)
        self.conflicts_error = self._note(name="fieldError")
        self.conflicts_error.hide()
        box.addWidget(self.conflicts_error)
        self._conflict_selected()
        return panel

    def _build_alerts_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("撞车提醒"), self.tr("同一客商被两个招商单元同时接触"))
        self.alerts_title = box.itemAt(0).layout().itemAt(0).widget()
        self.alerts_table = _table(self.alerts_model)
        header = self.alerts_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AlertsModel.SIDE_A, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AlertsModel.SIDE_B, QHeaderView.ResizeMode.Stretch)
        self.alerts_table.selectionModel().selectionChanged.connect(self._alert_selected)
        self.alerts_table.doubleClicked.connect(lambda _i: self.open_alert_record())
        box.addWidget(self.alerts_table)
        self.alerts_empty = self._note(self.tr("没有撞车提醒。"))
        box.addWidget(self.alerts_empty)
        buttons = QHBoxLayout()
        self.handle_alert_button = QPushButton(self.tr("处理…"))
        self.handle_alert_button.clicked.connect(self.handle_selected_alert)
        self.open_alert_button = QPushButton(self.tr("打开本站记录"))
        self.open_alert_button.clicked.connect(self.open_alert_record)
        buttons.addWidget(self.handle_alert_button)
        buttons.addWidget(self.open_alert_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.alerts_status = self._note(name="okNote")
        self.alerts_status.hide()
        box.addWidget(self.alerts_status)
        # what the city decided lately (a county: the city's decisions on its alerts)
        self.handled_title = QLabel(objectName="sectionNote")
        box.addWidget(self.handled_title)
        self.handled_table = _table(self.handled_alerts_model)
        header = self.handled_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HandledAlertsModel.SIDES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(HandledAlertsModel.NOTE, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.handled_table)
        self._alert_selected()
        return panel

    def _build_peers_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("各站点同步情况"))
        self.peers_table = _table(self.peers_model)
        header = self.peers_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        box.addWidget(self.peers_table)
        self.peers_empty = self._note()
        box.addWidget(self.peers_empty)
        self.join_button = QPushButton(self.tr("用入网文件加入…"))
        self.join_button.setToolTip(self.tr("选择市里发来的入网文件，加入市级同步；本站点已录入的数据保留"))
        self.join_button.clicked.connect(self.choose_setup_file)
        self.join_button.hide()
        box.addWidget(self.join_button, 0, Qt.AlignmentFlag.AlignLeft)
        return panel

    def _build_pending_panel(self) -> QFrame:
        panel, box = self._panel(self.tr("等待中的文件"), self.tr("缺少更早的文件，收到后自动导入"))
        self.pending_table = _table(self.pending_model)
        header = self.pending_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PendingModel.FILE, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.pending_table)
        self.pending_empty = self._note(self.tr("没有等待中的文件。"))
        box.addWidget(self.pending_empty)
        box.addStretch(1)
        return panel

    # -- data -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            self._reload = True
            return
        self._loading = True
        self.tasks.run(load_sync, self.ws, title=self.tr("读取同步状态"), write=False, progress=False,
                       on_done=self._loaded, on_error=self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.load_error.setText(self.tr("无法读取同步状态：{0}").format(describe_error(exc)))
        self.load_error.show()

    def _loaded(self, data: SyncData) -> None:
        self._loading = False
        if self._reload:
            self._reload = False
            self.refresh()
        self.data = data
        self.load_error.hide()
        role = self.tr("市级") if data.is_city else self.tr("县级")
        self.site_label.setText(self.tr("本站点：{0} {1}（{2}）").format(data.site_code, data.site_name, role)
                                + (self.tr("　密钥指纹 {0}").format(data.site_fingerprint)
                                   if data.site_fingerprint else ""))
        self.site_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ack_label.setText(data.ack_text or "")
        self._fill_targets(data)
        self.peers_model.set_rows(data.peers)
        self.conflicts_model.set_rows(data.conflicts)
        self.alerts_model.set_rows(data.alerts)
        self.handled_alerts_model.set_rows(data.handled_alerts)
        self.pending_model.set_rows(data.pending)
        if not data.peers:
            self.peers_empty.setText(self.tr(
                "还没有同步对象。市级：点“生成入网文件…”为县区生成入网文件；县区：用市里发来的入网文件运行 "
                "zsdesk sync join 入网文件 加入。") if data.is_city else self.tr(
                "本站点尚未加入市级同步：点“用入网文件加入…”，选择市里发来的入网文件。"
                "本站点已录入的数据会保留，第一次导出时一并发给市里。"))
        self.join_button.setVisible(data.can_join)
        for table, empty, most in ((self.peers_table, self.peers_empty, 6),
                                   (self.conflicts_table, self.conflicts_empty, 8),
                                   (self.alerts_table, self.alerts_empty, 6),
                                   (self.pending_table, self.pending_empty, 5)):
            has_rows = table.model().rowCount() > 0
            table.setVisible(has_rows)
            empty.setVisible(not has_rows)
            if has_rows:
                _fit_rows(table, most)
        self.conflicts_title.setText(self.tr("冲突（{0}）").format(len(data.conflicts)) if data.conflicts
                                     else self.tr("冲突"))
        self.alerts_title.setText(self.tr("撞车提醒（{0}）").format(len(data.alerts)) if data.alerts
                                  else self.tr("撞车提醒"))
        has_handled = bool(data.handled_alerts)
        self.handled_title.setText(
            (self.tr("近{0}天已处理（{1}）") if data.is_city else self.tr("市里近{0}天已处理（{1}）")).format(
                HANDLED_DAYS, len(data.handled_alerts)))
        self.handled_title.setVisible(has_handled)
        self.handled_table.setVisible(has_handled)
        if has_handled:
            _fit_rows(self.handled_table, 5)
        self._conflict_selected()
        self._alert_selected()
        self.loaded.emit()

    def _fill_targets(self, data: SyncData) -> None:
        # keep a destination the person chose among several; a lone county chosen
        # only because it was the only one gives way to "all" once a second joins
        current = self.target_combo.currentData() if self.target_combo.count() > 1 else None
        self.target_combo.clear()
        if data.is_city:
            counties = [p for p in data.peers if p.role == "county" and p.enrolled]
            if len(counties) > 1:
                self.target_combo.addItem(self.tr("全部已入网县区（{0}个，各一个文件）").format(len(counties)),
                                          ",".join(p.code for p in counties))
            for p in counties:
                self.target_combo.addItem(f"{p.code}　{p.name}", p.code)
        else:
            for p in data.peers:
                if p.role == "city":
                    self.target_combo.addItem(f"{p.code}　{p.name}", CITY_TARGET)
        if self.target_combo.count() == 0:
            self.target_combo.addItem(self.tr("（没有可导出的站点）"), "")
        index = self.target_combo.findData(current) if current else -1
        self.target_combo.setCurrentIndex(max(index, 0))
        self.export_button.setEnabled(bool(self.target_codes()))

    def target_codes(self) -> list[str | None]:
        """The receiving sites chosen for an export (None: this county's city)."""
        data = self.target_combo.currentData() or ""
        if data == CITY_TARGET:
            return [None]
        return [code for code in data.split(",") if code]

    def _tell_window(self) -> None:
        """The window's status bar and 同步 badge read again; the page too."""
        self.sync_changed.emit()
        window = self.window()
        if window is not self and hasattr(window, "refresh_status"):
            window.refresh_status()
        self.refresh()

    # -- export -------------------------------------------------------------------------------------
    def _show_folder(self) -> None:
        folder = options.export_folder.get()
        self.folder_label.setText(self.tr("上次导出到：{0}").format(folder) if folder
                                  else self.tr("还没有导出过；导出时选择U盘或文件夹。"))

    def export(self) -> None:
        codes = self.target_codes()
        if not codes:
            self._export_failed_text(self.tr("没有可导出的站点：对方的首个文件导入后才能向其导出。"))
            return
        start = options.start_folder(options.export_folder)
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择导出到的U盘或文件夹"), start)
        if not folder:
            return
        options.export_folder.set(folder)
        self._show_folder()
        self.export_status.hide()
        self.export_error.hide()
        self.export_button.setEnabled(False)
        self.export_bar.setRange(0, 4 * len(codes))
        self.export_bar.setValue(0)
        self.export_bar.show()
        task = self.tasks.run(export_files, self.ws, folder, list(codes), title=self.tr("导出同步文件"),
                              on_done=self._exported, on_error=self._export_failed)
        task.progressed.connect(self._export_progress)

    def _export_progress(self, done: int, total: int, text: str) -> None:
        if total:
            self.export_bar.setRange(0, total)
            self.export_bar.setValue(min(done, total))
        if text:
            self.export_status.setText(text)
            self.export_status.setObjectName("sectionNote")
            self.export_status.show()

    def _exported(self, results: list) -> None:
        """Only a file read back and verified lets the user remove the stick."""
        self.export_button.setEnabled(True)
        self.export_bar.hide()
        verified = bool(results) and all(r.verified for r in results)
        lines = [self.tr("已写入 {0}（{1}条修改，{2}）").format(r.path.name, r.entries + r.reference_entries,
                                                          size_text(r.size)) for r in results]
        if verified:
            lines.append(self.tr("文件已读回校验无误，可以安全拔出U盘。"))
            self.export_status.setObjectName("okNote")
            self.export_error.hide()
        else:
            self.export_status.setObjectName("sectionNote")
            self.export_error.setText(self.tr("文件读回校验未通过：请不要使用这个U盘上的文件，换一个U盘重新导出。"))
            self.export_error.show()
        _repolish(self.export_status)
        self.export_status.setText("\n".join(lines))
        self.export_status.show()
        self.exported.emit([str(r.path) for r in results], verified)
        self._tell_window()

    def _export_failed(self, exc: BaseException) -> None:
        self._export_failed_text(self.tr("没有导出：{0}").format(describe_error(exc)))

    def _export_failed_text(self, text: str) -> None:
        self.export_button.setEnabled(bool(self.target_codes()))
        self.export_bar.hide()
        self.export_status.hide()
        self.export_error.setText(text)
        self.export_error.show()

    # -- import -------------------------------------------------------------------------------------
    def choose_import(self) -> None:
        start = options.start_folder(options.import_folder, options.export_folder)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择要导入的同步文件"), start,
                                              self.tr("同步文件 (*.zsync);;所有文件 (*)"))
        if not path:
            return
        options.import_folder.set(str(Path(path).parent))
        self.preview_file(path)

    def preview_file(self, path: str, trust: str | None = None) -> None:
        """The dry run of ``path``: nothing is written."""
        self.import_path, self.import_trust = path, trust
        self.import_result = None
        self.import_banner.clear_message()
        self.trust_box.hide()
        self.preview_panel.hide()
        self.folder_panel.hide()
        self._import_busy(True)
        self.tasks.run(import_file, self.ws, path, True, trust, title=self.tr("预览同步文件"),
                       on_done=self._previewed, on_error=self._import_failed)

    def preview_import(self, path: str) -> None:
        """Entry point for a double-clicked .zsync file (``zsdesk FILE.zsync``)."""
        self.preview_file(str(path))

    def _import_busy(self, busy: bool) -> None:
        self.import_bar.setVisible(busy)
        self.import_button.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)
        self.apply_button.setEnabled(not busy)
        self.cancel_import_button.setEnabled(not busy)

    def _previewed(self, outcome) -> None:
        self._import_busy(False)
        if isinstance(outcome, Refusal):
            self._refused(outcome)
            return
        name = Path(self.import_path or "").name
        if outcome.status == "already":
            self.import_banner.show_message(outcome.message, "info")
            return
        self.import_result = outcome
        self.preview_title.setText(self.tr("导入预览：{0}（来自 {1}，第{2}号）").format(
            name, outcome.sender, outcome.seq))
        self.preview_model.set_report(outcome.report)
        self.refused_model.set_report(outcome.report)
        if outcome.status == "pending":
            self.preview_summary.setText(outcome.message)
            self.apply_button.setText(self.tr("放入等待队列"))
        else:
            self.preview_summary.setText(outcome.message + self.tr("。点“应用”写入，点“取消”不导入。"))
            self.apply_button.setText(self.tr("应用"))
        has_tables = self.preview_model.rowCount() > 0
        self.preview_table.setVisible(has_tables)
        if has_tables:
            _fit_rows(self.preview_table, 10)
        has_refused = self.refused_model.rowCount() > 0
        self.refused_box.setVisible(has_refused)
        self.preview_room.setVisible(not has_refused)
        if has_refused:
            _fit_rows(self.refused_table, 10)
            self.refused_title.setText(self.tr("被拒绝的记录（{0}条，不会写入）").format(self.refused_model.rowCount()))
        self._show_warnings(outcome.warnings)
        self.preview_panel.show()
        self.scroll_area.ensureWidgetVisible(self.preview_panel)

    def _show_warnings(self, warnings: list[str]) -> None:
        self.preview_warnings.setText("\n".join(warnings))
        self.preview_warnings.setVisible(bool(warnings))

    def _refused(self, refusal: Refusal) -> None:
        if refusal.code == "trust":
            self._ask_trust(refusal)
            return
        if refusal.code == "setup-file":
            self._setup_file_picked(self.import_path or "")
            return
        what, todo = REFUSAL_TEXT.get(refusal.code, (QT_TRANSLATE_NOOP("SyncPage", "文件被拒绝"),
                                                     QT_TRANSLATE_NOOP("SyncPage", "请与对方联系。")))
        self.import_banner.show_message(self.tr(
            "未导入“{0}”：{1}。\n原因：{2}\n本站点的数据没有任何改动。{3}").format(
            Path(self.import_path or "").name, _t(what), refusal.reason, _t(todo)), "error")
        self.preview_panel.hide()

    # -- a folder of files ---------------------------------------------------------------------------
    def choose_folder(self) -> None:
        start = options.start_folder(options.import_folder, options.export_folder)
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择存放同步文件的文件夹"), start)
        if not folder:
            return
        options.import_folder.set(folder)
        self.preview_folder(folder)

    def preview_folder(self, folder: str) -> None:
        """Every .zsync file of ``folder``, in import order, and what each would do; nothing is written."""
        self.folder_result = None
        self.import_path = self.import_trust = self.import_result = None
        self.import_banner.clear_message()
        self.trust_box.hide()
        self.preview_panel.hide()
        self.folder_panel.hide()
        self._import_busy(True)
        task = self.tasks.run(preview_folder, self.ws, str(folder), title=self.tr("预览文件夹中的同步文件"),
                              on_done=self._folder_previewed, on_error=self._folder_failed)
        task.progressed.connect(self._folder_progress)

    def _folder_progress(self, done: int, total: int, text: str) -> None:
        if total and self.folder_bar.isVisible():
            self.folder_bar.setRange(0, total)
            self.folder_bar.setValue(min(done, total))
        if text and self.folder_bar.isVisible():
            self.folder_status.setText(text)
            self.folder_status.show()

    def _folder_previewed(self, result: FolderImport) -> None:
        self._import_busy(False)
        name = Path(result.folder).name or result.folder
        if not result.files:
            self.import_banner.show_message(self.tr("文件夹“{0}”中没有 .zsync 同步文件，未导入任何数据。").format(name),
                                            "info")
            return
        self.folder_result = result
        self.folder_title.setText(self.tr("导入文件夹：{0}（{1}个文件）").format(name, len(result.files)))
        self.folder_summary.setText(self.tr(
            "将导入{0}个，已导入过{1}个，将进入等待队列{2}个，不能导入{3}个。按下表顺序（按站点和序号）逐个导入，"
            "写入前自动备份一次数据库。点“全部应用”导入，点“取消”不导入。").format(
            result.count("preview", "after"), result.count("already"), result.count("pending"),
            result.count("refused")))
        self.folder_apply_button.setVisible(True)
        self.folder_apply_button.setEnabled(bool(result.count("preview", "after", "pending")))
        self.folder_cancel_button.setText(self.tr("取消"))
        self._show_folder_files(result)

    def _show_folder_files(self, result: FolderImport) -> None:
        self.folder_model.set_result(result)
        _fit_rows(self.folder_table, 12)
        self.folder_skipped.setText(self.tr("已跳过{0}个不是同步文件的文件：{1}").format(
            len(result.skipped), "、".join(n for n, _ in result.skipped)))
        self.folder_skipped.setVisible(bool(result.skipped))
        self.folder_bar.hide()
        self.folder_status.hide()
        self.folder_panel.show()
        self.scroll_area.ensureWidgetVisible(self.folder_panel)

    def apply_folder(self) -> None:
        result = self.folder_result
        if result is None or result.applied:
            return
        self._import_busy(True)
        self.folder_apply_button.setEnabled(False)
        self.folder_cancel_button.setEnabled(False)
        self.folder_bar.setRange(0, len(result.files))
        self.folder_bar.setValue(0)
        self.folder_bar.show()
        task = self.tasks.run(import_folder, self.ws, result.folder, result.paths, title=self.tr("导入文件夹"),
                              on_done=self._folder_applied, on_error=self._folder_failed)
        task.progressed.connect(self._folder_progress)

    def _folder_applied(self, result: FolderImport) -> None:
        self._import_busy(False)
        self.folder_result = result
        name = Path(result.folder).name or result.folder
        self.folder_title.setText(self.tr("导入结果：{0}（{1}个文件）").format(name, len(result.files)))
        queued = sum(len(f.also_applied) for f in result.files)
        summary = self.tr("已导入{0}个，此前已导入{1}个，等待之前的文件{2}个，拒绝{3}个。").format(
            result.count("applied"), result.count("already"), result.count("pending"), result.count("refused"))
        if queued:
            summary += self.tr("等待队列中另有{0}个文件随之导入。").format(queued)
        if result.count("refused"):
            summary += self.tr("被拒绝的文件没有写入任何数据，其他文件不受影响；把鼠标停在该行上可看处理办法。")
        self.folder_summary.setText(summary)
        self.folder_apply_button.setVisible(False)
        self.folder_cancel_button.setText(self.tr("关闭"))
        self.folder_cancel_button.setEnabled(True)
        self._show_folder_files(result)
        warnings = [w for f in result.files for w in f.warnings]
        problems = result.count("refused") or any(f.refused_rows for f in result.files) or warnings
        self.import_banner.show_message("\n".join([summary, *warnings]), "warning" if problems else "info")
        self._tell_window()

    def cancel_folder(self) -> None:
        applied = self.folder_result is not None and self.folder_result.applied
        self.folder_panel.hide()
        self.folder_result = None
        if not applied:
            self.import_banner.show_message(self.tr("已取消：未导入任何数据。"), "info")

    def _folder_failed(self, exc: BaseException) -> None:
        self._import_busy(False)
        self.folder_cancel_button.setEnabled(True)
        self.folder_panel.hide()
        self.folder_result = None
        self.import_banner.show_message(self.tr(
            "文件夹导入未完成：{0}\n正在导入的文件已整体撤销；此前已导入的文件保留。").format(describe_error(exc)), "error")
        self._tell_window()

    # -- joining with a setup file (a county without a city) --------------------------------------------
    def _setup_file_picked(self, path: str) -> None:
        """A setup file where a sync file was expected: join with it when this
        site still can, else say what it is and what to do."""
        self.preview_panel.hide()
        self.import_path = self.import_trust = None
        if self.data is None:  # a double-clicked file, before the page has read its data

            def again() -> None:
                self.loaded.disconnect(again)
                self._setup_file_picked(path)

            self.loaded.connect(again)
            return
        if self.data.can_join:
            self.import_banner.show_message(self.tr(
                "这是入网文件，不是同步文件：本站点尚未加入市级同步，可以用它加入。"), "info")
            self.join_with(path)
            return
        self.import_banner.show_message(self.tr(
            "这是入网文件，不是同步文件：“{0}”只在县区第一次加入市级同步时使用，本站点已经是站点“{1}”，"
            "不需要它。要导入的是对方导出的 .zsync 同步文件；如果是为新电脑准备的入网文件，"
            "请在新电脑上打开它。本站点的数据没有任何改动。").format(
            Path(path).name, self.data.site_name), "warning")

    def choose_setup_file(self) -> None:
        start = options.start_folder(options.import_folder, options.export_folder)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择市里发来的入网文件"), start,
                                              self.tr("入网文件 (*.json);;所有文件 (*)"))
        if path:
            self.join_with(path)

    def join_with(self, path: str) -> None:
        """Read the setup file, show whose it is (the fingerprint computed from the
        city's key), and join after the person confirms."""
        from zsdesk.app.site import read_setup_file

        self.join_button.setEnabled(False)
        self.tasks.run(read_setup_file, str(path), write=False, title=self.tr("读取入网文件"),
                       on_done=self._setup_read, on_error=self._join_failed)

    def _setup_read(self, info) -> None:
        from zsdesk.app.site import join_with_setup_file

        if not self.confirm_join(self, info):
            self.join_button.setEnabled(True)
            self.import_banner.show_message(self.tr("未加入：本站点的数据没有任何改动。"), "info")
            return
        self.tasks.run(join_with_setup_file, self.ws, info.path, title=self.tr("加入市级同步"),
                       on_done=self._joined, on_error=self._join_failed)

    def _joined(self, site) -> None:
        self.join_button.setEnabled(True)
        self.import_banner.show_message(self.tr(
            "已加入市级同步，本站点为“{0} {1}”。已录入的数据都保留，请导出同步文件交给市里。").format(
            site.code, site.name), "info")
        self._tell_window()

    def _join_failed(self, exc: BaseException) -> None:
        self.join_button.setEnabled(True)
        self.import_banner.show_message(self.tr("未加入：{0}\n本站点的数据没有任何改动。").format(
            describe_error(exc)), "error")

    def _ask_trust(self, refusal: Refusal) -> None:
        fingerprint = refusal.fingerprint or _fingerprint_in(refusal.reason)
        sender = re.search(r"“([^”]+)”", refusal.reason)
        self.trust_fingerprint = fingerprint
        self.trust_text.setText(self.tr(
            "这是站点“{0}”发来的第一个文件。请打电话给对方，请对方在其电脑上运行 zsdesk sync status "
            "查看本站点记录的密钥指纹，逐段核对与下面一致后，再点“信任”。指纹不一致说明文件可能被冒充，"
            "请不要导入。").format(sender.group(1) if sender else self.tr("对方")))
        self.fingerprint_label.setText(fingerprint or self.tr("（文件中没有指纹）"))
        self.trust_button.setEnabled(bool(fingerprint))
        self.trust_box.show()
        self.import_banner.show_message(self.tr("尚未导入：需要先核对对方的密钥指纹。本站点的数据没有任何改动。"),
                                        "warning")

    def confirm_trust(self) -> None:
        """The user checked the fingerprint with the other site: preview again, trusting it."""
        if self.import_path and getattr(self, "trust_fingerprint", None):
            self.preview_file(self.import_path, trust=self.trust_fingerprint)

    def reject_trust(self) -> None:
        self.trust_box.hide()
        self.import_banner.show_message(self.tr("未导入：密钥指纹未确认。本站点的数据没有任何改动。"), "info")
        self.import_path = self.import_trust = None

    def apply_import(self) -> None:
        if not self.import_path or self.import_result is None:
            return
        self._import_busy(True)
        self.tasks.run(import_file, self.ws, self.import_path, False, self.import_trust,
                       title=self.tr("导入同步文件"), on_done=self._applied, on_error=self._import_failed)

    def _applied(self, outcome) -> None:
        self._import_busy(False)
        self.preview_panel.hide()
        self.import_result = None
        if isinstance(outcome, Refusal):
            self._refused(outcome)
            return
        lines = [outcome.message]
        for extra in outcome.also_applied:
            lines.append(self.tr("等待中的第{0}号文件也已导入：{1}").format(extra.seq, extra.message))
        lines += outcome.warnings
        kind = "info" if not outcome.warnings and not (outcome.report and outcome.report.refused) else "warning"
        self.import_banner.show_message("\n".join(lines), kind)
        self.import_path = self.import_trust = None
        self._tell_window()

    def cancel_import(self) -> None:
        self.preview_panel.hide()
        self.import_result = None
        self.import_path = self.import_trust = None
        self.import_banner.show_message(self.tr("已取消：未导入任何数据。"), "info")

    def _import_failed(self, exc: BaseException) -> None:
        self._import_busy(False)
        self.preview_panel.hide()
        self.import_banner.show_message(self.tr("导入未完成：{0}\n本次导入已整体撤销，数据没有改动。").format(
            describe_error(exc)), "error")

    # -- conflicts -------------------------------------------------------------------------------------
    def selected_conflict(self) -> ConflictRow | None:
        rows = self.conflicts_table.selectionModel().selectedRows()
        if not rows and self.conflicts_model.rowCount() == 1:
            return self.conflicts_model.rows[0]
        return self.conflicts_model.rows[rows[0].row()] if rows else None

    def _conflict_selected(self, *_args) -> None:
        c = self.selected_conflict()
        decide = c is not None and c.may_decide
        self.keep_mine_button.setEnabled(decide and c.mine is not None)
        self.keep_theirs_button.setEnabled(decide and bool(c.theirs))
        editable = decide and not c.field.endswith("_id") and c.field not in ("deleted", "id")
        self.edit_value_button.setEnabled(editable)
        self.acknowledge_button.setEnabled(c is not None and not c.may_decide)
        why = self.why_not(c) if c is not None and not c.may_decide else ""
        self.conflict_why.setText(why)
        self.conflict_why.setVisible(bool(why))
        tips = {self.keep_mine_button: self.tr("采用本站点的值；处理结果随下次同步送达对方"),
                self.keep_theirs_button: "", self.edit_value_button: ""}
        for button, tip in tips.items():
            button.setToolTip(why or tip)
        from zsdesk.ui.forms import FORMS

        self.open_conflict_button.setEnabled(c is not None and c.table in FORMS)

    def why_not(self, c: ConflictRow) -> str:
        """Why this site may not decide ``c``: whose record it is, and that its
        decision comes with that site's file."""
        if c.owner_name:
            return self.tr("该记录属于{0}，由其处理；处理结果会随同步文件传来。可点“知悉”将其移出列表。").format(
                c.owner_name)
        return c.why_not

    def acknowledge_selected(self) -> None:
        c = self.selected_conflict()
        if c is None:
            self._conflict_message(self.tr("请先在表中选择一个冲突。"), error=True)
            return
        from zsdesk.app.sync import acknowledge_conflict

        self.conflicts_error.hide()
        self.acknowledge_button.setEnabled(False)
        self.tasks.run(acknowledge_conflict, self.ws, c.id, title=self.tr("知悉冲突"),
                       on_done=lambda _r: self._acknowledged(c), on_error=self._resolve_failed)

    def _acknowledged(self, c: ConflictRow) -> None:
        self._conflict_message(self.tr("已知悉“{0}”的{1}：记录未修改，{2}的处理结果会随同步文件传来。").format(
            c.title or table_label(c.table), field_label(c.field), c.owner_name or self.tr("记录所属站点")))
        self._tell_window()

    def resolve_selected(self, keep: str, value=None) -> None:
        c = self.selected_conflict()
        if c is None:
            self._conflict_message(self.tr("请先在表中选择一个冲突。"), error=True)
            return
        from zsdesk.app.sync import resolve_conflict

        self.conflicts_error.hide()
        for b in (self.keep_mine_button, self.keep_theirs_button, self.edit_value_button):
            b.setEnabled(False)
        words = {"mine": self.tr("保留本站的值"), "theirs": self.tr("采用对方的值"), "value": self.tr("采用手工填写的值")}
        self.tasks.run(resolve_conflict, self.ws, c.id, keep=keep, value=value, title=self.tr("处理冲突"),
                       on_done=lambda _r: self._resolved(c, words.get(keep, keep)),
                       on_error=self._resolve_failed)

    def _resolved(self, c: ConflictRow, how: str) -> None:
        self._conflict_message(self.tr("已处理“{0}”的{1}：{2}。处理结果随下次同步送达对方。").format(
            c.title or table_label(c.table), field_label(c.field), how))
        self._tell_window()

    def _resolve_failed(self, exc: BaseException) -> None:
        self._conflict_selected()
        self._conflict_message(self.tr("冲突未处理：{0}").format(describe_error(exc)), error=True)

    def _conflict_message(self, text: str, *, error: bool = False) -> None:
        (self.conflicts_error if error else self.conflicts_status).setText(text)
        self.conflicts_error.setVisible(error)
        self.conflicts_status.setVisible(not error)

    def edit_selected(self) -> None:
        c = self.selected_conflict()
        if c is None:
            self._conflict_message(self.tr("请先在表中选择一个冲突。"), error=True)
            return
        dialog = ValueDialog(c, self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.resolve_selected("value", dialog.value)
        finally:
            dialog.deleteLater()

    def open_conflict_record(self) -> None:
        c = self.selected_conflict()
        if c is not None:
            self._open_record(c.table, c.row_id)

    # -- alerts -------------------------------------------------------------------------------------------
    def selected_alert(self) -> AlertRow | None:
        rows = self.alerts_table.selectionModel().selectedRows()
        if not rows and self.alerts_model.rowCount() == 1:
            return self.alerts_model.rows[0]
        return self.alerts_model.rows[rows[0].row()] if rows else None

    def _alert_selected(self, *_args) -> None:
        a = self.selected_alert()
        sides = a.local_sides() if a else []
        self.open_alert_button.setEnabled(bool(sides))
        self.open_alert_button.setToolTip(self.tr("打开本站保存的客商记录") if sides
                                          else self.tr("本站没有保存这两家客商的记录"))
        city = self.ws.site.is_city
        self.handle_alert_button.setEnabled(city and a is not None)
        self.handle_alert_button.setToolTip(
            self.tr("认定为同一投资方、各自保留或归属其中一个单元；处理结果随下次同步送达两个县区") if city
            else self.tr("撞车提醒由市级处理：市里的处理结果会随同步文件传来"))

    def handle_selected_alert(self) -> None:
        """(City) settle the selected alert in a dialog; the write runs on the task runner."""
        a = self.selected_alert()
        if a is None or not self.ws.site.is_city:
            return
        from zsdesk.ui.forms.alert import AlertDialog

        dialog = AlertDialog(self.ws, a, self)
        self.alert_dialog = dialog  # reachable by tests
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.handled is None:
                return
            handled = dialog.handled
        finally:
            self.alert_dialog = None
            dialog.deleteLater()
        units = {s.unit_id: s.unit for s in (a.a, a.b)}
        text = self.tr("已处理撞车提醒（{0} / {1}）：{2}。处理结果随下次同步送达两个县区。").format(
            a.a.company, a.b.company, outcome_text(handled.outcome, units.get(handled.unit_id)))
        if handled.outcome == "merged" and not handled.merged:
            text += self.tr("两家企业的记录分属县区，市级未合并，由县区在各自的客商库中处理。")
        self.alerts_status.setText(text)
        self.alerts_status.show()
        self._tell_window()

    def open_alert_record(self) -> None:
        """This site's own company of the alert; where both are held (the city),
        the user picks the side."""
        a = self.selected_alert()
        sides = a.local_sides() if a else []
        if not sides:
            return
        side = sides[0]
        if len(sides) > 1 and not sides[0].own:
            menu = QMenu(self)
            actions = {menu.addAction(f"{s.company}（{s.unit or ''}）"): s for s in sides}
            chosen = menu.exec(self.open_alert_button.mapToGlobal(self.open_alert_button.rect().bottomLeft()))
            if chosen is None:
                return
            side = actions[chosen]
        self._open_record("companies", side.company_id)

    def _open_record(self, table: str, row_id: str) -> None:
        from zsdesk.ui import forms

        try:
            saved = forms.open_record(self, self.ws, table, row_id)
        except Exception as exc:
            self._conflict_message(self.tr("无法打开记录：{0}").format(describe_error(exc)), error=True)
            return
        if saved:
            self._tell_window()

    # -- backup and enrolment -----------------------------------------------------------------------------
    def backup(self) -> None:
        folder = options.start_folder(options.backup_folder, options.export_folder)
        name = f"zsdesk-{self.ws.site.code}-{dt.datetime.now():%Y%m%d-%H%M}.db"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("备份数据库到"), str(Path(folder) / name),
                                              self.tr("数据库备份 (*.db)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        options.backup_folder.set(str(Path(path).parent))
        from zsdesk.app.site import backup_to

        self.export_error.hide()
        self.backup_button.setEnabled(False)
        self.tasks.run(backup_to, self.ws, path, title=self.tr("备份数据库"), on_done=self._backed_up,
                       on_error=self._backup_failed)

    def _backed_up(self, path) -> None:
        self.backup_button.setEnabled(True)
        self.export_status.setObjectName("okNote")
        _repolish(self.export_status)
        self.export_status.setText(self.tr("数据库已备份到 {0}。").format(path))
        self.export_status.show()

    def _backup_failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.export_error.setText(self.tr("没有备份：{0}").format(describe_error(exc)))
        self.export_error.show()

    def make_setup_file(self) -> None:
        """(City) the setup file a county joins with."""
        units = self.data.units if self.data else []
        if not units:
            self._export_failed_text(self.tr("没有可入网的招商单元：请先在“设置”中新增县区的招商单元。"))
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("生成入网文件"))
        box = QVBoxLayout(dialog)
        box.addWidget(QLabel(self.tr("为哪个招商单元生成入网文件：")))
        combo = QComboBox()
        for code, name in units:
            combo.addItem(f"{code}　{name}", code)
        box.addWidget(combo)
        confirm = QCheckBox(self.tr("县区首次导入时，还要电话核对其密钥指纹"))
        confirm.setToolTip(self.tr("入网文件含一次性入网凭据，县区的首个同步文件凭它自动登记；"
                                   "勾选后还需核对指纹才导入"))
        box.addWidget(confirm)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        box.addWidget(buttons)
        self.setup_dialog = dialog  # reachable by tests
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            code = combo.currentData()
            confirm_fingerprint = confirm.isChecked()
        finally:
            self.setup_dialog = None
            dialog.deleteLater()
        reissue = code in self.data.enrolled_codes
        if reissue:
            answer = QMessageBox.question(
                self, self.tr("重新生成入网文件"),
                self.tr("{0} 已经用入网文件加入。只有在对方换了电脑或电脑丢失时才需要重新生成：\n"
                        "· 原电脑的密钥将作废，它今后发出的文件都会被拒绝；\n"
                        "· 已收到的该站点数据保留，新电脑加入时会带回这些数据。\n\n确定重新生成吗？").format(code),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        folder = options.start_folder(options.export_folder)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存入网文件"), str(Path(folder) / f"入网-{code}.json"),
                                              self.tr("入网文件 (*.json)"))
        if not path:
            return
        from zsdesk.app.sync import make_setup_file

        self.tasks.run(make_setup_file, self.ws, code, path, reissue=reissue,
                       confirm_fingerprint=confirm_fingerprint, title=self.tr("生成入网文件"),
                       on_done=lambda out: self._setup_made(code, out), on_error=self._export_failed)

    def _setup_made(self, code: str, out) -> None:
        self.export_error.hide()
        self.export_status.setObjectName("okNote")
        _repolish(self.export_status)
        self.export_status.setText(self.tr(
            "已生成 {0} 的入网文件：{1}\n把它当面拷给县区（文件内含一次性入网凭据，只能用一次，不要转发到群里）；"
            "县区用它加入后，其首个同步文件导入时自动登记。").format(code, out))
        self.export_status.show()
        self.refresh()


# --- helpers ------------------------------------------------------------------------------------------

def _fingerprint_in(text: str) -> str | None:
    m = re.search(r"[0-9a-fA-F]{4}(?::[0-9a-fA-F]{4}){3,}", text or "")
    return m.group(0) if m else None


def _table(model) -> QTableView:
    view = page_table(model)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return view


def _fit_rows(view: QTableView, most: int) -> None:
    """Tall enough for its rows (at most ``most``, then it scrolls)."""
    rows = min(max(view.model().rowCount(), 1), most)
    height = (view.horizontalHeader().sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
              + 2 * view.frameWidth() + 4)
    view.setFixedHeight(height)


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
