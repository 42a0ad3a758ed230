"""CJK line breaking in the 简报: a closing mark ("，。；：！？、）》」』") never starts
a line, in plain paragraphs and in paragraphs with markup (``<font>``, ``<b>``,
colours), which ReportLab wraps with a different splitter."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from zsdesk.reports import pdf

CLOSING = "，。；：！？、）》」』"

# Many "，" and other marks, never two side by side (ReportLab hangs one mark at
# the end of a line, not two: see pdf.keep_closing_marks_off_line_starts).
SENTENCE = ("全市新签约项目十二个，合同投资八十六亿元，其中亿元以上项目五个，到位资金二十一亿元；"
            "开工项目七个，竣工项目三个，投产项目两个。《招商引资工作简报》第五期，重点企业（扬子江药业）"
            "配方颗粒项目已进场施工，用地、用电问题均已解决；下一步：加强调度，压实责任，确保「应开尽开」落到实处！")
TEXTS = {
    "plain": SENTENCE * 2,
    "font colour": "<font color='#C00000'>" + SENTENCE + "</font>" + SENTENCE,
    "bold": "本期：<b>" + SENTENCE + "</b>" + SENTENCE,
    "mixed": "<font size=9>" + SENTENCE[:40] + "</font><b>" + SENTENCE[40:90] + "</b>"
             + "<font color='red'>" + SENTENCE[90:] + "</font>" + SENTENCE,
}


def _line_texts(para) -> list[str]:
    """The text of each line ReportLab broke the paragraph into."""
    bl = para.blPara
    if bl.kind == 0:   # one plain run: lines are (extra space, [words])
        return ["".join(words) for _space, words in bl.lines]
    return ["".join(getattr(f, "text", "") for f in line.words) for line in bl.lines]


@pytest.fixture(scope="module")
def styles():
    return pdf.styles()


def test_the_text_has_no_two_closing_marks_side_by_side():
    plain = re.sub(r"<[^>]+>", "", "".join(TEXTS.values()))
    assert not re.search(f"[{CLOSING}][{CLOSING}]", plain)


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize("style", ["body", "cell"])
def test_no_line_starts_with_a_closing_mark(styles, name, style):
    from reportlab.platypus import Paragraph

    hung = 0
    for width in range(40, 241, 3):   # narrow frames: every mark lands at a line end somewhere
        para = Paragraph(TEXTS[name], styles[style])
        para.wrap(width, 10_000)
        lines = _line_texts(para)
        assert len(lines) > 1
        for i, line in enumerate(lines[1:], 1):
            assert line[:1] not in CLOSING, (width, i, lines[i - 1], line)
        hung += sum(line[-1:] in CLOSING for line in lines[:-1])
    assert hung > 20   # the case arose: marks were hung at line ends instead of starting lines


def test_the_rendered_pdf_lines_do_not_start_with_a_closing_mark(styles, tmp_path):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    out = tmp_path / "narrow.pdf"
    doc = SimpleDocTemplate(str(out), pagesize=(70 * mm, 400 * mm), leftMargin=8 * mm, rightMargin=8 * mm)
    doc.build([Paragraph(text, styles["plain"]) for text in TEXTS.values()])
    lines = [line.strip() for page in PdfReader(str(out)).pages for line in (page.extract_text() or "").split("\n")]
    lines = [line for line in lines if line]
    assert len(lines) > 40
    assert [line for line in lines if line[0] in CLOSING] == []


def test_the_installed_reportlab_is_one_the_rule_was_checked_on():
    # a new major version must be read again before the cap in pyproject.toml is raised
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    assert pdf.keep_closing_marks_off_line_starts() is True
    for module in (textsplit, paragraph):
        assert all(ch in module.ALL_CANNOT_START for ch in CLOSING)
