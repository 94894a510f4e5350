"""The fast paths of a large check give exactly what the general paths give.

Figures formatted by hand against Babel, whole-file cleaning against the per-line cleaner,
the JSON written piece by piece against the document laid out whole, a four-digit section
number read as a heading, and the collector back on after a single-file check.
"""

from __future__ import annotations

import gc
import html
import json
import re
import zipfile
from decimal import Decimal, localcontext

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.synthetic import bench_plan
from budget.api import check_file
from budget.numbers import EXACT, EXACT_ROUNDING, format_number, format_vn, plain
from budget.read.text import RawLine, split_lines, tab_positions
from budget.source import Source
from budget.text import clean_mapped, needs_cleaning
from plancheck.cli import main
from plancheck.projection import project
from plancheck.write_json import layout, projection_to_dict, write_json
from tests.helpers import HA_DONG, ROOT, run_in_process

decimals = st.builds(
    lambda sign, digits, exponent: Decimal(f"{sign}{digits}E{exponent}"),
    st.sampled_from(["", "-"]),
    st.text("0123456789", min_size=1, max_size=40),
    st.integers(-45, 25),
)


def _babel(value: Decimal) -> str:
    with localcontext(EXACT_ROUNDING):
        return format_decimal(value, locale="vi", decimal_quantization=False)


def _plain_by_quantize(value: Decimal) -> str:
    """``plain`` as it was written before: quantize whole figures, normalize the others."""
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1), context=EXACT), "f")
    return format(value.normalize(context=EXACT), "f")


@given(decimals)
def test_format_vn_is_babels_vietnamese_form(value: Decimal) -> None:
    assert format_vn(value) == _babel(value)


@given(decimals)
def test_format_number_is_babels_form_in_each_language(value: Decimal) -> None:
    """Vietnamese by hand, English by Babel; every digit kept in both (Babel rounds in the
    current context: 28 digits by default)."""
    with localcontext(EXACT_ROUNDING):
        english = format_decimal(value, locale="en", decimal_quantization=False)
    assert (format_number(value, "vi"), format_number(value, "en")) == (_babel(value), english)


def test_a_figure_of_thirty_digits_is_reported_in_english() -> None:
    """It was an internal error (exit 3): Babel rounded the product past 28 digits and trapped."""
    p = run_in_process(main, ["check", str(ROOT / "tests" / "cases" / "fuzz-long-integer-factor.txt"), "--lang", "en"])
    assert p.returncode == 1, p.stderr
    assert (
        "error [PRODUCT_MISMATCH] Product does not match: 1.5 × 9,999,999,999,999,999,999,999,999"
        " = 14,999,999,999,999,999,999,999,998.5, but the document states 1.5"
        " (difference -14,999,999,999,999,999,999,999,997)."
    ) in p.stdout


@given(decimals)
def test_plain_is_the_quantized_form(value: Decimal) -> None:
    assert plain(value) == _plain_by_quantize(value)


@pytest.mark.parametrize(
    ("value", "shown", "machine"),
    [
        ("1234567.50", "1.234.567,5", "1234567.5"),
        ("1E+3", "1.000", "1000"),
        ("-0.000", "-0", "-0"),
        ("0.0000001", "0,0000001", "0.0000001"),
        ("46375", "46.375", "46375"),
    ],
)
def test_figures_in_both_forms(value: str, shown: str, machine: str) -> None:
    assert format_vn(Decimal(value)) == shown
    assert plain(Decimal(value)) == machine


