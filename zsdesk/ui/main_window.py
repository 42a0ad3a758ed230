"""The main window: a navigation pane, the pages (made on first show, from the
registry in ``zsdesk.ui.pages``), the status bar (database, last sync, running
work) and the shortcuts every page shares.

The window holds the one ``TaskRunner`` of the session and hands it to every
page; it routes a page's ``drill_down(table, row_ids, title)`` to the list page
of ``table``. Nothing here reads the database directly: status and the 同步
badge come from ``zsdesk.app.sync`` in the background.

At start-up the window is made before the database is opened (``MainWindow(None)``:
its frame, the navigation and "正在打开数据库…", painted while the database layer
is imported and the database opened) and ``attach(ws)`` fills it. So this module
imports nothing of the database layer at its top (``zsdesk.app.site`` is imported
where it is used). A first page that is a list can be made and filled before that
too (``show_first_screen``, rows read ahead with ``sqlite3``); ``attach`` then gives
it the workspace.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction, QColor, QFont, QFontMetrics, QIcon, QIconEngine, QKeySequence, QPainter, QPainterPath, QPen,
    QPixmap, QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QMainWindow, QMessageBox, QStackedWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
    QVBoxLayout, QWidget,
)

from zsdesk.app import __version__, format_timestamp
from zsdesk.ui import options
from zsdesk.ui.pages import PAGES, TABLE_PAGES, PageEntry, apply_my_staff, create_page
from zsdesk.ui.tasks import TaskRunner, TaskStatus, describe_error

log = logging.getLogger(__name__)

NAVY = "#1F3A5F"
NAV_TEXT = "#D5E0EE"
NAV_SELECTED = "#2D5584"
ACCENT = "#7FB3F0"
BADGE = "#D93025"
INK = "#1F2D3D"
MUTED = "#6B7A8F"

#: the first page is made once the window is painted, or after this long at the latest
FIRST_PAGE_LATEST_MS = 250
#: at start-up, the longest the window waits for its first screen's rows read ahead
FIRST_SCREEN_WAIT_S = 0.3

#: item data of the navigation list
KeyRole = Qt.ItemDataRole.UserRole + 1
BadgeRole = Qt.ItemDataRole.UserRole + 2
ShapeRole = Qt.ItemDataRole.UserRole + 3


def style_sheet(base_pt: float) -> str:
    """The window's look. Font sizes are points relative to the application
    font (HiDPI-clean: no pixel fonts)."""
    def pt(factor: float) -> str:
        return f"{base_pt * factor:.1f}pt"

    return f"""
QMainWindow, #pageBody, #placeholderPage, QStackedWidget {{ background: #F3F5F8; }}
#navPane {{ background: {NAVY}; }}
#navPane QLabel {{ color: #FFFFFF; background: transparent; }}
#brand {{ font-size: {pt(1.45)}; font-weight: bold; }}
#navSite {{ color: {NAV_TEXT}; font-size: {pt(0.92)}; }}
#navRole {{ color: {NAV_TEXT}; border: 1px solid rgba(255,255,255,0.35); border-radius: 8px;
           padding: 0 7px; font-size: {pt(0.85)}; }}
#navVersion {{ color: #8FA6C4; font-size: {pt(0.8)}; }}
#navList {{ background: transparent; border: none; outline: none; }}
#pageTitle {{ color: {INK}; font-size: {pt(1.55)}; font-weight: bold; }}
#pageNote {{ color: {MUTED}; font-size: {pt(0.95)}; }}
#paceChip {{ color: #FFFFFF; background: {NAVY}; border-radius: 4px; padding: 3px 10px;
            font-size: {pt(1.05)}; font-weight: bold; }}
#errorBanner {{ color: #8A1C1C; background: #FDECEA; border: 1px solid #F5C2BE; border-radius: 4px;
               padding: 6px 10px; }}
#sectionTitle {{ color: {INK}; font-size: {pt(1.12)}; font-weight: bold;
                border-left: 4px solid {NAVY}; padding-left: 8px; }}
