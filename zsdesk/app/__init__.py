"""The application layer: the window's one door into the core.

``zsdesk.ui`` imports from ``zsdesk.app`` and from nothing else of zsdesk but
``zsdesk.resources`` (shipped files) (the contract in pyproject.toml, ``[tool.importlinter]``, checked by
``lint-imports`` in CI). The modules here are organised by what the window does:

- ``site``: open a database, demo data, backup and restore, password;
- ``sync``: the sync overview (plain values) and the file actions;
- ``reports``: metrics, reminders, briefs (简报) and ledgers (台账);
- ``reference``: units, staff and industries as plain values;
- ``records``: names of records for forms and pickers;
- ``lists``: the list queries behind the record lists;
- ``chains``: the 产业链图谱, 目标企业 marks and the 产业招商指南;
- ``events``: 招商活动 and the figures of the projects signed at them;
- ``storage``: how a write waits for another program's database lock;
- ``diagnostics``: the log file and the error codes behind the window's messages.

Functions return plain immutable values (frozen dataclasses, tuples, str) or
the core's own plain result types, never ORM objects or sessions. No Qt here.

This package re-exports what every screen needs: the error classes, the domain
constants (stages, kinds, labels), the input parsers shared by forms,
``numbers``, the one formatter of money, counts and percentages, and
``format_timestamp``, the one way a time is shown (Beijing time, "2026-12-05 18:31").
"""

from zsdesk import __version__, numbers
from zsdesk.domain import (
    CARRIER_KINDS, COMPANY_TAGS, LEAD_FLOW, LEAD_LABELS, LEAD_SIDE, PROBLEM_CATEGORIES, PROJECT_CATEGORIES,
    PROJECT_FLOW, PROJECT_LABELS, PROJECT_SIDE, STAGES_NEEDING_REASON, TARGET_METRICS, VISIT_KINDS,
)
from zsdesk.errors import (
    NotFoundError, ReadOnlyError, RefusedError, StorageError, ValidationError, ValidationErrors, ZsdeskError,
)
from zsdesk.paths import portable_dir
from zsdesk.seed import DEFAULT_LIGHT_LIMITS
from zsdesk.timefmt import format_timestamp
from zsdesk.validation import normalize_usci, parse_money, validate_usci

__all__ = [
    "portable_dir",
    "CARRIER_KINDS", "COMPANY_TAGS", "DEFAULT_LIGHT_LIMITS", "LEAD_FLOW", "LEAD_LABELS", "LEAD_SIDE",
    "PROBLEM_CATEGORIES", "PROJECT_CATEGORIES", "PROJECT_FLOW", "PROJECT_LABELS", "PROJECT_SIDE", "STAGES_NEEDING_REASON",
    "TARGET_METRICS", "VISIT_KINDS",
    "NotFoundError", "ReadOnlyError", "RefusedError", "StorageError", "ValidationError", "ValidationErrors",
    "ZsdeskError",
    "__version__", "format_timestamp", "normalize_usci", "numbers", "parse_money", "validate_usci",
]
