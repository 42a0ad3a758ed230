"""What every printed report shares: the embedded CJK font, paragraph styles,
"第 x 页 共 y 页" page numbers and a few flowables ReportLab lacks.

The font is the WenQuanYi Micro Hei shipped in ``resources/fonts`` (TrueType
outlines, so ReportLab embeds a subset); nothing depends on the fonts of the
machine that prints. The face has no bold: headings are drawn with a thin
outline over the fill ("fake bold"), as office printers do with 黑体.
"""

from __future__ import annotations

import threading

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from zsdesk.resources import CJK_FONT, ResourceMissing, resource_path

FONT = "WQYMicroHei"
RED = colors.HexColor("#D40000")        # 红头 red
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#666666")
RULE_GREY = colors.HexColor("#999999")
HEAD_FILL = colors.HexColor("#F2E6E6")  # table header: a pale red, prints well in grey too
ZEBRA = colors.HexColor("#F7F7F7")
MARK_FILL = colors.HexColor("#FFF2B3")  # the unit a 预检 brief is made for

_lock = threading.Lock()


def register_font() -> str:
    """Register the shipped CJK font once per process; returns its name."""
    with _lock:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            path = resource_path(*CJK_FONT)
            if not path.is_file():
                raise ResourceMissing(f"缺少字体文件 {path}，安装可能不完整")
            # face 0 of the collection is the proportional "WenQuanYi Micro Hei"
            pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
            # No bold/italic faces: map them to the one face so <b> never falls back
            # to a Latin-only standard font.
            from reportlab.lib.fonts import addMapping
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT, bold, italic, FONT)
            keep_closing_marks_off_line_starts()
    return FONT


#: full-width marks that must not begin a line (避头点) and that ReportLab's own
#: list lacks: it has "。、）」』" but not "，；：！？" nor "》"
CANNOT_START = "，；：！？％》"
#: the ReportLab major versions whose line breaking was read for the patch below
_PATCHED_MAJORS = ("4", "5")


def keep_closing_marks_off_line_starts() -> bool:
    """Add ``CANNOT_START`` to the marks ReportLab's CJK wrapping (``wordWrap="CJK"``)
    hangs at the end of a line instead of starting the next line with them.

    ReportLab has no option for this list: both splitters read a module-level
    string, ``ALL_CANNOT_START``. ``textsplit.wordSplit`` serves a paragraph of one
    plain run; ``paragraph.cjkFragSplit`` serves one with markup (``<font>``,
    ``<b>``, colours), and reads the copy ``platypus.paragraph`` bound at import,
    so both strings are extended. Returns False, changing nothing, on a ReportLab
    whose line breaking was not checked (pyproject caps the version).
    Limit, as in ReportLab: one mark hangs; the second of two adjacent marks
    ("）。") that overflow together still starts a line."""
    import reportlab
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    modules = (textsplit, paragraph)
    if (reportlab.Version.split(".")[0] not in _PATCHED_MAJORS
            or not all(isinstance(getattr(m, "ALL_CANNOT_START", None), str) for m in modules)):
        return False
    for module in modules:
        current = module.ALL_CANNOT_START
        module.ALL_CANNOT_START = current + "".join(ch for ch in CANNOT_START if ch not in current)
    return True


def styles() -> dict[str, ParagraphStyle]:
    font = register_font()
    base = ParagraphStyle("body", fontName=font, fontSize=11.5, leading=20, textColor=INK,
                          alignment=TA_JUSTIFY, firstLineIndent=23, wordWrap="CJK")
    return {
        "body": base,
        "plain": ParagraphStyle("plain", parent=base, firstLineIndent=0),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=12.5, textColor=GREY,
                               firstLineIndent=0, spaceBefore=2),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=11, textColor=INK,
                               wordWrap="CJK"),
        "cell_c": ParagraphStyle("cell_c", fontName=font, fontSize=8.5, leading=11, textColor=INK,
                                 wordWrap="CJK", alignment=TA_CENTER),
        "cell_r": ParagraphStyle("cell_r", fontName=font, fontSize=8.5, leading=11, textColor=INK,
                                 wordWrap="CJK", alignment=TA_RIGHT),
        "head": ParagraphStyle("head", fontName=font, fontSize=8.5, leading=11, textColor=INK,
                               wordWrap="CJK", alignment=TA_CENTER),
        "caption": ParagraphStyle("caption", parent=base, fontSize=10, leading=15, firstLineIndent=0,
                                  alignment=TA_LEFT, spaceBefore=6, spaceAfter=3),
    }


