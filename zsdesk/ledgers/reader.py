"""Reading a 台账 as staff keep it (.xlsx, .xls, .ods through python-calamine)
into a ``LedgerPlan``: which sheet, which rows make the header, which column is
which field, and every data row with its values parsed (amounts in 万元, dates,
stage codes) or the problems found, each naming the row as Excel shows it and
the column by its header text.

Quirks handled: title and 填报单位 rows above the header; merged or two-line
headers; header names written many ways (see ``columns``); amounts with units
(5000万元, 1.2亿, 3,000) or in a column headed 亿元/元; full-width digits;
dates as 2026.3.5, 2026/3/5, 2026年3月5日 or Excel serials; blank rows; a row of
column numbers under the header; section rows (一、工业项目); 合计/小计 rows and
notes (注：…) at the bottom. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
import unicodedata
import zipfile
import zlib
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import compress, repeat
from operator import is_, is_not, itemgetter
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from zsdesk.batch import without_gc
from zsdesk.domain import LEAD_LABELS, LEAD_STAGES, PROJECT_LABELS, PROJECT_STAGES, VISIT_KINDS
from zsdesk.errors import ValidationError
from zsdesk.ledgers.columns import (
    ALIASES, ALL_ALIASES, COLUMNS, DISTINCTIVE, KIND_LABELS, KIND_TITLE_WORDS, KINDS, REQUIRED, Column,
    header_key,
)
from zsdesk.validation import parse_date, parse_int, parse_money

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
HEADER_SCAN_ROWS = 40

# How big a sheet may be. A county's 台账 has hundreds or a few thousand rows, a
# city-wide export of three years about 100k (W1); a sheet beyond these is refused
# before it is read whole (python-calamine holds a whole sheet in memory, about
# 1 KB a row of ten columns, and then Python holds it again): see ``_scan_sheet``.
MAX_ROWS = 200_000          # rows of a sheet, title and header included
MAX_CELLS = 12_000_000      # rows × columns of the rectangle a sheet's values span
MAX_SHARED_STRINGS = 3_000_000   # distinct texts of an .xlsx (read whole when it is opened, ~70 B each)

# Stage words as staff write them, per ledger kind.
LEAD_WORDS = {**{v: k for k, v in LEAD_LABELS.items()}, **{k: k for k in LEAD_STAGES},
              "初步接洽": "contact", "初次接洽": "contact", "对接": "contact", "洽谈": "negotiating",
              "洽谈中": "negotiating", "在谈中": "negotiating", "正在洽谈": "negotiating", "深度洽谈": "negotiating",
              "达成意向": "intent", "意向签约": "intent", "已达成意向": "intent", "已签约": "signed",
              "签约落地": "signed", "暂缓": "on_hold", "暂停": "on_hold", "已搁置": "on_hold",
              "已终止": "terminated", "放弃": "terminated", "已放弃": "terminated", "信息": "clue",
              "线索信息": "clue", "在库": "clue"}
PROJECT_WORDS = {**{v: k for k, v in PROJECT_LABELS.items()}, **{k: k for k in PROJECT_STAGES},
                 "已签约": "signed", "签约未注册": "signed", "已注册": "registered", "注册落户": "registered",
                 "已开工": "started", "在建": "started", "开工建设": "started", "建设中": "started",
                 "已竣工": "completed", "竣工验收": "completed", "已投产": "producing", "试生产": "producing",
                 "投产运营": "producing", "已达效": "effective", "达产": "effective", "已达产": "effective",
                 "达产达效": "effective", "违约": "defaulted", "未履约退出": "defaulted", "停工": "stalled",
                 "已停滞": "stalled", "停建": "stalled"}
STAGE_WORDS = {"leads": LEAD_WORDS, "projects": PROJECT_WORDS}
# 拜访方式 as staff write them -> the kinds of docs/DOMAIN.md#words
VISIT_KIND_WORDS = {**{_k: _k for _k in VISIT_KINDS},
                    "上门拜访": "上门招商", "登门拜访": "上门招商", "上门": "上门招商", "外出拜访": "上门招商",
                    "拜访": "上门招商", "驻点": "驻点招商", "驻外招商": "驻点招商", "来访": "来访接待", "接待": "来访接待",
                    "客商来访": "来访接待", "展会": "展会推介", "推介会": "展会推介", "招商推介": "展会推介",
                    "企业走访": "企业走访/安商稳商", "走访": "企业走访/安商稳商", "安商稳商": "企业走访/安商稳商",
                    "以商引商": "以商招商"}
TRUE_WORDS = {"是", "已完成", "完成", "已跟进", "√", "✓", "✔", "y", "yes", "true", "1", "已办结", "办结"}
FALSE_WORDS = {"否", "未完成", "未跟进", "×", "✗", "n", "no", "false", "0", "进行中", "跟进中"}
TOTAL_WORDS = {"合计", "总计", "小计", "累计", "共计", "总合计", "本页合计", "全部合计"}
_TOTAL_FIRST = tuple(frozenset(w[0] for w in TOTAL_WORDS) | {"合", "总", "小"})   # (for str.startswith)
_NOTE_RE = re.compile(r"^(注|说明|备注|填表说明|填报说明|填表人|填报人|审核人|制表人|制表|负责人|联系电话|统计人)\s*[0-9０-９]?\s*[:：]")
_SECTION_RE = re.compile(r"^([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])")
_UNIT_LINE_RE = re.compile(r"(?:填报单位|报送单位|填表单位|单位名称|责任单位)\s*[:：]\s*([^\s　:：]+)")
_NAME_SPLIT_RE = re.compile(r"[、,，;；/\\\s]+")
_MONEY_UNIT_RE = re.compile(r"(亿|万|元)")
_DATE_TIME_RE = re.compile(r"^(\S+?)[ T]\d{1,2}:\d{2}(:\d{2})?$")


# --- the plan --------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """Why a row (or one of its cells) cannot be imported."""
    column: str | None   # the header text as the ledger writes it; None: the row as a whole
    message: str
    field: str | None = None

    def __str__(self) -> str:
        return f"{self.column}：{self.message}" if self.column else self.message


@dataclass
class MappedColumn:
    index: int             # 0-based column in the sheet
    header: str            # header text as written (the matched line of a two-line header)
    column: Column
    factor: Decimal = Decimal(1)   # amounts: 亿元 columns hold 10000 万元 per unit written

    @property
    def field(self) -> str:
        return self.column.field


@dataclass(slots=True)
class LedgerRow:
    row: int                                  # as Excel shows it (1-based)
    # field -> parsed value (None: empty); Any: its type depends on the field (str, date,
    # Decimal, a list of names ...), which the parser of that field guarantees
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def __init__(self, row: int, values: dict[str, Any] | None = None, problems: list[Problem] | None = None):
        # (written out: half the time of the one dataclass makes with its default factories)
        self.row = row
        self.values = {} if values is None else values
        self.problems = [] if problems is None else problems


@dataclass
class SkippedRow:
    row: int
    reason: str


@dataclass
class LedgerPlan:
    """What a ledger file holds, read and parsed; ``preview`` and ``apply`` take it."""
    path: Path
    kind: str
    kind_detected: bool
    sheet: str
    header_rows: list[int]                   # Excel row numbers of the header
    columns: list[MappedColumn]
    ignored_columns: list[str]               # headers not recognised (not imported)
    rows: list[LedgerRow]
    skipped: list[SkippedRow]
    blank_rows: int
    heading_lines: list[str]                 # the text above the header (title, 填报单位 …)
    notes: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)   # every column's header text, by index ("" none)
    signature: str = ""                      # the header's layout (see header_signature)
    mapping_remembered: bool = False         # the columns were mapped as last time for this layout
    source: Any = field(default=None, repr=False, compare=False)   # _Source: to read it again (remap)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def fields(self) -> dict[str, MappedColumn]:
        """Mapped columns by ledger field (the columns are fixed once read)."""
        cached = self.__dict__.get("_fields")
        if cached is None or len(cached) != len(self.columns):
            cached = self.__dict__["_fields"] = {c.field: c for c in self.columns}
        return cached

    def header_of(self, ledger_field: str | None) -> str | None:
        col = self.fields.get(ledger_field) if ledger_field else None
        return col.header if col else None

    @property
    def unit_hint(self) -> str | None:
        for line in self.heading_lines:
            m = _UNIT_LINE_RE.search(unicodedata.normalize("NFKC", line))
            if m:
                return m[1]
        return None


# --- cells -------------------------------------------------------------------------------

def _is_empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def cell_text(value) -> str | None:
    """A cell as text: numbers without a trailing .0, dates as ISO, trimmed."""
    if _is_empty(value):
        return None
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _norm_word(value) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).lower()


_NOTHING = (None, None)   # an empty cell: no value, no problem


class _Parser:
    """Turns the cells of one column into values; remembers what it parsed, since
    a ledger repeats its dates, amounts and stage words many times."""

    def __init__(self, kind: str, col: MappedColumn):
        self.kind = kind
        self.col = col
        self.type = col.column.type
        self.field = col.field
        self.memo: dict = {"": _NOTHING, None: _NOTHING}   # cell or (type, cell) -> (value, problem)

    def column(self, cells: list, errors: dict) -> list:
        """The parsed values of a column's cells (None for an empty cell); a cell
        that cannot be read adds (field, message) to ``errors[position]``."""
        if self.type == "text":
            return self._text_column(cells)
        # a text is its own key, another value is keyed with its type (1, 1.0 and True
        # are equal keys of a dict); each value is parsed once, in the order met, and the
        # cells looked up by C loops (a column of ten thousand holds a few dozen values)
        keys = cells if set(map(type, cells)) <= {str} else \
            [v if v.__class__ is str or v is None else (v.__class__, v) for v in cells]
        memo = self.memo
        for key in dict.fromkeys(keys):
            if key not in memo:
                self._remember(key, key if key.__class__ is str else key[1])
        hits: list = list(map(memo.get, keys))   # (value, problem) each
        for pos in compress(range(len(hits)), map(is_, hits, repeat(None))):   # past the memo's size
            hits[pos] = self._remember(keys[pos], cells[pos])
        for pos in compress(range(len(hits)), map(is_not, map(itemgetter(1), hits), repeat(None))):
            errors.setdefault(pos, []).append((self.field, hits[pos][1]))
        return list(map(itemgetter(0), hits))

    @staticmethod
    def _text_column(cells: list) -> list:
        if set(map(type, cells)) == {str}:  # the usual text column: done by C loops
            stripped = list(map(str.strip, cells))
            # parts joined by a control character are NFC each when the whole is
            if unicodedata.is_normalized("NFC", "\x1f".join(stripped)):
                return [t or None for t in stripped]
        out: list[str | None] = []
        append = out.append
        is_normalized = unicodedata.is_normalized
        for v in cells:
            if v.__class__ is str:
                if v:
                    text = v.strip()
                    if not text.isascii() and not is_normalized("NFC", text):
                        text = unicodedata.normalize("NFC", text)
                    append(text or None)
                else:
                    append(None)
            elif v is None:
                append(None)
            else:
                append(cell_text(v))
        return out

    def _remember(self, key, value) -> tuple:
        hit: tuple[object, str | None]
        try:
            hit = (self._parse(value), None)
        except ValidationError as exc:
            hit = (None, exc.message)
        if len(self.memo) < 50000:
            self.memo[key] = hit
        return hit

    def _parse(self, value):
        t = self.type
        if t == "text":
            return cell_text(value)
        if t in ("money", "usd"):
            return self._money(value)
        if t == "decimal":
            if isinstance(value, str):
                text = unicodedata.normalize("NFKC", value).strip().removesuffix("亩").removesuffix("平方米")
                try:
                    return parse_money(text, self.field)
                except ValidationError:
                    raise ValidationError(self.field, f"“{value}”不是有效数字") from None
            return parse_money(value, self.field)
        if t == "int":
            if isinstance(value, float) and value.is_integer():
                return int(value)
            if isinstance(value, str):
                text = unicodedata.normalize("NFKC", value).strip().rstrip("人天个次名")
                try:
                    return parse_int(text, self.field)
                except ValidationError as exc:
                    raise ValidationError(self.field, exc.message.replace(f"“{text}”", f"“{value}”")) from None
            return parse_int(value, self.field)
        if t == "date":
            if isinstance(value, str):
                text = unicodedata.normalize("NFKC", value).strip()
                m = _DATE_TIME_RE.match(text)
                value = m[1] if m else text
            return parse_date(value, self.field)
        if t == "stage":
            return self._stage(value)
        if t == "bool":
            word = _norm_word(cell_text(value) or "")
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise ValidationError(self.field, f"“{cell_text(value)}”应填“是”或“否”")
        if t == "visit_kind":
            text = cell_text(value)
            return VISIT_KIND_WORDS.get(_norm_word(text), text)  # unknown words: the service says why
        if t == "names":
            return [n for n in _NAME_SPLIT_RE.split(cell_text(value) or "") if n]
        return cell_text(value)

    def _money(self, value):
        factor = self.col.factor
        if isinstance(value, str):
            text = unicodedata.normalize("NFKC", value).strip()
            if self.type == "usd":
                text = text.removesuffix("美元").removesuffix("$").removeprefix("$").removeprefix("US")
                if text.endswith("万") or text.endswith("亿"):
                    return parse_money(text, self.field)
            elif _MONEY_UNIT_RE.search(text[-2:]):   # the cell says its unit: it wins over the header's
                return parse_money(text, self.field)
            value = text
        amount = parse_money(value, self.field)
        if amount is None or factor == 1:
            return amount
        return parse_money(amount * factor, self.field)

    def _stage(self, value):
        words = STAGE_WORDS[self.kind]
        word = _norm_word(cell_text(value) or "")
        code = words.get(word)
        if code is None:
            labels = LEAD_LABELS if self.kind == "leads" else PROJECT_LABELS
            raise ValidationError("stage", f"“{cell_text(value)}”不是可选的阶段（{'、'.join(labels.values())}）")
        return code


# --- how big a sheet is, before it is read ---------------------------------------------------

_CHUNK = 4 << 20                # bytes of XML unpacked at a time
_HEAD = 64 << 10                # the first read, for <dimension> and <sheetData>
_STREAM_ABOVE = 32 << 20        # a sheet's XML (unpacked, as the zip declares it) counted before it is read
_MAX_ROW_BYTES = 32 << 20       # one <row> of a sheet's XML (a cell holds at most 32,767 characters)
_MAX_SHEET_BYTES = 2 << 30      # a sheet's XML, unpacked (a zip bomb is stopped here)
_MAX_STRINGS_BYTES = 512 << 20  # the shared strings' XML, unpacked
_MAX_PART_BYTES = 64 << 20      # workbook.xml, styles.xml, the relationships
_WIDE = 52                      # columns (AZ) past which a sheet's cells are looked at one by one
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # an encrypted .xlsx, an .xls, a .doc …
_DIMENSION_RE = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?")
_SHEET_DATA_RE = re.compile(rb"<([\w.-]+:)?sheetData\b[^>]*?(/?)>")
_MARKS_CHUNK = 1 << 16          # XML looked at a time for hidden rows and formulas (below malloc's mmap threshold: reused)
_SST_RE = re.compile(rb"<([\w.-]+:)?sst\b")
_REF_RE = re.compile(rb"([A-Za-z]{0,3})(\d*)")


@dataclass
class _Extent:
    """What a pass over a sheet's XML found. python-calamine keeps the rectangle
    from the first to the last cell holding a value (a ``<v>`` or an inline
    ``<is>``; a styled empty cell is nothing to it), so that is what counts."""
    declared: int = 0             # rows the sheet's <dimension> says it spans (it may lie; 0: none)
    declared_columns: int = 0     # columns it says
    row_tags: int = 0             # <row> elements (quick pass)
    implicit: bool = False        # cells without a leading r="A1" (careful pass): a row is as wide as its cells
    rows: int = 0                 # rows holding a value (careful pass)
    cells: int = 0                # cells of the rows holding a value (careful pass)
    cursor: int = 0               # number of the last row seen (careful pass; a row without r="" follows on)
    last_row: int = 0             # the highest row number holding a value, where found
    columns: int = 0              # the widest column holding a value, where found
    bytes: int = 0                # XML unpacked so far
    over: str | None = None       # which limit is passed: rows, cells, bytes, row_bytes
    total: int = 0                # past the row limit: rows to the end of the sheet (counted quickly)


class _Tags:
    """The byte strings of a sheet whose elements carry ``prefix`` (b"" or b"x:")."""

    def __init__(self, prefix: bytes, max_rows: int):
        p = prefix
        self.row, self.row_end = b"<" + p + b"row", b"</" + p + b"row>"
        self.c, self.c_end = b"<" + p + b"c", b"</" + p + b"c>"
        self.c_open = (b"<" + p + b"c ", b"<" + p + b"c>")
        self.c_ref = (b"<" + p + b'c r="', b"<" + p + b"c r='")
        self.v, self.inline = b"<" + p + b"v", b"<" + p + b"is"
        self.end = b"</" + p + b"sheetData"
        self.row_r = re.compile(rb"<%srow\b[^>]*?\sr\s*=\s*[\"'](\d+)" % re.escape(p))
        # cells worth a look one by one: rows from the limit's leading digit up
        # (200000: 2xxxxx and seven digits), columns past AZ
        limit = str(max_rows).encode()
        big = rb"(?:\d{%d,}|[%c-9]\d{%d})" % (len(limit) + 1, limit[0], len(limit) - 1)
        self.far = re.compile(rb"%s\s+r\s*=\s*[\"'](?:[A-Za-z]{0,3}%s|(?:[B-Zb-z][A-Za-z]|[A-Za-z]{3})\d)"
                              % (re.escape(self.c), big))


@lru_cache(maxsize=8)
def _tags(prefix: bytes, max_rows: int) -> _Tags:
    return _Tags(prefix, max_rows)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _far_cell(xml: bytes, m: re.Match, t: _Tags, ext: _Extent) -> None:
    """A cell numbered past the row limit or lettered past AZ: counted when it holds a value."""
    quote = max(xml.rfind(b'"', m.start(), m.end()), xml.rfind(b"'", m.start(), m.end()))
    ref = _REF_RE.match(xml, quote + 1)
    if ref is None:  # not a cell reference after all
        return
    letters, digits = ref.groups()
    tag_end = xml.find(b">", m.end())
    if tag_end == -1 or xml[tag_end - 1] == 0x2F:   # <c r="A300000" s="3"/>: styled, empty
        return
    end = xml.find(t.c_end, tag_end)
    end = len(xml) if end == -1 else end
    if xml.find(t.v, tag_end, end) == -1 and xml.find(t.inline, tag_end, end) == -1:
        return
    if digits:
        ext.last_row = max(ext.last_row, int(digits))
    if letters:
        ext.columns = max(ext.columns, _column_number(letters))


def _count_rows(xml: bytes, start: int, stop: int, t: _Tags, ext: _Extent, careful: bool, max_rows: int) -> int:
    """Count the whole rows in ``xml[start:stop]`` and return where the count
    stopped (the careful pass stops past the row limit). The quick pass counts
    <row> tags (a C loop); the careful pass looks at each row and at the cells
    far down or right."""
    if not careful:
        ext.row_tags += xml.count(t.row, start, stop)
        return stop
    for m in t.far.finditer(xml, start, stop):
        _far_cell(xml, m, t, ext)
    count, find = xml.count, xml.find
    if count(t.c_ref[0], start, stop) + count(t.c_ref[1], start, stop) < \
            count(t.c_open[0], start, stop) + count(t.c_open[1], start, stop):
        ext.implicit = True
    pos = find(t.row, start, stop)
    while pos != -1:
        nxt = find(t.row, pos + 4, stop)
        end = stop if nxt == -1 else nxt
        row_m = t.row_r.match(xml, pos, end)
        ext.cursor = int(row_m[1]) if row_m else ext.cursor + 1
        if find(t.v, pos, end) != -1 or find(t.inline, pos, end) != -1:
            ext.rows += 1
            ext.last_row = max(ext.last_row, ext.cursor)
            cells = count(t.c_open[0], pos, end) + count(t.c_open[1], pos, end)
            ext.cells += cells
            if ext.implicit:
                ext.columns = max(ext.columns, cells)
            if ext.rows > max_rows or ext.last_row > max_rows:
                return end
        pos = nxt
    return stop


def _judge(ext: _Extent, careful: bool, max_rows: int, max_cells: int) -> bool:
    """Set ``ext.over`` when a limit is passed; True when the quick pass cannot
    tell and a careful pass must (more <row> tags than the limit, but some may
    be styled and empty)."""
    if ext.last_row > max_rows or ext.rows > max_rows:
        ext.over = "rows"
    elif careful and (ext.cells > max_cells or ext.columns * max(ext.rows, ext.last_row) > max_cells):
        ext.over = "cells"
    elif not careful:
        return ext.row_tags > max_rows
    return False


def _read_chunk(stream, ext: _Extent, size: int = 0) -> bytes:
    chunk = stream.read(size or _CHUNK)
    ext.bytes += len(chunk)
    if ext.bytes > _MAX_SHEET_BYTES:
        ext.over = "bytes"
    return chunk


def _scan_pass(stream, careful: bool, max_rows: int, max_cells: int, size: int) -> _Extent | None:
    """One pass over a sheet's XML (``size`` bytes unpacked, as the zip
    declares), whole rows at a time; None when the quick pass finds a careful
    one is needed."""
    ext = _Extent()
    head, found = b"", None
    while found is None:   # up to <sheetData>
        chunk = _read_chunk(stream, ext, 0 if head else _HEAD)
        head += chunk
        found = _SHEET_DATA_RE.search(head)
        if not ext.declared and (m := _DIMENSION_RE.search(head, 0, found.start() if found else len(head))):
            letters, digits = (m[3], m[4]) if m[3] is not None else (m[1], m[2])
            ext.declared, ext.declared_columns = int(digits or 0), _column_number(letters)
        if not chunk or ext.over:
            break
        if found is None:
            head = head[-1024:]
    if ext.over or found is None or found[2] == b"/":   # too big, no <sheetData>, or <sheetData/>
        return ext
    if not careful and (ext.declared > max_rows or ext.declared_columns > _WIDE):
        return None   # says it is big or wide: look carefully from the start
    if not careful and size <= _STREAM_ABOVE:
        return ext   # python-calamine may read it: see _scan_sheet
    t = _tags(found[1] or b"", max_rows)
    data, start, eof = head, found.end(), False
    while True:
        stop = data.find(t.end, start)
        final = stop != -1 or eof
        if not final:
            stop = data.rfind(t.row, start)   # whole rows only: the last one waits for the next chunk
            if stop <= start:   # a single row so far: read on
                if len(data) - start > _MAX_ROW_BYTES:
                    ext.over = "row_bytes"
                    return ext
                chunk = _read_chunk(stream, ext)
                if ext.over:
                    return ext
                data, start, eof = data[start:] + chunk, 0, not chunk
                continue
        elif stop == -1:
            stop = len(data)
        counted = _count_rows(data, start, stop, t, ext, careful, max_rows)
        if _judge(ext, careful, max_rows, max_cells):
            return None
        if ext.over == "rows" and ext.declared <= max_rows:   # how many: count on
            ext.total = (ext.rows if careful else ext.row_tags) + data.count(t.row, counted, stop) + \
                (0 if final else _count_rest(stream, data[stop:], t, ext))
        if ext.over or final:
            return ext
        chunk = _read_chunk(stream, ext)
        if ext.over:
            return ext
        data, start, eof = data[stop:] + chunk, 0, not chunk


def _count_rest(stream, data: bytes, t: _Tags, ext: _Extent) -> int:
    """<row> tags from ``data`` on to the end of the sheet's rows, counted
    quickly (styled empty rows too), for the refusal to say how many."""
    n, keep = 0, len(t.end) - 1
    while True:
        stop = data.find(t.end)
        chunk = b"" if stop != -1 else stream.read(_CHUNK)
        ext.bytes += len(chunk)
        if not chunk or ext.bytes > _MAX_SHEET_BYTES:
            return n + data.count(t.row, 0, len(data) if stop == -1 else stop)
        cut = max(len(data) - keep, 0)
        n += data.count(t.row, 0, cut + len(t.row) - 1)   # the tags starting before the cut
        data = data[cut:] + chunk


def _scan_sheet(open_part, max_rows: int, max_cells: int, size: int) -> _Extent:
    """How big a worksheet is, read from its XML in the zip a chunk at a time
    (a few chunks held at most) and stopped as soon as a limit is passed;
    ``<dimension>`` is not trusted for the rows. A quick pass counts <row> tags
    with a C loop (a tenth to a fifth of the time python-calamine takes to
    read the sheet); when they are more than the limit (styled empty rows
    count there), or the sheet says it is longer or wider, a careful pass
    counts only the rows holding a value and looks at each cell far down or
    right.

    A sheet whose XML is at most ``_STREAM_ABOVE`` (32 MB) unpacked is not
    counted, only its <dimension> read: python-calamine never reads a member
    past the size the zip declares for it (it fails instead), holds about
    100 MB for 32 MB of XML of plain cells (measured; a 1,048,576-row sheet of
    a small cell a row fits in 27 MB: 84 MB), and ``_load_sheet`` refuses on the
    size it reports before Python holds the sheet. Counting would add a fifth
    to the read of every ledger of some thousand rows.

    Not caught before python-calamine reads the sheet: a file made to say it
    is small while a few cells sit far down or far right (python-calamine keeps
    every cell of the rectangle; a value at XFD1048576 aborts the process,
    measured on a 1 KB file), which the quick pass would have to look at cell
    by cell (more than twice its time); and cells that all point to one long
    shared string (python-calamine copies it into each: 20,000 cells of a
    30,000-character text, a 42 KB file, take 1.7 GB). A value far down alone
    is refused by ``_load_sheet`` after it is read."""
    for careful in (False, True):
        with open_part() as stream:
            ext = _scan_pass(stream, careful, max_rows, max_cells, size)
        if ext is not None:
            return ext
    raise AssertionError("a careful pass always decides")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _not_a_workbook(path: Path) -> ValidationError:
    """Why an .xlsx/.xlsm that is no zip cannot be read: an encrypted workbook
    (Excel wraps it in an OLE file), an older Office file renamed, or no workbook."""
    marks = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
    try:
        with path.open("rb") as f:
            ole = f.read(8) == _OLE_MAGIC
            tail = b""
            while ole and (chunk := f.read(_CHUNK)):
                data = tail + chunk
                if any(m in data for m in marks):
                    return ValidationError("file", f"“{path.name}”设置了打开密码（已加密），无法读取：请在Excel中"
                                                   "打开它，取消密码后另存，再导入")
                tail = data[-64:]
    except OSError as exc:
        return ValidationError("file", f"无法读取“{path.name}”：{exc.strerror or exc}")
    if ole:
        return ValidationError("file", f"“{path.name}”不是.xlsx工作簿，而是旧格式的Office文件（如.xls）：请在Excel中"
                                       "打开它，另存为.xlsx后再导入")
    return ValidationError("file", f"“{path.name}”不是Excel工作簿（文件已损坏，或扩展名与内容不符），无法读取：请在"
                                   "Excel中打开确认，另存为.xlsx后再导入")


class _Package:
    """An .xlsx/.xlsm looked at as the zip it is, before python-calamine reads
    it. python-calamine reads the shared strings whole when a file is opened and
    a whole sheet when it is asked for one (about 1 KB a row of ten columns: a
    1,048,576-row sheet over 1 GB), so a file that is no workbook, is
    encrypted, or holds more than the limits is refused here, reading its XML a
    chunk at a time (see ``_scan_sheet`` for what is counted). A member is
    never read past the size the zip declares for it, here or by
    python-calamine, which fails instead."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise _not_a_workbook(path) from None
        except OSError as exc:
            raise ValidationError("file", f"无法读取“{path.name}”：{exc.strerror or exc}") from None
        self.members = {info.filename: info.filename for info in self.zip.infolist()}
        self.members.update({k.lower(): v for k, v in self.members.items() if k.lower() not in self.members})
        try:
            self.parts, self.related = self._sheet_parts()
            self._check_parts()
        except BaseException:
            self.zip.close()
            raise

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> _Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading the zip ---------------------------------------------------------------------
    def _member(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.members.get(name) or self.members.get(name.lower())

    def _guarded(self, fn, *args):
        """``fn(*args)`` with the zip's errors told in words (None: the zip uses a
        compression Python cannot unpack; python-calamine may, and is left to try)."""
        try:
            return fn(*args)
        except ValidationError:
            raise
        except RuntimeError as exc:   # zipfile: "File … is encrypted, password required"
            if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
                raise ValidationError("file", f"“{self.path.name}”设置了密码（已加密），无法读取：请取消密码后另存，"
                                              "再导入") from None
            raise
        except NotImplementedError:
            return None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise ValidationError("file", f"无法读取“{self.path.name}”：文件已损坏（{exc}）") from None

    def _read(self, member: str, cap: int) -> bytes:
        with self.zip.open(member) as f:
            data = f.read(cap + 1)
        if len(data) > cap:
            raise ValidationError("file", f"“{self.path.name}”中的“{member}”解压后超过{_size(cap)}，不像一份台账"
                                          "（可能已损坏），未导入任何内容")
        return data

    def _xml(self, member: str | None):
        member = self._member(member)
        if member is None:
            return None
        data = self._guarded(self._read, member, _MAX_PART_BYTES)
        try:
            return None if data is None else ElementTree.fromstring(data)
        except ElementTree.ParseError:
            return None   # python-calamine decides

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id -> (type, part) of the relationships of ``part`` ("" the package)."""
        folder, name = posixpath.split(part)
        root = self._xml(posixpath.join(folder, "_rels", name + ".rels"))
        out = {}
        for el in root.iter() if root is not None else ():
            target = el.get("Target")
            if _local(el.tag) != "Relationship" or not target or el.get("TargetMode") == "External":
                continue
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[el.get("Id")] = (el.get("Type") or "", target)
        return out

    def _sheet_parts(self) -> tuple[dict[str, str] | None, dict[str, str]]:
        """(sheet name -> its XML part, or None when the workbook cannot be
        parsed here), (relationship kind -> part) of the workbook."""
        book = next((target for kind, target in self._relationships("").values()
                     if kind.endswith("/officeDocument")), "xl/workbook.xml")
        if self._member(book) is None:
            raise _not_a_workbook(self.path)
        rels = self._relationships(book)
        related = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
        root = self._xml(book)
        if root is None:
            return None, related
        parts = {}
        for el in root.iter():
            if _local(el.tag) == "sheet" and el.get("name") is not None:
                rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
                if rid in rels:
                    parts[el.get("name")] = rels[rid][1]
        return parts, related

    def _check_parts(self) -> None:
        """What python-calamine reads when the file is opened: the shared strings
        (every distinct text, held in memory) and the styles."""
        styles = self._member(self.related.get("styles", "xl/styles.xml"))
        if styles:
            self._guarded(self._stream_size, styles, _MAX_PART_BYTES, None)
        strings = self._member(self.related.get("sharedStrings", "xl/sharedStrings.xml"))
        if strings:
            self._guarded(self._stream_size, strings, _MAX_STRINGS_BYTES, "si")

    def _stream_size(self, member: str, cap: int, count_tag: str | None) -> None:
        total = count = 0
        tags: tuple[bytes, ...] = ()
        tail = b""
        with self.zip.open(member) as f:
            while chunk := f.read(_CHUNK):
                total += len(chunk)
                if total > cap:
                    raise ValidationError("file", f"“{self.path.name}”中的“{member}”解压后超过{_size(cap)}，"
                                                  "不像一份台账（可能已损坏），未导入任何内容")
                if not count_tag:
                    continue
                data = tail + chunk
                if not tags and (m := _SST_RE.search(data)):
                    p = m[1] or b""
                    tags = (b"<" + p + count_tag.encode() + b">", b"<" + p + count_tag.encode() + b" ")
                count += sum(data.count(tag) for tag in tags)
                tail = data[-(len(tags[0]) - 1):] if tags else data[-256:]
                if count > MAX_SHARED_STRINGS:
                    raise ValidationError("file", f"“{self.path.name}”中有超过{MAX_SHARED_STRINGS:,}条不同的文字，"
                                                  "超过一次可导入的上限，未导入任何内容：请把台账拆分成几个工作簿，"
                                                  "再分别导入")

    # -- a sheet ---------------------------------------------------------------------------------
    def check_sheet(self, sheet: str) -> None:
        """Refuse ``sheet`` when it holds more than the limits, before it is read."""
        if self.parts is not None and sheet in self.parts:
            members = [self._member(self.parts[sheet])]
        else:   # the workbook could not be parsed here: every worksheet part counts
            members = [m for m in set(self.members.values()) if m.lower().endswith(".xml")
                       and "worksheets/" in m.lower()]
        for member in members:
            if member is None:
                continue
            size = self.zip.getinfo(member).file_size
            ext = self._guarded(_scan_sheet, lambda member=member: self.zip.open(member), MAX_ROWS, MAX_CELLS, size)
            if ext is not None and ext.over:
                if ext.over == "rows":
                    raise _too_big(self.path, sheet, "rows", max(ext.last_row, ext.declared or 0, ext.total))
                raise _too_big(self.path, sheet, ext.over, max(ext.last_row, ext.rows), ext.columns)


    def marks(self, sheet: str) -> SheetMarks:
        """Hidden rows and columns of ``sheet`` and its formula cells that hold no
        computed value (a file written by a program, never saved by Excel or WPS):
        python-calamine shows neither, so the sheet's XML is looked at (it has
        passed ``check_sheet``). Nothing found, or not parsed here: no marks."""
        member = self._member(self.parts.get(sheet)) if self.parts else None
        if member is None or not self._guarded(self._may_have_marks, member, _MAX_SHEET_BYTES):
            return SheetMarks()
        data = self._guarded(self._read, member, _MAX_SHEET_BYTES)
        if not data:
            return SheetMarks()
        hidden_rows: set[int] = set()
        hidden_columns: set[int] = set()
        formulas: dict[tuple[int, int], str] = {}
        if _find(data, b"hidden", 0, b"h") != -1:
            for m in _ROW_TAG_RE.finditer(data):
                attrs = m[1]
                if _HIDDEN_RE.search(attrs) and (r := _ATTR_R_RE.search(attrs)):
                    hidden_rows.add(int(r[1]))
            for m in _COL_TAG_RE.finditer(data):
                attrs = m[1]
                if _HIDDEN_RE.search(attrs):
                    lo, hi = _ATTR_MIN_RE.search(attrs), _ATTR_MAX_RE.search(attrs)
                    if lo and hi:
                        hidden_columns.update(range(int(lo[1]) - 1, min(int(hi[1]), 16384)))
        head = _SHEET_DATA_RE.search(data, 0, 1 << 16)
        prefix = head[1] or b"" if head else b""
        if _find(data, b"<" + prefix + b"f", head.end() if head else 0, b"f") != -1:   # a quick look first
            for m in _CELL_RE.finditer(data):
                attrs, inner = m[1], m[2]
                f = _FORMULA_RE.search(inner)
                if f is None or _VALUE_RE.search(inner) or _STR_TYPE_RE.search(attrs):
                    continue
                ref = _ATTR_R_RE.search(attrs)
                cell = _REF_RE.fullmatch(ref[1]) if ref else None
                if cell is None or not cell[1] or not cell[2]:
                    continue
                text = _FORMULA_TEXT_RE.search(inner)
                formula = text[1].decode("utf-8", "replace") if text else ""
                formulas[(int(cell[2]), _column_number(cell[1]) - 1)] = formula
        return SheetMarks(frozenset(hidden_rows), frozenset(hidden_columns), formulas)

    def _may_have_marks(self, member: str, cap: int) -> bool:
        """Whether the sheet's XML holds "hidden" or, among its cells, a formula tag:
        looked for a chunk at a time, the chunks' memory used again (the XML of ten
        thousand rows is 7 MB, unpacked at once for every ledger before, most of which
        hold neither). Read to its end, the XML is checked as ``_read`` checks it."""
        total = 0
        with self.zip.open(member) as f:
            chunk = f.read(1 << 16)   # the first: where the cells begin, and their tags' prefix
            head = _SHEET_DATA_RE.search(chunk, 0, 1 << 16)
            needle = b"<" + (head[1] or b"" if head else b"") + b"f"
            start = head.end() if head else 0
            keep = max(len(needle), len(b"hidden")) - 1
            tail = b""   # the last bytes before the chunk: a word may begin there
            while chunk:
                total += len(chunk)
                if total > cap:
                    raise ValidationError("file", f"“{self.path.name}”中的“{member}”解压后超过{_size(cap)}，"
                                                  "不像一份台账（可能已损坏），未导入任何内容")
                if _find(chunk, b"hidden", 0, b"h") != -1 or _find(chunk, needle, start, b"f") != -1:
                    return True
                if tail and (b"hidden" in tail + chunk[:keep] or needle in tail + chunk[:keep]):
                    return True
                tail = (tail + chunk[-keep:])[-keep:]
                start = 0
                chunk = f.read(_MARKS_CHUNK)
        return False


def _find(data: bytes, needle: bytes, start: int, rare: bytes) -> int:
    """``data.find(needle, start)``, sooner when the byte ``rare`` of the needle is
    rare in the XML (no cell holds an f or an h in most ledgers): that byte is
    looked for first (memchr, a tenth of a millisecond for a 7 MB sheet, where
    the needle's search takes 5-8 ms), and the needle checked where it is. Past
    a few dozen bytes that are not the needle the plain search goes on."""
    at = needle.index(rare)
    pos = data.find(rare, start + at)
    for _ in range(64):
        if pos == -1:
            return -1
        if data.startswith(needle, pos - at):
            return pos - at
        pos = data.find(rare, pos + 1)
    return -1 if pos == -1 else data.find(needle, pos - at)


_ROW_TAG_RE = re.compile(rb"<(?:[\w.-]+:)?row\b([^>]*)>")
_COL_TAG_RE = re.compile(rb"<(?:[\w.-]+:)?col\b([^>]*)>")
_HIDDEN_RE = re.compile(rb"\bhidden\s*=\s*[\"'](?:1|true)[\"']")
_ATTR_R_RE = re.compile(rb"\br\s*=\s*[\"']([^\"']+)[\"']")
_ATTR_MIN_RE = re.compile(rb"\bmin\s*=\s*[\"'](\d+)[\"']")
_ATTR_MAX_RE = re.compile(rb"\bmax\s*=\s*[\"'](\d+)[\"']")
_CELL_RE = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)(?<!/)>(.*?)</(?:[\w.-]+:)?c>", re.S)
_FORMULA_RE = re.compile(rb"<(?:[\w.-]+:)?f[\s>/]")
_FORMULA_TEXT_RE = re.compile(rb"<(?:[\w.-]+:)?f\b[^>]*>([^<]*)<", re.S)
_VALUE_RE = re.compile(rb"<(?:[\w.-]+:)?v>[^<]+<|<(?:[\w.-]+:)?is\b")
_STR_TYPE_RE = re.compile(rb"\bt\s*=\s*[\"']str[\"']")


@dataclass(frozen=True)
class SheetMarks:
    """What python-calamine does not show: rows (1-based) and columns (0-based)
    hidden in Excel, and formula cells without a computed value ((row, column) ->
    the formula)."""
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    formulas_without_value: dict[tuple[int, int], str] = field(default_factory=dict)


def _size(n: int) -> str:
    return f"{n / 2**30:g} GB" if n >= 2**30 else f"{n / 2**20:g} MB"


def _too_big(path: Path, sheet: str, over: str, rows: int = 0, columns: int = 0) -> ValidationError:
    """The refusal of a sheet over a limit, naming the file, the sheet, its size
    (when known) and the limit."""
    where = f"“{path.name}”的工作表“{sheet}”"
    if over == "rows":
        size = f"有{rows:,}行，" if rows > MAX_ROWS else ""
        return ValidationError("file", f"{where}{size}超过一次可导入的上限（{MAX_ROWS:,}行），未导入任何内容：请把它"
                                       f"拆分成几个不超过{MAX_ROWS:,}行的工作簿，再分别导入")
    if over == "cells":
        size = f"（{rows:,}行×{columns:,}列）" if rows and columns else ""
        return ValidationError("file", f"{where}数据范围过大{size}，超过一次可导入的上限（{MAX_CELLS:,}个单元格），"
                                       "未导入任何内容：请删除右侧多余的列，或把它拆分成几个工作簿，再分别导入")
    what = f"其中一行解压后超过{_size(_MAX_ROW_BYTES)}" if over == "row_bytes" else f"解压后超过{_size(_MAX_SHEET_BYTES)}"
    return ValidationError("file", f"{where}{what}，不像一份台账（可能已损坏），未导入任何内容：请在Excel中打开检查，"
                                   "另存后再导入")


# --- reading the file ----------------------------------------------------------------------

def _open(path: Path):
    """(python-calamine's workbook, the zip looked at first for .xlsx/.xlsm or None)."""
    from python_calamine import CalamineWorkbook

    if not path.exists():
        raise ValidationError("file", f"文件不存在：{path}")
    if path.suffix.lower() not in SUFFIXES:
        raise ValidationError("file", f"只能导入 .xlsx、.xls 或 .ods 文件：{path.name}")
    package = _Package(path) if path.suffix.lower() in (".xlsx", ".xlsm") else None
    try:
        return CalamineWorkbook.from_path(str(path)), package
    except Exception as exc:  # calamine's errors: not a spreadsheet, damaged, encrypted
        if package is not None:
            package.close()
        raise ValidationError("file", f"无法读取“{path.name}”：文件已损坏、加密或不是电子表格（{exc}）") from None


def _load_sheet(wb, package, path: Path, name: str):
    """A sheet, refused when over the limits: an .xlsx before python-calamine
    reads it, an .xls or .ods (python-calamine only) before Python holds it."""
    if package is not None:
        package.check_sheet(name)
    sheet = wb.get_sheet_by_name(name)
    end = sheet.end   # (last row, last column), 0-based; to_python(skip_empty_area=False) starts at A1
    rows, columns = (end[0] + 1, end[1] + 1) if end else (0, 0)
    if rows > MAX_ROWS:
        raise _too_big(path, name, "rows", rows)
    if rows * columns > MAX_CELLS:
        raise _too_big(path, name, "cells", rows, columns)
    return sheet


def _filled_header_area(grid: list[list], merges) -> list[list]:
    """The first rows with merged cells filled from their top-left cell."""
    area = [list(r) for r in grid[:HEADER_SCAN_ROWS]]
    for (r0, c0), (r1, c1) in merges or ():
        if r0 >= len(area):
            continue
        value = area[r0][c0] if c0 < len(area[r0]) else ""
        for r in range(r0, min(r1, len(area) - 1) + 1):
            row = area[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value
    return area


def _is_alias(value) -> bool:
    return isinstance(value, str) and header_key(value)[0] in ALL_ALIASES


def _looks_like_header_row(row: list) -> bool:
    return all(isinstance(v, str) for v in row if not _is_empty(v))


@dataclass
class _Header:
    row: int                  # 0-based index of the main header row
    rows: list[int]           # 0-based rows making the header
    labels: list[list[str]]   # per column: header parts, top to bottom
    score: int


def _find_header(grid: list[list], merges) -> _Header | None:
    area = _filled_header_area(grid, merges)
    counts = [sum(1 for v in row if _is_alias(v)) for row in area]
    if not counts or max(counts) < 2:
        return None
    h = counts.index(max(counts))  # ties: the upper row (a two-line header extends downwards)
    rows = [h]
    spans = [(r0, r1) for (r0, _), (r1, _) in merges or ()]
    if h > 0 and any(r0 <= h - 1 and r1 >= h for r0, r1 in spans):
        rows.insert(0, h - 1)
    if h + 1 < len(area) and _looks_like_header_row(area[h + 1]):
        below, main = area[h + 1], area[h]
        vertical = any(r0 <= h and r1 >= h + 1 for r0, r1 in spans)
        extra = any(_is_alias(v) and not _is_alias(main[c] if c < len(main) else "")
                    for c, v in enumerate(below))
        if vertical or extra:
            rows.append(h + 1)
    width = max(len(area[r]) for r in rows)
    labels = []
    for c in range(width):
        parts: list[str] = []
        for r in rows:
            v = area[r][c] if c < len(area[r]) else ""
            text = cell_text(v)
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(parts)
    return _Header(h, rows, labels, max(counts))


def _map_columns(kind: str, header: _Header) -> tuple[list[MappedColumn], list[str], list[str]]:
    """(mapped columns, ignored headers, notes) for ``kind``."""
    index = ALIASES[kind]
    mapped: list[MappedColumn] = []
    seen: dict[str, MappedColumn] = {}
    ignored, notes = [], []
    for c, parts in enumerate(header.labels):
        if not parts:
            continue
        candidates = [parts[-1], "".join(parts), *reversed(parts[:-1])]
        found: Column | None = None
        text = ""
        for cand in candidates:
            key, _ = header_key(cand)
            if key in index:
                found, text = index[key], cand
                break
        shown = re.sub(r"\s+", "", text) if found else "/".join(re.sub(r"\s+", "", p) for p in parts)
        if found is None:
            ignored.append(shown)
            continue
        if found.export_only:
            notes.append(f"“{shown}”列只在导出的台账中显示，导入时不读取")
            continue
        if found.field in seen:
            notes.append(f"“{shown}”列与“{seen[found.field].header}”列是同一项，只导入前者")
            continue
        col = _mapped(c, shown, found, parts)
        seen[found.field] = col
        mapped.append(col)
    return mapped, ignored, notes


def _mapped(index: int, shown: str, column: Column, parts: list[str]) -> MappedColumn:
    """A column mapped to ``column``; amounts headed 亿元 or 元 are scaled to 万元."""
    units = " ".join(header_key(p)[1] for p in parts)
    factor = Decimal(1)
    if column.type in ("money", "usd"):
        if "亿" in units:
            factor = Decimal(10000)
        elif "万" not in units and "元" in units:
            factor = Decimal("0.0001")
    return MappedColumn(index, shown, column, factor)


def _kind_score(kind: str, fields: set[str], heading: str) -> int | None:
    if not all(any(f in fields for f in group) for group in REQUIRED[kind]):
        return None
    score = len(fields) + 2 * sum(1 for f in DISTINCTIVE[kind] if f in fields)
    if any(w in heading for w in KIND_TITLE_WORDS[kind]):
        score += 3
    return score


def _missing_columns(kind: str, fields: set[str]) -> list[str]:
    headers = {c.field: c.header for c in COLUMNS[kind]}
    return ["或".join(f"“{headers[f]}”" for f in group) for group in REQUIRED[kind]
            if not any(f in fields for f in group)]


@dataclass
class _Source:
    """What a plan was read from, kept to read it again with another kind or mapping."""
    grid: list[list]
    header: _Header
    heading: str
    marks: SheetMarks


def header_signature(labels: list[list[str]]) -> str:
    """The layout of a header (its texts, column by column), as a short key: the
    same ledger kept month after month has the same signature."""
    text = "\x1e".join("\x1f".join(header_key(p)[0] for p in parts) for parts in labels)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _sheets(wb, package, path: Path):
    """(sheet name, grid, header, heading text, marks) of every visible sheet with a header."""
    visible = [m.name for m in wb.sheets_metadata if str(m.visible).endswith("Visible")] or wb.sheet_names
    for name in visible:
        sheet = _load_sheet(wb, package, path, name)
        grid = sheet.to_python(skip_empty_area=False)
        merges = sheet.merged_cell_ranges
        header = _find_header(grid, merges)
        if header is None:
            continue
        _fill_merged_data(grid, merges, header.rows[-1] + 1)
        heading = " ".join(cell_text(v) or "" for r in grid[:header.rows[0]] for v in r if not _is_empty(v))
        marks = package.marks(name) if package is not None else SheetMarks()
        yield name, _Source(grid, header, heading, marks)


def _fill_merged_data(grid: list[list], merges, first: int) -> None:
    """Merged cells under the header that span rows (a 包保领导 written once for
    three rows): each row of the range gets the value of its top-left cell. A
    merge within one row (a section title 一、工业项目 across the sheet) stays as
    it is, one cell."""
    for (r0, c0), (r1, c1) in merges or ():
        if r1 <= r0 or r0 < first or r0 >= len(grid) or c0 >= len(grid[r0]):
            continue
        value = grid[r0][c0]
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    row[c] = value


def _kinds(kind: str, src: _Source):
    """(score, kind, mapped, ignored, notes) for each kind tried (score -1: a required column is missing)."""
    for k in (KINDS if kind == "auto" else (kind,)):
        mapped, ignored, notes = _map_columns(k, src.header)
        score = _kind_score(k, {c.field for c in mapped}, src.heading)
        yield (score if score is not None else -1), k, mapped, ignored, notes


def _make_plan(path: Path, sheet: str, kind: str, detected: bool, src: _Source, mapped, ignored, notes) -> LedgerPlan:
    header, grid = src.header, src.grid
    heading_lines = [" ".join(cell_text(v) or "" for v in r if not _is_empty(v)) for r in grid[:header.rows[0]]]
    plan = LedgerPlan(path=path, kind=kind, kind_detected=detected, sheet=sheet,
                      header_rows=[r + 1 for r in header.rows], columns=mapped, ignored_columns=ignored,
                      rows=[], skipped=[], blank_rows=0, heading_lines=[x for x in heading_lines if x],
                      notes=list(notes),
                      headers=["/".join(re.sub(r"\s+", "", p) for p in parts) for parts in header.labels],
                      signature=header_signature(header.labels), source=src)
    first = header.rows[-1] + 1
    marks = src.marks
    hidden = sorted(r for r in marks.hidden_rows if r > first)
    if hidden:
        shown = "、".join(map(str, hidden[:10])) + ("等" if len(hidden) > 10 else "")
        plan.notes.append(f"第{shown}行在Excel中是隐藏行（共{len(hidden)}行），照常读取")
    for col in mapped:
        if col.index in marks.hidden_columns:
            plan.notes.append(f"“{col.header}”列在Excel中是隐藏列，照常读取")
    _read_rows(plan, grid, first)
    return plan


@without_gc
def read_ledger(path, kind: str = "auto") -> LedgerPlan:
    """Read a ledger file into a plan. ``kind`` is visits, leads, projects or
    auto (told from the headers and the title). Raises ValidationError when the
    file cannot be read or has no recognisable header."""
    path = Path(path)
    if kind not in ("auto", *KINDS):
        raise ValidationError("kind", f"未知的台账类型：{kind}")
    wb, package = _open(path)
    best = None
    with wb, package or nullcontext():
        for name, src in _sheets(wb, package, path):
            for score, k, mapped, ignored, notes in _kinds(kind, src):
                if best is None or score > best[0]:
                    best = (score, name, k, src, mapped, ignored, notes)
            if best and best[0] >= 0 and kind != "auto":
                break
    if best is None:
        raise ValidationError("header", f"“{path.name}”中找不到表头：前{HEADER_SCAN_ROWS}行没有可识别的列名"
                                        "（如“项目名称”“企业名称”“签约日期”“拜访日期”）")
    score, sheet_name, k, src, mapped, ignored, notes = best
    if score < 0:
        fields = {c.field for c in mapped}
        if kind == "auto":
            raise ValidationError("kind", "无法识别台账类型（拜访、在谈项目或签约项目）：请用 --kind 指定")
        raise ValidationError("header", f"{KIND_LABELS[k]}缺少{'、'.join(_missing_columns(k, fields))}列")
    return _make_plan(path, sheet_name, k, kind == "auto", src, mapped, ignored, notes)


@dataclass
class WorkbookRead:
    """Every sheet of a workbook that is a ledger, and why the others are not."""
    path: Path
    plans: list[LedgerPlan]
    skipped_sheets: list[str]      # “工作表名”：reason


@without_gc
def read_workbook(path, kind: str = "auto") -> WorkbookRead:
    """Every visible sheet of a workbook that holds a ledger, each with its own
    kind (拜访 / 在谈项目 / 签约项目) told from its headers and title."""
    path = Path(path)
    if kind not in ("auto", *KINDS):
        raise ValidationError("kind", f"未知的台账类型：{kind}")
    wb, package = _open(path)
    plans: list[LedgerPlan] = []
    skipped: list[str] = []
    with wb, package or nullcontext():
        names = list(wb.sheet_names)
        found = set()
        for name, src in _sheets(wb, package, path):
            found.add(name)
            score, k, mapped, ignored, notes = max(_kinds(kind, src), key=lambda c: c[0])
            if score < 0:
                fields = {c.field for c in mapped}
                skipped.append(f"工作表“{name}”：无法识别台账类型" if kind == "auto" else
                               f"工作表“{name}”：{KIND_LABELS[k]}缺少{'、'.join(_missing_columns(k, fields))}列")
                continue
            plans.append(_make_plan(path, name, k, kind == "auto", src, mapped, ignored, notes))
        skipped += [f"工作表“{n}”：没有可识别的表头" for n in names if n not in found]
    if not plans:
        why = "；".join(skipped) or "没有工作表"
        raise ValidationError("header", f"“{path.name}”中没有可导入的台账（{why}）")
    return WorkbookRead(path, plans, skipped)


def remap(plan: LedgerPlan, kind: str | None = None, mapping: dict[int, str | None] | None = None) -> LedgerPlan:
    """The plan read again from the same sheet as another kind, or with the
    columns mapped by hand (``mapping``: column index -> ledger field, None to
    leave a column out; columns not named keep their automatic mapping)."""
    src = plan.source
    if src is None:
        raise ValidationError("mapping", "该台账无法重新读取：请重新选择文件")
    kind = kind or plan.kind
    if kind not in KINDS:
        raise ValidationError("kind", f"未知的台账类型：{kind}")
    mapped, ignored, notes = _map_columns(kind, src.header)
    if mapping:
        by_field = {c.field: c for c in COLUMNS[kind]}
        auto = {c.index: c for c in mapped}
        columns: list[MappedColumn] = []
        ignored = []
        taken: dict[str, str] = {}
        for index, parts in enumerate(src.header.labels):
            shown = "/".join(re.sub(r"\s+", "", p) for p in parts)
            if index in mapping:
                fld = mapping[index]
                col = by_field.get(fld) if fld else None
                if fld and (col is None or col.export_only):
                    raise ValidationError("mapping", f"“{shown}”列：{KIND_LABELS[kind]}没有“{fld}”这一项")
                if col is None:
                    if shown:
                        ignored.append(shown)
                    continue
                mc = _mapped(index, shown or col.header, col, parts)
            elif index in auto:
                mc = auto[index]
            else:
                if shown:
                    ignored.append(shown)
                continue
            if mc.field in taken:
                raise ValidationError("mapping", f"“{taken[mc.field]}”列和“{mc.header}”列都对应“{mc.column.header}”："
                                                 "一项只能对应一列")
            taken[mc.field] = mc.header
            columns.append(mc)
        mapped = sorted(columns, key=lambda c: c.index)
        notes = [n for n in notes if "只导入前者" not in n]
    fields = {c.field for c in mapped}
    missing = _missing_columns(kind, fields)
    if missing:
        raise ValidationError("mapping", f"{KIND_LABELS[kind]}缺少{'、'.join(missing)}列：请在列对应中指定")
    out = _make_plan(plan.path, plan.sheet, kind, False, src, mapped, ignored, notes)
    out.kind_detected = plan.kind_detected and kind == plan.kind
    return out


def plan_mapping(plan: LedgerPlan) -> dict[int, str | None]:
    """Column index -> ledger field of every header column (None: not imported)."""
    fields = {c.index: c.field for c in plan.columns}
    return {i: fields.get(i) for i, text in enumerate(plan.headers) if text or i in fields}


def _read_rows(plan: LedgerPlan, grid: list[list], first: int) -> None:
    """Sort the rows under the header into blank, skipped (合计, notes, section
    titles) and data rows, then parse the data column by column: a column
    repeats its dates, amounts and stage words, so most cells are a dict lookup.
    The sheet is turned on its side once, and the rows worth a closer look are
    found a column at a time: the first row, rows of at most two cells, rows
    with a 计 (合计, 小计 …) in some cell."""
    rows = grid[first:]
    if not rows:
        return
    width = max(map(len, rows))
    if min(map(len, rows)) != width:  # a hand-made file: short rows end in empty cells
        rows = [r if len(r) == width else [*r, *([""] * (width - len(r)))] for r in rows]
    columns = list(zip(*rows))
    look = {0}
    look.update(k for k, empty in enumerate(map(list.count, rows, repeat(""))) if width - empty <= 2)
    for col in columns:
        every = set(map(type, col)) == {str}
        at = range(len(col)) if every else list(compress(range(len(col)), map(is_, map(type, col), repeat(str))))
        texts = col if every else list(map(col.__getitem__, at))
        if "计" in "\x1f".join(texts):
            # a text beginning as TOTAL_WORDS do (found by C loops), holding a 计; notes
            # such as 按计划推进 are not looked at
            begins = compress(at, map(str.startswith, map(str.lstrip, texts), repeat(_TOTAL_FIRST)))
            look.update(k for k in begins if "计" in col[k])
    # formula cells of imported columns without a computed value: their rows are read and refused
    field_of = {c.index: c.field for c in plan.columns if c.field != "seq"}
    formulas = {(r - first - 1, c): f for (r, c), f in
                (plan.source.marks.formulas_without_value.items() if plan.source is not None else ())
                if c in field_of and r > first}
    formula_rows = {k for k, _ in formulas}
    dropped = set()
    for k in sorted(look):
        present = [v for v in rows[k] if not _is_empty(v)]
        reason = _special_row(present, k == 0) if present else None
        if not present and k in formula_rows:
            continue
        if not present:
            plan.blank_rows += 1
        elif reason:
            plan.skipped.append(SkippedRow(first + k + 1, reason))
        else:
            continue
        dropped.add(k)
    kept = [k for k in range(len(rows)) if k not in dropped] if dropped else range(len(rows))
    if not kept:
        return
    pick = (lambda col: [col[k] for k in kept]) if dropped else list

    parsers = [(c.index, c.field, _Parser(plan.kind, c)) for c in plan.columns if c.field != "seq"]
    headers = {c.field: c.header for c in plan.columns}
    fields = [fld for _, fld, _ in parsers]
    parsed_columns: list[list] = []
    errors: dict[int, list[tuple[str, str]]] = {}
    for index, _, parse in parsers:
        parsed_columns.append(parse.column(pick(columns[index]), errors))
    if formulas:
        pos_of = {k: pos for pos, k in enumerate(kept)}
        for (k, c), formula in sorted(formulas.items()):
            if k in pos_of:
                errors.setdefault(pos_of[k], []).append((field_of[c], (
                    f"公式“={formula}”没有保存计算结果（文件由程序生成，未在Excel或WPS中保存过）："
                    "请在Excel或WPS中打开、保存后再导入")))
    # the rows made by C loops (13 ms for ten thousand rows, where a loop took 15-17 ms)
    size = len(kept)
    values = map(dict, map(zip, repeat(fields), zip(*parsed_columns))) if parsed_columns else \
        ({} for _ in range(size))
    made = list(map(LedgerRow, [first + k + 1 for k in kept], values))
    # rows with every value empty, found a column at a time by identity (a Decimal
    # compared with None costs a microsecond): the first filled column leaves none, as a rule
    empty = set(range(size))
    nothing = repeat(None)
    for parsed in parsed_columns:
        if not empty:
            break
        empty.difference_update(compress(range(size), map(is_not, parsed, nothing)))
    for pos, found in errors.items():
        made[pos].problems.extend(Problem(headers[fld], message, fld) for fld, message in found)
        empty.discard(pos)
    for pos in sorted(empty):
        k = kept[pos]
        if all(_is_empty(v) for v in rows[k]):  # cells of spaces only
            plan.blank_rows += 1
        else:  # only a 序号, or text in columns we do not import
            plan.skipped.append(SkippedRow(first + k + 1, "该行除序号或未识别的列外没有内容，不导入"))
    plan.rows.extend(made if not empty else [row for pos, row in enumerate(made) if pos not in empty])
    plan.skipped.sort(key=lambda skipped: skipped.row)


def _special_row(present: list, first: bool) -> str | None:
    """Why a non-blank row is not a record, or None."""
    for v in present:
        if v.__class__ is str and "计" in v:  # every word of TOTAL_WORDS has it: a cheap first look
            t = _norm_word(v)
            if t in TOTAL_WORDS or (t.startswith(("合计", "总计", "小计")) and len(t) <= 8):
                return "合计行，不导入"
    if len(present) <= 2 and isinstance(present[0], str):
        head = unicodedata.normalize("NFKC", present[0]).strip()
        if _NOTE_RE.match(head):
            return "说明行，不导入"
        if len(present) == 1 and _SECTION_RE.match(head):
            return "分类标题行，不导入"
    if first and len(present) >= 3 and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                           for v in present):
        numbers = [int(v) for v in present if float(v).is_integer()]
        if numbers == list(range(numbers[0], numbers[0] + len(present))) and numbers[0] in (0, 1):
            return "栏目序号行，不导入"
    return None
