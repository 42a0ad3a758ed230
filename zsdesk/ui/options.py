"""Every setting the desktop app keeps between runs, declared once: its key in
QSettings, its type, its default and what it is for.

Code asks an option, never QSettings::

    from zsdesk.ui import options

    start = options.start_folder(options.export_folder)
    options.export_folder.set(chosen)
    widths = options.list_widths.of("visits").get()    # one per list

QSettings hands back strings (an INI file keeps no types) or whatever an older
version or a hand edit left there. ``get()`` turns the stored value into the
option's type and falls back to the default, with a line in the log, when it
cannot: a corrupt setting never stops the app. ``set()`` refuses a value of the
wrong shape (a bug in the caller) with ValueError.

Keys and stored formats are those of earlier versions, so a user's settings
carry over. Where the settings live (the user's profile, or an INI file beside
the program in portable mode) is chosen once at start: ``use_ini_folder``.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

T = TypeVar("T")


def _store() -> QSettings:
    # A fresh object each time: it follows QSettings.setPath/setDefaultFormat and the
    # application's names as they are when asked (portable mode, tests).
    return QSettings()


def use_ini_folder(folder: Path) -> None:
    """Keep the settings as an INI file under ``folder`` (portable mode)."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


# --- the kinds of option -----------------------------------------------------------------------------

class Option(Generic[T]):
    """One setting. ``key`` may hold ``{}`` for a family of settings (one per list,
    one per site): ``of(part)`` gives the member."""

    def __init__(self, key: str, default: T, doc: str) -> None:
        self.key = key
        self.default = default
        self.__doc__ = doc

    # -- converting -------------------------------------------------------------------------
    def decode(self, raw: Any) -> T:
        """The stored value as the option's type; TypeError/ValueError when it is not one."""
        raise NotImplementedError

    def encode(self, value: T) -> Any:
        """What QSettings stores for ``value``; ValueError/TypeError when it has the wrong shape."""
        raise NotImplementedError

    # -- reading and writing ----------------------------------------------------------------------
    def of(self, *parts: object) -> Option[T]:
        """The member of a family, e.g. ``list_widths.of("visits")`` -> ``lists/visits/widths``."""
        if "{}" not in self.key:
            raise TypeError(f"option {self.key} is not a family")
        member = copy.copy(self)
        member.key = self.key.format(*parts)
        return member

    def _bound_key(self) -> str:
        if "{}" in self.key:
            raise TypeError(f"option {self.key} is a family: use .of(...)")
        return self.key

    def get(self) -> T:
        """The stored value, or the default when none is stored or it is unusable."""
        key = self._bound_key()
        raw = _store().value(key)
        if raw is None or (isinstance(raw, str) and raw == ""):
            return copy.deepcopy(self.default)
        try:
            return self.decode(raw)
        except (TypeError, ValueError) as exc:
            log.warning("setting %s: unusable stored value %r (%s); using the default", key, raw, exc)
            return copy.deepcopy(self.default)

    def set(self, value: T) -> None:
        settings = _store()
        settings.setValue(self._bound_key(), self.encode(value))
        settings.sync()

    def reset(self) -> None:
        """Forget the stored value: ``get()`` gives the default again."""
        settings = _store()
        settings.remove(self._bound_key())
        settings.sync()

    def is_set(self) -> bool:
        return _store().contains(self._bound_key())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.key} default={self.default!r}>"


class TextOption(Option[str]):
    def decode(self, raw: Any) -> str:
        # An INI file gives numbers back as text; a list means a stray comma in a hand edit.
        if isinstance(raw, (str, int, float)) and not isinstance(raw, bool):
            return str(raw)
        raise TypeError(f"not text: {type(raw).__name__}")

    def encode(self, value: str) -> str:
        if not isinstance(value, str):
            raise TypeError(f"{self.key} takes text, not {type(value).__name__}")
        return value


class ChoiceOption(TextOption):
    """Text that must be one of ``choices``."""

    def __init__(self, key: str, default: str, doc: str, *, choices: tuple[str, ...]) -> None:
        if default not in choices:
            raise ValueError(f"default {default!r} of {key} is not among {choices}")
        super().__init__(key, default, doc)
        self.choices = choices

    def decode(self, raw: Any) -> str:
        value = super().decode(raw)
        if value not in self.choices:
            raise ValueError(f"{value!r} is not one of {self.choices}")
        return value

    def encode(self, value: str) -> str:
        if value not in self.choices:
            raise ValueError(f"{self.key}: {value!r} is not one of {self.choices}")
        return value


class FolderOption(TextOption):
    """A folder remembered for the next file dialog ("" until one is chosen)."""

    def encode(self, value: str | Path) -> str:  # type: ignore[override]
        return super().encode(str(value) if isinstance(value, Path) else value)


