"""Where zsdesk keeps its files: the user data folder, or the program's own folder in
portable mode. Plain ``os``/``pathlib`` only (no database library), so the window can
ask it before the database layer is imported: a packaged program decides its settings
file this way before it paints its first frame (``zsdesk.ui.app.use_portable_settings``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: a file of this name beside the executable of a built (frozen) program turns on portable mode
PORTABLE_MARKER = "portable"


def portable_dir() -> Path | None:
    """The program's own folder when it runs in portable mode, else None.

    Portable mode: a built program (PyInstaller sets ``sys.frozen``) with a file
    named ``portable`` beside its executable keeps the database, its backups,
    attachments and the settings in that folder, so a team can run zsdesk from
    a USB stick. A program run from source never is portable."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    return folder if (folder / PORTABLE_MARKER).exists() else None


def data_dir() -> Path:
    """The user data folder (or the folder beside the program in portable mode).
    ``ZSDESK_DATA_DIR`` wins over both."""
    override = os.environ.get("ZSDESK_DATA_DIR")
    if override:
        return Path(override)
    portable = portable_dir()
    if portable is not None:
        return portable
    import platformdirs

    return Path(platformdirs.user_data_dir("zsdesk", appauthor=False))
