"""A document the office sends (the monthly 通报, the 三级评价 lists) as plain data: headed
sections of paragraphs and tables, already worded and numbered (一、（一）1.). No docx here:
`hnparks.commands.notice_docx` lays a `Document` out in 公文 format, `commands.exports` puts
its tables in a workbook."""

from __future__ import annotations

from dataclasses import dataclass

NUMERALS = "一二三四五六七八九十"
HEADING, SUBHEADING, ITEM, BODY = "heading", "subheading", "item", "body"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: `kind` HEADING (一、), SUBHEADING (（一）), ITEM (1.) or BODY."""

    text: str
    kind: str = BODY


@dataclass(frozen=True)
class Table:
    """A table with its caption, headers and rows, every cell already formatted text."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Document:
    """What a document says, in order, with the blanks the office fills before sending."""

    title: str
    recipients: str  # 主送机关, '' for none
    blocks: tuple[Paragraph | Table, ...]
    notes: tuple[str, ...] = ()  # 说明: 口径 and the 示意 statement
    illustrative: bool = True  # whether any figure in it is illustrative (示意)
    file_stem: str = "通报"
    sign_off: tuple[str, ...] = ("发文字号", "签发人", "成文日期")  # left blank for the office

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def text(self) -> str:
        """Every paragraph, table cell and note as plain lines (searching, tests)."""
        lines = [self.title, self.recipients]
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines += [block.title, "｜".join(block.columns),
                          *("｜".join(row) for row in block.rows), block.note]
        return "\n".join([*lines, *self.notes])


def heading(index: int, text: str) -> Paragraph:
    """'一、text' (index from 0)."""
    return Paragraph(f"{NUMERALS[index]}、{text}", HEADING)


def subheading(index: int, text: str) -> Paragraph:
    """'（一）text' (index from 0)."""
    return Paragraph(f"（{NUMERALS[index]}）{text}", SUBHEADING)


def items(texts: list[str]) -> list[Paragraph]:
    """'1. text', '2. text', … ."""
    return [Paragraph(f"{i}. {t}", ITEM) for i, t in enumerate(texts, start=1)]
