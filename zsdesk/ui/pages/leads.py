"""招商线索: leads with their stage and 亮灯 (days without progress, 搁置)."""

from __future__ import annotations

from zsdesk.ui.lists import ListPage


class LeadsPage(ListPage):
    KIND = "leads"
    TITLE = "招商线索"
    CHIPS = ("units", "industries", "stages", "years", "lights")
    SEARCH_HINT = "搜索编号、项目名称、企业（可用拼音或首字母）、责任人"
    NEW_LABEL = "新建线索"
