"""A `views.document.Document` (the monthly 通报, the 三级评价 lists) as an editable Word/WPS file
in 公文 layout (after GB/T 9704): A4, 标题 方正小标宋简体 二号, 正文 仿宋_GB2312 三号 (16 pt) on a
fixed 28 pt line, 一级标题 黑体, 二级标题 楷体_GB2312, page numbers '— 1 —' in the footer, and the
发文 block (发文字号, 签发人, 成文日期) left blank for the office.

The East Asian faces are named through w:eastAsia (the Latin ones through w:ascii/w:hAnsi), and
the font table gives each its fallback (w:altName: 宋体, 仿宋, 楷体), so Word, WPS and
LibreOffice without the 方正 fonts still set the text in a like face.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from hnparks.views.document import BODY, HEADING, ITEM, SUBHEADING, Document, Paragraph, Table

LATIN = "Times New Roman"
TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
FALLBACK = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体", HEADING_FONT: "SimHei",
            "宋体": "SimSun"}
TITLE_PT, BODY_PT, TABLE_PT, SMALL_TABLE_PT, PAGE_NO_PT = 22, 16, 12, 10.5, 14
LINE_PT = 28  # 公文: 22 lines a page
STYLES = {  # style name → (East Asian face, size, bold)
    "公文标题": (TITLE_FONT, TITLE_PT, False),
    "公文正文": (BODY_FONT, BODY_PT, False),
    "一级标题": (HEADING_FONT, BODY_PT, False),
    "二级标题": (SUBHEADING_FONT, BODY_PT, False),
    "公文表格": (BODY_FONT, TABLE_PT, False),
    "示意说明": (SUBHEADING_FONT, BODY_PT, False),
}
KIND_STYLE = {HEADING: "一级标题", SUBHEADING: "二级标题", ITEM: "公文正文", BODY: "公文正文"}
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def set_fonts(rpr_owner, east_asia: str, size: float | None = None, bold: bool | None = None,
              latin: str = LATIN) -> None:
    """Name the faces of a run or style: w:ascii/w:hAnsi Latin, w:eastAsia the Chinese face."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):  # theme fonts would override the named ones
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for key, face in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia),
                      ("w:cs", latin)):
        fonts.set(qn(key), face)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            node = rpr.find(qn(tag))
            if node is None:
                node = OxmlElement(tag)
                rpr.append(node)
            node.set(qn("w:val"), str(int(round(size * 2))))
    if bold is not None:
        node = rpr.find(qn("w:b"))
        if bold and node is None:
            rpr.append(OxmlElement("w:b"))
        elif not bold and node is not None:
            rpr.remove(node)


def _styles(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
        fonts = rpr_default.find(qn("w:rPr")).find(qn("w:rFonts"))
        if fonts is not None:
            for attr in list(fonts.attrib):
                del fonts.attrib[attr]
            for key, face in (("w:ascii", LATIN), ("w:hAnsi", LATIN), ("w:eastAsia", BODY_FONT),
                              ("w:cs", LATIN)):
                fonts.set(qn(key), face)
    from docx.enum.style import WD_STYLE_TYPE

    normal = doc.styles["Normal"]
    set_fonts(normal.element, BODY_FONT, BODY_PT)
    for name, (face, size, bold) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        set_fonts(style.element, face, size, bold)
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        if name == "公文表格":
            fmt.line_spacing = 1.0
            continue
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PT if name != "公文标题" else 36)
        fmt.widow_control = True
        fmt.keep_with_next = name in ("一级标题", "二级标题")  # a heading never ends a page
        if name == "公文标题":
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _indent_chars(style.element.get_or_add_pPr(), 200, BODY_PT * 2)


def _indent_chars(ppr, hundredths: int, points: float) -> None:
    """First-line indent of `hundredths`/100 characters (w:firstLineChars), two 三号 characters."""
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.set(qn("w:firstLineChars"), str(hundredths))
    ind.set(qn("w:firstLine"), str(int(points * 20 * hundredths / 200)))


def _font_table(doc) -> None:
    """Each East Asian face in the font table with its fallback (w:altName) and GB2312 charset."""
    part = next(p for p in doc.part.package.iter_parts()
                if str(p.partname) == "/word/fontTable.xml")
    root = parse_xml(part.blob)
    for face, alt in FALLBACK.items():
        root.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{face}"><w:altName w:val="{alt}"/>'
            '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'))
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(doc, landscape: bool = False) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Cm(29.7), Cm(21)) if landscape else (Cm(21), Cm(29.7))
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.5)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    for text in ("— ", None, " —"):
        run = footer.add_run(text or "")
        set_fonts(run._element, "宋体", PAGE_NO_PT)
        if text is None:  # the PAGE field: Word, WPS and LibreOffice number each page
            for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None),
                                (None, "1"), ("end", None)):
                if kind:
                    node = OxmlElement("w:fldChar")
                    node.set(qn("w:fldCharType"), kind)
                elif instr.strip() == "PAGE":
                    node = OxmlElement("w:instrText")
                    node.set(qn("xml:space"), "preserve")
                    node.text = instr
                else:
                    node = OxmlElement("w:t")
                    node.text = instr
                run._element.append(node)


