"""Stage changes of leads and projects: explicit actions, never a field edit.

``StageBar`` shows the current stage and the moves that make sense from it
("推进到在谈…", "搁置…" …); each opens a ``StageDialog`` asking the date, the
reason where one is required (搁置/终止/未履约/停滞) and, when a lead is signed,
the contract investment. The dialog calls the service once; the core judges
the move (no going back, no date before the current stage's, no future date)
and its message is shown next to the field it names. The call runs in the
window's task runner (its one writer); the dialog waits, disabled, meanwhile
(取消 stops the waiting: the stage stays as it was).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QPushButton,
    QVBoxLayout,
)

from zsdesk.app import (
    LEAD_FLOW, LEAD_LABELS, LEAD_SIDE, PROJECT_FLOW, PROJECT_LABELS, PROJECT_SIDE, STAGES_NEEDING_REASON,
)
from zsdesk.app import RefusedError, StorageError, ValidationError, ValidationErrors
from zsdesk.ui.error_text import log_sentence
from zsdesk.ui.forms.base import BusyLine, start_write, stop_write, with_error
from zsdesk.ui.widgets.dates import DateEdit
from zsdesk.ui.widgets.feedback import FEEDBACK_STYLE, Banner, FieldError
from zsdesk.ui.widgets.money import MoneyEdit

FINAL = {"terminated", "defaulted"}
PAUSED = {"on_hold", "stalled"}

FLOWS = {
    "leads": (LEAD_FLOW, LEAD_SIDE, LEAD_LABELS),
    "projects": (PROJECT_FLOW, PROJECT_SIDE, PROJECT_LABELS),
}


def stage_label(table: str, stage: str | None) -> str:
    labels = FLOWS[table][2]
    return QCoreApplication.translate("Forms", labels.get(stage, stage or ""))


def available_moves(table: str, current: str, reached: list[str]) -> list[str]:
    """The stages a record at ``current`` may move to, the next flow stage first.
    ``reached`` is every stage in its history (how far the flow got)."""
    flow, side, _ = FLOWS[table]
    if current in FINAL:
        return []
    furthest = max((flow.index(s) for s in [*reached, current] if s in flow), default=0)
    start = furthest if current in PAUSED else furthest + 1
    moves = list(flow[start:])
    moves += [s for s in side if s != current]
    return moves


def move_text(table: str, stage: str) -> str:
    flow = FLOWS[table][0]
    label = stage_label(table, stage)
    if stage in flow:
        return QCoreApplication.translate("Forms", "推进到{0}…").format(label)
    return QCoreApplication.translate("Forms", "{0}…").format(label)


class StageDialog(QDialog):
    """Ask what one stage move needs, then make it with one service call.
    After ``exec()`` returns Accepted, ``project_id`` is the project a signed
    lead became (None otherwise)."""

    def __init__(self, ws, table: str, row_id: str, stage: str, *, planned=None, parent=None):
        super().__init__(parent)
        self.ws, self.table, self.row_id, self.stage = ws, table, row_id, stage
        self.project_id: str | None = None
        self.write_task = None   # the move under way
        self.setStyleSheet(FEEDBACK_STYLE)
        self.setWindowTitle(move_text(table, stage).rstrip("…"))
        self.signing = table == "leads" and stage == "signed"
        needs_reason = stage in STAGES_NEEDING_REASON

        self.problem = Banner()
        self.date = DateEdit(today=ws.today())
        self.date.setValue(ws.today())
        self.date_error = FieldError()
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("必填：说明原因") if needs_reason else self.tr("可不填"))
        self.reason.setFixedHeight(self.fontMetrics().height() * 4 + 12)
        self.reason_error = FieldError()
        self.investment = MoneyEdit(field="contract_investment")
        if planned is not None:
            self.investment.setValue(planned)
        self.investment_error = FieldError()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("签约日期") if self.signing else self.tr("日期"),
                    with_error(self.date, self.date_error))
        if self.signing:
            form.addRow(self.tr("合同投资额"), with_error(self.investment, self.investment_error))
        form.addRow(self.tr("原因") if needs_reason else self.tr("说明"), with_error(self.reason, self.reason_error))

        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(move_text(table, stage).rstrip("…"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        intro = QLabel(self.tr("当前阶段将从“{0}”变为“{1}”。").format(
            stage_label(table, self._current_stage()), stage_label(table, stage)))
        intro.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        if self.signing:
            note = QLabel(self.tr("签约后将生成签约项目，计入签约个数和签约金额。"))
            note.setObjectName("fieldWarning")
            note.setWordWrap(True)
            box.addWidget(note)
        box.addWidget(self.problem)
        box.addLayout(form)
        self.busy = BusyLine()
        box.addWidget(self.busy)
        box.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)

    def _current_stage(self) -> str:
        return getattr(self.ws, self.table).get(self.row_id).stage

    def accept(self) -> None:
        if self.write_task is not None:
            return
        for label in (self.date_error, self.reason_error, self.investment_error):
            label.clear_message()
        self.problem.clear_message()
        reason = self.reason.toPlainText().strip() or None
        args = (self.row_id, self.stage, self.date.value(), reason)
        if self.table == "leads":
            contract = {"contract_investment": self.investment.raw_value()} if self.signing else None
            fn, kwargs = self.ws.leads.advance, {"contract": contract}
        else:
            fn, kwargs = self.ws.projects.advance, {}
        self._set_writing(True)
        self.write_task = start_write(self, self.busy, fn, *args, title=self.windowTitle(),
                                      on_done=self._advanced, on_error=self._refused, on_cancel=self._stopped,
                                      **kwargs)

    def reject(self) -> None:
        if not stop_write(self.write_task, self.busy):  # while writing: stop waiting, stay open
            super().reject()

    def _stopped(self) -> None:
        self.write_task = None
        self._set_writing(False)
        self.problem.show_message(self.tr("已停止，阶段没有改变。"), "warning")

    def _set_writing(self, writing: bool) -> None:
        for widget in (self.date, self.reason, self.investment, self.ok_button):
            widget.setEnabled(not writing)

    def _advanced(self, result) -> None:
        self.write_task = None
        if self.table == "leads":
            self.project_id = result
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.write_task = None
        self._set_writing(False)
        if isinstance(exc, (ValidationError, ValidationErrors)):
            self._show(exc.errors if isinstance(exc, ValidationErrors) else [exc])
        elif isinstance(exc, (RefusedError, StorageError)):
            self.problem.show_message(self.tr("未推进：{0}").format(exc), "error")
        else:  # a bug (the runner logged its trace)
            self.problem.show_message(self.tr("推进时发生程序错误，阶段没有改变。{0}").format(log_sentence()),
                                      "error")

    def _show(self, errors: list[ValidationError]) -> None:
        places = {"stage_date": (self.date_error, self.date), "contract_date": (self.date_error, self.date),
                  "reason": (self.reason_error, self.reason), "stage_reason": (self.reason_error, self.reason),
                  "contract_investment": (self.investment_error, self.investment)}
        loose, first = [], None
        for e in errors:
            place = places.get(e.field)
            if place is None or (place[1] is self.investment and not self.signing):
                loose.append(e.message)
                continue
            place[0].show_message(e.message)
            first = first or place[1]
        if loose:
            self.problem.show_message(self.tr("未推进：") + "；".join(loose), "error")
        if first is not None:
            first.setFocus()


class StageBar(QFrame):
    """The stage track (each flow stage with the date it was reached, the current
    one marked) and the moves from the current stage: the next flow stage as a
    button, the rest in a menu. ``move_requested(stage)`` asks the form to run
    the dialog."""

    move_requested = Signal(str)

    DONE, CURRENT, AHEAD, SIDE = "#1F3A5F", "#FFFFFF", "#9AA5B4", "#B3261E"

    def __init__(self, table: str, parent=None):
        super().__init__(parent)
        self.table = table
        self.setObjectName("stageBar")
        self.setStyleSheet("QFrame#stageBar { background: #FFFFFF; border: 1px solid #DFE4EB;"
                           " border-radius: 6px; }  QFrame#stageBar QLabel { background: transparent; }")
        self.text = QLabel(objectName="stageTrack")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.next_button = QPushButton()
        self.next_button.setAutoDefault(False)
        self.more_button = QPushButton(self.tr("其他阶段"))
        self.more_button.setAutoDefault(False)
        self.menu = QMenu(self)
        self.more_button.setMenu(self.menu)
        self.actions_by_stage: dict[str, QAction] = {}
        self.stage: str | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 8, 6)
        row.setSpacing(8)
        row.addWidget(self.text, 1)
        row.addWidget(self.next_button)
        row.addWidget(self.more_button)
        self.next_button.clicked.connect(lambda: self._request(self.next_button.property("stage")))

    def _request(self, stage) -> None:
        if stage:
            self.move_requested.emit(stage)

    def track_html(self, stage: str, date, reason: str | None, history: list[tuple[str, object]]) -> str:
        flow, side, _ = FLOWS[self.table]
        reached: dict[str, object] = {}
        for s, d in history:
            reached[s] = d
        reached[stage] = date
        furthest = max((flow.index(s) for s in reached if s in flow), default=0)
        parts = []
        for i, s in enumerate(flow):
            label = _esc(stage_label(self.table, s))
            when = reached.get(s)
            day = f"<br><span style='font-size:11px'>{when.isoformat()}</span>" if when and i <= furthest else ""
            if s == stage:
                parts.append(f"<td style='background:{self.DONE}; color:{self.CURRENT}; padding:3px 8px;"
                             f" font-weight:bold' align='center'>{label}{day}</td>")
            elif i <= furthest:
                parts.append(f"<td style='color:{self.DONE}; padding:3px 8px' align='center'>{label}{day}</td>")
            else:
                parts.append(f"<td style='color:{self.AHEAD}; padding:3px 8px' align='center'>{label}"
                             f"<br><span style='font-size:11px'>&nbsp;</span></td>")
        arrow = f"<td style='color:{self.AHEAD}; padding:3px 0px'>›<br>&nbsp;</td>"
        html = f"<table cellspacing='0'><tr>{arrow.join(parts)}"
        if stage in side:
            note = f"{_esc(stage_label(self.table, stage))} {date.isoformat() if date else ''}"
            if reason:
                note += "：" + _esc(reason)
            html += (f"<td style='padding:3px 12px; color:{self.SIDE}; font-weight:bold'"
                     f" valign='middle'>{note}</td>")
        return html + "</tr></table>"

    def set_stage(self, stage: str, date, reason: str | None, history: list[tuple[str, object]], *,
                  editable: bool) -> None:
        self.stage = stage
        self.text.setText(self.track_html(stage, date, reason, history))
        self.text.setToolTip(self.tr("当前阶段：{0}（{1}）").format(
            stage_label(self.table, stage), date.isoformat() if date else ""))
        moves = available_moves(self.table, stage, [s for s, _ in history]) if editable else []
        self.menu.clear()
        self.actions_by_stage = {}
        for move in moves:
            action = QAction(move_text(self.table, move), self)
            action.triggered.connect(lambda _checked=False, s=move: self._request(s))
            self.actions_by_stage[move] = action
        flow = FLOWS[self.table][0]
        first = next((m for m in moves if m in flow), None)
        self.next_button.setVisible(first is not None)
        if first is not None:
            self.next_button.setText(move_text(self.table, first))
            self.next_button.setProperty("stage", first)
        rest = [m for m in moves if m != first]
        for move in rest:
            self.menu.addAction(self.actions_by_stage[move])
        self.more_button.setVisible(bool(rest))


def _esc(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
