"""The summary sheet: sections with their stated, summed and recomputed figures, statuses and the verdict."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook

from budget import layout
from budget.model import DocumentInfo
from budget.numbers import plain
from budget.plan_table import BudgetTable
from plancheck.projection import Projection, Status
from plancheck.xlsx.book import EMPTY, StoredNumber
from plancheck.xlsx.formats import Formats
from plancheck.xlsx.formulas import cell_ref, column_ranges, status_count, sum_formula
from plancheck.xlsx.sheet import Sheet
from plancheck.xlsx.statuses import Statuses
from plancheck.xlsx.words import Words

_BOLD_WIDTH = 0.88  # of a column's width in characters (a layout measure, no amount) that a bold line fills
# Summary columns: number, title, stated, sum as stated, sum recomputed, difference, status, helper.
COL_C, COL_D, COL_E, COL_F, COL_G, COL_H = 2, 3, 4, 5, 6, 7
SUMMARY_WIDTHS = (7, 40, 13, 13, 13, 12, 12, 14)


def write_summary(
    wb: Workbook,
    fmt: Formats,
    w: Words,
    table: BudgetTable,
    cols: layout.DetailColumns,
    detail_first: int,
    info: DocumentInfo,
    heading: str,
    unit_line: str,
    statuses: Statuses,
    p: Projection | None,
) -> None:
    s = Sheet(wb, w.summary, fmt, SUMMARY_WIDTHS)
    ws = s.ws
    decimals = table.unit.exponent
    s.titles(w, info, heading, unit_line, COL_G)
    header_row = layout.TITLE_ROWS
    summary_first = header_row + 2  # total row, then sections
    if p is not None:  # the verdict, above the table, where the eye starts
        verdict = f"{p.verdict.headline}\n{p.verdict.detail}"
        s.height(header_row - 1, [(verdict, s.width(0, COL_G) * 0.8)], 16)
        s.merged(header_row - 1, 0, COL_G, verdict, fmt.verdict[p.verdict.kind])
    s.header(header_row, [*w.summary_headers, w.summary_helper])
    bad, inner = w.status[Status.ERROR], w.status[Status.INNER]

    def children_refs(lines: Sequence[int], sections: Sequence[int], recomputed: bool) -> list[str]:
        """Ranges over runs of consecutive rows: a SUM takes at most 255 arguments and a formula
        8.192 characters, and a section may hold thousands of lines."""
        line_col = cols.computed if recomputed else cols.stated
        refs = column_ranges(w.detail, [detail_first + i for i in lines], line_col)
        refs += column_ranges(None, [summary_first + i for i in sections], COL_E if recomputed else COL_H)
        return refs

    def row(
        r: int,
        number: str,
        title: str,
        stated: Decimal | None,
        stated_sum: Decimal | None,
        recomputed: Decimal | None,
        lines: Sequence[int],
        sections: Sequence[int],
        bold: bool,
        status: tuple[Status, bool],
        alternatives: bool,
        slack: Decimal = Decimal(0),
    ) -> None:
        # bold letters are about a tenth wider: a bold title wraps sooner than its width says
        narrow = _BOLD_WIDTH if bold else 1.0
        s.height(r, [(number, s.width(0) * narrow), (title, s.width(1) * narrow)])
        s.text(r, 0, number, fmt.bold_text if bold else None)
        s.text(r, 1, title, fmt.bold_text if bold else None)
        if stated is not None:
            s.number(r, COL_C, stated, bold=bold)
        else:
            ws.write_blank(r, COL_C, None, fmt.number(0, bold))
        summed = (lines or sections) and not alternatives
        if summed:
            value = stated_sum or Decimal(0)
            s.formula(r, COL_D, sum_formula(children_refs(lines, sections, False)), value, fmt.of(value, bold))
            value = recomputed or Decimal(0)
            s.formula(r, COL_E, sum_formula(children_refs(lines, sections, True)), value, fmt.of(value, bold))
        elif stated is not None and not alternatives:  # a lump sum: nothing to add, its recomputed figure is its own
            ws.write_blank(r, COL_D, None, fmt.number(0, bold))
            s.formula(r, COL_E, cell_ref(None, r, COL_C), stated, fmt.of(stated, bold))
        else:  # nothing inside (or breakdowns that are not added): no sum at all, not a sum of zero
            ws.write_blank(r, COL_D, None, fmt.number(0, bold))
            ws.write_blank(r, COL_E, None, fmt.number(0, bold))
        c, d = cell_ref(None, r, COL_C), cell_ref(None, r, COL_D)
        diff: Decimal | None = None if stated is None or not summed else stated - (stated_sum or Decimal(0))
        difference = f'IF(OR({c}="",{d}=""),"",ROUND({c}-{d},{decimals}))'
        ws.write_formula(r, COL_F, difference, fmt.of(diff, bold), EMPTY if diff is None else StoredNumber(diff))
        word, live = status
        if live:
            # a difference the rounding of the figures explains is no error (the check says so)
            gap = f"ROUND(N({c})-N({d}),{decimals})"
            wrong = f"{gap}<>0" if not slack else f"ABS({gap})>{plain(slack)}"
            own_bad = f'AND({c}<>"",{d}<>"",{wrong})'
            below = (
                "+".join(
                    x
                    for x in (
                        status_count(w.detail, [detail_first + i for i in lines], cols.status, [bad]),
                        status_count(None, [summary_first + i for i in sections], COL_G, [bad, inner]),
                    )
                    if x != "0"
                )
                or "0"
            )
            formula = (
                f'IF({own_bad},"{bad}",IF({below}>0,"{inner}",'
                f'IF({c}="","{w.status[Status.NONE]}",IF({d}="","{w.status[Status.STATED]}","{w.status[Status.OK]}"))))'
            )
            s.formula(r, COL_G, formula, w.status[word], fmt.bold_text if bold else fmt.text)
        else:
            s.text(r, COL_G, w.status[word], fmt.bold_text if bold else fmt.text)
        effective = stated if stated is not None else stated_sum
        s.formula(r, COL_H, f'IF({c}="",N({d}),{c})', effective or Decimal(0), fmt.of(effective))

    t = table.total
    total_row = header_row + 1
    row(total_row, "", w.total_label, t.stated, t.stated_sum, t.recomputed_sum, t.lines, t.sections, True,
        statuses.total, False, t.slack)  # fmt: skip
    for i, (sec, (word, live, alternatives)) in enumerate(zip(table.sections, statuses.sections(), strict=True)):
        title = ("    " * sec.depth) + sec.result.section.title
        row(summary_first + i, sec.result.section.number, title, sec.stated, sec.stated_sum, sec.recomputed_sum,
            sec.lines, sec.sections, sec.depth == 0, (word, live), alternatives, sec.slack)  # fmt: skip
    last = summary_first + len(table.sections) - 1 if table.sections else total_row
    first_data = total_row
    # errors and errors inside, whole row; a live figure that gains decimals shows them
    g = xl_col_to_name(COL_G)
    area = f"A{first_data + 1}:{g}{last + 1}"
    ws.conditional_format(area, {"type": "formula", "criteria": f'=${g}{first_data + 1}="{bad}"', "format": fmt.bad})
    ws.conditional_format(
        area, {"type": "formula", "criteria": f'=${g}{first_data + 1}="{inner}"', "format": fmt.inner}
    )
    numbers = f"C{first_data + 1}:F{last + 1}"
    ws.conditional_format(
        numbers,
        {"type": "formula", "criteria": f"=AND(ISNUMBER(C{first_data + 1}),MOD(C{first_data + 1},1)<>0)",
         "format": fmt.decimals_shown},
    )  # fmt: skip
    end = summary_footer(s, fmt, w, last + 2, info, p)
    s.print_setup(header_row, COL_G, info.number, landscape=False, last_row=end)


def summary_footer(s: Sheet, fmt: Formats, w: Words, r: int, info: DocumentInfo, p: Projection | None) -> int:
    """Under the table: the grand total in words, then the signature block. Columns A and C stay
    empty (the reader takes A for section numbers and C for stated amounts)."""
    if p is not None and p.total_words:
        words = w.t("XL.words", words=p.total_words)
        s.height(r, [(words, s.width(1, 6))])
        s.merged(r, 1, 6, words, fmt.words)
        r += 2
    place = (info.place or "").strip() or "......"
    s.merged(r, 5, 6, w.t("SIGN.place_date", place=place), fmt.sign_place)
    s.height(r, [(w.t("SIGN.place_date", place=place), s.width(5, 6))])
    r += 1
    titles = ((1, 1, "SIGN.preparer", "SIGN.hint"), (3, 4, "SIGN.accountant", "SIGN.hint"),
              (5, 6, "SIGN.head", "SIGN.hint_seal"))  # fmt: skip
    s.height(r, [(w.t(code), s.width(a, b)) for a, b, code, _ in titles])
    for a, b, code, _ in titles:
        s.merged(r, a, b, w.t(code), fmt.sign_title)
    r += 1
    s.height(r, [(w.t(hint), s.width(a, b)) for a, b, _, hint in titles])
    for a, b, _, hint in titles:
        s.merged(r, a, b, w.t(hint), fmt.sign_hint)
    r += 5  # room to sign
    s.ws.write_blank(r, 1, None)
    return r
