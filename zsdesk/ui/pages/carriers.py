"""载体: land parcels, standard factories and office space, with free area and price."""

from __future__ import annotations

from zsdesk.ui.lists import ListPage


class CarriersPage(ListPage):
    KIND = "carriers"
    TITLE = "载体"
    CHIPS = ("units", "kinds")
    KINDS_LABEL = "类型"
    SEARCH_HINT = "搜索编号、载体名称、园区、地址"
    NEW_LABEL = "新建载体"
