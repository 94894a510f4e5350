"""Fuzzing the structure of documents, not their bytes (issue 23): the sizes and counts a file
declares and the shapes the readers walk, drawn by Hypothesis and written by hand into real
files (``tests/packages.py``), each checked by the command in process.

- Word list numbering: levels (``w:ilvl``) and starts of any value, every number format,
  level texts naming any level, start overrides;
- Word tables: ``gridSpan``, ``gridBefore`` and ``vMerge`` of 0, negative, huge or no number;
- workbooks: merged ranges, the sheet's dimension, shared-formula ranges and cell addresses,
  inverted, huge, overlapping or malformed;
- figures of 1 to 200 digits through every output (text, JSON, HTML, workbook) in both
  languages;
- text with unbalanced brackets around repeated alternatives.

Every run must exit 0, 1 or 2 (never 3), print no traceback and finish within the command's
own time budget, set to ``LIMIT`` seconds (a run that reaches it fails as a hang). Each property
runs ``FUZZ_EXAMPLES`` examples, as ``tests/test_fuzz.py`` does (default 60: about fifteen seconds
for the file; CI runs 150); ``FUZZ_EXAMPLES=5000 pytest tests/test_fuzz_structure.py`` runs it
longer. ``--hypothesis-show-statistics`` shows how the runs ended (exit codes, refusals).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from budget.numbers import EXACT, format_vn
from tests.packages import budget_rows, docx, list_levels, number_cell, paragraph, table, table_cell, xlsx
from tests.test_fuzz import Run, check

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
_CODE = re.compile(r"\[([A-Z_]+)\]")
LIMIT = 20  # seconds a document may take (each takes well under one): past it, a hang
STRUCTURE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=list(Phase) if os.environ.get("FUZZ_SHRINK") else [Phase.explicit, Phase.reuse, Phase.generate],
)


def run(data: bytes | str, suffix: str, *extra: str) -> Run:
    """The document checked in process, within ``LIMIT`` seconds, and found sound."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        outputs = [a.replace("{folder}", folder) for a in extra]
        ran = check(path, "--time-limit", str(LIMIT), *outputs)
        what = f"{suffix} {' '.join(extra)}"
        assert ran.code in (0, 1, 2), f"{what}: exit {ran.code}\n{ran.err[-2000:]}\n{ran.error!r}"
        assert "Traceback" not in ran.err and "Traceback" not in ran.out, what
        assert "[INPUT_TIME_LIMIT]" not in ran.err, f"{what}: ran past {LIMIT} s"
        refused = _CODE.search(ran.err) if ran.code == 2 else None
        event(f"exit {ran.code}" + (f" {refused.group(1)}" if refused else ""))  # --hypothesis-show-statistics
        return ran


# values a file may declare -----------------------------------------------------------------------

ODD_VALUES = [
    "0", "-1", "1", "2", "8", "9", "10", "255", "256", "257", "1000000000", "2147483648", "-2147483648",
    "100000000000", "9" * 19, "9" * 30, "9" * 4300, "9" * 5000, "", " ", "abc", "1e9", "0x10", "+5", "1.5", "١",
    "continue", "restart",
]  # fmt: skip
_PLAIN = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
_PLAUSIBLE = st.integers(-2, 12).map(str)  # drawn as often as all odd values: the readers go on past them
declared = st.one_of(
    _PLAUSIBLE,
    _PLAUSIBLE,
    _PLAUSIBLE,
    st.sampled_from(ODD_VALUES),
    st.integers(-(2**70), 2**70).map(str),
    st.integers(1, 4400).map(lambda n: "9" * n),
    st.text(_PLAIN, max_size=6),
).map(lambda v: escape(v, {'"': "&quot;"}))


# Word: list numbering --------------------------------------------------------------------------------

FORMATS = ["decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "decimalZero", "bullet", "none",
           "ordinal", "cardinalText", "chineseCounting", "", "bogus"]  # fmt: skip
LEVEL_TEXTS = ["%1.", "%1.%2.", "%9)", "%1.%2.%3.%4.%5.%6.%7.%8.%9.", "", "-", "%0", "%10", "(%1)", "%1%1%1"]
_COST_LINE = "1. Hỗ trợ: 20 xã x 100 triệu đồng/xã = 2.000 triệu đồng"


