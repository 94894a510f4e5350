"""The JSON of cost lines, laid out as text, is exactly what ``json``'s encoder writes.

Cost lines and findings are written as JSON text directly (the encoder costs several times
the check's own arithmetic on a large plan): each piece must parse, and encoding what it
parses to must give the same text back, for chains, escaped labels and lines beside the budget.
"""

from __future__ import annotations

import json

from budget import messages
from plancheck.projection import project
from plancheck.write_json import projection_to_dict, write_json
from tests.helpers import check_text

PLAN = """KẾ HOẠCH

IV. KINH PHÍ THỰC HIỆN

Tổng kinh phí: 1.545 triệu đồng, gồm:

1. Chi "đặc biệt" \\ khác: 10 người x 15 triệu đồng/người = 150 triệu đồng x 3 năm = 450 triệu đồng.

2. Hội thảo (02 đợt): 5 cuộc x 219 triệu đồng/cuộc = 1.095 triệu đồng.

Số lớp: 30 người x 2 lớp = 60 người.
"""

_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def test_lines_and_findings_laid_out_as_text_are_what_the_encoder_writes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = check_text(tmp_path, PLAN)
    shown = project(report, [], "vi")
    text = write_json(report, [], projection=shown)
    pieces = [line.strip().rstrip(",") for line in text.splitlines() if line.startswith("    {")]
    for piece in pieces:
        assert _ENCODE(json.loads(piece)) == piece
    doc = projection_to_dict(shown, report)
    assert (len(doc["lines"]), len(doc["findings"])) == (3, 1)
    assert len(pieces) == sum(len(doc[k]) for k in ("lines", "sections", "sums", "findings", "targets"))
    chain, meeting, count = doc["lines"]
    assert chain["label"] == 'Chi "đặc biệt" \\ khác'
    assert [s["computed"] for s in chain["steps"]] == ["150", "450"]
    assert [f["value"] for f in chain["steps"][1]["factors"]] == ["3"]
    assert chain["factors"][:2] == chain["steps"][0]["factors"]
    assert (meeting["section"], meeting["stated"], meeting["status"]) == (
        "2",
        {"value": "1095", "unit": "triệu đồng"},
        "ok",
    )
    assert (count["beside"], count["computed"], count["factors"][1]["unit"]) == (True, "60", "lớp")
    assert "beside" not in meeting


def test_findings_in_english_carry_the_projection_s_texts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = check_text(tmp_path, PLAN.replace("= 1.095 triệu đồng", "= 1.096 triệu đồng"))
    doc = projection_to_dict(project(report, [], "en"), report)
    total = doc["findings"][0]
    assert (total["code"], total["line"], total["actual"], total["expected"], total["difference"]) == (
        "TOTAL_MISMATCH",
        5,
        "1545",
        "1546",
        "-1",
    )
    assert total["message"] == (
        "The grand total states 1,545 triệu đồng, but the sections add up to 1,546 triệu đồng"
        " (difference -1 triệu đồng)."
    )
    assert [f["code"] for f in doc["findings"]] == ["TOTAL_MISMATCH", "UNIT_RESIDUAL", "COSTLINE_LOOSE"]


def test_a_template_filled_directly_reads_as_rendered() -> None:
    for lang in messages.LANGUAGES:
        assert messages.filler("R.line_at", lang)(line=4512) == messages.render("R.line_at", {"line": 4512}, lang)
    # counted nouns depend on the count: rendered in full
    assert messages.filler("UNREAD.lines", "en")(count=1) == messages.render("UNREAD.lines", {"count": 1}, "en")
    assert messages.filler("UNREAD.lines", "en")(count=2) == messages.render("UNREAD.lines", {"count": 2}, "en")


def test_a_finding_laid_out_as_text_is_what_the_encoder_writes_of_its_dict() -> None:
    """Findings are laid out as text from the places the projection wrote once: the same text as
    the encoder's of ``finding_to_json``, whatever the finding holds (a cell, no line, figures
    with an exponent, no unit, a cause at no place, texts to escape)."""
    from decimal import Decimal

    from budget.findings import Cause, Finding, Severity, finding_to_json
    from budget.source import Source
    from plancheck.projection import ShownFinding
    from plancheck.write_json import _finding

    text = Source("dự toán.txt", 7, 12, None, 'Chi "x" \\ y\ttab')
    cell = Source("b.xlsx", None, None, "Chi tiết!E7")
    cases = [
        Finding(
            text,
            "PRODUCT_MISMATCH",
            Severity.ERROR,
            {},
            Decimal("1E+3"),
            Decimal("1100.50"),
            "đồng",
            Cause("CAUSE_SCALE", {}, text),
        ),
        Finding(cell, "XLSX_STALE_VALUE", Severity.WARNING, {}, None, Decimal(5), None, Cause("CAUSE_X", {}, None)),
        Finding(Source("c.txt"), "NO_BUDGET", Severity.INFO),
    ]
    for i, f in enumerate(cases):
        message, cause = f'Thông báo "{i}"\n\\', "" if f.cause is None else f"Nguyên nhân {i} “x”"
        where = "" if f.cause is None or f.cause.source is None else str(f.cause.source)
        sf = ShownFinding(
            f, i, f.severity.value, "", f.code, str(f.source), message, cause, where, "", None, None, False
        )
        assert _finding(sf) == _ENCODE(finding_to_json(f, message, cause))
