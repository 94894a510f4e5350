"""Lump items stated as a share of the others (``Dự phòng (5%)``), in prose lists."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from budget.api import check_file


def _shares(tmp_path: Path, lines: list[str]) -> list[tuple[int | None, Decimal | None, Decimal | None]]:
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    report = check_file(path)
    return [(f.source.line, f.expected, f.actual) for f in report.findings if f.code == "SHARE_MISMATCH"]


_LIST = [
    "III. KINH PHÍ THỰC HIỆN: {total} triệu đồng",
    "1. Sửa chữa phòng học: 820 triệu đồng",
    "2. Mua bàn ghế học sinh: 414 triệu đồng",
    "3. Chi phí dự phòng ({rate}%): {share} triệu đồng",
]


def _plan(total: str, rate: str, share: str) -> list[str]:
    return [line.format(total=total, rate=rate, share=share) for line in _LIST]


def test_share_of_the_other_items(tmp_path: Path) -> None:
    assert _shares(tmp_path, _plan("1.296", "5", "62")) == []  # 5% of 1.234 is 61,7: written 62, whole triệu
    assert _shares(tmp_path, _plan("1.297", "5", "63")) == [(5, Decimal("61.70"), Decimal(63))]


def test_share_with_a_decimal_comma_rate(tmp_path: Path) -> None:
    assert _shares(tmp_path, _plan("1.264,85", "2,5", "30,85")) == []
    assert _shares(tmp_path, _plan("1.265,85", "2,5", "31,85")) == [(5, Decimal("30.8500"), Decimal("31.85"))]


def test_share_of_the_figure_the_list_totals(tmp_path: Path) -> None:
    lines = [
        "III. KINH PHÍ THỰC HIỆN: 2.000 triệu đồng",
        "1. Xây lắp: 1.900 triệu đồng",
        "2. Trích 5% tổng kinh phí cho quản lý dự án: 100 triệu đồng",
    ]
    assert _shares(tmp_path, lines) == []


def test_percentages_that_are_not_shares(tmp_path: Path) -> None:
    lines = [
        "III. KINH PHÍ THỰC HIỆN: 900 triệu đồng",
        "1. Hỗ trợ học sinh đạt tỷ lệ chuyên cần 95%: 400 triệu đồng",
        "2. Khen thưởng: 500 triệu đồng",
    ]
    assert _shares(tmp_path, lines) == []


def test_a_share_mismatch_names_its_base_figure(tmp_path: Path) -> None:
    lines = [
        "1. Sửa chữa phòng học: 820 triệu đồng",
        "2. Mua bàn ghế học sinh: 414 triệu đồng",
        "3. Dự phòng (5%): {share} triệu đồng",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines).format(share="65") + "\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    assert (f.severity.value, f.source.line, f.args["base"], f.expected, f.actual, f.message) == (
        "error",
        4,
        Decimal(1234),
        Decimal("61.7"),
        Decimal(65),
        "Khoản “Dự phòng (5%)” ghi 65 triệu đồng, nhưng 5% của các khoản còn lại (1.234 triệu đồng) "
        "là 61,7 triệu đồng.",
    )
    # written 62 (61,7 to whole triệu): a correct share, with or without a figure above the list
    assert _shares(tmp_path, [line.format(share="62") for line in lines]) == []
    assert _shares(tmp_path, ["III. KINH PHÍ: 1.296 triệu đồng", *(line.format(share="62") for line in lines)]) == []


def test_a_share_of_the_figure_above_names_that_figure(tmp_path: Path) -> None:
    lines = [
        "III. KINH PHÍ THỰC HIỆN: 2.000 triệu đồng",
        "1. Xây lắp: 1.880 triệu đồng",
        "2. Trích 5% tổng kinh phí cho quản lý dự án: 120 triệu đồng",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    # neither 5% of the other items (94) nor of the figure above (100): the message gives the first
    assert (f.source.line, f.args["base"], f.expected, f.actual, f.message) == (
        4,
        Decimal(1880),
        Decimal(94),
        Decimal(120),
        "Khoản “Trích 5% tổng kinh phí cho quản lý dự án” ghi 120 triệu đồng, nhưng 5% của các khoản còn lại "
        "(1.880 triệu đồng) là 94 triệu đồng.",
    )


def test_shares_of_a_total_split_it(tmp_path: Path) -> None:
    lines = [
        "Tổng kinh phí: 1.000 triệu đồng",
        "1. Ngân sách tỉnh (70%): {a} triệu đồng",
        "2. Ngân sách huyện (30%): 300 triệu đồng",
    ]
    assert _shares(tmp_path, [line.format(a="700") for line in lines]) == []
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines).format(a="750") + "\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    assert (f.source.line, f.args["base"], f.expected, f.actual, f.message) == (
        3,
        Decimal(1000),
        Decimal(700),
        Decimal(750),
        "Khoản “Ngân sách tỉnh (70%)” ghi 750 triệu đồng, nhưng 70% của số tiền mục trên ghi (1.000 triệu đồng) "
        "là 700 triệu đồng.",
    )


def test_a_long_share_title_is_cut_in_the_message(tmp_path: Path) -> None:
    title = "Chi phí dự phòng cho các khối lượng phát sinh ngoài dự kiến của công trình (5%)"
    lines = [
        "1. Sửa chữa phòng học: 820 triệu đồng",
        "2. Mua bàn ghế học sinh: 414 triệu đồng",
        f"3. {title}: 65 triệu đồng",
    ]
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (f,) = [f for f in check_file(path).findings if f.code == "SHARE_MISMATCH"]
    assert f.args["title"] == "Chi phí dự phòng cho các khối lượng phát sinh ngoài dự kiến "
    assert f.message.startswith("Khoản “Chi phí dự phòng cho các khối lượng phát sinh ngoài dự kiến ” ghi 65 triệu")


def test_a_hundred_percent_is_no_share(tmp_path: Path) -> None:
    assert _shares(tmp_path, ["1. Sửa chữa phòng học: 820 triệu đồng", "2. Dự phòng (100%): 65 triệu đồng"]) == []
    assert _shares(tmp_path, ["1. Sửa chữa phòng học: 820 triệu đồng", "2. Dự phòng (99%): 65 triệu đồng"]) == [
        (3, Decimal("811.80"), Decimal(65))
    ]