class BoldLine(Flowable):
    """One line of text in fake bold, shrunk to fit the width if it must."""

    def __init__(self, text: str, size: float, *, colour=INK, align: str = "left",
                 space_before: float = 0, space_after: float = 0, tracking: float = 0):
        super().__init__()
        self.text, self.size, self.colour, self.align = text, size, colour, align
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.tracking = tracking

    def _width(self, size: float) -> float:
        return (pdfmetrics.stringWidth(self.text, FONT, size)
                + self.tracking * size * max(len(self.text) - 1, 0))

    def wrap(self, avail_width, avail_height):
        self.avail = avail_width
        self.fit = self.size
        while self.fit > 6 and self._width(self.fit) > avail_width:
            self.fit -= 0.5
        return avail_width, self.fit * 1.35

    def draw(self):
        c = self.canv
        width = self._width(self.fit)
        x = {"left": 0, "center": (self.avail - width) / 2, "right": self.avail - width}[self.align]
        draw_bold(c, x, self.fit * 0.3, self.text, self.fit, self.colour, tracking=self.tracking)


def draw_bold(c, x: float, y: float, text: str, size: float, colour, *, tracking: float = 0) -> None:
    t = c.beginText(x, y)
    t.setFont(FONT, size)
    t.setFillColor(colour)
    c.setStrokeColor(colour)
    c.setLineWidth(size * 0.035)
    t.setTextRenderMode(2)  # fill, then stroke the outline
    if tracking:
        t.setCharSpace(tracking * size)
    t.textOut(text)
    # Tr and Tc are text state: they outlive the text object unless reset.
    t.setTextRenderMode(0)
    if tracking:
        t.setCharSpace(0)
    c.drawText(t)


class Rule(Flowable):
    """A horizontal rule across the frame."""

    def __init__(self, thickness: float, colour, *, space_before: float = 0, space_after: float = 0):
        super().__init__()
        self.thickness, self.colour = thickness, colour
        self.spaceBefore, self.spaceAfter = space_before, space_after

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.thickness

    def draw(self):
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)


class AtFoot(Flowable):
    """Flowables pinned to the bottom of the frame (the 报尾 of a 简报): it takes
    the rest of the page, or starts a new page when the rest is too short."""

    def __init__(self, content: list[Flowable]):
        super().__init__()
        self.content = content

    def _height(self, avail_width):
        total = 0
        for f in self.content:
            _, h = f.wrap(avail_width, 10_000)
            total += h + f.getSpaceBefore() + f.getSpaceAfter()
        return total

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.needed = self._height(avail_width)
        # Fill the rest of the frame when it fits; otherwise ask for a new page.
        self.height = avail_height - 0.5 if avail_height - 0.5 >= self.needed else self.needed
        return avail_width, self.height

    def draw(self):
        y = self.needed
        for f in self.content:
            _, h = f.wrap(self.width, 10_000)
            y -= f.getSpaceBefore() + h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()


class NumberedCanvas(Canvas):
    """Writes "第 x 页 共 y 页" at the foot of every page once the count is known."""

    def __init__(self, *args, **kwargs):
        # The page preamble selects a font before any text: make it ours, not
        # Helvetica (which would be listed as a font the PDF does not embed).
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = register_font()
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _ = self._pagesize
        self.setFont(FONT, 9)
        self.setFillColor(GREY)
        self.drawCentredString(width / 2, 12 * mm, f"第 {self._pageNumber} 页 共 {total} 页")


def data_table(rows: list[list], widths: list[float], *, header_rows: int = 1,
               align_right: tuple[int, ...] = (), align_center: tuple[int, ...] = (),
               marked_rows: tuple[int, ...] = (), extra: list | None = None) -> Table:
    """A ruled table whose header repeats on every page it runs onto."""
    table = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="CENTER")
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5, 11),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE_GREY),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.9, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if len(rows) > header_rows + 4:
        style.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    for col in align_right:
        style.append(("ALIGN", (col, header_rows), (col, -1), "RIGHT"))
    for col in align_center:
        style.append(("ALIGN", (col, header_rows), (col, -1), "CENTER"))
    for row in marked_rows:
        style.append(("BACKGROUND", (0, row), (-1, row), MARK_FILL))
    table.setStyle(TableStyle(style + (extra or [])))
    return table


def p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def escape(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
