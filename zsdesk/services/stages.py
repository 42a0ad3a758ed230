"""The rules of stage moves, shared by leads and projects."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, select

from zsdesk.db.models import ChangeLog
from zsdesk.domain import STAGES_NEEDING_REASON
from zsdesk.errors import RefusedError, ValidationError
from zsdesk.validation import parse_date, require_text

FINAL = {"terminated", "defaulted"}
PAUSED = {"on_hold", "stalled"}


def check_move(*, flow: tuple[str, ...], side: tuple[str, ...], labels: dict[str, str],
               history: list[tuple[str, dt.date]], new_stage: str, new_date, reason,
               today: dt.date) -> tuple[dt.date, str | None]:
    """Validate a move from the last entry of ``history`` to ``new_stage``.
    Returns the parsed date and reason. Rules: a stage has a date, not in the
    future and not before the current stage's; flow stages only go forward
    (skipping is allowed); 搁置/停滞 may resume at or after where they left the
    flow; 终止/未履约 are final; side stages need a reason."""
    if new_stage not in flow and new_stage not in side:
        raise ValidationError("stage", f"未知阶段：{new_stage}")
    date = parse_date(new_date, "stage_date", required=True, not_after=today)
    current, current_date = history[-1]
    if current in FINAL:
        raise RefusedError(f"已{labels[current]}，不能再推进")
    if new_stage == current:
        raise RefusedError(f"已处于“{labels[current]}”阶段")
    if date < current_date:
        raise ValidationError("stage_date",
                              f"日期不能早于当前阶段“{labels[current]}”的日期{current_date.isoformat()}")
    last_flow = max((flow.index(s) for s, _ in history if s in flow), default=0)
    if new_stage in flow and flow.index(new_stage) < last_flow:
        raise RefusedError(f"阶段不能倒退：已到“{labels[flow[last_flow]]}”，不能回到“{labels[new_stage]}”")
    if new_stage in flow and flow.index(new_stage) == last_flow and current not in PAUSED:
        raise RefusedError(f"已处于“{labels[new_stage]}”阶段")
    reason = require_text(reason, "reason", max_len=2000, required=new_stage in STAGES_NEEDING_REASON)
    return date, reason


def stage_history_query(model, condition):
    """Stage history rows in the order they happened: by date, and within a day
    by the clock of the write that recorded them (the same order at every site)."""
    return (select(model).join(ChangeLog, and_(ChangeLog.tbl == model.__tablename__,
                                               ChangeLog.row_id == model.id, ChangeLog.op == "I"))
            .where(condition, ~model.deleted).order_by(model.stage_date, ChangeLog.hlc, ChangeLog.origin_site_id))
