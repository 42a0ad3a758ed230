"""What every printed report shares: the embedded CJK fonts, paragraph styles,
"第 x 页 共 y 页" page numbers and a few flowables ReportLab lacks.

The fonts are shipped in ``resources/fonts`` (TrueType outlines, so ReportLab
embeds a subset); nothing depends on the fonts of the machine that prints.
WenQuanYi Micro Hei (a sans-serif, 黑体-like) sets tables and headings; AR PL
UMing CN (a Song/明体 face, cut to GB 2312 by tools/subset_uming.py) sets the
简报's title and body text, as GB/T 9704 documents use 小标宋 and 仿宋; a
character outside its subset falls back to WenQuanYi (``song_markup``).
Neither face has a bold: headings and titles are drawn with a thin outline
over the fill ("fake bold"), as office printers do.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from zsdesk.resources import CJK_FONT, ResourceMissing, resource_path
from zsdesk.timefmt import format_timestamp

FONT = "WQYMicroHei"
SONG = "UMingCN"
SONG_FONT = ("fonts", "uming-gb2312.ttf")
RED = colors.HexColor("#D40000")        # 红头 red
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#666666")
RULE_GREY = colors.HexColor("#999999")
HEAD_FILL = colors.HexColor("#F2E6E6")  # table header: a pale red, prints well in grey too
ZEBRA = colors.HexColor("#F7F7F7")
MARK_FILL = colors.HexColor("#FFF2B3")  # the unit a 预检 brief is made for

_lock = threading.Lock()
T = TypeVar("T")


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


def register_song() -> str:
    """Register the shipped Song (明体) face once per process; returns its name."""
    register_font()
    with _lock:
        if SONG not in pdfmetrics.getRegisteredFontNames():
            path = resource_path(*SONG_FONT)
            if not path.is_file():
                raise ResourceMissing(f"缺少字体文件 {path}，安装可能不完整")
            pdfmetrics.registerFont(TTFont(SONG, str(path)))
            from reportlab.lib.fonts import addMapping
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(SONG, bold, italic, SONG)
    return SONG


def has_glyphs(font: str, text: str) -> bool:
    """Whether ``font`` (registered, or the shipped Song face) has every character of ``text``."""
    if font == SONG:
        register_song()
    chars = pdfmetrics.getFont(font).face.charToGlyph
    return all(ord(ch) in chars or ch in "\n\r\t" for ch in text)


def song_markup(text: str) -> str:
    """``text`` escaped for a Paragraph in the Song face, with each run of
    characters the subset lacks (a rare name outside GB 2312) set in WenQuanYi."""
    chars = pdfmetrics.getFont(register_song()).face.charToGlyph
    out: list[str] = []
    run: list[str] = []
    missing = False
    for ch in str(text):
        lacks = ord(ch) not in chars and not ch.isspace()
        if lacks != missing and run:
            out.append(_run(run, missing))
            run = []
        missing = lacks
        run.append(ch)
    if run:
        out.append(_run(run, missing))
    return "".join(out)


def _run(chars: list[str], fallback: bool) -> str:
    text = escape("".join(chars))
    return f'<font name="{FONT}">{text}</font>' if fallback else text


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


def styles(*, song: bool = False) -> dict[str, ParagraphStyle]:
    """The paragraph styles; ``song``: body, notes and captions in the Song face
    (the 简报: its text goes through ``song_markup``), tables stay in WenQuanYi."""
    font = register_font()
    text_font = register_song() if song else font
    base = ParagraphStyle("body", fontName=text_font, fontSize=12 if song else 11.5, leading=20,
                          textColor=INK, alignment=TA_JUSTIFY, firstLineIndent=24 if song else 23,
                          wordWrap="CJK")
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
                 space_before: float = 0, space_after: float = 0, tracking: float = 0,
                 font: str | None = None, weight: float = 0.035):
        super().__init__()
        self.text, self.size, self.colour, self.align = text, size, colour, align
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.tracking, self.weight = tracking, weight
        # a face that lacks a character of the line (a Song subset) gives way to WenQuanYi
        self.font = font if font and has_glyphs(font, text) else FONT

    def _width(self, size: float) -> float:
        return (pdfmetrics.stringWidth(self.text, self.font, size)
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
        draw_bold(c, x, self.fit * 0.3, self.text, self.fit, self.colour, tracking=self.tracking,
                  font=self.font, weight=self.weight)


def draw_bold(c, x: float, y: float, text: str, size: float, colour, *, tracking: float = 0,
              font: str = FONT, weight: float = 0.035) -> None:
    """``text`` filled and outlined with a line ``weight`` × ``size`` wide (a heavier face)."""
    t = c.beginText(x, y)
    t.setFont(font, size)
    t.setFillColor(colour)
    c.setStrokeColor(colour)
    c.setLineWidth(size * weight)
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


class KeepWithNext(Flowable):
    """Headings kept with the start of the flowable after them: a heading never
    ends a page. Whole when it fits; else the headings and the first part of
    the body (a table's header and first rows, a paragraph's first lines), or,
    when not even that fits, all of it on the next page."""

    def __init__(self, heads: list[Flowable], body: Flowable):
        super().__init__()
        self.heads, self.body = heads, body
        self.spaceBefore = heads[0].getSpaceBefore()
        self.spaceAfter = body.getSpaceAfter()

    def _heads_height(self, avail_width) -> float:
        total = 0.0
        for i, f in enumerate(self.heads):
            _, h = f.wrap(avail_width, 10_000)
            total += h + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
        return total + self.body.getSpaceBefore()

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.head_h = self._heads_height(avail_width)
        self.body_w, self.body_h = self.body.wrap(avail_width, max(avail_height - self.head_h, 0))
        self.height = self.head_h + self.body_h
        return avail_width, self.height

    def split(self, avail_width, avail_height):
        room = avail_height - self._heads_height(avail_width) - 1
        parts = self.body.split(avail_width, room) if room > 0 else []
        if not parts:
            return []                 # all of it on the next page
        return [*self.heads, *parts]

    def draw(self):
        y = self.height
        for i, f in enumerate(self.heads):
            _, h = f.wrap(self.width, 10_000)
            y -= (f.getSpaceBefore() if i else 0) + h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()
        y -= self.body.getSpaceBefore()
        self.body.drawOn(self.canv, 0, y - self.body_h, _sW=self.width - self.body_w)


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
    """A ruled table whose header repeats on every page it runs onto, and whose
    last two rows (a 合计 row and the one above it) never part at a page break."""
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
    if len(rows) >= header_rows + 2:
        style.append(("NOSPLIT", (0, len(rows) - 2), (-1, len(rows) - 1)))
    table.setStyle(TableStyle(style + (extra or [])))
    return table


def p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def escape(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


# --- helpers of the one-off documents (项目一页纸, 会议议题) --------------------------------------

def generated_at(now: dt.datetime | None = None) -> str:
    """"生成于 2026-12-05 10:31（北京时间）" for ``now`` (an aware instant, a naive one being
    UTC; default: now), in the one format of ``zsdesk.timefmt``."""
    return f"生成于 {format_timestamp(now or dt.datetime.now(dt.UTC))}（北京时间）"


def checked_pdf_path(out_path) -> Path:
    """The output path of a PDF, refused with a message naming it when its folder
    is missing or it does not end in .pdf."""
    from zsdesk.errors import ValidationError

    out = Path(out_path)
    if out.suffix.lower() != ".pdf":
        raise ValidationError("out", "输出文件须以 .pdf 结尾", value=str(out_path))
    if not out.parent.is_dir():
        raise ValidationError("out", f"输出文件夹不存在：{out.parent}", value=str(out_path))
    return out


def write_atomically(out: Path, render: Callable[[Path], T]) -> T:
    """``render(tmp)`` into a temporary file beside ``out``, then renamed over it:
    the file appears whole or not at all. A file that cannot be written (a
    read-only folder, the old file open in a PDF reader, a full disk) is a
    ``RefusedError`` saying so."""
    from zsdesk.db.engine import os_error_text
    from zsdesk.errors import RefusedError

    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".zsdesk-", suffix=".pdf", dir=out.parent)
        os.close(fd)
        result = render(Path(tmp))
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise RefusedError(f"无法写入 {out}：{os_error_text(exc)}。没有生成文件，请换一个位置或关闭打开它的程序后重试") \
            from exc
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    return result


def foot_note(text: str, *, right: float, y: float = 12 * mm, size: float = 8):
    """A PageTemplate ``onPage`` callback writing ``text`` at the right of the foot
    of every page, ending ``right`` from the page's right edge (the page number
    is centred by ``NumberedCanvas``)."""
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(register_font(), size)
        canvas.setFillColor(GREY)
        canvas.drawRightString(doc.pagesize[0] - right, y, text)
        canvas.restoreState()
    return draw


def shorten(text: str | None, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…" when longer."""
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
