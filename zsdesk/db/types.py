"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import BigInteger, String
from sqlalchemy.types import TypeDecorator


_ONE = Decimal(1)


def new_id() -> str:
    return str(uuid.uuid4())


class ScaledDecimal(TypeDecorator):
    """An exact decimal stored as a scaled BIGINT (SQLite's NUMERIC is a float).

    ``Money`` (万元, 6 places: one 分) and ``Quantity`` (4 places: 亩, m²,
    ratios) are the two uses. Sums in SQL stay exact integers.
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, places: int = 6):
        super().__init__()
        self.places = places
        self.factor = 10**places

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return int(Decimal(value).scaleb(self.places))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        value = int(value)
        if not value % self.factor:  # a whole amount, as most are: 12000000000 -> 12000
            return Decimal(value // self.factor)
        d = Decimal(value).scaleb(-self.places)
        # shortest exact form without an exponent: 12000.000000 -> 12000, 1.500000 -> 1.5
        return d.quantize(_ONE) if d == d.to_integral_value() else d.normalize()

    def to_db(self, value):
        return None if value is None else int(Decimal(value).scaleb(self.places))


def Money() -> ScaledDecimal:
    return ScaledDecimal(6)


def Quantity() -> ScaledDecimal:
    return ScaledDecimal(4)


class UTCDateTime(TypeDecorator):
    """An instant stored in UTC as ISO text, returned as an aware datetime."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return dt.datetime.fromisoformat(value)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