@st.composite
def numbered_document(draw: st.DrawFn) -> bytes:
    levels = draw(
        st.lists(st.tuples(declared, declared, st.sampled_from(FORMATS), st.sampled_from(LEVEL_TEXTS)), max_size=10)
    )
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{s}"/></w:lvlOverride>'
        for i, s in draw(st.lists(st.tuples(declared, declared), max_size=3))
    )
    numbering = list_levels("1", levels) + f'<w:num w:numId="2"><w:abstractNumId w:val="1"/>{overrides}</w:num>'
    body = [paragraph("IV. KINH PHÍ")]
    for num_id, ilvl, text in draw(
        st.lists(st.tuples(st.sampled_from(["1", "2", "0", "9", "x"]), st.one_of(st.none(), declared),
                           st.sampled_from(["Mục", "Chi hội nghị: 5 triệu đồng", _COST_LINE])), max_size=12)
    ):  # fmt: skip
        body.append(paragraph(text, num_id, ilvl))
    return docx("".join(body), numbering)


@STRUCTURE
@given(document=numbered_document())
def test_fuzz_word_numbering(document: bytes) -> None:
    run(document, ".docx", "--format", "json")


# Word: spans and merges -------------------------------------------------------------------------------

_CELL_TEXTS = ["Giấy in", "10", "1.000", "10.000", "", "Tổng cộng", "Nội dung", "Thành tiền"]


@st.composite
def spanned_table(draw: st.DrawFn) -> bytes:
    # odd widths in one table of three: one too wide refuses the table, and the others go unread
    width = declared if draw(st.integers(0, 2)) == 0 else _PLAUSIBLE
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            props = ""
            if draw(st.integers(0, 3)) == 0:
                props += f'<w:gridSpan w:val="{draw(width)}"/>'
            merge = draw(st.sampled_from(["none", "bare", "value"]))
            if merge == "bare":
                props += "<w:vMerge/>"
            elif merge == "value":
                props += f'<w:vMerge w:val="{draw(declared)}"/>'
            cells.append(table_cell(draw(st.sampled_from(_CELL_TEXTS)), props))
        if draw(st.integers(0, 3)) == 0:
            cells.insert(0, f'<w:trPr><w:gridBefore w:val="{draw(width)}"/></w:trPr>')
        rows.append(cells)
    return docx(paragraph("IV. KINH PHÍ") + table(rows, draw(st.integers(0, 6))))


@STRUCTURE
@given(document=spanned_table())
def test_fuzz_word_table_spans_and_merges(document: bytes) -> None:
    run(document, ".docx", "--format", "json")


# workbooks: ranges and addresses -----------------------------------------------------------------------

_COLUMNS = ["A", "B", "E", "Z", "AA", "XFD", "XFE", "ZZZ", "$C", "a"]
_ROWS = ["0", "1", "2", "3", "1048576", "1048577", "99999999999", "$4", "9" * 30]
_MALFORMED = ["A1:", ":B2", "A1:B2:C3", "", "1:1", "A:A", "A1 B2", "A1:B", "AAAA1:B2", "A-1:B2", "&#65;1:B2"]


@st.composite
def corner(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)) > 0:  # a cell a budget table may have
        return draw(st.sampled_from("ABCDEFGHIJ")) + str(draw(st.integers(1, 40)))
    return draw(st.sampled_from(_COLUMNS)) + draw(st.sampled_from(_ROWS))


@st.composite
def reference(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.sampled_from(_MALFORMED))
    if kind < 6:  # a range a table may merge, its corners in order
        (c1, c2), (r1, r2) = (
            sorted(draw(st.lists(st.sampled_from("ABCDEFGHIJ"), min_size=2, max_size=2))),
            sorted(draw(st.lists(st.integers(1, 40), min_size=2, max_size=2))),
        )
        return f"{c1}{r1}:{c2}{r2}"
    corners = [draw(corner()), draw(corner())]
    return corners[0] if draw(st.integers(0, 4)) == 0 else ":".join(corners)  # inverted or huge as drawn


