"""载体: land parcels, standard factories and office space."""

from __future__ import annotations

from sqlalchemy import select

from zsdesk.db.models import Carrier, Unit
from zsdesk.domain import CARRIER_KINDS
from zsdesk.services.base import Checker, RecordService
from zsdesk.validation import parse_money, require_choice, require_text


class CarrierService(RecordService[Carrier]):
    model = Carrier
    references = {"unit_id": Unit}

    def clean(self, values: dict, check: Checker, *, current=None) -> dict:
        out = {k: values[k] for k in ("id", "number", "unit_id") if values.get(k) is not None}
        if not values.get("unit_id"):
            check.fail("unit_id", "请选择招商单元")
        out["name"] = check(require_text, values.get("name"), "name", max_len=120)
        out["kind"] = check(require_choice, values.get("kind"), "kind", CARRIER_KINDS)
        for field, size in (("park", 80), ("address", 200), ("notes", 5000)):
            out[field] = check(require_text, values.get(field), field, max_len=size, required=False)
        out["area"] = check(parse_money, values.get("area"), "area")
        out["free_area"] = check(parse_money, values.get("free_area"), "free_area")
        out["price"] = check(parse_money, values.get("price"), "price")
        if out["area"] is not None and out["free_area"] is not None and out["free_area"] > out["area"]:
            check.fail("free_area", "空置面积不能大于总面积")
        return out

    def choices(self, unit_id: str | None = None) -> list[Carrier]:
        """Live carriers (of one unit, if given), by number: a project's carrier picker."""
        with self.ws.read() as s:
            q = select(Carrier).where(~Carrier.deleted).order_by(Carrier.number)
            if unit_id:
                q = q.where(Carrier.unit_id == unit_id)
            return list(s.scalars(q))
