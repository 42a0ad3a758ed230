"""What the window shows for a page that is not available (not written yet, or
broken): the page's name, why, and what still works. The 同步 placeholder also
shows this site's sync status, read in the background."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from zsdesk.app import format_timestamp
from zsdesk.ui.error_text import log_sentence
from zsdesk.ui.pages import PageEntry


class PlaceholderPage(QWidget):
    """A calm notice in place of a page."""

    def __init__(self, ws, tasks, parent=None, *, entry: PageEntry | None = None, reason: str = "",
                 missing: bool = True):
        super().__init__(parent)
        self.ws, self.tasks = ws, tasks
        self.entry = entry
        self.reason = reason
        self.missing = missing
        title = entry.title if entry else self.tr("页面")
        self.setObjectName("placeholderPage")

        box = QVBoxLayout(self)
        box.setContentsMargins(40, 40, 40, 40)
        box.setSpacing(12)
        card = QFrame(objectName="panel")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(10)
        self.title_label = QLabel(objectName="placeholderTitle")
        self.message_label = QLabel(objectName="placeholderText")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if missing:
            self.title_label.setText(self.tr("“{0}”页面暂不可用").format(title))
            self.message_label.setText(self.tr(
                "这一页面尚未包含在当前版本中，将在后续版本提供。\n其他页面照常使用，数据不受影响。"))
        else:
            self.title_label.setText(self.tr("“{0}”页面暂时无法打开").format(title))
            self.message_label.setText(self.tr(
                "打开这一页面时出错：{0}\n其他页面照常使用，数据没有改动。{1}"
            ).format(reason, log_sentence()))
        inner.addWidget(self.title_label)
        inner.addWidget(self.message_label)
        self.detail_box = inner
        box.addWidget(card)
        box.addStretch(1)

    def text(self) -> str:
        """Everything the notice says (for tests and accessibility)."""
        return "\n".join(w.text() for w in self.findChildren(QLabel))


class SyncStatusPlaceholder(PlaceholderPage):
    """同步 until its page exists: the notice plus this site's sync status."""

    def __init__(self, ws, tasks, parent=None, **kw):
        super().__init__(ws, tasks, parent, **kw)
        self.status_label = QLabel(objectName="placeholderText")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_box.addSpacing(8)
        self.detail_box.addWidget(self.status_label)
        self.refresh()

    def refresh(self) -> None:
        self.status_label.setText(self.tr("正在读取同步状态…"))
        self.tasks.run(_read_status, self.ws, title=self.tr("读取同步状态"), write=False,
                       progress=False, on_done=self._show, on_error=self._failed)

    def _show(self, found: tuple[dict, str | None, int]) -> None:
        status, ack, conflicts = found
        lines = [self.tr("本站点：{0}（{1}）").format(status["site"]["name"], status["site"]["code"])]
        if not status["peers"]:
            lines.append(self.tr("尚未与任何站点交换过同步文件。"))
        for peer in status["peers"]:
            received = _when(peer["last_received_at"]) or self.tr("未收到")
            lines.append(self.tr("· {0}（{1}）：已收到第 {2} 号文件（{3}），已发出第 {4} 号").format(
                peer["name"], peer["code"], peer["last_received_seq"] or 0, received,
                peer["last_sent_seq"] or 0))
        if ack:
            lines.append(ack)
        if status["pending"]:
            lines.append(self.tr("有 {0} 个同步文件在等待缺失的前序文件。").format(len(status["pending"])))
        lines.append(self.tr("待处理冲突：{0} 个").format(conflicts))
        lines.append(self.tr("在此页面提供之前，请用命令行导出和导入：zsdesk sync export / zsdesk sync import。"))
        self.status_label.setText("\n".join(lines))

    def _failed(self, exc: BaseException) -> None:
        from zsdesk.ui.tasks import describe_error

        self.status_label.setText(self.tr("无法读取同步状态：{0}").format(describe_error(exc)))


def _read_status(ws) -> tuple[dict, str | None, int]:
    from zsdesk.app.sync import sync_status

    return sync_status(ws)


def _when(iso: str | None) -> str | None:
    return format_timestamp(iso) or None


def placeholder_for(entry: PageEntry, ws, tasks, parent=None, *, reason: str = "",
                    missing: bool = True) -> PlaceholderPage:
    cls = SyncStatusPlaceholder if entry.key == "sync" else PlaceholderPage
    return cls(ws, tasks, parent, entry=entry, reason=reason, missing=missing)