#sectionNote {{ color: {MUTED}; font-size: {pt(0.9)}; }}
#kpiCard {{ background: #FFFFFF; border: 1px solid #DFE4EB; border-radius: 6px; }}
#kpiCard:hover {{ border-color: #9DB4D3; }}
#kpiCard:focus {{ border: 1px solid #2B5C8A; }}
#kpiCard QLabel {{ background: transparent; }}
#kpiTitle {{ color: #4A5A70; font-size: {pt(1.0)}; }}
#kpiValue {{ color: {INK}; font-size: {pt(1.8)}; font-weight: bold; }}
#kpiUnit {{ color: {MUTED}; font-size: {pt(1.0)}; }}
#kpiSub, #kpiMissing {{ color: {MUTED}; font-size: {pt(0.9)}; }}
#kpiTarget {{ color: #4A5A70; font-size: {pt(0.9)}; }}
#badgeAhead {{ color: #1E6B34; background: #E6F4EA; border-radius: 3px; padding: 1px 6px; font-size: {pt(0.9)}; }}
#badgeBehind {{ color: #B3261E; background: #FDECEA; border-radius: 3px; padding: 1px 6px; font-size: {pt(0.9)}; }}
#panel {{ background: #FFFFFF; border: 1px solid #DFE4EB; border-radius: 6px; }}
#panel QLabel {{ background: transparent; }}
#countLabel {{ color: {INK}; }}
#placeholderTitle {{ color: {INK}; font-size: {pt(1.35)}; font-weight: bold; }}
#placeholderText {{ color: #4A5A70; }}
#fieldError {{ color: #B3261E; font-size: {pt(0.9)}; }}
#readOnlyNote {{ color: #8A5300; background: #FFF6E0; border: 1px solid #F2DFAE; border-radius: 4px;
                padding: 6px 10px; }}
