"""What every record service shares: cleaning input into valid values, the
generic create / update / tombstone, and reference checks done in batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Generic, TypeVar
from unicodedata import normalize as _nfc

from sqlalchemy import select

from zsdesk.db.changes import TableInfo
from zsdesk.db.models import Synced, Unit
from zsdesk.errors import NotFoundError, ValidationError, ValidationErrors
from zsdesk.validation import AMOUNTS_READ, FIRST_YEAR, LAST_YEAR, parse_date, parse_money, require_text

if TYPE_CHECKING:
    from zsdesk.services.workspace import Workspace

#: the model of a record service (Company for CompanyService ...)
M = TypeVar("M", bound=Synced)


class Checker:
    """Collects field errors so a form can show all of them at once."""

    __slots__ = ("errors", "row")   # one per record validated (a ledger import: ten thousand)

    def __init__(self, row: int | None = None):
        self.errors: list[ValidationError] = []
        self.row = row

    def __call__(self, fn, *args, **kw):
        try:
            return fn(*args, **kw)
        except ValidationError as exc:
            self._failed(exc)
            return None

    def fail(self, field: str, message: str) -> None:
        self.errors.append(ValidationError(field, message, row=self.row))

    def _failed(self, exc: ValidationError) -> None:
        exc.row = self.row
        self.errors.append(exc)

    # The validators a record's clean() calls most, each as ``check(validator, ...)``
    # does, without the generic call's packing and unpacking of its arguments (half
    # a microsecond a call: a ledger import cleans ten thousand rows at once). A value
    # already of its kind and valid (a ledger's reader typed it) is returned as the
    # validator would return it, without the call.
    def text(self, value, field: str, *, max_len: int = 200, required: bool = True) -> str | None:
        if value.__class__ is str:   # as require_text reads it
            text = _nfc("NFC", value).strip()
            if text and len(text) <= max_len:
                return text
        try:
            return require_text(value, field, max_len=max_len, required=required)
        except ValidationError as exc:
            self._failed(exc)
            return None

    def date(self, value, field: str, *, required: bool = False,
             not_after: dt.date | None = None) -> dt.date | None:
        if value.__class__ is dt.date and FIRST_YEAR <= value.year <= LAST_YEAR and \
                (not_after is None or value <= not_after):   # as parse_date reads it
            return value
        try:
            return parse_date(value, field, required=required, not_after=not_after)
        except ValidationError as exc:
            self._failed(exc)
            return None

    def money(self, value, field: str, *, required: bool = False) -> Decimal | None:
        if value.__class__ is Decimal:   # an amount parse_money has read (imports repeat them)
            try:
                known = AMOUNTS_READ.get(value)
            except TypeError:   # a signalling NaN cannot be hashed (parse_money refuses it)
                known = None
            if known is not None:
                return known
        try:
            return parse_money(value, field, required=required)
        except ValidationError as exc:
            self._failed(exc)
            return None

    def done(self) -> None:
        if self.errors:
            if len(self.errors) == 1:
                raise self.errors[0]
            raise ValidationErrors(self.errors)


class RecordService(Generic[M]):
    """Create / update / tombstone for one model. Subclasses give ``model`` and ``clean``."""

    model: type[M]
    #: fields that change only through explicit actions (stages), never by update()
    protected: tuple[str, ...] = ()
    #: foreign keys checked before writing: field -> model
    references: dict = {}
    #: values that are not columns but rows of their own (e.g. a visit's participants)
    extras: tuple[str, ...] = ()
    #: clean() leaves the dict it is given as it was (it builds its own): validate() then
    #: hands it the caller's dict instead of a copy (a ledger import validates ten thousand)
    clean_keeps_input: bool = False

    def __init__(self, ws: Workspace):
        self.ws = ws

    @property
    def table(self) -> str:
        return self.model.__tablename__

    # -- to override ---------------------------------------------------------
    def clean(self, values: dict, check: Checker, *, current: dict | None = None) -> dict:
        """Validate and normalise a full record's values; return them."""
        raise NotImplementedError

    def number_year(self, row: dict) -> int:
        return self.ws.today().year

    # -- reading ---------------------------------------------------------------
    def get(self, row_id: str, *, include_deleted: bool = False) -> M:
        with self.ws.read() as s:
            obj = s.get(self.model, row_id)
        if obj is None or (obj.deleted and not include_deleted):
            raise NotFoundError(f"记录不存在或已删除：{row_id}")
        return obj

    def values(self, row_id: str) -> dict:
        obj = self.get(row_id)
        return {c: getattr(obj, c) for c in TableInfo.of(self.model).columns}

    # -- writing -----------------------------------------------------------------
    def validate(self, data: dict, *, row: int | None = None, current: dict | None = None) -> dict:
        check = Checker(row)
        values = self.clean(data if self.clean_keeps_input else dict(data), check, current=current)
        if check.errors:
            check.done()
        return values

    def create(self, data: dict) -> str:
        return self.create_many([data])[0]

    def create_many(self, rows: Iterable[dict], *, first_row: int = 1) -> list[str]:
        """Validate every row, then insert them all in one transaction. Any invalid
        row refuses the whole batch (the errors name their rows)."""
        rows = list(rows)
        errors, cleaned = [], []
        for i, data in enumerate(rows):
            try:
                cleaned.append(self.validate(data, row=first_row + i if len(rows) > 1 else None))
            except ValidationErrors as exc:
                errors.extend(exc.errors)
            except ValidationError as exc:
                errors.append(exc)
        self._check_references(cleaned, errors)
        if errors:
            raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
        self.ws.check_can_edit(self.table, None)
        extras = [{k: r.pop(k) for k in self.extras if k in r} for r in cleaned]
        with self.ws.write() as w:
            ids = w.insert_many(self.model, cleaned, number_year=self.number_year)
            self.after_create(w, cleaned, ids, extras)
        return ids

    def after_create(self, w, rows: list[dict], ids: list[str], extras: list[dict]) -> None:
        """Insert dependent rows (stage history, participants) in the same transaction."""

    def update(self, row_id: str, changes: dict, *, seen: dict | None = None) -> dict:
        blocked = set(changes) & set(self.protected)
        if blocked:
            raise ValidationError(sorted(blocked)[0], "阶段只能通过“推进”操作改变")
        current = self.values(row_id)
        self.ws.check_can_edit(self.table, current["owner_site_id"])
        merged = self.validate({**current, **changes}, current=current)
        self._check_references([merged], None)
        new = {f: merged[f] for f in changes if f in merged and f not in self.extras}
        extras = {k: merged.get(k, changes[k]) for k in self.extras if k in changes}
        with self.ws.write() as w:
            # check_can_edit has decided (the city keeps the built-in catalogue)
            diff = w.update(self.model, row_id, new, seen=seen, allow_foreign=True)
            self.after_update(w, row_id, extras)
            return diff

    def after_update(self, w, row_id: str, extras: dict) -> None:
        """Rewrite dependent rows named in ``extras`` (a visit's participants, a
        company's contacts) in the same transaction as the record's update."""

    def delete(self, row_id: str) -> None:
        current = self.values(row_id)
        self.ws.check_can_edit(self.table, current["owner_site_id"])
        with self.ws.write() as w:
            w.delete(self.model, row_id, allow_foreign=True)

    # -- references ------------------------------------------------------------------
    def _check_references(self, rows: list[dict], errors: list | None) -> None:
        """Every referenced row exists and is live; a county writes only for its
        own units. One query per referenced table, whatever the batch size.
        A reference field may hold one id or a list of ids (extras)."""
        found: list[ValidationError] = []
        with self.ws.read() as s:
            for field, model in self.references.items():
                wanted: set[str] = set()
                for r in rows:
                    value = r.get(field)
                    if isinstance(value, (list, tuple, set)):
                        wanted.update(value)
                    elif value:
                        wanted.add(value)
                if not wanted:
                    continue
                live: set[str] = set()
                ids = list(wanted)
                for i in range(0, len(ids), 500):
                    live.update(s.scalars(select(model.id).where(model.id.in_(ids[i:i + 500]),
                                                                  ~model.deleted)))
                missing = wanted - live
                if missing:
                    found.append(ValidationError(field, f"引用的记录不存在：{sorted(missing)[0]}"))
            if "unit_id" in self.references and not self.ws.site.is_city:
                units = {r["unit_id"] for r in rows if r.get("unit_id")}
                if units:
                    own = set(s.scalars(select(Unit.id).where(Unit.id.in_(units),
                                                              Unit.site_id == self.ws.site.id)))
                    if units - own:
                        found.append(ValidationError("unit_id", "县级站点只能为本站点的招商单元录入"))
        if errors is None:
            if found:
                raise found[0] if len(found) == 1 else ValidationErrors(found)
        else:
            errors.extend(found)
