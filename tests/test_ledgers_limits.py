"""Ledgers over the size limits (``reader.MAX_ROWS``, ``reader.MAX_CELLS``):
refused, naming the file, the sheet, how many rows and the limit, with the
database unchanged: a sheet whose XML is over 32 MB before python-calamine
reads it (counted in a stream, also when the sheet's ``<dimension>`` lies;
styled empty rows do not count), a smaller one on the size python-calamine
reports, before Python holds it. And files that are .xlsx in name only (text,
an encrypted workbook, an older Office file, a password-protected zip, a zip
bomb): a message, no traceback."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys
import textwrap
import zipfile

import pytest

from support import count
from test_ledgers_import import write_ods, write_xls
from zsdesk.cli import build_parser
from zsdesk.db.models import ChangeLog
from zsdesk.errors import ValidationError
from zsdesk.ledgers import preview, read_ledger
from zsdesk.ledgers import reader
from zsdesk.ledgers.cli import cli_ledger

SMALL = 50
SHEET = "在谈项目台账"
HEADER = ["序号", "项目名称", "企业名称", "计划总投资(万元)", "首报日期"]


@pytest.fixture
def small_limit(monkeypatch):
    """A limit of 50 rows, so the files stay small."""
    monkeypatch.setattr(reader, "MAX_ROWS", SMALL)


@pytest.fixture
def stream_all(monkeypatch):
    """Every sheet counted in a stream before python-calamine reads it (not
    only those whose XML is over 32 MB), so small files show the streaming."""
    monkeypatch.setattr(reader, "_STREAM_ABOVE", 0)


class _Recorder:
    """python-calamine's workbook, noting which sheets it is asked to read."""

    def __init__(self, wb, read: list[str]):
        self._wb, self._read = wb, read

    def __getattr__(self, name):
        return getattr(self._wb, name)

    def __enter__(self):
        self._wb.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wb.__exit__(*exc)

    def get_sheet_by_name(self, name):
        self._read.append(name)
        return self._wb.get_sheet_by_name(name)


@pytest.fixture
def sheets_read(monkeypatch) -> list[str]:
    """The sheets python-calamine was asked to read (each whole, into memory)."""
    read: list[str] = []
    original = reader._open

    def spy(path):
        wb, package = original(path)
        return _Recorder(wb, read), package

    monkeypatch.setattr(reader, "_open", spy)
    return read


def ledger_grid(data_rows: int) -> list[list]:
    """A title, the header and ``data_rows`` rows of a 在谈项目台账."""
    rows = [["2026年在谈项目台账"], HEADER]
    rows += [[i, f"限额测试项目{i}", f"限额测试有限公司{i % 7}", 100 + i, dt.date(2026, 3, 1 + i % 28)]
             for i in range(1, data_rows + 1)]
    return rows


