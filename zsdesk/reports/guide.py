"""产业招商指南 (issue 16): one industry's chain drawn from 上游 to 下游, the landed,
in-talks and target companies of every node, its gaps (断点 to 补链, nodes to 强链),
the carriers (载体) suited to it and the units working on it, as an A4 PDF.

The data is ``zsdesk.chains.chain_map``: the same placement and gap rules as the
window's 产业链图谱. ``zsdesk guide --industry NAME --out FILE.pdf``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zsdesk import numbers
from zsdesk.chains import GAP_BREAK, GAP_STRENGTHEN, POSITIONS, ChainMap, Chip, Node, chain_map

TITLE = "产业招商指南"
#: chips listed per node and kind before "等N家"
LIST_LIMIT = 12
GAP_TEXT = {GAP_BREAK: "断点·补链", GAP_STRENGTHEN: "强链", None: "稳固"}
GAP_COLOUR = {GAP_BREAK: "#D40000", GAP_STRENGTHEN: "#D98200", None: "#2E7D32"}


def _cn(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


def chain_drawing(m: ChainMap, width: float):
    """The chain as a ReportLab drawing: three columns 上游 → 中游 → 下游, a box per
    node with its counts, framed in the colour of its gap."""
    from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
    from reportlab.lib import colors

    from zsdesk.reports import pdf

    font = pdf.register_font()
    columns = [m.at(p) for p in POSITIONS]
    rows = max((len(c) for c in columns), default=1) or 1
    box_h, gap_y, head_h = 46.0, 12.0, 22.0
    height = head_h + rows * (box_h + gap_y) + 4
    d = Drawing(width, height)
    col_w = width / 3
    box_w = col_w - 34
    for i, (position, nodes) in enumerate(zip(POSITIONS, columns)):
        x0 = i * col_w + 8
        d.add(Rect(x0, height - head_h + 2, box_w, head_h - 6, fillColor=pdf.HEAD_FILL, strokeColor=None))
        d.add(String(x0 + box_w / 2, height - head_h + 8, position, fontName=font, fontSize=10.5,
                     textAnchor="middle", fillColor=pdf.INK))
        if i < 2:   # the arrow to the next column
            ax, ay = x0 + box_w + 5, height - head_h / 2 - 1
            d.add(Line(ax, ay, ax + 18, ay, strokeColor=pdf.GREY, strokeWidth=1.2))
            d.add(PolyLine([ax + 13, ay + 4, ax + 18, ay, ax + 13, ay - 4], strokeColor=pdf.GREY, strokeWidth=1.2))
        for j, node in enumerate(nodes):
            y = height - head_h - (j + 1) * (box_h + gap_y) + gap_y
            colour = colors.HexColor(GAP_COLOUR[node.gap])
            d.add(Rect(x0, y, box_w, box_h, rx=4, ry=4, fillColor=colors.white, strokeColor=colour,
                       strokeWidth=1.6 if node.gap else 1.0))
            d.add(String(x0 + 6, y + box_h - 14, pdf.shorten(node.name, 14), fontName=font, fontSize=10,
                         fillColor=pdf.INK))
            d.add(String(x0 + box_w - 6, y + box_h - 14, GAP_TEXT[node.gap], fontName=font, fontSize=8,
                         textAnchor="end", fillColor=colour))
            d.add(String(x0 + 6, y + 17, f"已落地 {len(node.landed)}（投产 {node.producing}）", fontName=font,
                         fontSize=8, fillColor=pdf.INK))
            d.add(String(x0 + 6, y + 6, f"在谈 {len(node.talks)}  目标企业 {len(node.targets)}", fontName=font,
                         fontSize=8, fillColor=pdf.GREY))
    return d


def _names(chips: tuple[Chip, ...], *, with_status: bool = True) -> str:
    firms: dict[str, str] = {}   # a company once, with the status of its first (largest) record
    for c in chips:
        firms.setdefault(c.company_name, f"{c.company_name}（{c.status_label}）" if with_status else c.company_name)
    seen = list(firms.values())
    shown = "、".join(seen[:LIST_LIMIT])
    return shown + (f" 等{len(seen)}家" if len(seen) > LIST_LIMIT else "") if seen else "无"


def _advice(node: Node) -> str:
    leaders = [c.company_name for c in node.targets if c.status == "龙头"]
    others = [c.company_name for c in node.targets if c.status != "龙头"]
    talks = list(dict.fromkeys(c.company_name for c in node.talks))
    if node.gap == GAP_BREAK:
        text = "本环节尚无落地项目，是产业链断点，需补链。"
    elif node.gap == GAP_STRENGTHEN:
        text = (f"已落地{len(node.landed)}个项目，其中投产{node.producing}个，基础薄弱，需强链："
                "推动已签约项目开工投产，再引进同类企业。")
    else:
        text = f"已落地{len(node.landed)}个项目、投产{node.producing}个，链条稳固，宜延链、招引配套。"
    if talks:
        text += f"在谈：{'、'.join(talks[:6])}{'等' if len(talks) > 6 else ''}，宜加快推进。"
    if leaders:
        text += f"重点招引龙头企业：{'、'.join(leaders[:6])}。"
    if others:
        text += f"配套目标：{'、'.join(others[:6])}{'等' if len(others) > 6 else ''}。"
    if node.gap and not (talks or node.targets):
        text += "尚无在谈项目和目标企业，请在客商库中标记目标企业。"
    return text


def _story(m: ChainMap, pdf, width: float, *, site_name: str, unit_label: str | None):
    from reportlab.platypus import CondPageBreak, Paragraph, Spacer

    st = pdf.styles()
    cell, cell_c, cell_r, head = st["cell"], st["cell_c"], st["cell_r"], st["head"]

    def para(text, style=cell):
        return Paragraph(pdf.escape(text), style)

    story: list = [pdf.BoldLine(f"{m.industry_name}{TITLE}", 18, colour=pdf.RED, align="center", space_after=3),
                   Paragraph(pdf.escape(f"{site_name}" + (f" · {unit_label}" if unit_label else "")
                                        + f" · 截至{m.as_of.year}年{m.as_of.month}月{m.as_of.day}日"),
                             pdf.ParagraphStyle("sub", parent=st["plain"], fontSize=10, leading=14, alignment=1,
                                                textColor=pdf.GREY)),
                   pdf.Rule(2, pdf.RED, space_before=4, space_after=6)]
    landed = sum(len(n.landed) for n in m.nodes)
    breaks = [n.name for n in m.nodes if n.gap == GAP_BREAK]
    weak = [n.name for n in m.nodes if n.gap == GAP_STRENGTHEN]
    summary = (f"{m.industry_name}产业链共{len(m.nodes)}个环节，已落地项目{landed}个"
               f"（合同投资{numbers.money(sum((n.landed_investment for n in m.nodes), 0))}万元），"
               f"在谈{sum(len(n.talks) for n in m.nodes)}个，目标企业{sum(len(n.targets) for n in m.nodes)}家。")
    summary += (f"断点{len(breaks)}个（{'、'.join(breaks)}），" if breaks else "无断点，")
    summary += (f"需强链环节{len(weak)}个（{'、'.join(weak)}）。" if weak else "无需强链环节。")
    story.append(para(summary, st["body"]))

    story.append(pdf.BoldLine(f"{_cn(1)}、产业链图谱", 13, space_before=8, space_after=4))
    story.append(chain_drawing(m, width))
    story.append(para("框线：红色为断点（补链），橙色为需强链（已落地项目中投产不足2个），绿色为稳固。"
                      "已落地 = 已签约且未违约的项目；在谈 = 线索至意向阶段的项目；目标企业 = 各单元标记的龙头、配套企业。",
                      st["note"]))

    story.append(CondPageBreak(40 * pdf.mm))
    story.append(pdf.BoldLine(f"{_cn(2)}、各环节企业", 13, space_before=8, space_after=4))
    table = [[para(h, head) for h in ("环节", "已落地（阶段）", "在谈（阶段）", "目标企业（类型）", "状态")]]
    marks = []
    for n in m.nodes:
        colour = pdf.colors.HexColor(GAP_COLOUR[n.gap])
        marks.append(("TEXTCOLOR", (4, len(table)), (4, len(table)), colour))
        table.append([Paragraph(f"{pdf.escape(n.position)}<br/>{pdf.escape(n.name)}", cell_c),
                      para(_names(n.landed)), para(_names(n.talks)), para(_names(n.targets)),
                      para(GAP_TEXT[n.gap], cell_c)])
    story.append(pdf.data_table(table, [24 * pdf.mm, (width - 40 * pdf.mm) * 0.36, (width - 40 * pdf.mm) * 0.32,
                                        (width - 40 * pdf.mm) * 0.32, 16 * pdf.mm], extra=marks))
    if m.unplaced:
        story.append(para(f"未定位环节（产业为“{m.industry_name}”而未选环节）：{_names(m.unplaced)}。请在项目或线索中选择产业链环节。",
                          st["note"]))

    story.append(CondPageBreak(40 * pdf.mm))
    story.append(pdf.BoldLine(f"{_cn(3)}、断点与强链", 13, space_before=8, space_after=4))
    for n in m.nodes:
        story.append(Paragraph(f"<font color='{GAP_COLOUR[n.gap]}'>【{pdf.escape(GAP_TEXT[n.gap])}】</font>"
                               f"{pdf.escape(n.position)} · {pdf.escape(n.name)}：{pdf.escape(_advice(n))}",
                               st["plain"]))
        story.append(Spacer(1, 2))

    story.append(CondPageBreak(40 * pdf.mm))
    story.append(pdf.BoldLine(f"{_cn(4)}、适宜载体", 13, space_before=8, space_after=4))
    if m.carriers:
        table = [[para(h, head) for h in ("编号", "载体", "类型", "园区", "可用面积", "所属单元", "依据")]]
        for c in m.carriers[:20]:
            table.append([para(c.number), para(c.name), para(c.kind, cell_c), para(c.park or ""),
                          para(numbers.number(c.free_area) if c.free_area is not None else "未填", cell_r),
                          para(c.unit_name), para(c.why)])
        story.append(pdf.data_table(table, [31 * pdf.mm, 34 * pdf.mm, 14 * pdf.mm, 23 * pdf.mm, 17 * pdf.mm,
                                            26 * pdf.mm, width - 145 * pdf.mm]))
        story.append(para("可用面积：标准厂房、楼宇为平方米，土地为亩。适宜载体 = 已承载本产业项目、"
                          "或名称、园区、说明中写有本产业或其环节名称，且仍有可用面积的载体。", st["note"]))
    else:
        story.append(para("暂无适宜载体：没有已承载本产业项目、或说明写有本产业的载体。", st["body"]))

    story.append(CondPageBreak(35 * pdf.mm))
    story.append(pdf.BoldLine(f"{_cn(5)}、责任单元", 13, space_before=8, space_after=4))
    if unit_label:
        story.append(para(f"本指南由{unit_label}负责落实。", st["body"]))
    if m.units:
        table = [[para(h, head) for h in ("招商单元", "已落地项目", "在谈项目", "目标企业")]]
        for u in m.units:
            table.append([para(u.unit_name), para(str(u.landed), cell_r), para(str(u.talks), cell_r),
                          para(str(u.targets), cell_r)])
        story.append(pdf.data_table(table, [width - 90 * pdf.mm, 30 * pdf.mm, 30 * pdf.mm, 30 * pdf.mm]))
    else:
        story.append(para("尚无单元在本产业链上有项目或目标企业。", st["body"]))
    return story


def _render(m: ChainMap, out: Path, *, site_name: str, unit_label: str | None, now: dt.datetime | None) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from zsdesk import __version__
    from zsdesk.reports import pdf

    pdf.register_font()
    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                          bottomMargin=20 * mm, title=f"{m.industry_name}{TITLE}", author=site_name,
                          subject=m.industry_name, creator=f"zsdesk {__version__}")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=pdf.foot_note(pdf.generated_at(now), right=18 * mm))])
    doc.build(_story(m, pdf, doc.width, site_name=site_name, unit_label=unit_label),
              canvasmaker=pdf.NumberedCanvas)
    return doc.page


def write_guide(ws, industry_id: str, out_path, *, unit_ids: list[str] | None = None,
                unit_label: str | None = None, now: dt.datetime | None = None) -> Path:
    """Write the 产业招商指南 of one industry to ``out_path`` (a .pdf); ``unit_ids``:
    only these units' projects, leads and targets, ``unit_label`` naming them."""
    from zsdesk.reports import pdf

    out = pdf.checked_pdf_path(out_path)
    m = chain_map(ws, industry_id, unit_ids)
    pdf.write_atomically(out, lambda tmp: _render(m, tmp, site_name=ws.site.name, unit_label=unit_label, now=now))
    return out
