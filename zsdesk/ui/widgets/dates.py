"""DateEdit: a calendar date with a popup calendar; optionally empty.

Qt's QDateEdit always holds a date. An optional field keeps "empty" as its
minimum date shown as blank (``specialValueText``); a clear button and
Delete/Backspace on the whole text empty it, and the calendar of an empty
field opens on today's month. The widget does not judge the date (a future
date, an order of dates): the core does, and the form shows its message.

Typing is read as a whole date, not section by section: QDateEdit's own
section editing jumps to the next section when one is full *and* again on
the separator the person types next, so "2026-12-01" typed into a blank
field became 2026-06-12 or 2026-12-12 (issue 12). Digits and separators are
therefore inserted as plain text, and ``validate``/``dateTimeFromText`` read
2026-12-01, 2026-4-1, 2026.4.12, 2026/4/12, 2026年4月12日 and 20261201.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QLineEdit, QStyle

_EMPTY = QDate(1900, 1, 1)   # the blank value of an optional field (the core refuses years < 1990)
_FIRST = QDate(1900, 1, 2)
_LAST = QDate(2100, 12, 31)


_SEPARATORS = "-./年月日"
_SEPARATED = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
# what a date may look like while it is being typed
_PARTIAL = re.compile(r"\d{0,8}|\d{4}\s*[-./年]\s*(\d{1,2}(\s*[-./月]\s*(\d{1,2}\s*日?)?)?)?")


def parse_typed(text: str) -> dt.date | None:
    """The date a person typed, or None if ``text`` is not (yet) a whole date."""
    text = text.strip()
    match = _SEPARATED.fullmatch(text) or _COMPACT.fullmatch(text)
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    """``value()`` is a ``datetime.date`` or None (only when ``optional``)."""

    valueChanged = Signal()

    def __init__(self, parent=None, *, optional: bool = False, today: dt.date | None = None):
        super().__init__(parent)
        self.optional = optional
        self._today = today or dt.date.today()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMaximumDate(_LAST)
        self.setCorrectionMode(QDateEdit.CorrectionMode.CorrectToNearestValue)
        if optional:
            self.setMinimumDate(_EMPTY)
            self.setSpecialValueText(" ")
            self._clear_action = self.lineEdit().addAction(
                self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton),
                QLineEdit.ActionPosition.TrailingPosition)
            self._clear_action.setToolTip(self.tr("清除日期"))
            self._clear_action.triggered.connect(self.clear_value)
            self.setDate(_EMPTY)
        else:
            self._clear_action = None
            self.setMinimumDate(_FIRST)
            self.setDate(to_qdate(self._today))
        self.calendarWidget().installEventFilter(self)
        self.dateChanged.connect(self._changed)
        self._changed()

    # -- value ------------------------------------------------------------------
    def value(self) -> dt.date | None:
        self._take_typed()
        if self.is_empty():
            return None
        return from_qdate(self.date())

    def setValue(self, value: dt.date | None) -> None:
        if value is None:
            if self.optional:
                self.setDate(_EMPTY)
            else:
                self.setDate(to_qdate(self._today))
            return
        self.setDate(to_qdate(value))

    def is_empty(self) -> bool:
        return self.optional and self.date() == _EMPTY

    def clear_value(self) -> None:
        if self.optional:
            self.setDate(_EMPTY)

    def _changed(self, *_args) -> None:
        if self._clear_action is not None:
            self._clear_action.setVisible(not self.is_empty() and self.isEnabled())
        self.valueChanged.emit()

    # -- reading typed text -------------------------------------------------------------------
    def _blank(self, text: str) -> bool:
        return self.optional and (not text.strip() or text == self.specialValueText())

    def validate(self, text: str, pos: int) -> object:
        if self._blank(text):
            return QValidator.State.Acceptable, text, pos
        typed = parse_typed(text)
        if typed is not None:
            qdate = to_qdate(typed)
            separated = _SEPARATED.fullmatch(text.strip())
            # "2026-12-1" may still become 2026-12-15: wait for the next key, Enter or leaving
            # the field (fixup completes it), since a value taken from a blank field rewrites the text
            growing = separated is not None and len(separated.group(3)) == 1 and typed.day <= 3
            if self.minimumDate() <= qdate <= self.maximumDate() and qdate != _EMPTY and not growing:
                return QValidator.State.Acceptable, text, pos
            return QValidator.State.Intermediate, text, pos
        if _PARTIAL.fullmatch(text.strip()):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def fixup(self, text: str) -> str:
        typed = parse_typed(text)
        if typed is not None and self.minimumDate() <= to_qdate(typed) <= self.maximumDate():
            return typed.isoformat()
        # an unfinished date falls back to the value the field held (or blank)
        return self.textFromDateTime(self.dateTime())

    def _take_typed(self) -> None:
        """Read a whole date still waiting as typed text (a save by Ctrl+S leaves no field)."""
        text = self.lineEdit().text()
        if text != self.textFromDateTime(self.dateTime()) and parse_typed(text) is not None:
            self.interpretText()

    def stepBy(self, steps: int) -> None:
        self._take_typed()  # an arrow key steps the date that was typed, not the one before it
        super().stepBy(steps)

    def dateTimeFromText(self, text: str) -> QDateTime:
        typed = None if self._blank(text) else parse_typed(text)
        qdate = _EMPTY if typed is None and self.optional else (
            to_qdate(typed) if typed is not None else self.date())
        return QDateTime(qdate, QTime(0, 0))

    def textFromDateTime(self, value: QDateTime) -> str:
        if self.optional and value.date() == _EMPTY:
            return self.specialValueText()
        return value.date().toString("yyyy-MM-dd")

    # -- behaviour of the empty state ------------------------------------------------------
    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self._changed()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if self.optional and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            edit = self.lineEdit()
            if self.is_empty() or edit.selectedText() == edit.text():
                self.clear_value()
                return
        typed = event.text()
        if typed and (typed.isdigit() or typed in _SEPARATORS) and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            edit = self.lineEdit()
            if self.is_empty() and edit.text() == self.specialValueText():
                edit.clear()
            # plain text insertion, without QDateEdit's jumps between sections
            QAbstractSpinBox.keyPressEvent(self, event)
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show and self.is_empty():
            self.calendarWidget().setCurrentPage(self._today.year, self._today.month)
        return super().eventFilter(watched, event)
