"""产业链图谱: one industry's chain drawn from 上游 to 下游 (issue 16). Each node is a
box with its counts and its gap (断点 / 强链), and on it the companies as chips
coloured by status: 已落地 projects by stage, 在谈 leads, 目标企业 marks. A click on
a chip opens the record; a click on a node selects it for "标记目标企业…". An
industry combo, a unit filter, and "导出产业招商指南…" (the PDF of this chain).
The rules are zsdesk.chains' (docs/DOMAIN.md#chains)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox, QGraphicsItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView,
    QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QVBoxLayout, QWidget,
)

from zsdesk.app import chains
from zsdesk.ui.pages import scope_unit_ids
from zsdesk.ui.pages.reviews import WriteDialog
from zsdesk.ui.widgets.feedback import FEEDBACK_STYLE, Banner
from zsdesk.ui.widgets.pickers import ChoiceCombo
from zsdesk.ui.widgets.files import open_in_system

translate = QCoreApplication.translate  # lupdate reads translate("Context", "literal")

COLUMN_W, NODE_GAP, CHIP_H, MARGIN = 330.0, 18.0, 22.0, 12.0   # COLUMN_W: the narrowest column
#: chips shown on a node per kind before "+N"
CHIPS_PER_KIND = 12
GAP_COLOURS = {chains.GAP_BREAK: "#D40000", chains.GAP_STRENGTHEN: "#D98200", None: "#2E7D32"}
#: chip fill by status: landed projects by stage, leads in talks, targets
STAGE_COLOURS = {"signed": "#D6E4FF", "registered": "#C7DBFF", "started": "#FFE3B8", "completed": "#FFD591",
                 "producing": "#C8EBC3", "effective": "#A7DDA0", "stalled": "#F0F0F0"}
TALK_COLOUR = "#F2F2F2"
TARGET_COLOUR = "#EADCF8"


def position_text(position: str) -> str:
    return {"上游": translate("ChainsPage", "上游"), "中游": translate("ChainsPage", "中游"),
            "下游": translate("ChainsPage", "下游")}.get(position, position)


def gap_text(gap: str | None) -> str:
    if gap == chains.GAP_BREAK:
        return translate("ChainsPage", "断点·补链")
    if gap == chains.GAP_STRENGTHEN:
        return translate("ChainsPage", "强链")
    return translate("ChainsPage", "稳固")


def role_text(role: str) -> str:
    return {"龙头": translate("ChainsPage", "龙头"), "配套": translate("ChainsPage", "配套"),
            "其他": translate("ChainsPage", "其他")}.get(role, role)


class ChipItem(QGraphicsRectItem):
    """A company on a node; a click opens its record (``page.open_chip``)."""

    def __init__(self, page: ChainsPage, chip: chains.Chip, width: float):
        super().__init__(0, 0, width, CHIP_H)
        self.page, self.chip = page, chip
        if chip.kind == "landed":
            fill, border = STAGE_COLOURS.get(chip.status, "#E8E8E8"), "#7A8BA6"
        elif chip.kind == "talks":
            fill, border = TALK_COLOUR, "#A0A0A0"
        else:
            fill, border = TARGET_COLOUR, "#8E5CC8"
        self.setBrush(QBrush(QColor(fill)))
        pen = QPen(QColor(border))
        if chip.kind == "talks":
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAcceptHoverEvents(True)
        status = chip.status_label if chip.kind != "target" else role_text(chip.status)
        label = QGraphicsSimpleTextItem(self)
        font = QFont(page.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        label.setFont(font)
        text = f"{status} · {chip.company_name}"
        label.setText(QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, int(width - 8)))
        label.setPos(4, (CHIP_H - label.boundingRect().height()) / 2)
        self.setToolTip(self._tooltip())

    def _tooltip(self) -> str:
        c = self.chip
        kind = {"landed": translate("ChainsPage", "已落地项目"), "talks": translate("ChainsPage", "在谈项目"),
                "target": translate("ChainsPage", "目标企业")}[c.kind]
        lines = [f"{kind}：{c.company_name}"]
        if c.kind != "target":
            lines.append(f"{c.title}（{c.status_label}）")
        else:
            lines.append(translate("ChainsPage", "类型：{0}").format(role_text(c.status)))
        lines.append(translate("ChainsPage", "招商单元：{0}").format(c.unit_name))
        lines.append(translate("ChainsPage", "单击打开记录"))
        return "\n".join(lines)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.page.open_chip(self.chip)
            event.accept()
            return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event) -> None:
        if self.chip.kind != "target":
            return
        menu = QMenu()
        remove = menu.addAction(translate("ChainsPage", "取消目标企业标记"))
        if menu.exec(event.screenPos()) is remove:
            self.page.unmark(self.chip)


class NodeItem(QGraphicsRectItem):
    """A chain node's box; a click selects it."""

    def __init__(self, page: ChainsPage, node: chains.Node, width: float, height: float):
        super().__init__(0, 0, width, height)
        self.page, self.node = page, node
        self.setBrush(QBrush(QColor("#FFFFFF")))
        self.setPen(QPen(QColor(GAP_COLOURS[node.gap]), 2.2 if node.gap else 1.2))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)

    def mousePressEvent(self, event) -> None:
        self.page.select_node(self.node.id)
        event.accept()

    def set_selected(self, on: bool) -> None:
        self.setBrush(QBrush(QColor("#FFF8E1" if on else "#FFFFFF")))


