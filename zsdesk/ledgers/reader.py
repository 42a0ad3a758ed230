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
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import repeat
from pathlib import Path

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
# 拜访方式 as staff write them -> the kinds of DESIGN §2
VISIT_KIND_WORDS = {**{_k: _k for _k in VISIT_KINDS},
                    "上门拜访": "上门招商", "登门拜访": "上门招商", "上门": "上门招商", "外出拜访": "上门招商",
                    "拜访": "上门招商", "驻点": "驻点招商", "驻外招商": "驻点招商", "来访": "来访接待", "接待": "来访接待",
                    "客商来访": "来访接待", "展会": "展会推介", "推介会": "展会推介", "招商推介": "展会推介",
                    "企业走访": "企业走访/安商稳商", "走访": "企业走访/安商稳商", "安商稳商": "企业走访/安商稳商",
                    "以商引商": "以商招商"}
TRUE_WORDS = {"是", "已完成", "完成", "已跟进", "√", "✓", "✔", "y", "yes", "true", "1", "已办结", "办结"}
FALSE_WORDS = {"否", "未完成", "未跟进", "×", "✗", "n", "no", "false", "0", "进行中", "跟进中"}
TOTAL_WORDS = {"合计", "总计", "小计", "累计", "共计", "总合计", "本页合计", "全部合计"}
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
    values: dict[str, object] = field(default_factory=dict)   # field -> parsed value (None: empty)
    problems: list[Problem] = field(default_factory=list)


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


class _Parser:
    """Turns the cells of one column into values; remembers what it parsed, since
    a ledger repeats its dates, amounts and stage words many times."""

    def __init__(self, kind: str, col: MappedColumn):
        self.kind = kind
        self.col = col
        self.type = col.column.type
        self.field = col.field
        self.memo: dict = {}

    def column(self, cells: list, errors: dict) -> list:
        """The parsed values of a column's cells (None for an empty cell); a cell
        that cannot be read adds (field, message) to ``errors[position]``."""
        if self.type == "text":
            return self._text_column(cells)
        out = []
        append = out.append
        get = self.memo.get
        for pos, v in enumerate(cells):
            if v.__class__ is str:
                if v == "":
                    append(None)
                    continue
                hit = get(v)
                key = v
            elif v is None:
                append(None)
                continue
            else:
                key = (v.__class__, v)
                hit = get(key)
            if hit is None:
                hit = self._remember(key, v)
            append(hit[0])
            if hit[1] is not None:
                errors.setdefault(pos, []).append((self.field, hit[1]))
        return out

    @staticmethod
    def _text_column(cells: list) -> list:
        if set(map(type, cells)) == {str}:  # the usual text column: done by C loops
            stripped = list(map(str.strip, cells))
            # parts joined by a control character are NFC each when the whole is
            if unicodedata.is_normalized("NFC", "\x1f".join(stripped)):
                return [t or None for t in stripped]
        out = []
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


# --- reading the file ----------------------------------------------------------------------

def _open(path: Path):
    from python_calamine import CalamineWorkbook

    if not path.exists():
        raise ValidationError("file", f"文件不存在：{path}")
    if path.suffix.lower() not in SUFFIXES:
        raise ValidationError("file", f"只能导入 .xlsx、.xls 或 .ods 文件：{path.name}")
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine's errors: not a spreadsheet, damaged, encrypted
        raise ValidationError("file", f"无法读取“{path.name}”：文件已损坏、加密或不是电子表格（{exc}）") from None


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
        found, text = None, None
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
        units = " ".join(header_key(p)[1] for p in parts)
        factor = Decimal(1)
        if found.type in ("money", "usd"):
            if "亿" in units:
                factor = Decimal(10000)
            elif "万" not in units and "元" in units:
                factor = Decimal("0.0001")
        col = MappedColumn(c, shown, found, factor)
        seen[found.field] = col
        mapped.append(col)
    return mapped, ignored, notes


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


