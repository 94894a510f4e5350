"""benchmarks/fidelity.py: scoring against answer keys, on a tiny corpus of our own (no ../shared needed)."""

from __future__ import annotations

import importlib.util
import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks import fidelity as fd
from tests.helpers import ROOT

SCRIPT = ROOT / "benchmarks" / "fidelity.py"

TEXT = """KẾ HOẠCH TẬP HUẤN NĂM 2024
I. Chi tổ chức: 1,5 tỷ đồng
1. Thuê hội trường 2 ngày x 1.000.000 đồng/ngày = 2.000.000 đồng
2. Nước uống 50 người x 20.000 đồng = 1.000.000 đồng
3. Tài liệu 50 bộ x 15.000 đồng/bộ

700.000
4. Sữa 5000đ/hộp x 20 ngày = 100.000đ/tháng x 9 tháng = 900.000đ/năm
5. Khen thưởng 10 người x 200.000 đồng = 2.000.000 đồng
II. Chi khác: 600 triệu đồng
Tổng cộng: 2 tỷ đồng
Số học viên: 30 + 20 = 50 người
"""
CHAIN = "4. Sữa 5000đ/hộp x 20 ngày = 100.000đ/tháng x 9 tháng = 900.000đ/năm"


def cost_line(line_text: str, stated: str, consistent: bool | None, **extra: Any) -> dict[str, Any]:
    return {
        "line_text": line_text,
        "factors": [],
        "stated_result": {"written": stated, "value": stated},
        "stated_unit": "đồng",
        "consistent": consistent,
        **extra,
    }


def key_sum(label: str, stated: str | None, total: str | None, consistent: bool | None, unit: str) -> dict[str, Any]:
    return {
        "label": label,
        "stated": {"written": stated, "value": stated},
        "unit": unit,
        "children": [],
        "sum_of_children": total,
        "consistent": consistent,
    }


KEY: dict[str, Any] = {
    "doc_id": "tiny",
    "cost_lines": [
        cost_line("1. Thuê hội trường 2 ngày x 1.000.000 đồng/ngày = 2.000.000 đồng", "2000000", True),
        cost_line("2. Nước uống 50 người x 20.000 đồng = 1.000.000 đồng", "1000000", True),
        cost_line("3. Tài liệu 50 bộ x 15.000 đồng/bộ", "700000", False),  # 750.000, figure 2 lines below
        cost_line(CHAIN, "100000", True),
        cost_line(CHAIN, "900000", True),
        cost_line("5. Khen thưởng 10 người x 200.000 đồng = 2.000.000 đồng", "2000000", True),
        cost_line("Số học viên", "50", None, verifiable=False),
    ],
    "section_subtotals": [
        key_sum("I. Chi tổ chức", "1.5", "1.5", True, "tỷ đồng"),
        key_sum("II. Chi khác", None, "0.6", None, "tỷ đồng"),  # not checkable: nothing stated
    ],
    "grand_total": key_sum("Tổng cộng", "2", "2.1", False, "tỷ đồng"),
    "count_checks": [
        {"label": "Số học viên", "stated": "50", "children": ["30", "20"], "sum": "50", "consistent": True}
    ],
}


def step(value: str, line: int | None, ok: bool | None) -> dict[str, Any]:
    stated: dict[str, Any] = {"value": value, "text": value}
    if line is not None:
        stated["line"] = line
    return {"factors": [], "stated": stated, "computed": value, "ok": ok}