class ChainView(QGraphicsView):
    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setBackgroundBrush(QBrush(QColor("#FAFAFA")))


class MarkTargetDialog(WriteDialog):
    """标记目标企业: a company of the 客商库 as 龙头 / 配套 / 其他 of one node, for a unit."""

    def __init__(self, ws, nodes: tuple[chains.Node, ...], units: list[tuple[str, str]],
                 node_id: str | None = None, parent=None):
        from zsdesk.ui.forms import company_picker

        super().__init__(ws, translate("ChainsPage", "标记目标企业"), parent)
        self.node = ChoiceCombo()
        self.node.set_choices((n.id, f"{position_text(n.position)} · {n.name}") for n in nodes)
        self.node.setValue(node_id or (nodes[0].id if nodes else None))
        self.form.addRow(self.tr("产业链环节"), self.node)
        self.company = company_picker(ws)
        self.form.addRow(self.tr("企业"), self.company)
        self.role = ChoiceCombo()
        self.role.set_choices((r, role_text(r)) for r in chains.TARGET_ROLES)
        self.role.setValue("龙头")
        self.form.addRow(self.tr("目标类型"), self.role)
        self.unit = ChoiceCombo()
        self.unit.set_choices(units)
        if units:
            self.unit.setCurrentIndex(0)
        self.form.addRow(self.tr("招商单元"), self.unit)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("例如：省级龙头企业，拟扩产"))
        self.form.addRow(self.tr("备注"), self.note)
        if not nodes:
            self.problem.show_message(self.tr("本产业没有产业链环节，不能标记目标企业。"), "info")
            self.ok_button.setEnabled(False)

    def accept(self) -> None:
        missing = [label for label, value in ((self.tr("产业链环节"), self.node.value()),
                                              (self.tr("企业"), self.company.value()),
                                              (self.tr("招商单元"), self.unit.value())) if not value]
        if missing:
            self.problem.show_message(self.tr("请选择：{0}").format("、".join(missing)), "error")
            return
        self.write(chains.mark_target, self.node.value(), self.company.value(), self.unit.value(),
                   self.role.value(), self.note.text().strip() or None)