@without_gc
def read_ledger(path, kind: str = "auto") -> LedgerPlan:
    """Read a ledger file into a plan. ``kind`` is visits, leads, projects or
    auto (told from the headers and the title). Raises ValidationError when the
    file cannot be read or has no recognisable header."""
    path = Path(path)
    if kind not in ("auto", *KINDS):
        raise ValidationError("kind", f"未知的台账类型：{kind}")
    wb = _open(path)
    best = None
    with wb:
        visible = [m.name for m in wb.sheets_metadata if str(m.visible).endswith("Visible")] or wb.sheet_names
        for name in visible:
            sheet = wb.get_sheet_by_name(name)
            grid = sheet.to_python(skip_empty_area=False)
            header = _find_header(grid, sheet.merged_cell_ranges)
            if header is None:
                continue
            heading = " ".join(cell_text(v) or "" for r in grid[:header.rows[0]] for v in r if not _is_empty(v))
            kinds = KINDS if kind == "auto" else (kind,)
            for k in kinds:
                mapped, ignored, notes = _map_columns(k, header)
                fields = {c.field for c in mapped}
                score = _kind_score(k, fields, heading)
                candidate = (score if score is not None else -1, name, k, grid, header, mapped, ignored, notes,
                             heading)
                if best is None or candidate[0] > best[0]:
                    best = candidate
            if best and best[0] >= 0 and kind != "auto":
                break
    if best is None:
        raise ValidationError("header", f"“{path.name}”中找不到表头：前{HEADER_SCAN_ROWS}行没有可识别的列名"
                                        "（如“项目名称”“企业名称”“签约日期”“拜访日期”）")
    score, sheet_name, k, grid, header, mapped, ignored, notes, heading = best
    if score < 0:
        fields = {c.field for c in mapped}
        if kind == "auto":
            raise ValidationError("kind", "无法识别台账类型（拜访、在谈项目或签约项目）：请用 --kind 指定")
        raise ValidationError("header", f"{KIND_LABELS[k]}缺少{'、'.join(_missing_columns(k, fields))}列")
    heading_lines = [" ".join(cell_text(v) for v in r if not _is_empty(v)) for r in grid[:header.rows[0]]]
    plan = LedgerPlan(path=path, kind=k, kind_detected=kind == "auto", sheet=sheet_name,
                      header_rows=[r + 1 for r in header.rows], columns=mapped, ignored_columns=ignored,
                      rows=[], skipped=[], blank_rows=0, heading_lines=[x for x in heading_lines if x],
                      notes=notes)
    _read_rows(plan, grid, header.rows[-1] + 1)
    return plan


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
        text = "\x1f".join(col if set(map(type, col)) == {str} else [v for v in col if v.__class__ is str])
        if "计" in text:
            look.update(k for k, v in enumerate(col) if v.__class__ is str and "计" in v)
    dropped = set()
    for k in sorted(look):
        present = [v for v in rows[k] if not _is_empty(v)]
        reason = _special_row(present, k == 0) if present else None
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
    parsed_columns, errors = [], {}
    for index, fld, parse in parsers:
        parsed_columns.append(parse.column(pick(columns[index]), errors))
    n_fields = len(parsed_columns)
    values = zip(*parsed_columns) if parsed_columns else ((),) * len(kept)
    for pos, (k, parsed) in enumerate(zip(kept, values)):
        row = LedgerRow(first + k + 1, dict(zip(fields, parsed)))
        found = errors.get(pos)
        if found:
            row.problems.extend(Problem(headers[fld], message, fld) for fld, message in found)
        elif parsed.count(None) == n_fields:
            if all(_is_empty(v) for v in rows[k]):  # cells of spaces only
                plan.blank_rows += 1
            else:  # only a 序号, or text in columns we do not import
                plan.skipped.append(SkippedRow(first + k + 1, "该行除序号或未识别的列外没有内容，不导入"))
            continue
        plan.rows.append(row)
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