def tool(
    lines: list[dict[str, Any]] | None = None,
    sums: list[dict[str, Any]] | None = None,
    findings: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    out: dict[str, Any] = {"lines": lines or [], "findings": findings or [], **extra}
    if sums is not None:
        out["sums"] = sums
    return out


def tool_line(line: int, *steps: dict[str, Any]) -> dict[str, Any]:
    return {"line": line, "steps": list(steps)}


def error(line: int | None, actual: str | None = None, code: str = "PRODUCT_MISMATCH", unit: str = "đồng") -> dict:
    return {"code": code, "severity": "error", "line": line, "column": 1, "actual": actual, "unit": unit}


def status(score: fd.DocScore, part: str) -> list[str]:
    return [d["status"] for d in score.details[part]]


# ------------------------------------------------------------------ product lines


def test_checkable_lines_skip_unverifiable() -> None:
    s = fd.score(KEY, TEXT, tool())
    assert s.lines_checkable == 6  # the verifiable: false line is not counted
    assert (s.lines_read, s.lines_right) == (0, 0)
    assert status(s, "lines") == ["missed"] * 6


def test_right_line() -> None:
    s = fd.score(KEY, TEXT, tool([tool_line(3, step("2000000", None, True))]))
    assert (s.lines_read, s.lines_right) == (1, 1)
    assert status(s, "lines")[0] == "right"


def test_wrong_verdict_is_read_but_not_right() -> None:
    s = fd.score(KEY, TEXT, tool([tool_line(4, step("1000000", 4, False))]))
    assert (s.lines_read, s.lines_right) == (1, 0)
    assert status(s, "lines")[1] == "wrong verdict"


def test_missed_line_wrong_value_or_outside_window() -> None:
    steps = [
        tool_line(4, step("1000", 4, True)),  # misread value
        tool_line(1, step("2000000", 1, True)),  # above the key line: outside its window
    ]
    s = fd.score(KEY, TEXT, tool(steps))
    assert (s.lines_read, s.lines_right) == (0, 0)


def test_values_compare_as_decimal() -> None:
    s = fd.score(KEY, TEXT, tool([tool_line(3, step("2000000.00", 3, True))]))
    assert s.lines_right == 1


def test_chain_with_two_steps() -> None:
    s = fd.score(KEY, TEXT, tool([tool_line(8, step("100000", 8, True), step("900000", 8, True))]))
    assert (s.lines_read, s.lines_right) == (2, 2)
    assert status(s, "lines")[3:5] == ["right", "right"]


def test_figure_on_a_later_line() -> None:
    # The formula is on line 5; its figure sits on line 7 (the step's stated line).
    s = fd.score(KEY, TEXT, tool([tool_line(5, step("700000", 7, False))]))
    assert (s.lines_read, s.lines_right) == (1, 1)
    assert (s.inconsistencies_found, s.inconsistencies_real) == (1, 2)  # the line, not the grand total


def test_figure_beyond_the_window_is_not_read() -> None:
    one_line_key = {"cost_lines": [cost_line("3. Tài liệu 50 bộ x 15.000 đồng/bộ", "700000", False)]}
    s = fd.score(one_line_key, TEXT, tool([tool_line(5, step("700000", 5 + fd.WINDOW_AFTER + 1, False))]))
    assert s.lines_read == 0


def test_each_tool_step_serves_one_key_line() -> None:
    # Key lines 3 and 9 both state 2.000.000; line 9 lies inside line 3's window too.
    only_nine = fd.score(KEY, TEXT, tool([tool_line(9, step("2000000", 9, True))]))
    assert only_nine.lines_read == 1
    assert status(only_nine, "lines")[0] == "missed"  # the step belongs to the nearer key line 9
    assert status(only_nine, "lines")[5] == "right"
    both = fd.score(KEY, TEXT, tool([tool_line(9, step("2000000", 9, True)), tool_line(3, step("2000000", 3, True))]))
    assert both.lines_right == 2


def test_line_level_stated_without_steps_counts_as_a_step() -> None:
    line = {"line": 3, "stated": {"value": "2000000"}, "computed": "2000000", "ok": True}
    assert fd.score(KEY, TEXT, tool([line])).lines_right == 1


# ------------------------------------------------------------------ sums


def test_sum_matched_across_unit_scales() -> None:
    sums = [
        {
            "kind": "section",
            "label": "I",
            "line": 2,
            "stated": "1500",
            "computed": "1500",
            "unit": "triệu đồng",
            "ok": True,
        }
    ]
    s = fd.score(KEY, TEXT, tool(sums=sums))
    assert s.sums_checkable == 2  # the section without a stated amount is not checkable
    assert (s.sums_read, s.sums_right) == (1, 1)
    assert status(s, "sums") == ["right", "missed"]


def test_sum_prefers_the_candidate_whose_computed_matches() -> None:
    sums = [
        {"kind": "inline", "line": 11, "stated": "2", "computed": None, "unit": "tỷ đồng", "ok": None},
        {"kind": "total", "line": 11, "stated": "2000", "computed": "2100", "unit": "triệu đồng", "ok": False},
    ]
    s = fd.score(KEY, TEXT, tool(sums=sums))
    assert status(s, "sums") == ["missed", "right"]
    assert (s.inconsistencies_found, s.inconsistencies_real) == (1, 2)  # the grand total, not the line


def test_sums_built_from_sections_and_total_when_sums_absent() -> None:
    data = tool(
        sections=[
            {
                "number": "I",
                "title": "Chi tổ chức",
                "line": 2,
                "stated": "1.5",
                "children_sum": "1.5",
                "unit": "tỷ đồng",
                "ok": True,
            }
        ],
        total={"stated": "2000000000", "sum": "2100000000", "unit": "đồng", "ok": True, "line": 11},
    )
    s = fd.score(KEY, TEXT, data)
    assert status(s, "sums") == ["right", "wrong verdict"]  # the total was read but judged consistent
    assert s.inconsistencies_found == 0


def test_sum_without_unit_takes_the_key_unit() -> None:
    s = fd.score(KEY, TEXT, tool(sums=[{"kind": "section", "stated": "1.5", "computed": "1.5", "ok": True}]))
    assert s.sums_right == 1


def test_other_checks() -> None:
    count = {
        "kind": "count",
        "label": "Số học viên",
        "line": 12,
        "stated": "50",
        "computed": "50",
        "unit": None,
        "ok": True,
    }
    s = fd.score(KEY, TEXT, tool(sums=[count]))
    assert (s.other_right, s.other_total) == (1, 1)
    section_only = fd.score(KEY, TEXT, tool(sums=[{**count, "kind": "section"}]))
    assert (section_only.other_right, section_only.sums_read) == (0, 0)


def test_words_and_balance_checks() -> None:
    key = {
        "section_subtotals": [],
        "grand_total": key_sum("Tổng chi", "7000", "7000", True, "triệu đồng"),
        "amount_in_words_checks": [{"value_trieu": "7000", "words_value_trieu": "7000", "consistent": True}],
        "balance_checks": [{"label": "thu vs chi", "thu": "7000", "chi": "7000", "consistent": True}],
    }
    sums = [
        {"kind": "words", "stated": "7", "computed": "7", "unit": "tỷ đồng", "ok": True},
        {"kind": "balance", "stated": "7000", "computed": "7000", "unit": "triệu đồng", "ok": False},
    ]
    s = fd.score(key, "Tổng chi: 7.000 triệu đồng (Bằng chữ: Bảy tỷ đồng)", tool(sums=sums))
    assert (s.other_right, s.other_total) == (1, 2)
    assert [(d["kind"], d["status"]) for d in s.details["other"]] == [("words", "right"), ("balance", "wrong verdict")]


# ------------------------------------------------------------------ errors and coverage


def test_false_error_counted() -> None:
    s = fd.score(KEY, TEXT, tool(findings=[error(3, "2000000"), error(None), {**error(4), "severity": "warning"}]))
    assert s.false_errors == 2  # the warning is not an error
    assert [d["line"] for d in s.details["false_errors"]] == [3, None]


def test_error_on_a_real_inconsistency_not_counted() -> None:
    findings = [
        error(5, "700000"),  # the inconsistent cost line, at its formula line
        error(7, None, "UNIT_NOT_MONEY"),  # inside the same window (the figure's line)
        error(2, "2", unit="tỷ đồng"),  # the inconsistent grand total, by its stated value
        error(None, "2000", unit="triệu đồng"),  # the same, in another scale and without a line
    ]
    assert fd.score(KEY, TEXT, tool(findings=findings)).false_errors == 0


def test_unchecked_amounts() -> None:
    findings = [{"code": "UNCHECKED_AMOUNT", "severity": "warning", "line": 10}] * 2
    s = fd.score(KEY, TEXT, tool(findings=findings, summary={"amounts_found": 9, "amounts_checked": 7}))
    assert (s.unchecked, s.amounts_checked, s.amounts_found) == (2, 7, 9)
    assert "2 (7/9 checked)" in fd.row(s)


def test_unit_scale() -> None:
    assert fd.unit_scale("tỷ đồng") == 9
    assert fd.unit_scale("triệu đồng") == 6
    assert fd.unit_scale("nghìn đồng/cháu/ngày (implicit)") == 3
    assert fd.unit_scale("đ/trang") == 0
    assert fd.unit_scale("đồng") == 0
    assert fd.unit_scale("người") is None
    assert fd.unit_scale(None) is None


def test_missing_keys_tolerated() -> None:
    s = fd.score({}, "", {"lines": [{"line": 1}], "sums": None, "findings": None})
    assert (s.lines_checkable, s.sums_checkable, s.false_errors) == (0, 0, 0)


def test_total_adds_up() -> None:
    a = fd.score(KEY, TEXT, tool([tool_line(3, step("2000000", 3, True))]))
    b = fd.failed_score(KEY, TEXT, "tiny2", "exit 3: boom")
    t = fd.total([a, b])
    assert (t.lines_right, t.lines_checkable, t.sums_checkable) == (1, 12, 4)
    assert t.failed == "1 tool failure(s)"


# ------------------------------------------------------------------ the script


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "tiny.txt").write_text(TEXT, encoding="utf-8")
    (folder / "tiny.expected.json").write_text(json.dumps(KEY, ensure_ascii=False), encoding="utf-8")
    return folder