def _per_line(text: str, name: str) -> list[RawLine]:
    """What the per-line cleaner gives for a file with no legacy-font line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for i, line in enumerate(lines, 1):
        cleaned, colmap = clean_mapped(line)
        tabs = tab_positions(line, cleaned, colmap)
        out.append(RawLine(Source(name, i, None, None, cleaned, None, colmap), tabs=tabs))
    return out


# Letters, marks written apart (NFD), spaces of every kind, invisible characters, stars,
# hashes and line ends; none of the Latin-1 characters that send a line to the legacy-font
# repair (the soft hyphen is one), which the reference above does not do.
_ALPHABET = "aáeệoơuưđĐ x=.,:;0123456789\t\u00a0\u200b\u2060\ufeff*#[]\u0301\u0323\n\r"


@given(st.text(_ALPHABET, max_size=80))
def test_whole_file_check_agrees_with_the_per_line_cleaner(text: str) -> None:
    assert split_lines(text, "f.txt") == _per_line(text, "f.txt")


def test_a_clean_file_needs_no_cleaning_and_a_marked_one_does() -> None:
    assert not needs_cleaning("- Giáo viên: 105 người x 133,5 triệu đồng = 14.017,5 triệu đồng.  \n")
    assert needs_cleaning("**Tổng** kinh phí")  # emphasis
    assert needs_cleaning("Tổng\u00a0kinh phí")  # no-break space
    assert needs_cleaning("Kinh phi\u0301")  # a mark written apart (NFD)
    assert needs_cleaning("[bookmark: _Toc1]Mục lục")


def test_json_written_in_pieces_is_the_document_laid_out_whole() -> None:
    report = check_file(HA_DONG)
    shown = project(report, [], "vi")
    whole = layout(projection_to_dict(shown, report))
    assert write_json(report, [], projection=shown) == whole
    doc = json.loads(whole)
    assert doc["lines"][0]["factors"] == doc["lines"][0]["steps"][0]["factors"]
    assert doc["summary"]["lines"] == len(doc["lines"]) == 16


def test_four_digit_section_numbers_are_headings(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.txt"
    plan.write_text(bench_plan(2010, per_section=2), encoding="utf-8")
    assert "\n1001. " in plan.read_text(encoding="utf-8")
    assert main(["check", str(plan), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    numbers = [s["number"] for s in doc["sections"]]
    assert len(numbers) == 1005
    assert numbers[999:1002] == ["1000", "1001", "1002"]
    assert doc["summary"]["lines"] == 2010
    assert doc["verdict"]["kind"] == "ok"


def test_the_collector_is_back_on_after_a_check(capsys) -> None:  # type: ignore[no-untyped-def]
    assert gc.isenabled()
    wrong = HA_DONG.with_name("ha-dong-267-mot-so-sai.txt")  # the excerpt with figures changed
    assert main(["check", str(wrong), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["verdict"]["kind"] == "errors"
    assert gc.isenabled()


# Excel's dynamic-array functions (as XlsxWriter lists them; its own pattern is private and
# moved between releases): a formula using one would need the search the writer skips
_DYNAMIC = re.compile(
    r"\b(?:ANCHORARRAY|BYCOL|BYROW|CHOOSECOLS|CHOOSEROWS|DROP|EXPAND|FILTER|HSTACK|LAMBDA|MAKEARRAY|MAP|"
    r"RANDARRAY|REDUCE|SCAN|SEQUENCE|SINGLE|SORT|SORTBY|SWITCH|TAKE|TEXTSPLIT|TOCOL|TOROW|UNIQUE|VSTACK|"
    r"WRAPCOLS|WRAPROWS|XLOOKUP)\("
)


def test_no_formula_of_ours_is_a_dynamic_array_formula(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The workbook writer skips XlsxWriter's search for dynamic-array functions: it may only
    while no formula it writes uses one."""
    out = tmp_path / "ha-dong.xlsx"
    assert main(["check", str(HA_DONG), "--xlsx", str(out)]) == 0
    capsys.readouterr()
    with zipfile.ZipFile(out) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        formulas = [f for n in sheets for f in re.findall(r"<f>(.*?)</f>", book.read(n).decode("utf-8"))]
    assert len(formulas) > 50
    assert [f for f in formulas if _DYNAMIC.search(html.unescape(f))] == []


@pytest.mark.parametrize(
    ("text", "limit", "cut"),
    [
        ("ngắn", 30, "ngắn"),
        (
            "Ăn trưa 50.000 đồng/người: 3 người x 100.000 đồng/người = 300.000 đồng",
            40,
            "Ăn trưa 50.000 đồng/người: 3 người x…",
        ),
        ("x" * 50, 30, "x" * 30 + "…"),  # no space to cut at: cut at the limit
    ],
)
def test_an_excerpt_never_ends_inside_a_figure(text: str, limit: int, cut: str) -> None:
    from budget.text import excerpt

    assert excerpt(text, limit) == cut
