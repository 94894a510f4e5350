"""Office files built by hand, part by part, for tests that need XML no writer produces (a
merged range over a whole sheet, a shared formula spread over thousands of cells, a numbering
that starts at 10¹¹): a workbook of one sheet ``A`` from its rows' XML, a Word document from
its body's XML and, optionally, its numbering definitions."""

from __future__ import annotations

import io
import zipfile

_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE = "application/vnd.openxmlformats-officedocument."
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _zip(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


def _relationships(*targets: tuple[str, str]) -> str:
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_DOC_REL}{kind}" Target="{target}"/>' for i, (kind, target)
                   in enumerate(targets, 1))  # fmt: skip
    return f'<?xml version="1.0"?><Relationships xmlns="{_RELS}">{rels}</Relationships>'


def xlsx(rows: str, before: str = "", after: str = "", strings: str | None = None, sheet: str | None = None) -> bytes:
    """A workbook of one sheet ``A``: ``rows`` inside ``<sheetData>``, ``before`` it (a
    ``<dimension>``, ``<cols>``) and ``after`` it (``<mergeCells>``, data validations); shared
    strings (the ``<si>`` elements) when given; ``sheet``: the sheet's whole XML instead (a
    prolog of its own)."""
    types = (
        f'<?xml version="1.0"?><Types xmlns="{_TYPES}">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OFFICE}spreadsheetml.worksheet+xml"/>'
        + (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_OFFICE}spreadsheetml.sharedStrings+xml"/>'
            if strings is not None
            else ""
        )
        + "</Types>"
    )
    members = {
        "[Content_Types].xml": types,
        "_rels/.rels": _relationships(("officeDocument", "xl/workbook.xml")),
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{SHEET_NS}" xmlns:r="{_DOC_REL[:-1]}">'
        '<sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": _relationships(
            ("worksheet", "worksheets/sheet1.xml"), *([("sharedStrings", "sharedStrings.xml")] if strings else [])
        ),
        "xl/worksheets/sheet1.xml": sheet
        if sheet is not None
        else f'<?xml version="1.0"?><worksheet xmlns="{SHEET_NS}">{before}<sheetData>{rows}</sheetData>{after}'
        "</worksheet>",
    }
    if strings is not None:
        members["xl/sharedStrings.xml"] = f'<?xml version="1.0"?><sst xmlns="{SHEET_NS}">{strings}</sst>'
    return _zip(members)


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def number_cell(ref: str, value: object) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def budget_rows(lines: int = 1) -> str:
    """A header and ``lines`` sound cost lines (10 x 1.000 = 10.000 each), rows 1 to lines + 1."""
    head = "".join(text_cell(f"{c}1", t) for c, t in zip("ABCDE", ("STT", "Nội dung", "Số lượng", "Đơn giá",
                                                                     "Thành tiền"), strict=True))  # fmt: skip
    out = [f'<row r="1">{head}</row>']
    for k in range(1, lines + 1):
        r = k + 1
        out.append(
            f'<row r="{r}">{number_cell(f"A{r}", k)}{text_cell(f"B{r}", "Giấy in")}{number_cell(f"C{r}", 10)}'
            f"{number_cell(f'D{r}', 1000)}{number_cell(f'E{r}', 10000)}</row>"
        )
    return "".join(out)


def docx(body: str, numbering: str | None = None) -> bytes:
    """A Word document: ``body`` inside ``<w:body>``, and ``numbering`` inside ``<w:numbering>``."""
    types = (
        f'<?xml version="1.0"?><Types xmlns="{_TYPES}">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_OFFICE}wordprocessingml.document.main+xml"/>'
        + (
            f'<Override PartName="/word/numbering.xml" ContentType="{_OFFICE}wordprocessingml.numbering+xml"/>'
            if numbering is not None
            else ""
        )
        + "</Types>"
    )
    members = {
        "[Content_Types].xml": types,
        "_rels/.rels": _relationships(("officeDocument", "word/document.xml")),
        "word/_rels/document.xml.rels": _relationships(*([("numbering", "numbering.xml")] if numbering else [])),
        "word/document.xml": f'<?xml version="1.0"?><w:document xmlns:w="{WORD_NS}"><w:body>{body}</w:body>'
        "</w:document>",
    }
    if numbering is not None:
        members["word/numbering.xml"] = (
            f'<?xml version="1.0"?><w:numbering xmlns:w="{WORD_NS}">{numbering}</w:numbering>'
        )
    return _zip(members)


def paragraph(text: str, num_id: str | None = None, ilvl: str | None = None) -> str:
    """A paragraph, in list ``num_id`` at level ``ilvl`` when given (written as given: any text)."""
    props = ""
    if num_id is not None:
        level = "" if ilvl is None else f'<w:ilvl w:val="{ilvl}"/>'
        props = f'<w:pPr><w:numPr>{level}<w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
    return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"


def table_cell(text: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{paragraph(text)}</w:tc>"


def table(rows: list[list[str]], columns: int) -> str:
    """A table on a grid of ``columns``; each row a list of ``table_cell`` XML."""
    grid = "<w:tblGrid>" + "<w:gridCol/>" * columns + "</w:tblGrid>"
    return "<w:tbl>" + grid + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


def list_levels(abstract_id: str, levels: list[tuple[str, str, str, str]]) -> str:
    """An abstract numbering with (ilvl, start, numFmt, lvlText) levels, and a list ``num`` of
    the same id using it."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{s}"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/></w:lvl>'
        for i, s, f, t in levels
    )
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'
        f'<w:num w:numId="{abstract_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
    )
