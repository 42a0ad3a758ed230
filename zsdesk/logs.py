"""The log file: one rotating file that the command line and the app both write,
so that a person can send it when something went wrong (a windowed build on
Windows has no console to read).

Where it is (``log_path()``): the user log folder
(``platformdirs.user_log_dir``, e.g. ``%LOCALAPPDATA%\\zsdesk\\Logs`` or
``~/.local/state/zsdesk/log``); in portable mode, and when ``ZSDESK_DATA_DIR``
is set, a ``logs`` folder beside the data, so a USB stick carries its own log.
The file is its owner's only (0600, its folder 0700) and is made when the first
record is written, not at every start. No Qt here.

``setup()`` sends the warnings and errors of the ``zsdesk`` loggers to the file
(they still reach the console too); ``write_trace()`` writes the exception being
handled to the file only, for a command line that prints one plain line.
"""

from __future__ import annotations

import logging
import os
import platform
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from zsdesk import __version__

LOG_NAME = "zsdesk.log"
MAX_BYTES = 1 << 20
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

#: the logger whose records go to the file (every module logs under it)
ROOT_LOGGER = "zsdesk"
#: a logger that writes to the file only (not propagated to the console)
TRACE_LOGGER = "zsdesk.trace"

_handler: _PrivateRotatingFile | None = None


def log_dir() -> Path:
    """The folder of the log file (see the module docstring)."""
    from zsdesk.paths import data_dir, portable_dir   # (no database library: the window logs before it)

    if os.environ.get("ZSDESK_DATA_DIR") or portable_dir() is not None:
        return data_dir() / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir("zsdesk", appauthor=False))


def log_path() -> Path:
    """Where the log file is (or will be, once something is logged)."""
    return log_dir() / LOG_NAME


class _PrivateRotatingFile(RotatingFileHandler):
    """A rotating file made owner-only (0600), in a folder made when first needed."""

    def _open(self):
        from zsdesk.db.engine import private_dir, private_file

        private_dir(Path(self.baseFilename).parent)
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        private_file(self.baseFilename)  # a file made by an older version may be wider
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

    _complained = False

    def handleError(self, record) -> None:
        # a log that cannot be written (a full disk, a read-only stick) is said once, not at every record
        if not self._complained:
            self._complained = True
            super().handleError(record)

    def ready(self) -> bool:
        """Open the file now if it is not open; False when it cannot be written."""
        if self.stream is None:
            try:
                self.stream = self._open()
            except OSError:
                return False
        return True


def setup() -> Path:
    """Send the ``zsdesk`` loggers' warnings and errors to the log file as well.
    Called again (another data folder, in tests), it moves to the new file.
    Returns the file's path."""
    global _handler
    path = log_path()
    if _handler is not None and Path(_handler.baseFilename) == path.absolute():
        return path
    teardown()
    _handler = _PrivateRotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                    encoding="utf-8", delay=True)
    _handler.setFormatter(logging.Formatter(FORMAT))
    logging.getLogger(ROOT_LOGGER).addHandler(_handler)
    trace = logging.getLogger(TRACE_LOGGER)
    trace.propagate = False
    trace.addHandler(_handler)
    return path


def teardown() -> None:
    """Stop writing the log file (the end of a test)."""
    global _handler
    if _handler is None:
        return
    logging.getLogger(ROOT_LOGGER).removeHandler(_handler)
    logging.getLogger(TRACE_LOGGER).removeHandler(_handler)
    _handler.close()
    _handler = None


def active_path() -> Path | None:
    """The log file when records are being written to it (``setup()`` ran and
    the file can be written), else None: a message may then not mention it."""
    if _handler is None or not _handler.ready():
        return None
    return Path(_handler.baseFilename)


def environment() -> str:
    """One line naming the program and the machine, for a report of a bug."""
    return (f"zsdesk {__version__}; Python {platform.python_version()}; "
            f"{platform.platform()}; frozen={bool(getattr(sys, 'frozen', False))}")


def write_trace(what: str, exc_info=True) -> Path | None:
    """Write ``what`` with the trace of the exception being handled (or
    ``exc_info``) to the log file only. The file, or None when it cannot be written."""
    setup()
    path = active_path()
    if path is None:
        return None
    logging.getLogger(TRACE_LOGGER).error("%s (%s; arguments %s)", what, environment(), sys.argv[1:],
                                          exc_info=exc_info)
    if _handler is not None:
        _handler.flush()
    return path
