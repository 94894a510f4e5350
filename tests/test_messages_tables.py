"""The exact words of what the table reader says of a table it cannot check, in Vietnamese and
English; and words under a table with a row not read are compared with nothing (they were
compared with the rows that were read, a false error)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.gen_docs import bars_text
from budget.findings import Severity
from tests.helpers import assert_message, check_text, only


def test_a_table_under_a_merged_header(tmp_path: Path) -> None:
    rows = [
        ["TT", "Nội dung", "Số lượng", "Thành tiền"],  # narrower than its rows: merged cells dropped
        ["1", "Nước uống", "20", "15.000", "300.000"],
        ["2", "Hội trường", "1", "1.000.000", "1.000.000"],
    ]
    text = "DỰ TOÁN KINH PHÍ\n\nĐơn vị tính: đồng\n\n" + "\n".join(bars_text(rows)) + "\n"
    r = check_text(tmp_path, text)
    assert [f for f in r.findings if f.is_error] == []
    f = only(r.findings, "TABLE_NOT_CHECKED")
    assert (f.severity, f.source.line, f.source.col) == (Severity.WARNING, 6, 1)
    assert_message(
        f,
        "TABLE_NOT_CHECKED",
        (
            "Bảng ở dòng 6–34 có tiêu đề gộp ô, hẹp hơn các dòng số liệu: không xác định được số nào thuộc cột "
            "nào, bảng này chưa được kiểm tra."
        ),
        en=(
            "The table on lines 6–34 has a header of merged cells, narrower than its rows of figures: which "
            "figure stands in which column cannot be known, so the table is not checked."
        ),
    )


_ROW_WITHOUT_AMOUNT = (
    "KẾ HOẠCH\n| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |\n"
    "| 1 | Nước uống | 20 | 15.000 | 300.000 |\n| 2 | Hội trường | 1 | 1.000.000 | |\n"
    "Bằng chữ: Một triệu ba trăm nghìn đồng\n"
)


def test_words_under_a_table_with_a_row_not_read_are_not_compared(tmp_path: Path) -> None:
    r = check_text(tmp_path, _ROW_WITHOUT_AMOUNT)
    assert [f.code for f in r.findings] == ["TABLE_ROW_NO_AMOUNT", "TABLE_WORDS_NOT_CHECKED"]  # no WORDS_MISMATCH
    f = r.findings[1]
    assert (f.severity, f.source.line, f.source.col) == (Severity.WARNING, 5, 11)
    assert_message(
        f,
        "TABLE_WORDS_NOT_CHECKED",
        (
            "Số tiền bằng chữ “Một triệu ba trăm nghìn đồng” dưới bảng chưa được đối chiếu: bảng không ghi tổng "
            "và có dòng không ghi số tiền."
        ),
        en=(
            "The amount in words “Một triệu ba trăm nghìn đồng” under the table is not checked: the table states "
            "no total and a row states no amount."
        ),
    )
    # with every row read, the same words are compared with the rows' sum
    done = check_text(tmp_path, _ROW_WITHOUT_AMOUNT.replace("1.000.000 | |", "1.000.000 | 1.000.000 |"))
    assert [f.code for f in done.findings] == []
