"""Handing a file zsdesk made (a PDF, a workbook, an attachment) to the system's viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_in_system(path: str | Path) -> bool:
    """Open ``path`` in the program the system uses for it; False when there is none."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
