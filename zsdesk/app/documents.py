"""Printed documents of one thing: the 项目一页纸 of a project and the agenda of
the monthly 落户预审暨矛盾问题协调会. Each writes a PDF (whole or not at all)
and returns its path. No Qt here."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from zsdesk.reports.agenda import parse_month, write_agenda
from zsdesk.reports.project_sheet import write_project_sheet

__all__ = ["agenda", "parse_month", "project_sheet", "safe_file_name", "sheet_file_name"]

#: characters Windows (and the USB sticks' FAT) refuse in a file name, and control characters
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def project_sheet(ws, project_id: str, out, *, now: dt.datetime | None = None) -> Path:
    """Write the 项目一页纸 of the project to ``out`` (.pdf)."""
    return write_project_sheet(ws, project_id, out, now=now)


def agenda(ws, month: str, out, *, now: dt.datetime | None = None) -> Path:
    """Write the agenda of the meeting of ``month`` ("2026-12") to ``out`` (.pdf);
    a county's holds its own units' rows only."""
    return write_agenda(ws, month, out, now=now)


def safe_file_name(name: str) -> str:
    """``name`` usable as a file name on every system: unsafe characters become "_",
    no leading or trailing dots and spaces."""
    return _UNSAFE.sub("_", name).strip(" .")


def sheet_file_name(number: str, name: str) -> str:
    """The default file name of a project's sheet: "<项目编号> <项目名>.pdf"."""
    return safe_file_name(f"{number} {name}"[:150]) + ".pdf"
