"""What the window needs to report a problem: the log file (``zsdesk.logs``),
the codes of the storage errors, and the refusals of sync files whose ``code``
says what was wrong. No Qt here."""

from zsdesk.db.engine import STORAGE_MESSAGES
from zsdesk.logs import active_path, environment, log_path, setup, teardown
from zsdesk.sync.crypto import CryptoError
from zsdesk.sync.package import PackageRefused

__all__ = ["STORAGE_MESSAGES", "CryptoError", "PackageRefused", "active_path", "environment", "log_path",
           "setup", "teardown"]