def write_book(path, grid, *, styled_rows: int = 0, cells: dict | None = None):
    """As Excel keeps it (openpyxl, not write-only: shared strings and an exact
    <dimension>); ``styled_rows`` rows below the data with borders and no
    value; ``cells``: more values by reference (a stray cell far away)."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for row in grid:
        ws.append(row)
    thin = Side(style="thin")
    for r in range(len(grid) + 1, len(grid) + styled_rows + 1):
        for c in range(1, len(HEADER) + 1):
            ws.cell(row=r, column=c).border = Border(top=thin, bottom=thin)
    for ref, value in (cells or {}).items():
        ws[ref] = value
    wb.save(path)
    return path


def raw_book(path, rows_xml, *, dimension: str | None = None, sheet: str = "台账", level: int = 6,
             shared: list[str] = ()):
    """An .xlsx written by hand: one sheet of ``rows_xml`` (a string, or
    strings), a <dimension> that says what we like, no styles; ``shared``: a
    shared-strings part holding these texts (cells t="s" point into it)."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
                                  f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
                                  "</Relationships>")
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" '
                                      f'xmlns:r="{rel}"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/>'
                                      "</sheets></workbook>")
        strings_rel = f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        z.writestr("xl/_rels/workbook.xml.rels",
                   f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" '
                   f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>{strings_rel if shared else ""}'
                   "</Relationships>")
        if shared:
            z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" '
                                               f'count="{len(shared)}" uniqueCount="{len(shared)}">'
                       + "".join(f"<si><t>{text}</t></si>" for text in shared) + "</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">{dim}<sheetData>'.encode())
            for part in [rows_xml] if isinstance(rows_xml, str) else rows_xml:
                f.write(part.encode())
            f.write(b"</sheetData></worksheet>")
    return path


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def raw_rows(data_rows: int, *, pieces: bool = False):
    """The header and ``data_rows`` rows (项目名称, 企业名称, 总投资) as sheet
    XML: a string, or (``pieces``) strings of 10,000 rows."""
    def rows():
        yield ('<row r="1">' + text_cell("A1", "项目名称") + text_cell("B1", "企业名称")
               + text_cell("C1", "计划总投资") + "</row>")
        for start in range(2, data_rows + 2, 10_000):
            yield "".join(f'<row r="{r}">' + text_cell(f"A{r}", f"P{r}") + text_cell(f"B{r}", f"C{r % 9}")
                          + f'<c r="C{r}"><v>{r}</v></c></row>' for r in range(start, min(start + 10_000,
                                                                                            data_rows + 2)))
    return rows() if pieces else "".join(rows())


# --- over the row limit ------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["dimension", "counted", "read"])
def test_a_sheet_over_the_limit_is_refused(ws, tmp_path, monkeypatch, small_limit, sheets_read, how):
    """62 rows: the sheet says so (Excel writes an exact <dimension>), or they
    are counted in a stream, both before python-calamine reads the sheet; or
    (no <dimension>, XML under 32 MB) python-calamine reads the sheet and the
    size it reports is refused before Python holds it."""
    path = tmp_path / "全县在谈项目.xlsx"
    if how == "dimension":
        write_book(path, ledger_grid(60))   # 62 rows with the title and header
    else:
        raw_book(path, raw_rows(61), sheet=SHEET)
    if how == "counted":
        monkeypatch.setattr(reader, "_STREAM_ABOVE", 0)
    before = (ws.counts(), count(ws, ChangeLog))
    args = build_parser().parse_args(["ledger", "import", str(path)])
    with pytest.raises(ValidationError) as info:
        cli_ledger(ws, args)
    assert info.value.message == ("“全县在谈项目.xlsx”的工作表“在谈项目台账”有62行，超过一次可导入的上限（50行），"
                                  "未导入任何内容：请把它拆分成几个不超过50行的工作簿，再分别导入")
    assert sheets_read == ([SHEET] if how == "read" else [])
    assert (ws.counts(), count(ws, ChangeLog)) == before


def test_a_sheet_at_the_limit_imports(ws, tmp_path, small_limit, stream_all):
    path = write_book(tmp_path / "刚好.xlsx", ledger_grid(SMALL - 2))
    result = preview(ws, read_ledger(path))
    assert result.counts["created"] == SMALL - 2


@pytest.mark.parametrize("chunk", [97, 4096, None])
def test_a_dimension_that_lies_does_not_hide_rows(tmp_path, small_limit, stream_all, sheets_read, monkeypatch,
                                                  chunk):
    """The sheet says A1:C3 and holds 81 rows: counted while streaming, a chunk
    at a time (97 bytes: every row is cut somewhere), and refused."""
    if chunk:
        monkeypatch.setattr(reader, "_CHUNK", chunk)
    path = raw_book(tmp_path / "说谎.xlsx", raw_rows(80), dimension="A1:C3")
    with pytest.raises(ValidationError) as info:
        read_ledger(path)
    assert "“说谎.xlsx”的工作表“台账”有81行，超过一次可导入的上限（50行）" in info.value.message
    assert sheets_read == []


