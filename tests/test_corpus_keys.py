"""The project's corpus keys (benchmarks/corpus) re-check with Decimal, and the re-check catches broken keys.

The keys score the checker; a wrong key would score it against a wrong answer, so every key must pass
``benchmarks/corpus_recheck.py``. The broken keys below are invented (not copies of corpus text).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from benchmarks import corpus_recheck as rc
from tests.helpers import ROOT, Ran, run_in_process, run_process

CORPUS = ROOT / "benchmarks" / "corpus"
SCRIPT = ROOT / "benchmarks" / "corpus_recheck.py"

TEXT = (
    "KẾ HOẠCH\n"
    "Hỗ trợ tiền ăn cho 120 học sinh với mức 15.000 đồng/học sinh/ngày, thời gian 20 ngày, "
    "tổng kinh phí là 36 triệu đồng.\n"
    "Tổng kinh phí 50.000.000 đồng (năm mươi triệu đồng), bao gồm: tiền ăn 36.000.000 đồng; tập huấn 14.000.000 đồng.\n"
    "Tỷ lệ 7/28 học sinh, đạt 25%.\n"
)


def good_key() -> dict[str, Any]:
    return {
        "source": {"url": "https://example.invalid/ke-hoach"},
        "cost_lines": [
            {
                "line_text": "cho 120 học sinh với mức 15.000 đồng/học sinh/ngày, thời gian 20 ngày, "
                "tổng kinh phí là 36 triệu đồng",
                "factors": [
                    {"written": "120", "value": "120", "unit": "học sinh"},
                    {"written": "15.000", "value": "15000", "unit": "đồng/học sinh/ngày"},
                    {"written": "20", "value": "20", "unit": "ngày"},
                ],
                "unit_scale_applied": "0.000001",
                "stated_result": {"written": "36", "value": "36"},
                "computed_result": "36",
                "consistent": True,
                "difference_stated_minus_computed": "0",
            }
        ],
        "grand_total": {
            "label": "Tổng kinh phí 50.000.000 đồng",
            "stated": {"written": "50.000.000", "value": "50000000"},
            "children": [
                {"written": "36.000.000", "value": "36000000"},
                {"written": "14.000.000", "value": "14000000"},
            ],
            "sum_of_children": "50000000",
            "consistent": True,
            "difference_stated_minus_sum": "0",
        },
        "ratio_checks": [
            {
                "line_text": "7/28 học sinh, đạt 25%",
                "kind": "share",
                "numerator": {"written": "7", "value": "7"},
                "denominator": {"written": "28", "value": "28"},
                "stated": {"written": "25%", "value": "25"},
                "computed": "25",
                "consistent": True,
            }
        ],
        "amount_in_words_checks": [
            {
                "written": "50.000.000 đồng",
                "value_dong": "50000000",
                "words": "năm mươi triệu đồng",
                "words_value_dong": "50000000",
                "consistent": True,
            }
        ],
    }


def run_on(folder: Path) -> Ran:
    return run_in_process(rc.main, [str(folder)])


def write_case(tmp_path: Path, key: dict[str, Any], text: str = TEXT) -> Path:
    (tmp_path / "900_invented.txt").write_text(text, encoding="utf-8")
    (tmp_path / "900_invented.expected.json").write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_project_corpus_keys_recheck_clean() -> None:
    keys = sorted(p.name for p in CORPUS.glob("1*.expected.json"))
    assert len(keys) >= 8
    p = run_process([sys.executable, SCRIPT, CORPUS])  # the script as CI runs it, in a process of its own
    assert p.stdout == ""
    assert p.returncode == 0


def test_every_key_has_its_text_and_a_source() -> None:
    for key_path in CORPUS.glob("*.expected.json"):
        key = json.loads(key_path.read_text(encoding="utf-8"))
        assert (CORPUS / key_path.name.replace(".expected.json", ".txt")).is_file()
        source = key["source"]
        assert source.get("url") or (source.get("repo") and source.get("path") and source.get("commit")), key_path.name
        assert source.get("completeness"), key_path.name


def test_a_good_invented_key_passes(tmp_path: Path) -> None:
    p = run_on(write_case(tmp_path, good_key()))
    assert (p.returncode, p.stdout) == (0, "")


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (
            lambda k: k["cost_lines"][0].update(computed_result="37"),
            "cost_lines[0]: computed_result 37 but the factors give 36",
        ),
        (lambda k: k["cost_lines"][0].update(consistent=False), "cost_lines[0]: consistent is False"),
        (
            lambda k: k["cost_lines"][0]["factors"][1].update(value="16000"),
            "computed_result 36 but the factors give 38.4",
        ),
        (
            lambda k: k["cost_lines"][0].update(line_text="cho 121 học sinh"),
            "cost_lines[0]: line_text is not in the text",
        ),
        (
            lambda k: k["cost_lines"][0].update(difference_stated_minus_computed="1"),
            "difference_stated_minus_computed 1",
        ),
        (
            lambda k: k["grand_total"]["children"][1].update(value="15000000"),
            "sum_of_children 50000000 but the children sum to 51000000",
        ),
        (lambda k: k["grand_total"].update(consistent=False), "grand_total: consistent is False"),
        (lambda k: k["ratio_checks"][0]["stated"].update(value="24"), "ratio_checks[0]: consistent is True"),
        (lambda k: k["amount_in_words_checks"][0].update(words="năm mươi lăm triệu đồng"), "the words read 55000000"),
        (lambda k: k.update(source={}), "source: needs a url"),
        (
            lambda k: k["grand_total"].update(name="Tổng kinh phí", label="Tổng kinh phí 51.000.000 đồng"),
            "grand_total: label is not in the text",
        ),
        (
            lambda k: k["grand_total"].update(name="Tổng kinh phí", label="Tổng kinh phí 50.000.000 đồng (năm"),
            "grand_total: label does not end with the stated figure '50.000.000'",
        ),
    ],
)
def test_the_recheck_catches_a_broken_key(tmp_path: Path, break_it: Any, expected: str) -> None:
    key = good_key()
    break_it(key)
    p = run_on(write_case(tmp_path, key))
    assert p.returncode == 1
    assert expected in p.stdout


def test_a_label_quoting_the_row_down_to_its_figure_passes(tmp_path: Path) -> None:
    key = good_key()
    key["grand_total"].update(name="Tổng kinh phí", label="Tổng kinh phí 50.000.000")
    p = run_on(write_case(tmp_path, key))
    assert (p.returncode, p.stdout) == (0, "")


def test_a_rounding_rule_makes_a_rounded_total_consistent(tmp_path: Path) -> None:
    text = "Hỗ trợ 1.234 hộ với mức 50.000 đồng/hộ, tổng kinh phí 62 triệu đồng.\n"
    line = {
        "line_text": "1.234 hộ với mức 50.000 đồng/hộ, tổng kinh phí 62 triệu đồng",
        "factors": [{"written": "1.234", "value": "1234"}, {"written": "50.000", "value": "50000"}],
        "unit_scale_applied": "0.000001",
        "stated_result": {"written": "62", "value": "62"},
        "computed_result": "61.7",
        "consistent": True,
    }
    key = {"source": {"url": "https://example.invalid/x"}, "cost_lines": [line]}
    without_rule = run_on(write_case(tmp_path, key, text))
    assert without_rule.returncode == 1  # 61,7 is not 62 without a stated rule
    assert "consistent is True but stated 62 vs computed 61.7" in without_rule.stdout
    line["rounding"] = {"quantum": "1", "mode": "ROUND_HALF_UP"}
    assert run_on(write_case(tmp_path, key, text)).returncode == 0


def test_a_non_exhaustive_breakdown_claims_no_verdict(tmp_path: Path) -> None:
    key = good_key()
    key["grand_total"].update(exhaustive=False, consistent=True)
    p = run_on(write_case(tmp_path, key))
    assert "must have consistent null" in p.stdout


def test_a_division_is_compared_at_the_precision_the_key_writes() -> None:
    value = rc.product(
        [{"written": "10", "value": "10"}, {"written": "3", "value": "3", "op": "divide"}],
        None,
    )
    assert value.inexact
    assert rc.agrees(value, Decimal("3.33"))
    assert not rc.agrees(value, Decimal("3.34"))
    assert rc.agrees(rc.evaluate("2500000 + (3.5 - 2) * 800000"), Decimal("3700000"))


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("hai nghìn không trăm linh năm", 2005),
        ("một trăm sáu mươi ngàn đồng", 160000),
        ("Bảy nghìn không trăm chín mươi ba tỷ, tám trăm triệu đồng", 7093800000000),
        ("mười lăm triệu", 15000000),
        ("năm mươi tư nghìn", 54000),
    ],
)
def test_words_read_back(words: str, value: int) -> None:
    assert rc.words_to_number(words) == value


def test_words_that_are_not_a_number_are_refused() -> None:
    assert rc.words_to_number("hai hai nghìn") is None
    assert rc.words_to_number("một trăm con mèo") is None


def test_a_percent_factor_written_as_its_number_counts_as_a_hundredth() -> None:
    assert rc.factor_value({"written": "4,5%", "value": "4.5"}) == Decimal("0.045")
    assert rc.factor_value({"written": "4,5%", "value": "0.045"}) == Decimal("0.045")
