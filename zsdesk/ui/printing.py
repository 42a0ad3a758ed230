"""Printing a PDF from the window: each page rendered with QtPdf into a printer.

``choose_printer`` asks with the system's print dialog (None: the user
cancelled); ``print_pdf`` renders page after page (one image in memory at a
time) at the printer's resolution, at most ``MAX_DPI``, and draws it centred on
the printable area, keeping its proportions. ``print_pdf`` touches no widget:
it may run on the task runner's worker (Qt lets a thread paint on a QPrinter),
and it stops between pages when its task is cancelled.

Without QtPdf (a reduced install) ``qtpdf_available()`` is False and the caller
opens the PDF in the system's viewer instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from zsdesk.app import ZsdeskError

#: pages are rendered at the printer's resolution, but no finer than this
MAX_DPI = 300


class PrintError(ZsdeskError):
    """The PDF could not be read or the printer refused to start (a message for people)."""


def _t(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def qtpdf_available() -> bool:
    try:
        import PySide6.QtPdf  # noqa: F401 - only whether it is installed
    except ImportError:
        return False
    return True


def new_printer(doc_name: str) -> QPrinter:
    """A high-resolution printer set to A4 portrait, the brief's paper."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDocName(doc_name)
    return printer


def choose_printer(parent: QWidget | None, doc_name: str, printer: QPrinter | None = None) -> QPrinter | None:
    """The printer (and copies, pages …) chosen in the print dialog; None when cancelled."""
    printer = printer or new_printer(doc_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_t("打印“{0}”").format(doc_name))
    try:
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def print_pdf(path: str | Path, printer: QPrinter, *, report: Callable | None = None,
              cancelled: Callable[[], bool] = lambda: False) -> int:
    """Print every page of the PDF at ``path`` on ``printer`` (within the page
    range chosen in the print dialog, if any). Returns the number of pages sent.
    ``report(done, total, text)`` follows the pages; ``cancelled()`` is asked
    before each page. Raises ``PrintError`` when the file cannot be read or the
    printer cannot start."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    try:
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_ or document.pageCount() == 0:
            raise PrintError(_t("无法读取要打印的 PDF 文件：{0}").format(path))
        pages = _pages(printer, document.pageCount())
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(_t("打印机无法开始打印，请检查打印机是否连接、是否有纸。"))
        sent = 0
        try:
            for n, index in enumerate(pages):
                if cancelled():
                    printer.abort()      # nothing of a stopped job reaches the paper
                    break
                if report is not None:   # a cancelled task's ``report`` raises: aborted below
                    report(n, len(pages), _t("正在打印第{0}页，共{1}页").format(n + 1, len(pages)))
                if n:
                    printer.newPage()
                _draw(painter, document, index, dpi)
                sent += 1
        except BaseException:
            printer.abort()
            raise
        finally:
            painter.end()
        if report is not None:
            report(len(pages), len(pages), "")
        return sent
    finally:
        document.close()


def _pages(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages to print: all, or the range chosen in the dialog."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or count, count)
        return list(range(first - 1, last))
    return list(range(count))


def _draw(painter: QPainter, document, index: int, dpi: int) -> None:
    size = document.pagePointSize(index)
    image = document.render(index, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72)))
    if image.hasAlphaChannel():   # QtPdf leaves the paper transparent: print it white
        page = QImage(image.size(), QImage.Format.Format_RGB32)
        page.fill(QColor("white"))
        with_paper = QPainter(page)
        with_paper.drawImage(0, 0, image)
        with_paper.end()
        image = page
    area = painter.viewport()
    scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(area.x() + (area.width() - scaled.width()) / 2,
                    area.y() + (area.height() - scaled.height()) / 2, scaled.width(), scaled.height())
    painter.drawImage(target, image)