def test_styled_empty_rows_do_not_count(tmp_path, small_limit, stream_all, sheets_read):
    """Borders drawn far below the data (a common template) make <row> tags
    without values: python-calamine ignores them, and so does the limit."""
    path = write_book(tmp_path / "带格式.xlsx", ledger_grid(30), styled_rows=300)
    plan = read_ledger(path)
    assert len(plan.rows) == 30 and sheets_read == [SHEET]
    # the same rows without a <dimension>: counted quickly first (332 tags), then one by one
    rows = raw_rows(30) + "".join(f'<row r="{r}"><c r="A{r}" s="0"/></row>' for r in range(32, 332))
    plan = read_ledger(raw_book(tmp_path / "无尺寸.xlsx", rows))
    assert len(plan.rows) == 30


def test_a_stray_value_far_down_or_right_is_refused(tmp_path, sheets_read):
    """Something typed at the bottom (row 1,048,576) or the far right (XFD) of
    the sheet stretches what python-calamine holds to there (it keeps every
    cell of the rectangle): refused with the real limits."""
    path = write_book(tmp_path / "最底下.xlsx", ledger_grid(20), cells={"A1048576": "误输入"})
    with pytest.raises(ValidationError) as info:
        read_ledger(path)
    assert "“最底下.xlsx”的工作表“在谈项目台账”有1,048,576行，超过一次可导入的上限（200,000行）" in info.value.message
    path = write_book(tmp_path / "最右边.xlsx", ledger_grid(998), cells={"XFD1": "误输入"})
    with pytest.raises(ValidationError) as info:
        read_ledger(path)
    assert info.value.message.startswith("“最右边.xlsx”的工作表“在谈项目台账”数据范围过大（1,000行×16,384列），"
                                         "超过一次可导入的上限（12,000,000个单元格）")
    assert sheets_read == []


def test_a_stray_value_under_a_lying_dimension_is_refused_before_python_holds_it(tmp_path, sheets_read):
    """The zip says three rows; python-calamine reads the sheet (two columns to
    row 1,048,576), and the size it reports is refused before to_python()."""
    rows = raw_rows(2) + '<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    path = raw_book(tmp_path / "藏在底下.xlsx", rows, dimension="A1:C3")
    with pytest.raises(ValidationError) as info:
        read_ledger(path)
    assert "“藏在底下.xlsx”的工作表“台账”有1,048,576行" in info.value.message
    assert sheets_read == ["台账"]


@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_xls_and_ods_over_the_limit(tmp_path, small_limit, fmt):
    """Read by python-calamine only (an .xls has at most 65,536 rows): refused
    by the size it reports, before Python holds the sheet."""
    path = tmp_path / f"旧格式.{fmt}"
    grid = ledger_grid(60)
    grid = [row + [None] * (len(HEADER) - len(row)) for row in grid]
    (write_xls if fmt == "xls" else write_ods)(path, grid, [])
    with pytest.raises(ValidationError) as info:
        read_ledger(path)
    assert f"“旧格式.{fmt}”的工作表“Sheet1”有62行，超过一次可导入的上限（50行）" in info.value.message


def test_the_largest_sheet_excel_allows_is_refused_in_little_memory(tmp_path):
    """1,048,576 rows (the most an .xlsx sheet holds) with a <dimension> that
    says three: refused in a fresh process using well under 500 MB (reading it
    took 2.4 GB before the limit)."""
    path = raw_book(tmp_path / "最大.xlsx", raw_rows(1_048_575, pieces=True), dimension="A1:C3", level=1)
    # the peak of the new process only: ru_maxrss also counts the process it was
    # started from (the kernel keeps the high-water mark across exec)
    script = textwrap.dedent("""
        import resource, sys
        from pathlib import Path
        from zsdesk.errors import ValidationError
        from zsdesk.ledgers import read_ledger
        try:
            read_ledger(sys.argv[1])
        except ValidationError as exc:
            print(exc.message)
        status = Path("/proc/self/status")
        if status.exists():
            print(next(int(line.split()[1]) // 1024 for line in status.read_text().splitlines()
                       if line.startswith("VmHWM:")))
        else:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(peak // 1024 if sys.platform != "darwin" else peak // 2**20)
    """)
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    message, peak_mb = proc.stdout.strip().splitlines()
    assert message.startswith("“最大.xlsx”的工作表“台账”有1,048,576行，超过一次可导入的上限（200,000行）")
    assert int(peak_mb) < 500