QTabWidget#reminderTabs::pane {{ border: none; }}
QTableView {{ background: #FFFFFF; alternate-background-color: #F7F9FC; border: none;
             gridline-color: #EDF0F4; selection-background-color: #DCE7F5; selection-color: {INK}; }}
QHeaderView::section {{ background: #EEF2F6; color: #3D4B5E; border: none;
                       border-right: 1px solid #E0E5EC; border-bottom: 1px solid #D5DCE5;
                       padding: 4px 5px; font-weight: bold; }}
QStatusBar {{ background: #E9EDF2; color: #4A5A70; }}
QStatusBar QLabel {{ color: #4A5A70; padding: 0 6px; }}
#migrationNote {{ color: #8A5300; }}
"""


# --- icons drawn with QPainter -----------------------------------------------------------------

def draw_shape(p: QPainter, shape: str, rect: QRectF, colour: QColor) -> None:
    """One of the navigation shapes, line-drawn in ``rect`` (a 24-unit grid)."""
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.width(), rect.height())
    p.translate(rect.center().x() - side / 2, rect.center().y() - side / 2)
    p.scale(side / 24, side / 24)
    pen = QPen(colour, 1.9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if shape == "grid":
        for x, y in ((3, 3), (13, 3), (3, 13), (13, 13)):
            p.drawRoundedRect(QRectF(x, y, 8, 8), 1.6, 1.6)
    elif shape == "visit":  # a person and a speech line
        p.drawEllipse(QPointF(9, 8), 3.6, 3.6)
        path = QPainterPath(QPointF(2.5, 20.5))
        path.cubicTo(QPointF(3, 15), QPointF(15, 15), QPointF(15.5, 20.5))
        p.drawPath(path)
        p.drawLine(QPointF(17, 6), QPointF(22, 6))
        p.drawLine(QPointF(17, 10.5), QPointF(21, 10.5))
    elif shape == "funnel":
        path = QPainterPath(QPointF(3, 4))
        for x, y in ((21, 4), (14, 12.5), (14, 20), (10, 18), (10, 12.5)):
            path.lineTo(x, y)
        path.closeSubpath()
        p.drawPath(path)
    elif shape == "flag":
        p.drawLine(QPointF(5, 21), QPointF(5, 3))
        path = QPainterPath(QPointF(5, 4))
        path.cubicTo(QPointF(10, 1.5), QPointF(13, 7), QPointF(19.5, 4))
        path.lineTo(19.5, 13)
        path.cubicTo(QPointF(13, 16), QPointF(10, 10.5), QPointF(5, 13))
        p.drawPath(path)
    elif shape == "building":
        p.drawRect(QRectF(4, 3, 11, 18))
        p.drawLine(QPointF(15, 9), QPointF(20, 9))
        p.drawLine(QPointF(20, 9), QPointF(20, 21))
        p.drawLine(QPointF(2.5, 21), QPointF(21.5, 21))
        for y in (7, 11, 15):
            p.drawLine(QPointF(7.5, y), QPointF(8.5, y))
            p.drawLine(QPointF(10.5, y), QPointF(11.5, y))
    elif shape == "parcel":  # a factory on its plot
        path = QPainterPath(QPointF(3, 20))
        for x, y in ((3, 10), (8, 13), (8, 10), (13, 13), (13, 5), (17, 5), (17, 20)):
            path.lineTo(x, y)
        path.closeSubpath()
        p.drawPath(path)
        p.drawLine(QPointF(1.5, 20), QPointF(22.5, 20))
        p.drawLine(QPointF(20, 20), QPointF(20, 14))
    elif shape == "chart":
        p.drawLine(QPointF(3, 21), QPointF(21, 21))
        for x, top in ((5, 13), (10.5, 6), (16, 10)):
            p.drawRoundedRect(QRectF(x, top, 3.5, 21 - top - 2), 0.8, 0.8)
    elif shape == "sync":
        p.drawArc(QRectF(4, 4, 16, 16), 30 * 16, 150 * 16)
        p.drawArc(QRectF(4, 4, 16, 16), 210 * 16, 150 * 16)
        p.drawLine(QPointF(18.9, 7.9), QPointF(19.2, 3.8))
        p.drawLine(QPointF(18.9, 7.9), QPointF(15, 7.2))
        p.drawLine(QPointF(5.1, 16.1), QPointF(4.8, 20.2))
        p.drawLine(QPointF(5.1, 16.1), QPointF(9, 16.8))
    elif shape == "sliders":
        for y, knob in ((6, 15), (12, 8), (18, 13)):
            p.drawLine(QPointF(3, y), QPointF(21, y))
            p.setBrush(colour)
            p.drawEllipse(QPointF(knob, y), 2.3, 2.3)
            p.setBrush(Qt.BrushStyle.NoBrush)
    elif shape == "review":  # a clipboard with a tick
        p.drawRoundedRect(QRectF(5, 4, 14, 17), 1.6, 1.6)
        p.drawLine(QPointF(9, 4), QPointF(15, 4))
        p.drawLine(QPointF(8.5, 13), QPointF(11, 15.5))
        p.drawLine(QPointF(11, 15.5), QPointF(15.5, 10))
    elif shape == "chain":  # three linked nodes, upstream to downstream
        for x, y in ((4.5, 17), (12, 7), (19.5, 17)):
            p.drawEllipse(QPointF(x, y), 3, 3)
        p.drawLine(QPointF(6.3, 14.6), QPointF(10.2, 9.4))
        p.drawLine(QPointF(13.8, 9.4), QPointF(17.7, 14.6))
        p.drawLine(QPointF(7.5, 17), QPointF(16.5, 17))
    elif shape == "event":  # a calendar page with a star-like mark
        p.drawRoundedRect(QRectF(3.5, 5, 17, 15.5), 1.6, 1.6)
        p.drawLine(QPointF(3.5, 9.5), QPointF(20.5, 9.5))
        p.drawLine(QPointF(8, 3), QPointF(8, 6.5))
        p.drawLine(QPointF(16, 3), QPointF(16, 6.5))
        p.drawLine(QPointF(9, 15), QPointF(11.5, 17.5))
        p.drawLine(QPointF(11.5, 17.5), QPointF(15.5, 12.5))
    else:
        p.drawEllipse(QRectF(5, 5, 14, 14))
    p.restore()


class ShapeIconEngine(QIconEngine):
    """A drawn icon, sharp at any size and device pixel ratio."""

    def __init__(self, shape: str, colour: str = INK):
        super().__init__()
        self.shape = shape
        self.colour = colour

    def paint(self, painter: QPainter, rect: QRect, mode, state) -> None:
        colour = QColor(self.colour)
        if mode == QIcon.Mode.Disabled:
            colour = QColor("#9AA5B4")
        draw_shape(painter, self.shape, QRectF(rect), colour)

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return ShapeIconEngine(self.shape, self.colour)


def shape_icon(shape: str, colour: str = INK) -> QIcon:
    return QIcon(ShapeIconEngine(shape, colour))


class NavDelegate(QStyledItemDelegate):
    """A navigation entry: drawn icon, label, and a count badge (e.g. open conflicts)."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        return QSize(option.rect.width(), round(QFontMetrics(option.font).height() * 2.5))

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected:
            p.fillRect(r, QColor(NAV_SELECTED))
            p.fillRect(QRect(r.left(), r.top(), 4, r.height()), QColor(ACCENT))
        elif hovered:
            p.fillRect(r, QColor(255, 255, 255, 22))
        colour = QColor("#FFFFFF" if selected else NAV_TEXT)
        fm = QFontMetrics(option.font)
        icon_side = round(fm.height() * 1.25)
        icon = QRectF(r.left() + 18, r.center().y() - icon_side / 2, icon_side, icon_side)
        draw_shape(p, index.data(ShapeRole) or "", icon, colour)

        badge = index.data(BadgeRole) or 0
        badge_rect = QRectF()
        if badge:
            small = QFont(option.font)
            small.setPointSizeF(option.font.pointSizeF() * 0.85)
            small.setBold(True)
            text = str(badge) if badge < 100 else "99+"
            sfm = QFontMetrics(small)
            h = sfm.height() + 2
            w = max(h, sfm.horizontalAdvance(text) + 10)
            badge_rect = QRectF(r.right() - 14 - w, r.center().y() - h / 2, w, h)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(BADGE))
            p.drawRoundedRect(badge_rect, h / 2, h / 2)
            p.setPen(QColor("#FFFFFF"))
            p.setFont(small)
            p.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, text)
        font = QFont(option.font)
        font.setBold(selected)
        p.setFont(font)
        p.setPen(colour)
        left = icon.right() + 12
        right = (badge_rect.left() - 6) if badge else r.right() - 10
        text_rect = QRectF(left, r.top(), max(right - left, 0), r.height())
        p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   QFontMetrics(font).elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "",
                                                 Qt.TextElideMode.ElideRight, int(text_rect.width())))
        p.restore()


# --- the window ------------------------------------------------------------------------------------

class MainWindow(QMainWindow):
    """招商桌面 main window for one open workspace. ``MainWindow(None)`` is its frame
    while the database is being opened (the pages' names, "正在打开数据库…");
    ``attach(ws)`` then makes it the window of that workspace."""

    #: the window has been painted once
    painted = Signal()

    def __init__(self, ws=None, parent=None, *, pages: tuple[PageEntry, ...] | None = None):
        super().__init__(parent)
        self.ws = None
        self.entries: tuple[PageEntry, ...] = tuple(pages or PAGES)
        self.pages: dict[str, QWidget] = {}
        self.conflicts = 0
        self.tasks = TaskRunner(self)
        self.tasks.unhandled_error.connect(self._task_failed)
        # a write may have been a sync import or a conflict resolved: read the status again
        self.tasks.task_finished.connect(lambda task: self.refresh_status() if task.write else None)
        self._status_loading = False
        self._status_again = False   # asked for while a read ran: read once more after it
        self._painted = False
        self._first_page_due = False

        self.setWindowTitle(self.tr("招商桌面"))
        self.setStyleSheet(style_sheet(QApplication.font().pointSizeF() if QApplication.font().pointSizeF() > 0
                                       else 10.0))
        self._build("\u00a0", "")   # the site's line and chip keep their room: nothing moves when they fill
        policy = self.role_chip.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.role_chip.setSizePolicy(policy)
        self.role_chip.hide()
        self._build_menus()
        self._build_status_bar()
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(0)
        self.nav.blockSignals(False)
        if ws is not None:
            self.attach(ws)

    def attach(self, ws) -> None:
        """The workspace is open: the site in the title and the navigation, the
        database in the status bar, the sync state read in the background, and the
        first page (a module to import, widgets, its data to read) made once the
        window is painted: the frame appears at once at start-up."""
        self.ws = ws
        apply_my_staff(ws)   # 本机使用人 signs every change (change_log.actor)
        for page in self.pages.values():  # made ahead (``show_first_screen``): now they read
            if getattr(page, "ws", ws) is None and hasattr(page, "attach"):
                page.attach(ws)
        site = ws.site
        self._show_site(site.name, site.is_city)
        self.role_chip.show()
        self._show_database()
        self._first_page_due = True
        if self._painted:
            QTimer.singleShot(0, self, self._show_first_page)
        else:  # should the window not be painted (not shown, hidden), at the latest after this long
            QTimer.singleShot(FIRST_PAGE_LATEST_MS, self, self._show_first_page)
        self.refresh_status()

    @property
    def opening(self) -> bool:
        """The frame is shown while the database is being opened (no workspace yet)."""
        return self.ws is None

    @property
    def was_painted(self) -> bool:
        return self._painted

    def import_ahead(self) -> None:
        """Import the modules the window needs first, without reading anything: the
        first page's and the status bar's (``zsdesk.app.sync``). Start-up does it
        while the database is checked, so that they do not share the interpreter
        with the first page's query later. A page that cannot be imported says so
        when it is made."""
        from zsdesk.ui.pages import PageUnavailable, page_class

        try:
            page_class(self.entry(self.current_key()))
        except PageUnavailable:
            pass
        import zsdesk.app.sync  # noqa: F401  (read_sync_state's, on a worker thread)

    def show_first_screen(self, read, wait_s: float = FIRST_SCREEN_WAIT_S):
        """At start-up, before the database is open: make the first page, a list,
        and show the rows of its opening query that ``read`` (a
        ``zsdesk.app.listing.FirstScreenRead`` under way) gives within ``wait_s``.
        The page, or None: then nothing of it is left, and the first page is made
        once the database is open, as without this. ``attach`` gives the page the
        workspace; it reads its list again (the rows shown stay where they are the same)."""
        key = self.current_key()
        if self.ws is not None or self.pages or key != read.query.kind:
            return None
        from zsdesk.ui.pages import page_class

        try:
            page = page_class(self.entry(key))(None, self.tasks, self.stack)
        except Exception:  # (PageUnavailable too) the page says why once the database is open
            log.debug("start-up: the first page cannot be made ahead", exc_info=True)
            return None
        first = read.page(wait_s)
        if first is None or not page.show_first_page(first, read.total(0)):
            log.debug("start-up: no first screen ahead (%s)", "not read" if first is None else "another query")
            page.deleteLater()
            return None
        self._add_page(key, page)
        self.stack.setCurrentWidget(page)
        self.new_action.setEnabled(hasattr(page, "new_record"))
        self.search_action.setEnabled(hasattr(page, "focus_search"))
        return page

    def drop_first_screen(self) -> None:
        """The rows shown ahead go (a damaged database: nothing of it stays on screen)."""
        if self.ws is None:
            for page in self.pages.values():
                self.stack.removeWidget(page)
                page.deleteLater()
            self.pages.clear()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
        if self._first_page_due:
            self._first_page_due = False
            QTimer.singleShot(0, self, self._show_first_page)  # once this paint is on screen

    def _show_first_page(self) -> None:
        self._first_page_due = False
        # not shown yet (a page asked for meanwhile is made by then; one made ahead at
        # start-up is shown unless another was chosen in the navigation meanwhile)
        if self.ws is not None and self.current_key() not in self.pages:
            self.show_page(self.current_key())

    # -- layout -------------------------------------------------------------------------------
    def _build(self, site_name: str, role: str) -> None:
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._build_nav(site_name, role))
        self.stack = QStackedWidget()
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_nav(self, site_name: str, role: str) -> QWidget:
        pane = QFrame(objectName="navPane")
        box = QVBoxLayout(pane)
        box.setContentsMargins(0, 16, 0, 12)
        box.setSpacing(4)
        head = QVBoxLayout()
        head.setContentsMargins(18, 0, 14, 10)
        head.setSpacing(6)
        head.addWidget(QLabel(self.tr("招商桌面"), objectName="brand"))
        self.site_label = QLabel(site_name, objectName="navSite")
        self.site_label.setWordWrap(True)
        head.addWidget(self.site_label)
        chip_row = QHBoxLayout()
        self.role_chip = QLabel(role, objectName="navRole")
        chip_row.addWidget(self.role_chip)
        chip_row.addStretch(1)
        head.addLayout(chip_row)
        box.addLayout(head)

        self.nav = QListWidget(objectName="navList")
        self.nav.setItemDelegate(NavDelegate(self.nav))
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.nav.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.nav.setMouseTracking(True)
        self.nav.setAccessibleName(self.tr("导航"))
        for i, entry in enumerate(self.entries):
            item = QListWidgetItem(entry.title)
            item.setData(KeyRole, entry.key)
            item.setData(ShapeRole, entry.icon)
            item.setData(BadgeRole, 0)
            if i < 9:
                item.setToolTip(self.tr("{0}（Ctrl+{1}）").format(entry.title, i + 1))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._nav_changed)
        box.addWidget(self.nav, 1)
        version = QLabel(f"zsdesk {__version__}", objectName="navVersion")
        version.setContentsMargins(18, 0, 0, 0)
        box.addWidget(version)

        fm = QFontMetrics(QApplication.font())
        widest = max((fm.horizontalAdvance(e.title) for e in self.entries), default=0)
        # left margin, icon, gap, label, room for a badge
        pane.setFixedWidth(max(150, 18 + round(fm.height() * 1.25) + 12 + widest + 14 + 2 * fm.height()))
        return pane

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        self.refresh_action = QAction(self.tr("刷新(&R)"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.refresh)
        file_menu.addAction(self.refresh_action)

        def import_ledgers() -> None:   # the 导入Excel台账 wizard (zsdesk/ui/ledger_wizard.py)
            if self.ws is None:
                return  # the database is being opened
            from zsdesk.ui.ledger_wizard import LedgerImportWizard

            self.ledger_wizard = LedgerImportWizard(self.ws, self.tasks, self)
            self.ledger_wizard.imported.connect(lambda _check: self.refresh())
            self.ledger_wizard.open()
        self.import_ledgers_action = QAction(self.tr("导入Excel台账(&I)…"), self)
        self.import_ledgers_action.triggered.connect(import_ledgers)
        file_menu.addAction(self.import_ledgers_action)
        file_menu.addSeparator()
        leave = QAction(self.tr("退出(&X)"), self)
        leave.setShortcut(QKeySequence.StandardKey.Quit)
        leave.triggered.connect(self.close)
        file_menu.addAction(leave)

        edit_menu = self.menuBar().addMenu(self.tr("编辑(&E)"))
        self.new_action = QAction(self.tr("新建记录(&N)"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(lambda: self._page_call("new_record", self.tr("这一页没有可新建的记录")))
        self.search_action = QAction(self.tr("查找(&F)"), self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(lambda: self._page_call("focus_search", self.tr("这一页没有搜索框")))
        edit_menu.addAction(self.new_action)
        edit_menu.addAction(self.search_action)
        # Ctrl+S belongs to the forms: the window binds nothing to it.

        go_menu = self.menuBar().addMenu(self.tr("转到(&G)"))
        self.page_actions: dict[str, QAction] = {}
        for i, entry in enumerate(self.entries):
            action = QAction(shape_icon(entry.icon), entry.title, self)
            if i < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _=False, key=entry.key: self.show_page(key) if self.ws else None)
            go_menu.addAction(action)
            self.page_actions[entry.key] = action

        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        about = QAction(self.tr("关于招商桌面(&A)"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(True)
        self.opening_label = QLabel(self.tr("正在打开数据库…"))
        bar.addWidget(self.opening_label)
        self.migration_label = QLabel(objectName="migrationNote")
        self.migration_label.hide()
        bar.addWidget(self.migration_label, 1)
        self.task_status = TaskStatus(self.tasks)
        bar.addPermanentWidget(self.task_status)
        self.db_label = QLabel()
        self.sync_label = QLabel(self.tr("尚未同步"))
        self.sync_label.setToolTip(self.tr("本站点还没有导入或导出过同步文件"))
        bar.addPermanentWidget(self.db_label)
        bar.addPermanentWidget(self.sync_label)
        self.db_label.hide()
        self.sync_label.hide()

    def _show_database(self) -> None:
        """The open database in the status bar (and what opening it migrated)."""
        from zsdesk.app.site import database_location, migration_note

        where = database_location(self.ws)
        self.opening_label.hide()
        self.db_label.setText(self.tr("数据库：{0}").format(where))
        self.db_label.setToolTip(where)
        self.db_label.show()
        self.sync_label.show()
        note = migration_note(self.ws)
        if note:
            self.show_migration_note(note)

    def show_migration_note(self, note: str) -> None:
        self.migration_label.setText(note)
        self.migration_label.setToolTip(note)
        self.migration_label.show()

    # -- pages --------------------------------------------------------------------------------
    def entry(self, key: str) -> PageEntry:
        for e in self.entries:
            if e.key == key:
                return e
        raise KeyError(key)

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(KeyRole) if item else self.entries[0].key

    def current_page(self) -> QWidget | None:
        if self.ws is None:
            return None  # the database is being opened
        if self._first_page_due or not self.pages:
            self._show_first_page()  # asked for before the window was painted
        return self.pages.get(self.current_key())

    def page(self, key: str) -> QWidget:
        """The page of ``key``, made now if it was not yet."""
        if key not in self.pages:
            self._add_page(key, create_page(self.entry(key), self.ws, self.tasks, self.stack))
        return self.pages[key]

    def _add_page(self, key: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)
        for name, slot in (("drill_down", self.show_rows), ("sync_changed", self.refresh_status),
                           ("data_changed", self.refresh_status)):
            signal = getattr(page, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)
        self._release_window_keys(page)

    def _release_window_keys(self, page: QWidget) -> None:
        """The window owns Ctrl+N, Ctrl+F, F5 and Ctrl+1…9 and routes them to the
        page (``new_record``, ``focus_search``, ``refresh``). A page's own
        shortcut on one of these keys would make both ambiguous, so that neither
        fires: the page's is switched off."""
        owned = [seq for action in (self.new_action, self.search_action, self.refresh_action,
                                    *self.page_actions.values()) for seq in action.shortcuts()]
        for shortcut in page.findChildren(QShortcut):
            if any(shortcut.key() == seq for seq in owned):
                shortcut.setEnabled(False)
                log.debug("page %s: its shortcut %s is the window's", type(page).__name__,
                          shortcut.key().toString())

    def show_page(self, key: str) -> QWidget:
        """Switch to the page of ``key``; a page shown again is refreshed."""
        fresh = key not in self.pages
        page = self.page(key)
        row = [e.key for e in self.entries].index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self.stack.setCurrentWidget(page)
        self.new_action.setEnabled(hasattr(page, "new_record"))
        self.search_action.setEnabled(hasattr(page, "focus_search"))
        if not fresh and hasattr(page, "refresh"):
            page.refresh()
        return page

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self.entries) and self.ws is not None:
            self.show_page(self.entries[row].key)
            self.refresh_status()

    def _page_call(self, method: str, otherwise: str) -> None:
        if self.ws is None:
            return  # the database is being opened
        page = self.current_page()
        fn = getattr(page, method, None)
        if fn is None:
            self.statusBar().showMessage(otherwise, 4000)
            return
        fn()

    def show_rows(self, table: str, row_ids: list, title: str) -> None:
        """Drill-down: the list page of ``table`` shows exactly ``row_ids``."""
        if not row_ids:
            self.statusBar().showMessage(self.tr("“{0}”没有明细记录").format(title), 5000)
            return
        key = TABLE_PAGES.get(table)
        if key is None or key not in [e.key for e in self.entries]:
            self.statusBar().showMessage(self.tr("没有列出这类记录的页面：{0}").format(table), 5000)
            return
        page = self.show_page(key)
        show = getattr(page, "show_rows", None)
        if show is None:
            self.statusBar().showMessage(
                self.tr("“{0}”页面暂不可用，无法列出这{1}条记录").format(self.entry(key).title, len(row_ids)), 6000)
            return
        show(table, list(row_ids), title)

    def refresh(self) -> None:
        """F5: the current page and the status bar read again."""
        page = self.current_page()
        if page is not None and hasattr(page, "refresh"):
            page.refresh()
        self.refresh_status()

    # -- status: last sync and open conflicts ---------------------------------------------------
    def refresh_status(self) -> None:
        if self.ws is None:
            return
        if self._status_loading:
            # the read under way may have started before the change that asks for this one
            self._status_again = True
            return
        self._status_loading = True
        self._status_again = False
        self.tasks.run(read_sync_state, self.ws, title=self.tr("读取同步状态"), write=False, progress=False,
                       on_done=self._show_sync_state, on_error=self._sync_state_failed)

    def _status_read(self) -> None:
        self._status_loading = False
        if self._status_again:
            self.refresh_status()

    def _show_sync_state(self, state: tuple[str | None, int, str, bool]) -> None:
        text, conflicts, site_name, is_city = state
        self.sync_label.setText(text or self.tr("尚未同步"))
        self.sync_label.setToolTip(text or self.tr("本站点还没有导入或导出过同步文件"))
        self.set_badge("sync", conflicts, self.tr("{0} 个同步冲突待处理").format(conflicts))
        self.conflicts = conflicts
        self._show_site(site_name, is_city)
        self._status_read()

    def _show_site(self, name: str, is_city: bool) -> None:
        """The site's name in the title and the navigation pane (it changes when a county joins)."""
        role = self.tr("市级") if is_city else self.tr("县级")
        self.setWindowTitle(self.tr("{0} · {1} — 招商桌面").format(name, role))
        self.site_label.setText(name)
        self.role_chip.setText(role)

    def _sync_state_failed(self, exc: BaseException) -> None:
        self.sync_label.setText(self.tr("同步状态不可用"))
        self.sync_label.setToolTip(describe_error(exc))
        self._status_read()

    def set_badge(self, key: str, count: int, tip: str = "") -> None:
        row = [e.key for e in self.entries].index(key) if key in [e.key for e in self.entries] else -1
        if row < 0:
            return
        item = self.nav.item(row)
        item.setData(BadgeRole, count)
        title = self.entry(key).title
        item.setToolTip(f"{title}（{tip}）" if count and tip else title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title} {count}" if count else title)

    def badge(self, key: str) -> int:
        row = [e.key for e in self.entries].index(key)
        return int(self.nav.item(row).data(BadgeRole) or 0)

    # -- errors, closing, about ----------------------------------------------------------------------
    def _task_failed(self, task, exc: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("招商桌面"),
                          self.tr("“{0}”未能完成。").format(task.title or self.tr("后台工作")),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(describe_error(exc))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def restore_geometry(self) -> bool:
        saved = options.window_geometry.get()
        return not saved.isEmpty() and self.restoreGeometry(saved)

    def closeEvent(self, event) -> None:
        options.window_geometry.set(self.saveGeometry())
        # Let running writes finish (each is one transaction); readers are cancelled.
        busy = self.tasks.busy()
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.tasks.shutdown()
        finally:
            if busy:
                QApplication.restoreOverrideCursor()
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("关于招商桌面"), self.tr(
            "<b>招商桌面</b> zsdesk {0}<br>县级招商单元与市招商办的离线工作台。<br><br>"
            "界面字体：文泉驿微米黑（Apache-2.0）").format(__version__))


def read_sync_state(ws) -> tuple[str | None, int, str, bool]:
    """(the last sync in words or None, the number of open conflicts, the site's name, whether it is
    the city) — read in the background."""
    from zsdesk.app.sync import sync_badge

    badge = sync_badge(ws)
    text = None
    if badge.export_is_latest and badge.sent_waiting:
        text = QCoreApplication.translate("MainWindow", "已导出 {0} 给“{1}”，待对方导入").format(
            format_timestamp(badge.sent_at), badge.sent_to)
    elif badge.ack_text is not None:
        text = badge.ack_text
    elif badge.export_is_latest:
        text = QCoreApplication.translate("MainWindow", "最近同步：{0} 导出给“{1}”").format(
            format_timestamp(badge.sent_at), badge.sent_to)
    elif badge.last_at is not None:
        text = QCoreApplication.translate("MainWindow", "最近同步：{0} 导入“{1}”的文件").format(
            format_timestamp(badge.last_at), badge.last_from)
    site = ws.site
    return text, badge.open_conflicts, site.name, site.is_city