@st.composite
def ranged_workbook(draw: st.DrawFn) -> bytes:
    before = f'<dimension ref="{draw(reference())}"/>' if draw(st.booleans()) else ""
    merges = draw(st.lists(reference(), max_size=3))
    merges += [draw(st.sampled_from(["A3:J40", "A1:E2", "B2:C3"]))] * draw(st.integers(0, 40))  # overlapping
    after = "<mergeCells>" + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>" if merges else ""
    rows = [budget_rows(draw(st.integers(1, 3)))]
    master = draw(st.sampled_from(["C2*D2", "SUM(A1:XFD1048576)", "SUM(A$1:XFD3)", "A1+" * 300 + "1", "", "C2:D2"]))
    index = draw(st.sampled_from(["0", "1", "", "x"]))
    shared = f'<c r="G10"><f t="shared" ref="{draw(reference())}" si="{index}">{master}</f><v>1</v></c>'
    dependents = "".join(
        f'<c r="{col}10"><f t="shared" si="{draw(st.sampled_from(["0", "1", "", "x"]))}"/><v>1</v></c>'
        for col in ["H", "I", "J", "K", "L"][: draw(st.integers(0, 5))]
    )
    rows.append(f'<row r="10">{shared}{dependents}</row>')
    for k in range(draw(st.integers(0, 2))):  # cells anywhere, under rows that say otherwise
        ref = draw(corner()).replace("$", "")
        rows.append(f'<row r="{11 + k}">{number_cell(ref, 1)}</row>')
    return xlsx("".join(rows), before=before, after=after)


@STRUCTURE
@given(workbook=ranged_workbook())
def test_fuzz_workbook_ranges_and_addresses(workbook: bytes) -> None:
    run(workbook, ".xlsx", "--format", "json")


# figures of any length, every output, both languages ------------------------------------------------------

OUTPUTS = {
    "text": (),
    "json": ("--format", "json"),
    "html": ("--html", "{folder}/kq.html", "--force"),
    "xlsx": ("--xlsx", "{folder}/kq.xlsx", "--force"),
}


@st.composite
def long_figures(draw: st.DrawFn) -> str:
    rate = int(draw(st.sampled_from("123456789")) + draw(st.text("0123456789", max_size=199)))  # 1 to 200 digits
    fraction = draw(st.sampled_from(["", ",5", ",25", ",125"]))
    people = draw(st.integers(1, 12))
    product = EXACT.multiply(EXACT.create_decimal(f"{rate}{fraction.replace(',', '.')}"), people)
    stated = draw(
        st.sampled_from([product, EXACT.add(product, 1), EXACT.multiply(product, 10), EXACT.create_decimal(rate)])
    )
    total = draw(st.sampled_from([stated, EXACT.add(stated, 7)]))  # exact: the default context keeps 28 digits
    return (
        f"IV. KINH PHÍ\n1. Hỗ trợ: {people} người x {format_vn(EXACT.create_decimal(str(rate)))}{fraction} đồng/người"
        f" = {format_vn(stated)} đồng\nTổng cộng: {format_vn(total)} đồng\n"
    )


@STRUCTURE
@given(text=long_figures(), output=st.sampled_from(sorted(OUTPUTS)), lang=st.sampled_from(["vi", "en"]))
def test_fuzz_figures_of_any_length_in_every_output(text: str, output: str, lang: str) -> None:
    run(text, ".txt", "--lang", lang, *OUTPUTS[output])


# text: unbalanced brackets around repeated alternatives -------------------------------------------------------

ALTERNATIVES = ["1%", "50%", "1", "x", "(1%", "a, b", "1%)", "1.000 triệu đồng", "2 người x 3", "70% vào THPT", "("]


@st.composite
def unbalanced(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        alternative = st.sampled_from(ALTERNATIVES)
        repeated = draw(st.lists(alternative, min_size=1, max_size=4)) * draw(st.integers(1, 120))
        separator = draw(st.sampled_from([", ", "; ", " và ", ",", " "]))
        opening = "(" * draw(st.integers(1, 3))
        head = draw(st.sampled_from(["Mục tiêu ", "1. Hỗ trợ: ", "Phân luồng học sinh ", "- ", ""]))
        tail = draw(st.sampled_from([" x", "", " (", ")", " = 5 triệu đồng", "%"]))
        lines.append(head + opening + separator.join(repeated) + tail)
    return "IV. KINH PHÍ\n" + "\n".join(lines) + "\n"


@STRUCTURE
@given(text=unbalanced())
def test_fuzz_unbalanced_brackets(text: str) -> None:
    run(text, ".txt", "--format", "json")
