"""One pipeline (``plancheck.pipeline.check_document``): each document read once, its targets
taken from the same lines, the budget reader's own lines (tables, computations) left to it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import budget.read.document as document_module
import budget.tables.reader as table_reader
from plancheck.cli import main
from plancheck.pipeline import Options, check_document
from tests.helpers import run_in_process

PLAN = """KẾ HOẠCH
Phấn đấu đến năm 2027 đạt tối thiểu 85% trường đạt chuẩn quốc gia.
IV. KINH PHÍ THỰC HIỆN
1. Tập huấn: 40 người x 150.000 đồng/người = 6.000.000 đồng
2. Hỗ trợ học phí: 12 người x 2.000.000 đồng/người x 50% = 12.000.000 đồng
Tổng kinh phí: 18.000.000 đồng
"""

TABLE = """KẾ HOẠCH
Có ít nhất 70% học sinh tham gia.
Dự toán mua sắm:
| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |
| 1 | Bàn ghế (trích 40% từ nguồn xã hội hóa) | 10 | 500.000 | 5.000.000 |
| 2 | Tủ (đạt 90% tiêu chuẩn) | 2 | 1.500.000 | 3.000.000 |
| | Cộng | | | 8.000.000 |
"""


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, calls: Counter[str]) -> None:
    real: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def test_a_document_is_read_and_its_tables_found_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(TABLE, encoding="utf-8")
    calls: Counter[str] = Counter()
    _counting(monkeypatch, document_module, "read_text_lines", calls)
    _counting(monkeypatch, table_reader, "find_tables", calls)
    ran = run_in_process(main, ["check", str(plan)])
    assert ran.returncode == 0, ran.stdout
    assert calls == Counter({"read_text_lines": 1, "find_tables": 1})


def test_targets_come_from_the_lines_the_budget_reader_left(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN, encoding="utf-8")
    checked = check_document(plan)
    assert checked.report.plan.budget_lines == frozenset({4, 5})
    # the 50% factor of a computation is the budget's, not a target
    assert [(e.target.source.line, e.target.kind.value, e.target.lower) for e in checked.targets] == [
        (2, "minimum", Decimal(85))
    ]
    assert checked.projection.verdict.exit_code == 0
    table = tmp_path / "mua-sam.txt"
    table.write_text(TABLE, encoding="utf-8")
    checked = check_document(table)
    assert checked.report.plan.budget_lines == frozenset({4, 5, 6, 7})
    # the percentages inside the table's rows are the budget reader's, never targets
    assert [(e.target.source.line, e.target.lower) for e in checked.targets] == [(2, Decimal(70))]
    assert checked.projection.verdict.exit_code == 0


def test_options_reach_the_projection(tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN, encoding="utf-8")
    plain = check_document(plan)
    signed = check_document(plan, Options(lang="en", workbook=True))
    assert plain.projection.identity.sha256 == signed.projection.identity.sha256
    assert len(plain.projection.identity.sha256 or "") == 64
    assert signed.table is not None and plain.table is None
    assert signed.projection.verdict.text != plain.projection.verdict.text  # English words
    assert signed.projection.verdict.exit_code == plain.projection.verdict.exit_code == 0


def test_a_workbook_has_no_target_prose(tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    assert run_in_process(main, ["template", "-o", str(out)]).returncode == 0
    checked = check_document(out)
    assert checked.targets == []
    assert checked.document.lines == ()
