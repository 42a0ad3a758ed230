"""Error types shared by every layer.

Three families, following the split users care about:
- ``ValidationError``: the input was refused; it names the field and says why.
- ``RefusedError``: an operation cannot be done in the current state
  (a stage cannot go backwards, a record belongs to another site, ...).
- ``StorageError``: a known storage problem (disk full, database locked),
  shown in plain words. Anything else is a bug and is logged with a trace.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType


class ZsdeskError(Exception):
    """Base of the errors a user may see (exit code 2 on the command line).

    ``str()`` is the Chinese message the error was raised with. An error may
    also carry a ``code`` (e.g. ``"storage.io"``) and its ``params``: the UI
    then says it in the chosen language from a table of codes, falling back to
    the message when it does not know the code."""

    #: a stable name of the kind of failure, or None (a subclass may set its own)
    code: str | None = None
    #: the values the code's text names (empty for a subclass whose __init__ skips ours)
    params: Mapping[str, object] = MappingProxyType({})

    def __init__(self, *args, code: str | None = None, params: dict | None = None):
        super().__init__(*args)
        if code is not None:
            self.code = code
        self.params = dict(params or {})


class ValidationError(ZsdeskError):
    """Input refused. ``field`` is the code name of the field, ``message`` is for people."""

    def __init__(self, field: str, message: str, *, value: object = None, row: int | None = None):
        self.field = field
        self.message = message
        self.value = value
        self.row = row
        where = f"第{row}行 " if row is not None else ""
        super().__init__(f"{where}{field}: {message}")

    def __str__(self) -> str:
        # computed when shown: a batch check sets ``row`` after the error is made
        where = f"第{self.row}行 " if self.row is not None else ""
        return f"{where}{self.field}: {self.message}"


class ValidationErrors(ZsdeskError):
    """Several fields refused at once (a form with more than one problem)."""

    def __init__(self, errors: list[ValidationError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))

    @property
    def fields(self) -> dict[str, str]:
        return {e.field: e.message for e in self.errors}


class RefusedError(ZsdeskError):
    """The operation is not allowed in the record's current state."""


class NotFoundError(RefusedError):
    """A record the caller named does not exist (or is deleted)."""


class ReadOnlyError(RefusedError):
    """The record is owned by another site, or the site's role may not edit it."""


class StorageError(ZsdeskError):
    """A known storage failure, with a message a person can act on."""