# --- files that are .xlsx in name only -------------------------------------------------------------

def _flag_encrypted(path):
    """Set the 'encrypted' bit of every member, as a zip tool with a password does."""
    data = bytearray(path.read_bytes())
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        while at != -1:
            flags = struct.unpack_from("<H", data, at + offset)[0]
            struct.pack_into("<H", data, at + offset, flags | 1)
            at = data.find(sig, at + 4)
    path.write_bytes(bytes(data))


def _not_a_workbook(tmp_path, monkeypatch, case: str):
    path = tmp_path / f"{case}.xlsx"
    if case == "text":
        path.write_bytes("项目名称,企业名称\n".encode())
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "xls":
        write_xls(path, [["项目名称", "企业名称"], ["甲", "甲公司"]], [])
    elif case == "encrypted":   # what Excel writes for a workbook with a password to open: an OLE file
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000) + "EncryptionInfo".encode("utf-16-le")
                         + bytes(200) + "EncryptedPackage".encode("utf-16-le") + bytes(500))
    elif case == "other zip":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("word/document.xml", "<document/>")
    elif case == "truncated":
        write_book(path, ledger_grid(200))
        path.write_bytes(path.read_bytes()[:3000])
    elif case == "zip password":
        write_book(path, ledger_grid(5))
        _flag_encrypted(path)
    elif case == "sheet bomb":   # 3 MB of nothing after the rows, packed small; the limits brought down to 1 MB
        monkeypatch.setattr(reader, "_MAX_SHEET_BYTES", 1 << 20)
        monkeypatch.setattr(reader, "_STREAM_ABOVE", 1 << 20)
        raw_book(path, raw_rows(5) + " " * (3 << 20))
    elif case == "strings bomb":   # more distinct texts than the limit (brought down to 10)
        monkeypatch.setattr(reader, "MAX_SHARED_STRINGS", 10)
        texts = ["项目名称", "企业名称"] + [f"项目{i}" for i in range(20)]
        rows = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>{r - 1}</v></c></row>' for r in range(1, 23))
        raw_book(path, rows, shared=texts)
    return path


@pytest.mark.parametrize("case, expected", [
    ("text", "“text.xlsx”不是Excel工作簿（文件已损坏，或扩展名与内容不符）"),
    ("empty", "“empty.xlsx”不是Excel工作簿"),
    ("xls", "“xls.xlsx”不是.xlsx工作簿，而是旧格式的Office文件（如.xls）"),
    ("encrypted", "“encrypted.xlsx”设置了打开密码（已加密），无法读取"),
    ("other zip", "“other zip.xlsx”不是Excel工作簿"),
    ("truncated", "“truncated.xlsx”不是Excel工作簿"),
    ("zip password", "“zip password.xlsx”设置了密码（已加密），无法读取"),
    ("sheet bomb", "“sheet bomb.xlsx”的工作表“台账”解压后超过1 MB，不像一份台账"),
    ("strings bomb", "“strings bomb.xlsx”中有超过10条不同的文字，超过一次可导入的上限，未导入任何内容"),
])
def test_files_that_are_xlsx_in_name_only(tmp_path, monkeypatch, sheets_read, case, expected):
    path = _not_a_workbook(tmp_path, monkeypatch, case)
    with pytest.raises(ValidationError) as info:
        read_ledger(path)
    assert info.value.field == "file"
    assert info.value.message.startswith(expected), info.value.message
    assert sheets_read == []


def test_the_command_line_says_why_without_a_traceback(tmp_path, ws):
    path = tmp_path / "不是表格.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    if ws.db.engine.url.get_backend_name() != "sqlite":
        pytest.skip("the command line is given the SQLite file of the workspace")
    db = ws.db.engine.url.database
    proc = subprocess.run([sys.executable, "-m", "zsdesk", "--db", db, "ledger", "import", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == ("zsdesk: file: “不是表格.xlsx”不是Excel工作簿（文件已损坏，或扩展名与内容不符），"
                                   "无法读取：请在Excel中打开确认，另存为.xlsx后再导入")
