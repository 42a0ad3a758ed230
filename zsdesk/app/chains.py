"""产业链图谱 and the 产业招商指南 as the window and the command line need them:
the chain map of an industry (``zsdesk.chains.ChainMap``, frozen), marking a
company as a 目标企业 of a node, and the guide as a PDF."""

from __future__ import annotations

from pathlib import Path

from zsdesk.chains import (
    GAP_BREAK, GAP_STRENGTHEN, POSITIONS, STRONG_PRODUCING, TARGET_ROLES, ChainMap, Chip, IndustryChoice, Node,
    add_node, chain_map, find_industry, industries, mark_target, unmark_target,
)

__all__ = ["GAP_BREAK", "GAP_STRENGTHEN", "POSITIONS", "STRONG_PRODUCING", "TARGET_ROLES", "ChainMap", "Chip",
           "IndustryChoice", "Node", "add_node", "find_industry", "guide_file_name", "list_industries", "load_chain",
           "make_guide", "mark_target", "unmark_target"]


def list_industries(ws) -> tuple[IndustryChoice, ...]:
    """The industries with chain nodes, in catalogue order."""
    return tuple(industries(ws))


def load_chain(ws, industry_id: str, unit_ids: list[str] | None = None) -> ChainMap:
    """The chain map of one industry; ``unit_ids``: only these units' records."""
    return chain_map(ws, industry_id, unit_ids)


def guide_file_name(industry_name: str) -> str:
    from zsdesk.app.documents import safe_file_name

    return safe_file_name(f"{industry_name}产业招商指南") + ".pdf"


def make_guide(ws, industry_id: str, out, *, unit_ids: list[str] | None = None,
               unit_code: str | None = None) -> Path:
    """Write the 产业招商指南 of one industry to ``out`` (.pdf). ``unit_code``: one
    unit's (its name printed as the unit responsible); ``unit_ids``: these units'
    records (a county's window: its own units)."""
    from zsdesk.app.reviews import unit_by_code
    from zsdesk.reports.guide import write_guide

    label = None
    if unit_code:
        unit_ids = [unit_by_code(ws, unit_code)]
    if unit_ids is not None and len(unit_ids) == 1:
        label = next((u.name for u in ws.reference.list_units(include_inactive=True) if u.id == unit_ids[0]), None)
    return write_guide(ws, industry_id, out, unit_ids=unit_ids, unit_label=label)
