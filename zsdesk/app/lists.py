"""The record lists (拜访, 线索, 项目, 客商, 载体): the queries behind them.

``ListQuery`` and ``Column`` are plain values; the functions of
``zsdesk.services.queries`` return ids and plain row tuples."""

from zsdesk.services import queries
from zsdesk.services.queries import Column, ListQuery

__all__ = ["Column", "ListQuery", "queries"]
