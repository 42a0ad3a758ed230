"""The one way an instant is shown to a person: Beijing time, "2026-12-05 18:31".

Every screen, message and paper that shows a time calls ``format_timestamp``;
nothing depends on the computer's own time zone (a laptop set to UTC or to a
trip abroad still shows the office's time). Instants are kept in UTC
(``zsdesk.db.types.UTCDateTime``); a naive value is taken as UTC. No Qt here.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["BEIJING", "TIMESTAMP_FORMAT", "format_timestamp", "to_beijing"]

#: the format of every time shown: minutes, no seconds, no zone name
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M"

try:
    BEIJING: dt.tzinfo = ZoneInfo("Asia/Shanghai")
except ZoneInfoNotFoundError:  # no tz database (Windows without the tzdata package): China has no DST since 1991
    BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")


def to_beijing(value: dt.datetime | str) -> dt.datetime:
    """An instant (aware, naive UTC, or ISO text) as an aware Beijing time."""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(BEIJING)


def format_timestamp(value: dt.datetime | str | None) -> str:
    """An instant as people read it, "2026-12-05 18:31" (Beijing time); "" for none."""
    if value is None or value == "":
        return ""
    return to_beijing(value).strftime(TIMESTAMP_FORMAT)