def _para(doc, text: str, style: str, *, align=None, indent: bool = True, bold: bool = False,
          color: str | None = None):
    paragraph = doc.add_paragraph(style=style)
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    if align is not None:
        paragraph.alignment = align
    if not indent:
        paragraph.paragraph_format.first_line_indent = Pt(0)
        ind = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
        if ind is None:
            ind = OxmlElement("w:ind")
            paragraph._p.get_or_add_pPr().append(ind)
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")
    return paragraph


def _blank(paragraph, width: int) -> None:
    """An underlined blank for the office to fill in (full-width spaces)."""
    run = paragraph.add_run("\u3000" * width)
    run.underline = True


def _sign_block_top(doc, fields: tuple[str, ...]) -> None:
    top = [f for f in fields if f != "成文日期"]
    if not top:
        return
    paragraph = _para(doc, "", "公文正文", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    for i, field in enumerate(top):
        paragraph.add_run(("\u3000\u3000" if i else "") + f"{field}：")
        _blank(paragraph, 6)
    border = parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="6" '
                       'w:color="C00000"/></w:pBdr>')
    paragraph._p.get_or_add_pPr().append(border)


def _table(doc, table: Table, width_cm: float) -> None:
    size = SMALL_TABLE_PT if len(table.columns) > 7 else TABLE_PT
    grid = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    style_id = doc.styles["公文表格"].style_id  # looked up once, not per cell
    widths = [Cm(w) for w in column_widths(table, width_cm)]
    # Row by row (`row.cells`): `grid.cell(i, j)` walks the whole table on every call.
    for i, (row, values) in enumerate(zip(grid.rows, [table.columns, *table.rows], strict=True)):
        for j, (cell, value, width) in enumerate(zip(row.cells, values, widths, strict=True)):
            _cell(cell, value, size, style_id, header=i == 0,
                  numeric=i > 0 and j > 0 and _numeric(value))
            cell.width = width  # each cell's width (Word, WPS)
    header = grid.rows[0]._tr.get_or_add_trPr()
    header.append(OxmlElement("w:tblHeader"))  # repeated on every page the table runs over
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid (LibreOffice reads it)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    grid._tbl.tblPr.append(layout)
    if table.note:
        _para(doc, table.note, "公文表格", indent=False).paragraph_format.space_after = Pt(6)


def column_widths(table: Table, total_cm: float) -> list[float]:
    """Column widths (cm) shared out by the longest text in each column (a CJK character counts
    two; at least a percentage's room, at most a long park name's), headers wrapping at half
    their length, so neither a name nor a number is broken."""
    def size(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    need = [min(max([size(h) / 2, 7, *(size(r[j]) + 1 for r in table.rows)]), 22)
            for j, h in enumerate(table.columns)]
    return [total_cm * n / sum(need) for n in need]


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text[0] in "-—+") and len(text) < 14


def _cell(cell, text: str, size: float, style_id: str, header: bool = False,
          numeric: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.style = style_id  # what `paragraph.style = "公文表格"` sets, without the lookup
    paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if header else
                           WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT)
    run = paragraph.add_run(text)
    set_fonts(run._element, HEADING_FONT if header else BODY_FONT, size)


def docx_bytes(document: Document, landscape: bool = False) -> bytes:
    """The document as a .docx file (bytes), editable in Word and WPS."""
    doc = new_docx()
    _styles(doc)
    _font_table(doc)
    _page(doc, landscape)
    text_width = (29.7 if landscape else 21) - 2.8 - 2.6
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):  # the template's empty paragraph
        body.remove(paragraph)
    _sign_block_top(doc, document.sign_off)
    _para(doc, document.title, "公文标题")
    if document.illustrative:
        _para(doc, "（含示意数据，不代表真实统计，正式印发前须替换）", "示意说明",
              align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _para(doc, "", "公文正文", indent=False)
    if document.recipients:
        _para(doc, document.recipients, "公文正文", indent=False)
    previous: Paragraph | None = None
    for block in document.blocks:
        if isinstance(block, Table):
            if previous is None or block.title not in previous.text:
                _para(doc, block.title, "公文表格", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False,
                      bold=True)
            _table(doc, block, text_width)
            previous = None
        else:
            _para(doc, block.text, KIND_STYLE[block.kind])
            previous = block
    if "成文日期" in document.sign_off:
        _para(doc, "", "公文正文")
        sign = _para(doc, "（发文机关署名）", "公文正文", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        sign.paragraph_format.right_indent = Pt(BODY_PT * 4)
        date = _para(doc, "成文日期：", "公文正文", align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        _blank(date, 2)
        date.add_run("年")
        _blank(date, 1)
        date.add_run("月")
        _blank(date, 1)
        date.add_run("日")
        date.paragraph_format.right_indent = Pt(BODY_PT * 4)
    if document.notes:
        _para(doc, "", "公文正文")
        for i, note in enumerate(document.notes):
            _para(doc, ("（说明：" if i == 0 else "") + note + ("）" if i == len(document.notes) - 1
                                                              else ""), "公文正文")
    doc.core_properties.title = document.title
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def file_name(document: Document) -> str:
    return f"{document.file_stem}.docx"


