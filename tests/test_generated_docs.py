"""Can the verdicts be trusted on documents nobody tuned the checker to? (generated documents)

``benchmarks/gen_docs.py`` writes random budgets with known truth in many styles and puts
one known mistake in a copy. The properties, checked in process as ``budget check FILE
--format json`` checks:

* P1: a correct document never gets an error-level finding;
* P2: a document with a mistake is never ``KHỚP`` (verdict ``ok``);
* P3: when the mistake is found (an error), an error or warning names the wrong figure as its
  ``actual`` (in đồng), at its line.

``GEN_EXAMPLES`` sets the examples per property (default 150, about 20 s; CI runs 500). The examples are
derandomized: a run gives the same documents every time, so a failure is reproducible.
``GEN_STYLES=all`` runs them on every style instead of the held ones;
``python benchmarks/generated_report.py N --examples`` measures every style, held or not.
"""

from __future__ import annotations

import os
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gen_docs import (
    CLEAR_OF_ROUNDING,
    MISTAKES,
    MONEY_EXPONENT,
    STYLES,
    Doc,
    Factor,
    Figure,
    Group,
    Item,
    Layout,
    Outcome,
    Said,
    build,
    check_text,
    consistent,
    fixes,
    inject,
    judge,
    num,
    relations,
    to_dong,
    write,
)
from budget.words import from_words

EXAMPLES = int(os.environ.get("GEN_EXAMPLES", "150"))
GEN = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# P1 (no error on a correct document) and P2 (never KHỚP on a mistaken one) hold on every style
# (0 failures in 500 documents per style). P3 (the mistake named at its own figure) holds on
# every style but two, where a mistake is sometimes named at a figure next to it: a product whose
# label note holds a number is left unread, so a wrong result is named at the sum above it
# (notes, and mixed, which draws from every style). Widen the tuple as styles start to pass.
STYLES_NAMED = (
    "product",
    "operators",
    "verbs",
    "nhan_voi",
    "chain",
    "sum_of_products",
    "quotient",
    "difference",
    "result_first",
    "breakdown_sentence",
    "breakdown_paren",
    "markers",
    "subtotals_omitted",
    "total_forms",
    "words",
    "numbered_labels",
    "number_forms",
    "preamble",
    "wording",
    "plain",
    "table_pipe",
    "table_tab",
    "table_aligned",
    "table_cells",
    "table_bars",
)

# ``GEN_STYLES=all`` (or a comma-separated list of styles) runs P3 on other styles than the
# named ones: how to see whether a style can join ``STYLES_NAMED``.
_ASKED = os.environ.get("GEN_STYLES", "")
STYLES_TESTED = STYLES if _ASKED == "all" else tuple(s for s in _ASKED.split(",") if s) or STYLES
NAMED_TESTED = STYLES if _ASKED == "all" else tuple(s for s in _ASKED.split(",") if s) or STYLES_NAMED
assert set(STYLES_TESTED) <= set(STYLES), f"GEN_STYLES: unknown style in {_ASKED!r}"


def _explain(doc: Doc, outcome: Outcome) -> str:
    said = "\n".join(
        f"  {f.severity} {f.code} line {f.line} actual {f.actual} {f.unit or ''}"
        for f in outcome.findings
        if f.severity != "info"
    )
    mistake = "" if doc.mistake is None else f"mistake: {doc.mistake}\n"
    return f"style {doc.style}\n{mistake}{doc.text}\n--> {outcome.verdict}: {outcome.headline}\n{said}"


@st.composite
def documents(draw: st.DrawFn, styles: tuple[str, ...] = STYLES_TESTED) -> Doc:
    style = draw(st.sampled_from(styles))
    size = draw(st.integers(1, 3))
    rnd = draw(st.randoms(use_true_random=False))
    return build(rnd, style, size)


@st.composite
def mistaken(draw: st.DrawFn, styles: tuple[str, ...] = STYLES_TESTED) -> Doc:
    doc = draw(documents(styles))
    kind = draw(st.sampled_from(MISTAKES))
    rnd = draw(st.randoms(use_true_random=False))
    out = inject(rnd, doc, kind) or inject(rnd, doc)  # the kind asked for, else any the document allows
    assert out is not None and out.mistake is not None, doc.text  # every document has a stated total
    return out


# --- the properties -------------------------------------------------------------------------


