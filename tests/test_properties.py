"""Invariants over generated plans: a plan whose figures are right checks clean, in any order."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import LABELS, TITLES, LineSpec, SectionSpec, plan_text
from budget import check_file
from budget.numbers import format_vn

lines = st.builds(
    LineSpec,
    label=st.sampled_from(LABELS),
    people=st.integers(min_value=1, max_value=3000),
    rate=st.one_of(
        st.decimals(min_value=Decimal("0.5"), max_value=Decimal(200), places=1),
        st.integers(min_value=1, max_value=999).map(Decimal),
    ),
    rate_unit=st.sampled_from(["triệu đồng", "nghìn đồng"]),
    years=st.integers(min_value=1, max_value=5),
)
leaves = st.builds(
    SectionSpec,
    title=st.sampled_from(TITLES),
    lines=st.lists(lines, min_size=1, max_size=4).map(tuple),
    amount_in_heading=st.booleans(),
)
sections = st.one_of(
    leaves,
    st.builds(
        SectionSpec,
        title=st.sampled_from(TITLES),
        children=st.lists(leaves, min_size=1, max_size=3).map(tuple),
        amount_in_heading=st.booleans(),
    ),
)
plans = st.lists(sections, min_size=1, max_size=5).map(tuple)


def _check(text: str, tmp: Path):  # type: ignore[no-untyped-def]
    path = tmp / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return check_file(path)


def _count(specs: tuple[SectionSpec, ...]) -> tuple[int, int]:
    n_lines = sum(len(s.lines) + _count(s.children)[0] for s in specs)
    n_sections = sum(1 + _count(s.children)[1] for s in specs)
    return n_lines, n_sections


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(plans, st.data())
def test_generated_plan_checks_clean_in_any_order(
    tmp_path: Path, specs: tuple[SectionSpec, ...], data: st.DataObject
) -> None:
    for order in (specs, tuple(data.draw(st.permutations(specs)))):
        report = _check(plan_text(order), tmp_path)
        errors = [f for f in report.findings if f.is_error]
        assert errors == []
        assert {f.code for f in report.findings} <= {"NUMBER_AMBIGUOUS", "NUMBER_SETTLED"}  # settled: a note
        ev = report.evaluation
        assert (len(ev.lines()), len(ev.sections())) == _count(order)
        assert ev.total.ok is True
        total_dong = sum((s.dong for s in order), Decimal(0))
        assert ev.total.children_sum == total_dong / Decimal(10**6)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(plans, st.data())
def test_any_changed_result_is_found(tmp_path: Path, specs: tuple[SectionSpec, ...], data: st.DataObject) -> None:
    text = plan_text(specs)
    rows = [i for i, line in enumerate(text.splitlines()) if line.startswith("- ")]
    i = data.draw(st.sampled_from(rows))
    lines_ = text.splitlines()
    head = lines_[i].rpartition(" triệu đồng.")[0]
    lines_[i] = f"{head[:-1]}{(int(head[-1]) + 1) % 10} triệu đồng."  # change the result's last digit
    report = _check("\n".join(lines_) + "\n", tmp_path)
    bad = [f for f in report.findings if f.code == "PRODUCT_MISMATCH"]
    assert [f.source.line for f in bad] == [i + 1]
    # every generated section states its amount, so the changed result is named as the typo
    assert bad[0].cause is not None and bad[0].cause.code == "CAUSE_STATED_RESULT"


def _first_line(specs: tuple[SectionSpec, ...]) -> LineSpec:
    for s in specs:
        if s.lines:
            return s.lines[0]
        if s.children:
            return _first_line(s.children)
    raise AssertionError("a generated plan always holds a line")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(plans, st.integers(min_value=1, max_value=9))
def test_a_norm_above_the_budget_is_checked_by_the_lines_that_apply_it(
    tmp_path: Path, specs: tuple[SectionSpec, ...], bump: int
) -> None:
    """``Mức chi áp dụng: 1,5 triệu đồng/người/năm`` above a budget whose lines multiply by it: the
    rate is the norm they were checked with (nothing unchecked, no error); a norm no line applies
    is one figure not checked, at its line, in its unit as written, and never an error."""
    first = _first_line(specs)
    applied = {line.rate * (1000 if line.rate_unit == "triệu đồng" else 1) for line in _all_lines(specs)}
    for value, expect_unchecked in ((first.rate, False), (first.rate + bump * 1000, True)):
        if expect_unchecked and value * (1000 if first.rate_unit == "triệu đồng" else 1) in applied:
            continue  # the bumped norm happens to be another line's rate: applied after all
        norm = f"Mức chi áp dụng: {format_vn(value)} {first.rate_unit}{first.rate_per}."
        text = plan_text(specs).replace("IV. KINH PHÍ THỰC HIỆN\n\n", f"IV. KINH PHÍ THỰC HIỆN\n\n{norm}\n\n", 1)
        report = _check(text, tmp_path)
        assert [f for f in report.findings if f.is_error] == []
        unchecked = [f for f in report.findings if f.code == "UNCHECKED_AMOUNT"]
        if expect_unchecked:
            assert [(f.args["value"], f.args["unit"]) for f in unchecked] == [(value, first.rate_unit + first.rate_per)]
        else:
            assert unchecked == []
            assert (len(report.evaluation.lines()), len(report.evaluation.sections())) == _count(specs)


def _all_lines(specs: tuple[SectionSpec, ...]) -> list[LineSpec]:
    return [line for s in specs for line in (*s.lines, *_all_lines(s.children))]