class BytesOption(Option[QByteArray]):
    """Bytes that Qt made and reads back (``saveGeometry``)."""

    def decode(self, raw: Any) -> QByteArray:
        if isinstance(raw, QByteArray):
            return raw
        if isinstance(raw, (bytes, bytearray)):
            return QByteArray(bytes(raw))
        raise TypeError(f"not bytes: {type(raw).__name__}")

    def encode(self, value: QByteArray | bytes) -> QByteArray:
        if isinstance(value, (bytes, bytearray)):
            return QByteArray(bytes(value))
        if not isinstance(value, QByteArray):
            raise TypeError(f"{self.key} takes bytes, not {type(value).__name__}")
        return value

    def get(self) -> QByteArray:
        return QByteArray(super().get())  # never the shared default object


class JsonOption(Option[T]):
    """A small structure kept as JSON text, its shape checked by ``convert``
    (which returns the value in its Python form or raises ValueError/TypeError)."""

    def __init__(self, key: str, default: T, doc: str, *, convert: Callable[[Any], T]) -> None:
        super().__init__(key, default, doc)
        self.convert = convert

    def decode(self, raw: Any) -> T:
        if not isinstance(raw, str):
            raise TypeError(f"not JSON text: {type(raw).__name__}")
        return self.convert(json.loads(raw))

    def encode(self, value: T) -> str:
        self.convert(json.loads(json.dumps(value)))  # the same check as reading back
        return json.dumps(value, ensure_ascii=False)


def _widths(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise TypeError("column widths are not a mapping")
    out = {}
    for key, width in value.items():
        if not isinstance(width, int) or isinstance(width, bool) or width <= 0:
            raise ValueError(f"width of {key!r} is not a positive whole number: {width!r}")
        out[str(key)] = width
    return out


def _names(value: Any) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("not a list of column names")
    return value


def _sort(value: Any) -> tuple[str, bool] | None:
    if value is None:
        return None
    if (not isinstance(value, (list, tuple)) or len(value) != 2 or not isinstance(value[0], str)
            or not isinstance(value[1], bool)):
        raise ValueError("not [column, descending]")
    return value[0], value[1]


# --- the options ------------------------------------------------------------------------------------

language = ChoiceOption(
    "ui/language", "zh_CN",
    "The interface language chosen in 设置 (界面语言), applied at the next start; "
    "Simplified Chinese is the source language. The codes are zsdesk.ui.i18n.LANGUAGES.",
    choices=("zh_CN", "en"))

my_staff = TextOption(
    "user/{}/staff_id", "",
    "Who uses this computer (本机使用人), per site id: the staff id whose follow-ups the "
    "工作台 shows as \"mine\"; \"\" when nobody was chosen.")

window_geometry = BytesOption(
    "window/geometry", QByteArray(),
    "The main window's size and place (QWidget.saveGeometry), restored at the next start.")

list_widths = JsonOption(
    "lists/{}/widths", {},
    "Column widths in pixels the user set on a list (per list kind: visits, leads, ...), "
    "by column key; a column not in it has its default width.",
    convert=_widths)

list_hidden = JsonOption(
    "lists/{}/hidden", None,
    "The column keys the user hid on a list (per list kind); None: the list's default columns.",
    convert=_names)

list_sort = JsonOption(
    "lists/{}/sort", None,
    "The sort of a list (per list kind) as (column key, descending); None: the list's default sort.",
    convert=_sort)

export_folder = FolderOption(
    "sync/export_folder", "",
    "The USB stick or folder sync files were last exported to (同步 page); shown on the page "
    "and offered first by the other save dialogs there.")

import_folder = FolderOption(
    "sync/import_folder", "",
    "The folder a sync file was last imported from (同步 page).")

backup_folder = FolderOption(
    "sync/backup_folder", "",
    "The folder the database was last backed up to (同步 page, 备份).")

brief_folder = FolderOption(
    "reports/folder", "",
    "The folder a PDF brief (简报) was last saved to (报表 page).")

ledger_folder = FolderOption(
    "reports/ledger_folder", "",
    "The folder an Excel ledger (台账) was last exported to or imported from (报表 page).")

#: every option by key (families with ``{}`` in the key), for tests and a future settings dump
REGISTRY: dict[str, Option] = {o.key: o for o in list(globals().values()) if isinstance(o, Option)}


# --- helpers ---------------------------------------------------------------------------------------

def start_folder(*folders: FolderOption) -> str:
    """Where a file dialog opens: the first of ``folders`` that is remembered and
    still there (a USB stick may be gone), else the home folder."""
    for option in folders:
        value = option.get()
        if value and Path(value).is_dir():
            return value
    return str(Path.home())