@GEN
@given(documents())
def test_p1_a_correct_document_gets_no_error(doc: Doc) -> None:
    outcome = check_text(doc.text)
    assert not outcome.errors, _explain(doc, outcome)


@GEN
@given(mistaken())
def test_p2_a_mistaken_document_is_never_khop(doc: Doc) -> None:
    outcome = check_text(doc.text)
    assert outcome.verdict != "ok", _explain(doc, outcome)


@GEN
@given(mistaken(NAMED_TESTED))
def test_p3_a_found_mistake_is_named_at_its_figure(doc: Doc) -> None:
    outcome = check_text(doc.text)
    # None: the mistake is ambiguous (another figure would explain it as well), P3 does not apply
    assert judge(doc, outcome).at_figure is not False, _explain(doc, outcome)


# --- the generator tells the truth ----------------------------------------------------------


@settings(max_examples=max(EXAMPLES // 2, 20), derandomize=True, database=None, deadline=None)
@given(documents(STYLES))
def test_every_stated_figure_is_on_its_line(doc: Doc) -> None:
    """Each recorded figure is written on the line recorded for it (tables: in its row)."""
    lines = doc.text.split("\n")
    for f in doc.figures:
        line = lines[f.line - 1]
        if f.kind == "words":
            said = line.split("Bằng chữ:", 1)[1].split(")", 1)[0].strip(" .")
            reading = from_words(said)
            assert reading is not None and reading.value == f.value, line
        else:
            assert num(f.value) in line, (f, line)


@settings(max_examples=max(EXAMPLES // 2, 20), derandomize=True, database=None, deadline=None)
@given(documents(STYLES))
def test_stated_sums_are_the_sums_of_their_parts(doc: Doc) -> None:
    """The total and every stated subtotal of a correct document add up exactly."""
    figures = {f.key: f.value for f in doc.figures}

    def walk(node: object) -> Decimal:
        children = getattr(node, "children", None)
        if children is None:
            return node.amount  # type: ignore[attr-defined,no-any-return]
        value = sum((walk(c) for c in children), Decimal(0))
        if node.key in figures:  # type: ignore[attr-defined]
            assert figures[node.key] == value  # type: ignore[attr-defined]
        return value

    assert figures["total"] == walk(doc.root)
    if "words" in figures:
        assert figures["words"] == to_dong(figures["total"], doc.layout.money)


@settings(max_examples=max(EXAMPLES // 2, 20), derandomize=True, database=None, deadline=None)
@given(mistaken(STYLES))
def test_a_mistake_changes_one_figure_clear_of_rounding(doc: Doc) -> None:
    m = doc.mistake
    assert m is not None
    assert m.figure.value != m.true_value
    if m.kind != "dropped":
        unit = Decimal(1).scaleb(min(m.true_value.normalize().as_tuple().exponent, 0))  # type: ignore[arg-type]
        if m.kind != "wrong_words":
            assert abs(m.figure.value - m.true_value) >= CLEAR_OF_ROUNDING * unit
    assert doc.text.split("\n")[m.figure.line - 1]


@settings(max_examples=max(EXAMPLES // 2, 20), derandomize=True, database=None, deadline=None)
@given(documents(STYLES))
def test_a_correct_document_agrees_with_itself(doc: Doc) -> None:
    """Every sum, product, quotient and amount in words of a correct document holds exactly."""
    values, sums, fixed = relations(doc)
    assert sums and consistent(values, sums, fixed)
    assert fixes(doc) == []


@settings(max_examples=max(EXAMPLES // 2, 20), derandomize=True, database=None, deadline=None)
@given(mistaken(STYLES))
def test_the_wrong_figure_is_one_that_fixes_the_document(doc: Doc) -> None:
    """Putting the true value back in the wrong figure makes the mistaken document agree again;
    the mistake is ambiguous exactly when another single figure would do as well."""
    m = doc.mistake
    assert m is not None
    values, sums, fixed = relations(doc)
    assert not consistent(values, sums, fixed)
    others = [k for k in fixes(doc) if k != m.figure.key]
    assert m.ambiguous == bool(others)
    if m.kind == "dropped":  # the sum above the missing item no longer adds up
        holder = next(ps for k, ps in sums if k == m.figure.key)
        assert values[m.figure.key] != sum((values[p] for p in holder), Decimal(0))
        return
    restored = {**values, m.figure.key: m.true_value}
    if m.kind == "wrong_words":
        restored["words"] = m.true_value.scaleb(-MONEY_EXPONENT[doc.layout.money])
    assert consistent(restored, sums, fixed)
    assert m.figure.key in fixes(doc)


def test_a_total_over_plain_amounts_is_ambiguous_over_products_it_is_not() -> None:
    layout = Layout(title="DỰ TOÁN", money="nghìn đồng")
    plain = Group(
        "root", "", (Item("a", "plain", "Văn phòng phẩm", Decimal(300)), Item("b", "plain", "Trang trí", Decimal(200)))
    )
    wrong = write("plain", layout, plain, override={"total": Decimal(600)})
    assert wrong.text.split("\n")[2] == "Tổng kinh phí: 600 nghìn đồng, gồm:"
    assert sorted(fixes(wrong)) == ["a", "b", "total"]  # any of the three may be the wrong one
    people = Factor(Decimal(10), "người")
    rate = Factor(Decimal(30), "nghìn đồng/người")
    products = Group(
        "root",
        "",
        (Item("a", "product", "Nước uống", Decimal(300), ((people, rate),), form=("x", "=")), plain.children[1]),
    )
    wrong = write("product", layout, products, override={"total": Decimal(600)})
    assert wrong.text.split("\n")[3] == "- Nước uống: 10 người x 30 nghìn đồng/người = 300 nghìn đồng"
    assert sorted(fixes(wrong)) == ["b", "total"]  # the product is exact: only b or the total
    mistyped = write("product", layout, products, override={"a": Decimal(350)})
    assert fixes(mistyped) == ["a"]


def test_a_dropped_item_makes_its_stated_sum_wrong() -> None:
    rnd = random.Random(7)
    for _ in range(50):
        doc = build(rnd, "product", 3)
        out = inject(rnd, doc, "dropped")
        if out is not None:
            break
    assert out is not None and out.mistake is not None
    assert out.mistake.figure.kind in ("subtotal", "total")
    assert len(out.text.split("\n")) == len(doc.text.split("\n")) - 1
    assert out.mistake.true_value < out.mistake.figure.value


def test_check_text_gives_the_verdict_and_the_wrong_figure() -> None:
    text = (
        "DỰ TOÁN KINH PHÍ HỘI THI\n\n"
        "Tổng kinh phí: 4.900.000 đồng, gồm:\n"
        "- Nước uống: 40 người x 3 ngày x 40.000 đồng/người/ngày = 4.900.000 đồng\n"
    )
    outcome = check_text(text)
    assert outcome.verdict == "errors"
    assert any(
        f.code == "PRODUCT_MISMATCH" and f.line == 4 and f.actual_dong == Decimal(4_900_000) for f in outcome.errors
    )
    assert check_text(text.replace("4.900.000", "4.800.000")).verdict == "ok"


@pytest.mark.parametrize(
    ("verdict", "findings", "expected"),
    [
        ("ok", (), (True, None, True, False, None)),
        (
            "errors",
            (Said("PRODUCT_MISMATCH", "error", 4, Decimal(900), Decimal(900), "đồng"),),
            (False, None, False, True, True),
        ),
        (
            "errors",
            (Said("SECTION_SUM_MISMATCH", "error", 3, Decimal(900), Decimal(900), "đồng"),),
            (False, None, False, True, False),
        ),
        (
            "errors",
            (Said("PRODUCT_MISMATCH", "error", 4, Decimal(800), Decimal(800), "đồng"),),
            (False, None, False, True, False),
        ),
    ],
)
def test_judge_reads_the_properties(verdict: str, findings: tuple[Said, ...], expected: tuple[object, ...]) -> None:
    doc = build(random.Random(1), "product", 1)
    wrong = Figure("x", "result", Decimal(900), "đồng", 4)
    from dataclasses import replace

    from benchmarks.gen_docs import Mistake

    j = judge(replace(doc, mistake=Mistake("wrong_result", wrong, Decimal(800))), Outcome(verdict, "", findings))
    assert (j.fully_read, j.false_error, j.false_ok, j.found, j.at_figure) == expected


def test_a_correct_document_is_judged_on_its_errors() -> None:
    doc = build(random.Random(1), "product", 1)
    error = Said("PRODUCT_MISMATCH", "error", 4, None, None, None)
    assert judge(doc, Outcome("errors", "", (error,))).false_error is True
    assert judge(doc, Outcome("ok", "", ())).false_error is False
