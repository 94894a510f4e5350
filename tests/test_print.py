"""The reports as printed: the single and the batch PDF of a five-document folder and of the
seed plan (Kế hoạch 267/KH-UBND, UBND quận Hà Đông, 25/12/2020), read back from the PDF's text
page by page and rendered as pictures, and the consolidated workbook printed by LibreOffice.

What an officer signs must be worth printing: no page whose only content is one table row or
one heading, the signature block with lines above it, the totals in figures and in words,
locations whole, findings ordered errors, warnings, notes.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from budget import messages
from plancheck.cli import main
from tests.helpers import HA_DONG, SEED_HA_DONG, SEEDS, run_in_process, run_process
from tests.office import convert
from tests.test_report import _program, chromium, pdf_pages, pdftotext

SNAPSHOT = Path(__file__).parent / "snapshots" / "batch-workbook-printed.txt"

# A fee notice in prose, in đồng, with its school's letterhead above the sums.
FEE_NOTICE = """TRƯỜNG MẦM NON HOA SEN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
THÔNG BÁO CÁC KHOẢN THU NĂM HỌC 2025 - 2026
1. Tiền nước uống: 120 trẻ x 10.000 đồng/trẻ/tháng x 9 tháng = 10.800.000 đồng
2. Tiền vệ sinh: 120 trẻ x 15.000 đồng/trẻ/tháng x 9 tháng = 16.200.000 đồng
3. Tiền học phẩm: 120 trẻ x 150.000 đồng/trẻ = 18.000.000 đồng
Tổng cộng: 45.000.000 đồng
"""

# An estimate as a table, group rows I and II and a Cộng row, in đồng.
TABLE_CSV = """STT,Nội dung,Số lượng,Đơn giá,Thành tiền
I,Chi hội nghị,,,3.500.000
1,Thuê hội trường,1,2.000.000,2.000.000
2,Nước uống đại biểu,50,30.000,1.500.000
II,Chi tài liệu,,,1.200.000
1,In tài liệu,60,20.000,1.200.000
,Cộng,,,4.700.000
"""


def _long_plan() -> str:
    """A plan long enough to fill several pages: three sections of twelve lines, one product
    written wrong (so the report has an error among its notes and warnings)."""
    out = ["III. KINH PHÍ THỰC HIỆN"]
    total = 0
    for s in range(1, 4):
        lines = []
        subtotal = 0
        for i in range(1, 13):
            people, rate = 10 + i, 100_000 * s
            amount = people * rate
            subtotal += amount
            shown = amount + 10_000 if (s, i) == (2, 7) else amount
            lines.append(
                f"- Hoạt động {s}.{i}: {people} người x {rate:,} đồng/người = {shown:,} đồng".replace(",", ".")
            )
        out.append(f"{s}. Nhóm hoạt động {s}: {subtotal:,} đồng".replace(",", "."))
        out.extend(lines)
        total += subtotal
    out.append(f"Tổng kinh phí: {total:,} đồng".replace(",", "."))
    return "\n".join(out) + "\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("five") / "ho-so"
    d.mkdir()
    shutil.copy(HA_DONG, d / "a-ha-dong-267.txt")
    shutil.copy(HA_DONG.with_name("ha-dong-267-mot-so-sai.txt"), d / "b-ha-dong-267-sai.txt")
    (d / "c-thong-bao-thu.txt").write_text(FEE_NOTICE, encoding="utf-8")
    (d / "d-du-toan-hoi-nghi.csv").write_text(TABLE_CSV, encoding="utf-8")
    (d / "e-ke-hoach-dai.txt").write_text(_long_plan(), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def batch(folder: Path) -> dict[str, Path]:
    chromium()
    out = folder.parent / "out"
    out.mkdir()
    files = {"pdf": out / "tong-hop.pdf", "html": out / "tong-hop.html", "xlsx": out / "tong-hop.xlsx"}
    # the folder named as an officer types it, from where it stands: the same paths every run
    args = ["check", folder.name, "-q", "-j", "1", *(a for k, p in files.items() for a in (f"--{k}", str(p)))]
    ran = run_in_process(main, args, cwd=folder.parent)
    assert ran.returncode == 1, ran.stderr  # one document has errors
    return files


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium()
    pdf = tmp_path_factory.mktemp("seed") / "bao-cao.pdf"
    ran = run_in_process(main, ["check", str(SEEDS / SEED_HA_DONG), "-q", "--pdf", str(pdf)])
    assert ran.returncode == 0, ran.stderr
    return pdf


def pages(pdf: Path) -> list[str]:
    return [pdftotext(pdf, n, n) for n in range(1, len(pdf_pages(pdf)) + 1)]


def _header_words() -> set[str]:
    """Every word of a column heading the reports print (a table's header repeats on each page
    and is no content of its own)."""
    words: set[str] = set()
    for code, text in messages.TEMPLATES.items():
        if code.startswith(("R.col_", "BATCH.col.", "BATCH.head.", "R.target_")):
            words.update(text.replace("(", " ").replace(")", " ").split())
    return words


HEADER_WORDS = _header_words()


def content_lines(page: str) -> list[str]:
    """The lines of a printed page that hold something: not blank, not a repeated table header."""
    out = []
    for line in page.splitlines():
        words = line.split()
        if words and not all(w in HEADER_WORDS for w in words):
            out.append(line.strip())
    return out


def headings(html: Path) -> set[str]:
    """The text of every heading of the page (h1–h3), as printed."""
    text = html.read_text(encoding="utf-8")
    return {re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", text, re.S)}


def assert_worth_printing(pdf: Path, heads: set[str] = frozenset()) -> list[str]:
    """No page holds only a row or a heading; no page ends with a heading; the signature block
    ends the last page with lines above it."""
    printed = pages(pdf)
    for n, page in enumerate(printed, 1):
        lines = content_lines(page)
        assert len(lines) >= 4, f"page {n} holds too little: {lines}"
        assert not any(lines[-1].startswith(h) for h in heads if h), f"page {n} ends with a heading: {lines[-1]}"
    last = content_lines(printed[-1])
    roles = [i for i, line in enumerate(last) if "NGƯỜI LẬP BIỂU" in line]
    assert roles and "KẾ TOÁN TRƯỞNG" in last[roles[0]] and "THỦ TRƯỞNG ĐƠN VỊ" in last[roles[0]]
    assert "ngày ..... tháng ..... năm" in last[roles[0] - 1]
    assert roles[0] >= 3, f"the signatures stand alone on the last page: {last}"
    return printed


def test_batch_report_prints_worth_signing(batch: dict[str, Path]) -> None:
    printed = assert_worth_printing(batch["pdf"], headings(batch["html"]))
    assert len(printed) <= 14  # 18 before the layout kept one page type and let sections flow
    first = printed[0]
    # the verdict with its summary, the totals per unit in figures and in words, on page one
    assert "Kết quả chung: 3 khớp, 2 có lỗi" in first, first
    assert "Tổng hợp các đơn vị" in first
    said = " ".join(first.split())
    assert "Cộng tổng kinh phí của 2 văn bản (triệu đồng): tính 92.750; ghi 92.750." in said
    assert "Bằng chữ: Chín mươi hai tỷ, bảy trăm năm mươi triệu đồng." in said
    assert "Cộng tổng kinh phí của 3 văn bản (đồng): tính 168.500.000; ghi 168.500.000." in said
    assert "Bằng chữ: Một trăm sáu mươi tám triệu năm trăm nghìn đồng." in said
    text = "\n".join(printed)
    # statuses in words, codes whole; locations whole
    assert "Sai" in text and "Khớp" in text
    assert not re.search(r"[A-Z]{3,}_[A-Z_]*\s*\n\s*[A-Z]{1,2}\b", text)  # no code broken over two lines
    assert "dòng 37, cột 55" in text
    # in the document with errors, the errors come first, then warnings, then the notes
    start = text.rindex("b-ha-dong-267-sai.txt")
    section = text[start : text.index("c-thong-bao-thu.txt", start)]
    first_error, first_warning = section.index("lỗi ["), section.index("cảnh báo [")
    assert first_error < first_warning


def test_seed_plan_report_prints_worth_signing(single: Path) -> None:
    printed = assert_worth_printing(single)
    assert 3 <= len(printed) <= 8, len(printed)
    assert "KẾT QUẢ: KHỚP" in printed[0]
    last = " ".join(printed[-1].split())
    assert "Tổng kinh phí bằng chữ: Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng." in last


def _gray_pages(pdf: Path, tmp: Path) -> list[tuple[int, int, bytes]]:
    """Every page rendered at 30 dpi as a binary PGM: (width, height, pixels)."""
    exe = _program("pdftoppm", shutil.which("pdftoppm"), "poppler-utils")
    done = run_process([exe, "-r", "30", "-gray", str(pdf), str(tmp / "page")])
    assert done.returncode == 0, done.stderr
    out = []
    for f in sorted(tmp.glob("page-*.pgm")):
        data = f.read_bytes()
        magic, w, h, _max, pixels = data.split(maxsplit=4)
        assert magic == b"P5"
        out.append((int(w), int(h), pixels))
    return out


def test_pages_as_pictures(batch: dict[str, Path], single: Path, tmp_path: Path) -> None:
    """Rendered, every page is landscape and carries ink over a good part of it (the last, which
    may end with a finding and the signatures, over some of it): no blank or near-blank page."""
    for name, pdf in (("batch", batch["pdf"]), ("single", single)):
        d = tmp_path / name
        d.mkdir()
        rendered = _gray_pages(pdf, d)
        for n, (w, h, pixels) in enumerate(rendered, 1):
            assert w > h, (name, n)
            rows = [pixels[r * w : (r + 1) * w] for r in range(h)]
            inked = sum(1 for row in rows if min(row) < 160)  # rows that hold some text or rule
            least = 0.08 if n == len(rendered) else 0.15
            assert inked / h > least, f"{name} page {n}: {inked} of {h} rows inked"


def _normalised(text: str) -> str:
    text = re.sub(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", "<time>", text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip()) + "\n"


def test_batch_workbook_printed_by_libreoffice(batch: dict[str, Path], tmp_path: Path) -> None:
    """The consolidated workbook as LibreOffice prints it: its first page (the summary sheet)
    against a snapshot, and every sheet printed one page wide."""
    (printed,) = convert(batch["xlsx"], tmp_path, "pdf")
    first = _normalised(pdftotext(printed, 1, 1))
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(first, encoding="utf-8")
    assert first == SNAPSHOT.read_text(encoding="utf-8")
    text = pdftotext(printed)
    for sheet_text in ("TỔNG HỢP KIỂM TRA DỰ TOÁN: 5 VĂN BẢN", "b-ha-dong-267-sai.txt"):
        assert sheet_text in text


def test_nothing_in_the_batch_workbook_is_cut_at_a_cells_edge(batch: dict[str, Path]) -> None:
    """A document's sheet prints whole: a finding's code (no space to wrap at) shrinks to its cell,
    places and labels wrap, status words shrink to fit."""
    import openpyxl

    book = openpyxl.load_workbook(batch["xlsx"])
    sheet = next(ws for ws in book.worksheets if ws.title.startswith("002 "))
    codes = [c for c in sheet["D"] if isinstance(c.value, str) and c.value.isupper() and "_" in c.value]
    assert codes and all(c.alignment.shrink_to_fit for c in codes)
    places = [c for c in sheet["A"] if isinstance(c.value, str) and c.value.startswith("dòng ") and ", cột " in c.value]
    assert places and all(c.alignment.wrap_text for c in places)
    statuses = [c for c in sheet["I"] if c.value in ("Khớp", "Chỉ ghi, không tính", "Không ghi")]
    assert statuses and all(c.alignment.shrink_to_fit for c in statuses)