def fake_tool(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake_tool.py"
    script.write_text("import json, sys\n" + body, encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def test_tool_failure_row(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cmd = fake_tool(tmp_path, "sys.stderr.write('Lỗi: không đọc được tệp\\nchi tiết\\n')\nsys.exit(3)\n")
    assert fd.main([str(corpus), "--tool-cmd", cmd]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("TOTAL")
    row = next(line for line in out if line.startswith("tiny"))
    assert "tool failed: exit 3: Lỗi: không đọc được tệp" in row
    assert "0/6 (0)" in row  # the denominators stay


def test_unparsable_json_is_a_failure(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cmd = fake_tool(tmp_path, "print('not json')\n")
    assert fd.main([str(corpus), "--tool-cmd", cmd, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"][0]["failed"].startswith("unparsable JSON")


def test_fake_tool_json_end_to_end(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = tool([tool_line(3, step("2000000", 3, True))], findings=[error(1)])
    cmd = fake_tool(
        tmp_path, f"assert sys.argv[1:4] == ['check', '--format', 'json']\nprint({json.dumps(answer)!r})\nsys.exit(1)\n"
    )
    (corpus / "copy.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "copy.expected.json").write_text(json.dumps(KEY), encoding="utf-8")
    assert fd.main([str(corpus), "--tool-cmd", cmd, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["doc"] for d in data["documents"]] == ["copy", "tiny"]
    assert data["total"]["lines_right"] == 2
    assert data["total"]["false_errors"] == 2
    assert data["total"]["failed"] is None


def test_no_keys_exits_2(tmp_path: Path) -> None:
    (tmp_path / "lonely.expected.json").write_text("{}", encoding="utf-8")  # no text beside it
    assert fd.main([str(tmp_path)]) == 2
    assert fd.main([str(tmp_path / "absent")]) == 2


@pytest.mark.skipif(
    importlib.util.find_spec("plancheck") is None and importlib.util.find_spec("budget") is None,
    reason="neither plancheck nor budget is importable",
)
def test_real_tool_on_a_tiny_document(tmp_path: Path) -> None:
    text = "Kế hoạch tập huấn\nTổng: 2 người x 5 triệu đồng = 10 triệu đồng\n"
    key = {"doc_id": "mini", "cost_lines": [cost_line("Tổng: 2 người x 5 triệu đồng = 10 triệu đồng", "10", True)]}
    (tmp_path / "mini.txt").write_text(text, encoding="utf-8")
    (tmp_path / "mini.expected.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    p = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--json"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)["documents"][0]
    assert doc["failed"] is None
    assert (doc["lines_right"], doc["lines_checkable"], doc["false_errors"]) == (1, 1, 0)


def test_failure_note_names_the_exception() -> None:
    assert fd._first_line("\nLỗi: tệp rỗng\nthêm\n") == "Lỗi: tệp rỗng"
    traceback = 'Traceback (most recent call last):\n  File "x.py", line 1\nModuleNotFoundError: No module named "x"\n'
    assert fd._first_line(traceback) == 'ModuleNotFoundError: No module named "x"'
    assert fd._first_line("") == ""