class AddNodeDialog(WriteDialog):
    """(City) a new chain node of the industry shown: its name and position."""

    def __init__(self, ws, industry_id: str, industry_name: str, parent=None):
        super().__init__(ws, translate("ChainsPage", "新增产业链环节"), parent)
        self.industry_id = industry_id
        self.form.addRow(self.tr("产业"), QLabel(industry_name))
        self.position = ChoiceCombo()
        self.position.set_choices((p, position_text(p)) for p in chains.POSITIONS)
        self.position.setValue("中游")
        self.form.addRow(self.tr("位置"), self.position)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("例如：冷链装备"))
        self.form.addRow(self.tr("环节名称"), self.name)
        note = QLabel(self.tr("新环节随同步文件发到各县区。"))
        note.setWordWrap(True)
        self.form.addRow(note)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.problem.show_message(self.tr("请填写环节名称"), "error")
            self.name.setFocus()
            return
        self.write(chains.add_node, self.industry_id, self.name.text().strip(), self.position.value())


class ChainsPage(QWidget):
    """The 产业链图谱 page (see the module docstring)."""

    #: the chain on screen was drawn (tests and screenshots wait for it)
    loaded = Signal()

    def __init__(self, ws, tasks, parent=None):
        super().__init__(parent)
        self.ws, self.tasks = ws, tasks
        self.data: chains.ChainMap | None = None
        self.selected_node: str | None = None
        self.node_items: dict[str, NodeItem] = {}
        self.chip_items: list[ChipItem] = []
        self.dialog: WriteDialog | None = None
        self.last_opened: tuple[str, str] | None = None
        self.guide_task = None
        self.guide_path: str | None = None
        self.units: list[tuple[str, str]] = []
        self._drawn_width = 0.0
        self.setStyleSheet(FEEDBACK_STYLE)

        title = QLabel(self.tr("产业链图谱"), objectName="pageTitle")
        self.industry = QComboBox()
        self.industry.setToolTip(self.tr("产业"))
        self.industry.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.unit = QComboBox()
        self.unit.setToolTip(self.tr("只看一个招商单元的项目、线索和目标企业"))
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mark_button = QPushButton(self.tr("标记目标企业…"))
        self.mark_button.setToolTip(self.tr("把客商库中的企业标记为所选环节的龙头或配套目标企业"))
        self.mark_button.clicked.connect(self.mark_target)
        self.node_button = QPushButton(self.tr("新增环节…"))
        self.node_button.setToolTip(self.tr("（市级）为本产业新增一个产业链环节"))
        self.node_button.clicked.connect(self.add_node)
        self.node_button.setVisible(ws.site.is_city)
        self.guide_button = QPushButton(self.tr("导出产业招商指南…"))
        self.guide_button.setToolTip(self.tr("生成本产业的产业招商指南（PDF）：图谱、各环节企业、断点与强链、适宜载体、责任单元"))
        self.guide_button.clicked.connect(lambda: self.export_guide())
        self.open_guide_button = QPushButton(self.tr("打开指南"))
        self.open_guide_button.clicked.connect(self.open_guide)
        self.open_guide_button.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("产业")))
        top.addWidget(self.industry)
        top.addWidget(QLabel(self.tr("单元")))
        top.addWidget(self.unit)
        top.addStretch(1)
        top.addWidget(self.node_button)
        top.addWidget(self.mark_button)
        top.addWidget(self.guide_button)
        top.addWidget(self.open_guide_button)
        self.banner = Banner()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.scene = QGraphicsScene(self)
        self.view = ChainView(self.scene)
        legend = QLabel(self.tr("框线：红色 断点（无落地项目，补链）；橙色 强链（已落地项目中投产不足{0}个）；绿色 稳固。"
                                "色块：蓝 签约/注册，橙 开工/竣工，绿 投产/达效，灰虚线 在谈，紫 目标企业。单击色块打开记录，"
                                "单击环节选中它。").format(chains.STRONG_PRODUCING))
        legend.setWordWrap(True)
        legend.setObjectName("hint")
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.banner)
        box.addWidget(self.summary)
        box.addWidget(self.view, 1)
        box.addWidget(legend)
        self.industry.currentIndexChanged.connect(lambda _i: self.load_chain())
        self.unit.currentIndexChanged.connect(lambda _i: self.load_chain())
        self.refresh()

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the industries and units again (a sync may have brought new ones), then the chain."""
        self.tasks.run(_choices, self.ws, scope_unit_ids(self.ws), title=self.tr("读取产业"), write=False,
                       progress=False, on_done=self._show_choices, on_error=self._read_failed)

    def _show_choices(self, result) -> None:
        industries, units = result
        kept = (self.industry.currentData(), self.unit.currentData())
        for combo in (self.industry, self.unit):
            combo.blockSignals(True)
        self.industry.clear()
        for c in industries:
            self.industry.addItem(c.name, c.id)
        self.unit.clear()
        if self.ws.site.is_city or len(units) != 1:
            self.unit.addItem(self.tr("全部单元"), None)
        for uid, name in units:
            self.unit.addItem(name, uid)
        for combo, value in zip((self.industry, self.unit), kept):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value else 0)
            combo.blockSignals(False)
        self.units = units
        if not industries:
            self.banner.show_message(self.tr("产业目录是空的：由市级在产业目录中设置产业及其上游、中游、下游环节后即可查看。"),
                                     "info")
        self.mark_button.setEnabled(bool(industries))
        self.guide_button.setEnabled(bool(industries) and self.guide_task is None)
        self.node_button.setEnabled(bool(industries))
        self.load_chain()

    def unit_ids(self) -> list[str] | None:
        uid = self.unit.currentData()
        if uid:
            return [uid]
        return scope_unit_ids(self.ws)

    def load_chain(self) -> None:
        industry = self.industry.currentData()
        if not industry:   # the choices are not read yet (or there is no chain at all)
            return
        self.tasks.run(chains.load_chain, self.ws, industry, self.unit_ids(), title=self.tr("读取产业链"),
                       write=False, progress=False, on_done=self._show, on_error=self._read_failed)

    def _read_failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.banner.show_message(self.tr("无法读取产业链：{0}").format(describe_error(exc)), "error")

    def _show(self, data: chains.ChainMap) -> None:
        if data.industry_id != self.industry.currentData():
            return  # an earlier industry's answer, after the combo moved on
        self.data = data
        if self.selected_node not in {n.id for n in data.nodes}:
            self.selected_node = None
        breaks = [n.name for n in data.nodes if n.gap == chains.GAP_BREAK]
        weak = [n.name for n in data.nodes if n.gap == chains.GAP_STRENGTHEN]
        text = self.tr("{0}：{1}个环节，已落地项目{2}个，在谈{3}个，目标企业{4}家。").format(
            data.industry_name, len(data.nodes), sum(len(n.landed) for n in data.nodes),
            sum(len(n.talks) for n in data.nodes), sum(len(n.targets) for n in data.nodes))
        text += (self.tr("断点：{0}。").format("、".join(breaks)) if breaks else self.tr("无断点。"))
        text += (self.tr("需强链：{0}。").format("、".join(weak)) if weak else "")
        if not data.nodes:
            text = self.tr("{0}还没有产业链环节。").format(data.industry_name) + (
                self.tr("点“新增环节…”设置上游、中游、下游环节。") if self.ws.site.is_city
                else self.tr("产业链环节由市级设置，随同步文件到达。"))
        if data.unplaced:
            text += self.tr("另有{0}个项目或线索未选产业链环节。").format(len(data.unplaced))
        self.summary.setText(text)
        self._draw(data)
        self.loaded.emit()

    # -- drawing ----------------------------------------------------------------------------------
    def column_width(self) -> float:
        """A third of the view's width (scroll bar left room for), at least ``COLUMN_W``."""
        return max(COLUMN_W, (self.view.viewport().width() - 8) / 3)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.data is not None and abs(self.column_width() - self._drawn_width) > 24:
            self._draw(self.data)

    def _draw(self, data: chains.ChainMap) -> None:
        self._drawn_width = column = self.column_width()
        self.scene.clear()
        self.node_items, self.chip_items = {}, []
        head_font = QFont(self.font())
        head_font.setPointSizeF(head_font.pointSizeF() * 1.15)
        head_font.setBold(True)
        line = self.fontMetrics().height()
        for col, position in enumerate(chains.POSITIONS):
            x = col * column
            head = QGraphicsRectItem(x + MARGIN, 0, column - 2 * MARGIN, line * 1.8)
            head.setBrush(QBrush(QColor("#F2E6E6")))
            head.setPen(QPen(Qt.PenStyle.NoPen))
            self.scene.addItem(head)
            label = QGraphicsSimpleTextItem(position_text(position))
            label.setFont(head_font)
            label.setPos(x + column / 2 - label.boundingRect().width() / 2, line * 0.9 - label.boundingRect().height() / 2)
            self.scene.addItem(label)
            if col < 2:
                arrow = QGraphicsSimpleTextItem("→")
                arrow.setFont(head_font)
                arrow.setPos(x + column - arrow.boundingRect().width() / 2, line * 0.9 - arrow.boundingRect().height() / 2)
                self.scene.addItem(arrow)
            y = line * 1.8 + NODE_GAP
            for node in data.at(position):
                y += self._draw_node(node, x + MARGIN, y, column - 2 * MARGIN) + NODE_GAP
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-4, -4, 4, 4))
        self._mark_selected()

    def _draw_node(self, node: chains.Node, x: float, y: float, width: float) -> float:
        line = self.fontMetrics().height()
        rows: list[tuple[str, list[chains.Chip]]] = [
            (self.tr("已落地 {0}（投产 {1}）").format(len(node.landed), node.producing), list(node.landed)),
            (self.tr("在谈 {0}").format(len(node.talks)), list(node.talks)),
            (self.tr("目标企业 {0}").format(len(node.targets)), list(node.targets)),
        ]
        chip_w = (width - 24) / 2
        height = line * 2.2
        for _title, chips_ in rows:
            shown = min(len(chips_), CHIPS_PER_KIND)
            height += line * 1.4 + ((shown + 1) // 2) * (CHIP_H + 4) + (line if len(chips_) > CHIPS_PER_KIND else 0)
        box = NodeItem(self, node, width, height + 6)
        box.setPos(x, y)
        self.scene.addItem(box)
        self.node_items[node.id] = box
        name = QGraphicsSimpleTextItem(node.name, box)
        bold = QFont(self.font())
        bold.setBold(True)
        name.setFont(bold)
        name.setPos(8, 6)
        gap = QGraphicsSimpleTextItem(gap_text(node.gap), box)
        gap.setBrush(QBrush(QColor(GAP_COLOURS[node.gap])))
        gap.setFont(bold)
        gap.setPos(width - gap.boundingRect().width() - 8, 6)
        cy = line * 2.0
        for title, chips_ in rows:
            caption = QGraphicsSimpleTextItem(title, box)
            caption.setBrush(QBrush(QColor("#555555")))
            caption.setPos(8, cy)
            cy += line * 1.4
            for i, chip in enumerate(chips_[:CHIPS_PER_KIND]):
                item = ChipItem(self, chip, chip_w)
                item.setParentItem(box)
                item.setPos(8 + (i % 2) * (chip_w + 8), cy + (i // 2) * (CHIP_H + 4))
                self.chip_items.append(item)
            cy += ((min(len(chips_), CHIPS_PER_KIND) + 1) // 2) * (CHIP_H + 4)
            if len(chips_) > CHIPS_PER_KIND:
                more = QGraphicsSimpleTextItem(self.tr("另有{0}家，见产业招商指南").format(len(chips_) - CHIPS_PER_KIND), box)
                more.setBrush(QBrush(QColor("#777777")))
                more.setPos(8, cy)
                cy += line
        return height + 6

    def select_node(self, node_id: str) -> None:
        self.selected_node = node_id
        self._mark_selected()

    def _mark_selected(self) -> None:
        for nid, item in self.node_items.items():
            item.set_selected(nid == self.selected_node)

    def chips(self, kind: str | None = None) -> list[ChipItem]:
        return [c for c in self.chip_items if kind is None or c.chip.kind == kind]

    # -- actions -----------------------------------------------------------------------------------
    def open_chip(self, chip: chains.Chip) -> None:
        """Open the record behind a chip: the project, the lead, or the company."""
        from zsdesk.ui.forms import open_record

        self.last_opened = (chip.table, chip.row_id)
        if open_record(self, self.ws, chip.table, chip.row_id):
            self.load_chain()

    def mark_target(self) -> None:
        if self.data is None:
            return
        own = list(self.units)
        if self.unit.currentData():
            own = [u for u in own if u[0] == self.unit.currentData()] or own
        self.dialog = MarkTargetDialog(self.ws, self.data.nodes, own, self.selected_node, self)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def add_node(self) -> None:
        if self.data is None or not self.ws.site.is_city:
            return
        self.dialog = AddNodeDialog(self.ws, self.data.industry_id, self.data.industry_name, self)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _dialog_closed(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result:
            self.banner.show_message(self.tr("已新增产业链环节。") if isinstance(dialog, AddNodeDialog)
                                     else self.tr("已标记目标企业。"), "info")
            self.refresh()

    def unmark(self, chip: chains.Chip) -> None:
        if chip.mark_id is None:
            return
        self.tasks.run(chains.unmark_target, self.ws, chip.mark_id, title=self.tr("取消目标企业标记"),
                       on_done=lambda _r: self.load_chain(), on_error=self._write_failed)

    def _write_failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.banner.show_message(self.tr("没有保存：{0}").format(describe_error(exc)), "error")

    def export_guide(self, path: str | None = None) -> None:
        """Ask where to save the guide of the industry shown, then write it on the task runner."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from zsdesk.ui import options

        if self.guide_task is not None or self.data is None:
            return
        if path is None:
            folder = options.start_folder(options.brief_folder)
            path, _ = QFileDialog.getSaveFileName(self, self.tr("产业招商指南保存为"),
                                                  str(Path(folder) / chains.guide_file_name(self.data.industry_name)),
                                                  self.tr("PDF 文件 (*.pdf)"))
            if not path:
                return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        options.brief_folder.set(str(Path(path).parent))
        self.guide_button.setEnabled(False)
        self.open_guide_button.setVisible(False)
        self.guide_task = self.tasks.run(chains.make_guide, self.ws, self.data.industry_id, path,
                                         unit_ids=self.unit_ids(), title=self.tr("生成产业招商指南"), write=False,
                                         on_done=self._guide_made, on_error=self._guide_failed)

    def _guide_made(self, path) -> None:
        self.guide_task = None
        self.guide_path = str(path)
        self.guide_button.setEnabled(True)
        self.open_guide_button.setVisible(True)
        self.banner.show_message(self.tr("已生成产业招商指南：{0}。点“打开指南”查看或打印。").format(path), "info")

    def _guide_failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.guide_task = None
        self.guide_button.setEnabled(True)
        self.banner.show_message(self.tr("没有生成产业招商指南：{0}").format(describe_error(exc)), "error")

    def open_guide(self) -> None:
        if self.guide_path:
            open_in_system(self.guide_path)


def _choices(ws, unit_ids):
    """(industries with chain nodes, [(unit id, name)] the page may filter by)."""
    from zsdesk.app import reference

    units = [(u.id, u.name) for u in reference.list_units(ws) if unit_ids is None or u.id in unit_ids]
    return chains.list_industries(ws), units
