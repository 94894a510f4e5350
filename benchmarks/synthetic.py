"""Synthetic plan text written from a small spec, for property tests and benchmarks.

The spec holds the true figures; the text is what an officer would write for them,
so a plan built from a spec must check clean whatever the figures and the order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from budget.numbers import format_vn

LABELS = (
    "Giáo viên",
    "Nhân viên",
    "Cán bộ quản lý đương chức",
    "Bồi dưỡng cán bộ dự nguồn",
    "Hoạt động giao lưu tiếng Anh",
    "Khen thưởng đột xuất",
    "Tập huấn chuyên môn",
)
TITLES = (
    "Kinh phí hỗ trợ đào tạo nghề",
    "Kinh phí tổ chức hội nghị triển khai, sơ kết, tổng kết",
    "Kinh phí bồi dưỡng giáo viên ngoại ngữ",
    "Ngân sách nhà nước hỗ trợ các kỳ khảo sát",
)


@dataclass(frozen=True)
class LineSpec:
    label: str
    people: int
    rate: Decimal  # per person per year, in ``rate_unit``
    rate_unit: str  # "triệu đồng" or "nghìn đồng"
    years: int
    count_unit: str = "người"
    rate_per: str = "/người/năm"
    period_unit: str = "năm"

    @property
    def dong(self) -> Decimal:
        scale = Decimal(10**6) if self.rate_unit == "triệu đồng" else Decimal(1000)
        return self.people * self.rate * scale * self.years


@dataclass(frozen=True)
class SectionSpec:
    title: str
    lines: tuple[LineSpec, ...] = ()
    children: tuple[SectionSpec, ...] = ()
    amount_in_heading: bool = True

    @property
    def dong(self) -> Decimal:
        return sum((line.dong for line in self.lines), Decimal(0)) + sum((c.dong for c in self.children), Decimal(0))


def _trieu(dong: Decimal) -> str:
    return format_vn(dong / Decimal(10**6))


def line_text(line: LineSpec) -> str:
    return (
        f"- {line.label}: {format_vn(Decimal(line.people))} {line.count_unit} x {format_vn(line.rate)} "
        f"{line.rate_unit}{line.rate_per} x {line.years} {line.period_unit} = {_trieu(line.dong)} triệu đồng."
    )


def _section_text(s: SectionSpec, number: str) -> list[str]:
    out: list[str] = []
    if s.amount_in_heading:
        out.append(f"{number}. {s.title}: {_trieu(s.dong)} triệu đồng. Trong đó:")
    else:
        out += [f"{number}. {s.title}", "", f"Dự kiến: Kinh phí trong 5 năm: {_trieu(s.dong)} triệu đồng. Trong đó:"]
    out.append("")
    for line in s.lines:
        out += [line_text(line), ""]
    for i, child in enumerate(s.children, 1):
        out += _section_text(child, f"{number}.{i}")
    return out


def plan_text(sections: tuple[SectionSpec, ...], number: str = "99/KH-UBND") -> str:
    total = sum((s.dong for s in sections), Decimal(0))
    out = [
        f"Số: {number}",
        "",
        "Hà Đông, ngày 25 tháng 12 năm 2020",
        "",
        "KẾ HOẠCH",
        "Thực hiện Đề án thử nghiệm",
        "",
        "I. MỤC ĐÍCH YÊU CẦU",
        "",
        "1. Mục đích",
        "Phấn đấu đến năm 2025 có 100% giáo viên đạt chuẩn theo Thông tư 32/2018/TT-BGDĐT ngày 26/12/2018.",
        "",
        "IV. KINH PHÍ THỰC HIỆN",
        "",
        f"Tổng kinh phí dự kiến là {_trieu(total)} triệu đồng, gồm các nội dung sau:",
        "",
    ]
    for i, s in enumerate(sections, 1):
        out += _section_text(s, str(i))
    return "\n".join(out) + "\n"


# (count unit, rate suffix, period unit): the shapes of real plans, two of them loose
UNIT_SHAPES = (
    ("người", "/người/năm", "năm"),
    ("lớp", "/lớp/năm", "năm"),
    ("cuộc/năm", "/cuộc", "năm"),
    ("học sinh", "/học sinh/buổi", "buổi"),
    ("đơn vị chính", "/đơn vị/năm", "năm"),
    ("người/năm", "/khóa", "năm"),  # residual người/khóa, as in plan 267/KH-UBND
    ("lớp/khóa", "/năm/lớp", "năm/khóa"),  # residual 1/khóa
)


def bench_plan(n_lines: int, seed: int = 7, per_section: int = 200) -> str:
    """A plan of ``n_lines`` correct cost lines in sections of ``per_section``, varied units."""
    rnd = random.Random(seed)
    sections = []
    for s in range((n_lines + per_section - 1) // per_section):
        lines = []
        for _ in range(min(per_section, n_lines - s * per_section)):
            count, per, period = rnd.choice(UNIT_SHAPES)
            lines.append(
                LineSpec(
                    rnd.choice(LABELS),
                    rnd.randint(1, 3000),
                    Decimal(rnd.randint(5, 2000)) / 10,
                    rnd.choice(("triệu đồng", "nghìn đồng")),
                    rnd.randint(1, 5),
                    count,
                    per,
                    period,
                )
            )
        sections.append(SectionSpec(rnd.choice(TITLES), tuple(lines), amount_in_heading=rnd.random() < 0.5))
    return plan_text(tuple(sections))
