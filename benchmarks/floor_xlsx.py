"""The floor for checking a plan and writing it as a workbook: ``floor_check`` plus a
15-column detail sheet written by hand as XML strings and deflated with ``zipfile``
(level 6). Formulas carry their stored values, as the tool's do; there are no styles, no
summary formulas, no findings sheet and no source sheet.

Run: python benchmarks/floor_xlsx.py PLAN.txt OUT.xlsx
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

from floor_check import COST, EXACT, FACTOR, SCALE, TIMES, check, number  # beside this script

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Chi tiết" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_HEADERS = (
    "STT",
    "Mục",
    "Dòng trong văn bản",
    "Nội dung",
    "Thừa số 1",
    "Đơn vị 1",
    "Thừa số 2",
    "Đơn vị 2",
    "Thừa số 3",
    "Đơn vị 3",
    "Hệ số quy đổi",
    "Thành tiền tính (triệu đồng)",
    "Số ghi trong văn bản (triệu đồng)",
    "Chênh lệch (triệu đồng)",
    "Trạng thái",
)
_COLS = "ABCDEFGHIJKLMNO"
_SECTION = re.compile(r"^(\d+(?:\.\d+)*)\.\s")


def _s(col: str, r: int, text: str) -> str:
    return f'<c r="{col}{r}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def _n(col: str, r: int, value: Decimal | int) -> str:
    return f'<c r="{col}{r}"><v>{value}</v></c>'


def _f(col: str, r: int, formula: str, value: Decimal) -> str:
    return f'<c r="{col}{r}"><f>{formula}</f><v>{value}</v></c>'


def _rows(text: str) -> list[str]:
    """One ``<row>`` per cost line (collected in chunks by the caller)."""
    out = ['<row r="1">' + "".join(_s(c, 1, h) for c, h in zip(_COLS, _HEADERS, strict=True)) + "</row>"]
    section = ""
    r = 1
    for lineno, line in enumerate(text.splitlines(), 1):
        m = COST.match(line)
        if m is None:
            s = _SECTION.match(line)
            if s:
                section = s[1]
            continue
        r += 1
        cells = [_n("A", r, r - 1), _s("B", r, section), _n("C", r, lineno), _s("D", r, line.split(":", 1)[0][2:])]
        scale = 0
        values = []
        for k, part in enumerate(TIMES.split(m["body"])[:3]):
            f = FACTOR.match(part.strip())
            if f is None:
                continue
            value = number(f["value"])
            values.append(value)
            cells.append(_n("EGI"[k], r, value))
            cells.append(_s("FHJ"[k], r, f["unit"]))
            for money, sc in SCALE.items():
                if f["unit"].startswith(money):
                    scale = sc
                    break
        coefficient = Decimal(1).scaleb(scale - SCALE[m["unit"]], EXACT)
        computed = coefficient
        for v in values:
            computed = EXACT.multiply(computed, v)
        stated = number(m["result"])
        difference = EXACT.subtract(stated, computed)
        status = "Khớp" if difference == 0 else "Sai"
        cells.append(_n("K", r, coefficient))
        cells.append(_f("L", r, f"PRODUCT(E{r},G{r},I{r},K{r})", computed))
        cells.append(_n("M", r, stated))
        cells.append(_f("N", r, f"M{r}-L{r}", difference))
        cells.append(f'<c r="O{r}" t="str"><f>IF(ROUND(N{r},6)=0,"Khớp","Sai")</f><v>{status}</v></c>')
        out.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    return out


def write(text: str, path: str) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_SHEET_HEAD.encode())
            rows = _rows(text)
            for i in range(0, len(rows), 2000):
                sheet.write("".join(rows[i : i + 2000]).encode())
            sheet.write(b"</sheetData></worksheet>")


def main() -> int:
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        text = f.read()
    summary = check(text)
    write(text, sys.argv[2])
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
