"""Target views → the table printed by ``indicators check``. Lays out only."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

from budget.findings import Finding, format_finding
from indicators.evaluate import Pace, Status, Trajectory
from indicators.model import Target
from indicators.view import (
    PACE_TEXT,
    STATUS_TEXT,
    PartView,
    RowView,
    TargetView,
    describe_bounds,
    kind_notes,
    rounded,
    shown_value,
    status_text,
)
from indicators.view import vn as format_vn
from indicators.view import vn_fixed as format_vn_fixed


def _value(p: PartView, t: Target) -> str:
    return shown_value(t, p.value)


def _gap(p: PartView, unit: str) -> str:
    g = p.gap
    if g is None:
        return ""
    if not g.required:  # above a range of attainment
        amount = f"{format_vn(g.amount)} {unit}".rstrip()
        return f"vượt {amount} so với mức trên của khoảng; vượt chỉ tiêu không phải là thiếu hụt, không cần giảm"
    word = "cần thêm" if g.direction > 0 else "cần giảm"
    text = f"{word} {format_vn(g.amount)} {unit}".rstrip()
    if g.amount_rising_total is not None:
        text += (
            f" (giữ nguyên mẫu số); {format_vn(g.amount_rising_total)} {unit} nếu khoản tăng thêm cũng làm tăng mẫu số"
        )
    return text


def _row(t: Target, r: RowView, percent: bool, unit: str, label: str) -> list[str]:
    out = []
    for p in r.parts:
        name = label if len(r.parts) == 1 else f"{label} · {p.label}"
        word, gap = p.word or status_text(t, p.status), _gap(p, unit)
        said = f"{word:<14} {gap}" if len(word) <= 14 or not gap else f"{word}; {gap}"
        line = f"    {name:<28} {_value(p, t):>10}  {said}"
        tr = r.trajectory
        if tr is not None and tr.pace is not None and not tr.met and r.unit:  # a unit's own pace, before the deadline
            line = line.rstrip() + f"; {_pace_pair(tr, percent, unit)}"
        out.append(line.rstrip())
    return out


def _per_year(value: Fraction | None, percent: bool, unit: str) -> str:
    suffix = "điểm %/năm" if percent else f"{unit}/năm".lstrip("/")
    return f"{format_vn(rounded(value) or Decimal(0))} {suffix}"


def _pace_pair(tr: Trajectory, percent: bool, unit: str) -> str:
    """The pace achieved since the base year beside the pace needed from the as-of year."""
    needed = "" if tr.remaining is None else f", cần {_per_year(tr.remaining, percent, unit)} từ nay"
    return f"đạt {_per_year(tr.achieved, percent, unit)} từ {tr.base_year}{needed} → {_pace(tr.pace)}"


def _projection(tr: Trajectory, percent: bool) -> str | None:
    """The value at the deadline if the trend goes on, linear and compound, and the CAGR ratio."""
    if tr.linear_projection is None:
        return None
    sign = "%" if percent else ""
    reach = {True: "đạt", False: "không đạt", None: ""}
    text = (
        f"    dự báo năm {tr.deadline}: {format_vn_fixed(rounded(tr.linear_projection) or Decimal(0), 2)}{sign} "
        f"theo xu hướng tuyến tính ({reach[tr.linear_reaches]})"
    )
    if tr.compound_projection is not None:
        text += (
            f"; {format_vn_fixed(rounded(Fraction(tr.compound_projection)) or Decimal(0), 2)}{sign} theo tăng trưởng "
            f"kép ({reach[tr.compound_reaches]})"
        )
    if tr.cagr_ratio is not None:
        text += f"; tỷ số tăng trưởng kép thực tế/cần thiết {format_vn(tr.cagr_ratio)}"
    elif tr.linear_ratio is not None:
        text += f"; tỷ số tốc độ thực tế/cần thiết {format_vn(rounded(tr.linear_ratio, 4) or Decimal(0))}"
    return text


def _no_verdict(v: TargetView) -> str:
    """Why a target has no verdict: no data in the as-of year (past the last year with data)."""
    r = v.result
    if v.as_of is None or r.last_year is None:
        return "    không có số liệu để đánh giá: chưa đánh giá được"
    if r.beyond_data:
        return f"    không có số liệu năm {v.as_of} (năm cuối có số liệu: {r.last_year}): chưa đánh giá được"
    return f"    không có số liệu năm {v.as_of}: chưa đánh giá được"


def write_text(views: list[TargetView], findings: list[Finding]) -> str:
    out: list[str] = []
    failing = unknown = 0
    for v in views:
        t = v.target
        percent = t.is_percent
        unit = t.measure_unit or ("" if percent else t.unit)
        head = f"[{t.id}] {t.name}: {describe_bounds(t)}"
        if t.deadline:
            head += f", đến năm {t.deadline}"
        out.append(head)
        if t.reference:
            out.append(f"    nguồn: {t.reference}")
        out.extend(f"    {line}" for line in kind_notes(v))
        if v.aggregate is None:
            out.append(_no_verdict(v))
        else:
            out.extend(_row(t, v.aggregate, percent, unit, f"Năm {v.as_of}, toàn bộ"))
            if v.aggregate.denominator is not None:
                nums = " + ".join(format_vn(p.numerator) for p in v.aggregate.parts)
                out.append(f"    {'':<28} ({nums} / {format_vn(v.aggregate.denominator)} {unit})".rstrip())
            if v.aggregate.coverage is not None:
                reported, expected = v.aggregate.coverage
                out.append(f"    đơn vị báo cáo: {reported}/{expected}")
            for r in v.units:
                if t.for_the_whole:  # a count target is for the whole: units contribute
                    value = _value(r.parts[0], replace(t, unit=""))
                    out.append(f"    {r.unit:<28} {value:>10}  (phần đóng góp)")
                else:
                    out.extend(_row(t, r, percent, unit, r.unit))
            out.extend(_history(v))
        tr = v.trajectory
        if tr is not None and tr.pace is None:  # due: met or not, pace no longer matters
            when = f"năm {tr.deadline} là năm hạn" if v.as_of == tr.deadline else f"đã quá hạn {tr.deadline}"
            verdict = STATUS_TEXT[Status.NOT_MET] if v.result.failing else status_text(t, v.result.status)
            out.append(f"    lộ trình: {when} → đánh giá theo kết quả năm {v.as_of}: {verdict}")
        elif tr is not None and tr.met:
            reached = f"năm {tr.years[-1]} đã đạt mức chỉ tiêu của năm {tr.deadline}"
            out.append(f"    lộ trình: {reached} → {_pace(tr.pace)}")
        elif tr is not None:
            base = "" if tr.asked_base_year is None else f" (năm gốc {tr.asked_base_year} chưa đủ số liệu)"
            from_base = _per_year(tr.required, percent, unit)
            out.append(
                f"    lộ trình {tr.years[0]}–{tr.years[-1]}{base}: {_pace_pair(tr, percent, unit)}; "
                f"để đến {tr.deadline} đạt {format_vn(tr.target)}{'%' if percent else ''} "
                f"(từ năm gốc {tr.base_year} cần {from_base})"
            )
            projected = _projection(tr, percent)
            if projected is not None:
                out.append(projected)
        if v.result.failing:
            failing += 1
        elif not v.result.evaluated:
            unknown += 1
        out.append("")
    if findings:
        out.extend(format_finding(f) for f in findings)
        out.append("")
    met = len(views) - failing - unknown
    summary = f"Tóm tắt: {len(views)} chỉ tiêu; {met} đạt hoặc đúng lộ trình, {failing} chưa đạt hoặc chệch lộ trình"
    if unknown:
        summary += f", {unknown} chưa đánh giá được"
    out.append(summary + ".")
    return "\n".join(out) + "\n"


def _history(v: TargetView) -> list[str]:
    """The yearly series over the same units in every year; said when that is not every unit."""
    rows = [r for r in v.history if r.parts and r.status is not Status.NO_DATA]
    if len(rows) < 2:
        return []
    series = "; ".join(f"{r.year}: {_value(r.parts[0], v.target)}" for r in rows)
    expected = v.result.aggregate.expected
    if v.history_units >= expected:
        return [f"    theo năm (toàn bộ): {series}"]
    return [f"    theo năm (cùng {v.history_units}/{expected} đơn vị có số liệu mọi năm): {series}"]


def _pace(pace: Pace | None) -> str:
    return "" if pace is None else PACE_TEXT[pace]
