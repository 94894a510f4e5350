"""``--lang en`` speaks English: the help and argparse's errors of both commands, and the output
of a check (text and JSON) holds no Vietnamese word except the document's own text.

What counts as the document's text in an output: a span in “…” (how messages quote a label or
a factor), a word cut by the ellipsis of a shortened label or source line, and any word the
document itself contains (labels, units such as ``triệu đồng``, the source line shown under a
finding). A Vietnamese word (one with a Vietnamese letter or a tone mark) anywhere else is a
word of ours that was not translated. As a second net, no Vietnamese phrase of the catalogue
may appear unless the document contains it too."""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from budget import messages
from indicators.cli import main as indicators_main
from indicators.write_targets import HEADERS as TARGET_COLUMNS
from plancheck.cli import main as budget_main
from tests.helpers import EXAMPLES, HA_DONG, run_in_process

_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"“[^”\n]*”")
_CUT = re.compile(r"\w*…\w*")  # a label or a line shortened to its column: the cut word is a piece


def is_vietnamese(word: str) -> bool:
    """A word with a Vietnamese letter (đ, ă, â, ê, ô, ơ, ư) or a tone mark."""
    return "đ" in word.lower() or any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", word))


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text))}


def _catalogue_phrases() -> set[str]:
    """The fixed parts of every Vietnamese text of the catalogue of two words or more with a
    Vietnamese word: what an untranslated message would show."""
    out = set()
    for template in messages.TEMPLATES.values():
        for literal, *_ in string.Formatter().parse(template):
            for part in re.split(r"[|{}“”():;,.\n]", literal):
                part = part.strip()
                if len(part.split()) >= 2 and any(is_vietnamese(w) for w in part.split()):
                    out.add(part)
    return out


PHRASES = _catalogue_phrases()


def foreign_words(output: str, document: str) -> list[str]:
    """The Vietnamese words and catalogue phrases of ``output`` that are not the document's text."""
    known = _words(document)
    shown = _CUT.sub(" ", _QUOTED.sub(" ", unicodedata.normalize("NFC", output)))
    words = [w for w in _WORD.findall(shown) if is_vietnamese(w) and w.lower() not in known]
    phrases = sorted(p for p in PHRASES if p in shown and p not in document)
    return words + phrases


def _strings(value: object) -> Iterator[tuple[str, str]]:
    """``(path, text)`` of every string in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            for path, text in _strings(item):
                yield f"{key}.{path}".rstrip("."), text
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield "", value


# the grand total in words is the Vietnamese wording the document's ``Bằng chữ`` must state:
# a figure of the document in its legal form, compared with the document, never translated
_VIETNAMESE_BY_DESIGN = ("total.in_words",)


def json_text(output: str) -> str:
    """The strings of a JSON output, one a line, but for the fields Vietnamese by design (in a
    batch's output, each document's report holds them too)."""
    return "\n".join(
        text
        for path, text in _strings(json.loads(output))
        if not any(path == f or path.endswith("." + f) for f in _VIETNAMESE_BY_DESIGN)
    )


def test_the_detector_finds_untranslated_words() -> None:
    document = "1. Hội nghị: 10 người x 2 triệu đồng/người = 20 triệu đồng"
    ok = "line 1: warning [X] Units do not cancel: “Hội nghị” in triệu đồng·người, cut here: Hội ngh…"
    assert foreign_words(ok, document) == []
    leak = "line 1: error [X] Tổng kinh phí ghi 20 triệu đồng, không ghi."
    # “kinh” and “ghi” have no Vietnamese letter: the catalogue's phrases catch them
    assert foreign_words(leak, document) == ["Tổng", "phí", "không", "Tổng kinh phí", "Tổng kinh phí ghi", "không ghi"]
    assert foreign_words("Section 1: không ghi", "không ghi gì") == []  # the document's own words
    assert "không tính là 0 khi đối chiếu" in PHRASES


def _help(main: Callable[[list[str]], int], args: Sequence[str]) -> str:
    ran = run_in_process(main, args)
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


@pytest.mark.parametrize(
    ("main", "args"),
    [
        (budget_main, ["--help"]),
        (budget_main, ["check", "--help"]),
        (budget_main, ["template", "--help"]),
        (indicators_main, ["--help"]),
        (indicators_main, ["check", "--help"]),
        (indicators_main, ["extract", "--help"]),
    ],
)
def test_help_is_vietnamese_by_default_and_english_with_lang_en(
    main: Callable[[list[str]], int], args: list[str]
) -> None:
    vietnamese = _help(main, args)
    assert vietnamese.startswith("cách dùng: ")
    assert "tùy chọn:\n" in vietnamese and "  -h, --help" in vietnamese and "hiện hướng dẫn này rồi thoát" in vietnamese
    assert not re.search(r"\busage\b|\boptions\b|show this help", vietnamese)
    for english in (_help(main, ["--lang", "en", *args]), _help(main, [*args, "--lang=en"])):
        assert english.startswith("usage: ")
        assert "options:\n" in english and "show this help message and exit" in english
        assert [w for w in _WORD.findall(english) if is_vietnamese(w)] == ["triệu", "đồng"] * (args[0] == "template")


def test_budget_help_in_both_languages() -> None:
    assert _help(budget_main, ["--lang", "en", "--help"]) == (
        "usage: budget [-h] [--version] [--lang {vi,en}] COMMAND ...\n"
        "\n"
        "Check the budget estimates in plans and projects.\n"
        "\n"
        "positional arguments:\n"
        "  COMMAND\n"
        "    check         check every product, section sum and grand total\n"
        "    template      create an empty budget workbook for an officer to fill in\n"
        "\n"
        "options:\n"
        "  -h, --help      show this help message and exit\n"
        "  --version       show the tool's version and exit\n"
        "  --lang {vi,en}  language of the result, the help and the error messages\n"
        "                  (default: vi)\n"
    )
    assert _help(budget_main, ["--help"]).splitlines()[:4] == [
        "cách dùng: budget [-h] [--version] [--lang {vi,en}] LỆNH ...",
        "",
        "Kiểm tra dự toán kinh phí trong kế hoạch, đề án.",
        "",
    ]


@pytest.mark.parametrize(
    ("main", "args", "vietnamese", "english"),
    [
        (
            budget_main,
            ["chek"],
            "budget: lệnh không hợp lệ: đối số LỆNH: không có lựa chọn 'chek' (chọn một trong 'check', 'template')",
            "budget: invalid command: argument COMMAND: invalid choice: 'chek' (choose from 'check', 'template')",
        ),
        (
            budget_main,
            ["check", "-j", "x", "a.txt"],
            "budget check: lệnh không hợp lệ: đối số -j/--jobs: giá trị không hợp lệ (cần kiểu int): 'x'",
            "budget check: invalid command: argument -j/--jobs: invalid int value: 'x'",
        ),
        (
            budget_main,
            ["template"],
            "budget template: lệnh không hợp lệ: thiếu đối số bắt buộc: -o/--output",
            "budget template: invalid command: the following arguments are required: -o/--output",
        ),
        (
            budget_main,
            ["check", "a.txt", "--no-such"],
            "budget: lệnh không hợp lệ: không hiểu các đối số: --no-such",
            "budget: invalid command: unrecognized arguments: --no-such",
        ),
        (
            budget_main,
            ["check", "a.txt", "--format"],
            "budget check: lệnh không hợp lệ: đối số --format: cần đúng một giá trị",
            "budget check: invalid command: argument --format: expected one argument",
        ),
        (
            budget_main,
            ["check", "a.txt", "b.txt", "-j", "0"],
            "budget: lệnh không hợp lệ: --jobs phải là số nguyên dương",
            "budget: invalid command: --jobs must be a positive whole number",
        ),
        (
            indicators_main,
            ["check", "t.csv"],
            "indicators check: lệnh không hợp lệ: thiếu đối số bắt buộc: SỐ_LIỆU",
            "indicators check: invalid command: the following arguments are required: DATA",
        ),
        (
            indicators_main,
            ["check", "t.csv", "d.csv", "--as-of", "năm"],
            "indicators check: lệnh không hợp lệ: đối số --as-of: giá trị không hợp lệ (cần kiểu int): 'năm'",
            "indicators check: invalid command: argument --as-of: invalid int value: 'năm'",
        ),
    ],
)
def test_a_wrong_command_is_told_in_the_language_asked(
    main: Callable[[list[str]], int], args: list[str], vietnamese: str, english: str
) -> None:
    for lang, expected in ((None, vietnamese), ("en", english)):
        ran = run_in_process(main, args if lang is None else [*args, "--lang", lang])
        assert ran.returncode == 2
        assert ran.stderr.splitlines()[-1] == expected
        assert ran.stderr.startswith("usage: " if lang else "cách dùng: ") or "--jobs" in expected


def test_an_unreadable_input_is_told_in_the_language_asked(tmp_path: Path) -> None:
    missing = tmp_path / "none.txt"
    ran = run_in_process(budget_main, ["check", str(missing), "--lang", "en"])
    assert (ran.returncode, ran.stderr) == (2, f"{missing}: error [INPUT_MISSING] File not found.\n")
    ran = run_in_process(indicators_main, ["extract", str(missing), "--lang", "en"])
    assert (ran.returncode, ran.stderr) == (2, f"{missing}: error [INPUT_MISSING] File not found.\n")
    ran = run_in_process(budget_main, ["check", str(missing)])
    assert (ran.returncode, ran.stderr) == (2, f"{missing}: lỗi [INPUT_MISSING] Không tìm thấy tệp.\n")


@pytest.mark.parametrize("name", ["ha-dong-267-kh-ubnd.txt", "ha-dong-267-mot-so-sai.txt"])
@pytest.mark.parametrize("form", ["text", "json"])
def test_the_examples_in_english(name: str, form: str) -> None:
    path = EXAMPLES / name
    ran = run_in_process(budget_main, ["check", str(path), "--lang", "en", "--format", form])
    assert ran.returncode == (0 if path == HA_DONG else 1), ran.stderr
    shown = ran.stdout if form == "text" else json_text(ran.stdout)
    assert foreign_words(shown, path.read_text(encoding="utf-8")) == []


# Plans of our own that between them make the checks say most of what they can say
_TRAINING = (
    "KẾ HOẠCH TỔ CHỨC HỘI THI VÀ TẬP HUẤN NĂM 2025\n"
    "IV. KINH PHÍ THỰC HIỆN\n"
    "Tổng kinh phí: 1.405 triệu đồng.\n"
    "1. Đào tạo: 1.100 triệu đồng\n"
    "- Giáo viên: 25 người x 10 triệu đồng/người = 520 triệu đồng\n"
    "- Nhân viên: 70 người x 10 triệu đồng/người = 700 triệu đồng\n"
    "- Hội nghị: 10 người x 2 ngày = 20 triệu đồng\n"
    "- Tài liệu: 10 người x 2 triệu đồng/người = 20\n"
    "- Nước uống: 10 người x 66,000 đồng/người = 660.000 đồng\n"
    "- Bồi dưỡng: 27 người x 5 triệu đồng/người/năm = 136 triệu đồng/năm x 5 năm = 680 triệu đồng.\n"
    "- Thuê xe: 2 xe x 6 tháng x 5 triệu đồng/xe/tháng = 10 triệu đồng\n"
    "- Vốn đối ứng: 3,15 tỷ đồng x 23% = 0,725 tỷ đồng\n"
    "- Tổ chức 2 đợt tập huấn: 30 người x 100.000 đồng = 6.000.000 đồng\n"
    "- Kinh phí: 5 lớp x 12.34.5 triệu = 300 triệu đồng\n"
    "- Thuê hội trường: 60 triệu đồng/năm x 6 tháng = 360 triệu đồng x 2 = 720 triệu đồng\n"
    "- Thuê máy chiếu: 24 triệu đồng/năm x 6 tháng = 12 triệu đồng\n"
    "- Khoản lớn: 99999999999999999999999999999999999999 triệu đồng\n"
    "- Khoản khác: 1.2.3,4 triệu đồng\n"
    "2. Hội nghị: 450 triệu đồng\n"
    "- Hội nghị: 9 cuộc x 50 triệu đồng/cuộc = 450 triệu đồng\n"
    "3. Chi phí dự phòng (5%): 63 triệu đồng\n"
    "4. Hỗ trợ theo quy định: hộ thiệt hại từ 2.000.000 đồng trở lên được hỗ trợ không quá 1.500.000 đồng.\n"
    "Tổng cộng: 2.100 triệu đồng.\n"
    "Bằng chữ: hai triệu năm\n"
)
_TABLE = (
    "KẾ HOẠCH TỔ CHỨC NGÀY HỘI ĐỌC SÁCH\n"
    "Tổng kinh phí: 3.850.000 đồng\n"
    "\n"
    "| STT | Nội dung | Số lượng | Đơn giá | Thành tiền |\n"
    "| 1 | Phần thưởng | 40 | 25.000 | 1.000.000 |\n"
    "| 2 | Sách tặng | 80 | 35.000 | 2.800.000 |\n"
    "| 3 | Loa kéo | 2 | 300.000 |  |\n"
    "| 4 | Tiền ăn | Tháng520 | 15.000 | 7.800.000 |\n"
    "| | Tổng cộng | | | 3.800.000 |\n"
    "Bằng chữ: Ba triệu tám trăm nghìn đồng\n"
)
_RESOLUTION = (
    "NGHỊ QUYẾT\n"
    "Điều 1. Thông qua dự toán ngân sách năm 2025 như sau:\n"
    "1. Tổng thu ngân sách huyện năm 2025 là: 1.250.300 triệu đồng.\n"
    "2. Tổng chi ngân sách huyện năm 2025 là: 1.262.300 triệu đồng.\n"
)
# items and no total (revenue and spending above are two sides, never added into one)
_NO_TOTAL = "KẾ HOẠCH\n1. Tập huấn: 10 triệu đồng\n2. Hội nghị: 5 triệu đồng\n"
_KINDS = {
    "BALANCE_DIFFERS", "COSTLINE_LOOSE", "COSTLINE_UNREADABLE", "FIGURE_STATED_TWICE", "LEGAL_FIGURES_SKIPPED",
    "NO_MONEY_FACTOR", "NUMBER_MALFORMED", "NUMBER_TOO_LONG", "PRODUCT_MISMATCH", "PRODUCT_ROUNDING",
    "RESULT_NO_UNIT", "SECTION_SUM_MISMATCH", "SHARE_MISMATCH", "TABLE_CELLS_GLUED", "TABLE_ROW_NOT_CHECKED",
    "TABLE_ROW_NO_AMOUNT", "TOTAL_MISMATCH", "TOTAL_MISSING", "TOTAL_STATED_TWICE", "UNIT_NEW_COUNT",
    "UNIT_NOT_MONEY", "UNIT_RESIDUAL", "UNIT_TIME_CONVERTED", "UNIT_TIME_SCALE", "WORDS_UNREADABLE",
}  # fmt: skip


def test_plans_with_many_kinds_of_finding_in_english(tmp_path: Path) -> None:
    said: set[str] = set()
    plans = (
        ("tap-huan.txt", _TRAINING),
        ("bang.txt", _TABLE),
        ("nghi-quyet.txt", _RESOLUTION),
        ("ke-hoach.txt", _NO_TOTAL),
    )
    for name, text in plans:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        shown = run_in_process(budget_main, ["check", str(path), "--lang", "en"])
        data = run_in_process(budget_main, ["check", str(path), "--lang", "en", "--format", "json"])
        assert shown.returncode == data.returncode and shown.returncode in (0, 1), shown.stderr
        assert foreign_words(shown.stdout, text) == [], name
        assert foreign_words(json_text(data.stdout), text) == [], name
        codes = {f["code"] for f in json.loads(data.stdout)["findings"]}
        assert {f"[{code}]" for code in codes} <= set(re.findall(r"\[[A-Z_0-9]+\]", shown.stdout))
        said |= codes
    assert _KINDS <= said, sorted(_KINDS - said)


# A folder of three small plans, as an office sends them: one that agrees, one with a wrong
# product, one that is not text at all
_AGREES = (
    "KẾ HOẠCH MUA SẮM NĂM 2025\nTổng kinh phí: 10 triệu đồng\n1. Mua bàn ghế: 2 bộ x 5 triệu đồng/bộ = 10 triệu đồng\n"
)
_WRONG = (
    "KẾ HOẠCH TẬP HUẤN NĂM 2025\n"
    "Tổng kinh phí: 30 triệu đồng\n"
    "1. Bồi dưỡng: 10 người x 2 triệu đồng/người = 30 triệu đồng\n"
)


def _folder(tmp_path: Path) -> tuple[Path, str]:
    """The folder and the documents' own text (what the outputs may quote of them)."""
    folder = tmp_path / "don-vi"
    folder.mkdir()
    (folder / "a-khop.txt").write_text(_AGREES, encoding="utf-8")
    (folder / "b-sai.txt").write_text(_WRONG, encoding="utf-8")
    (folder / "c-hong.txt").write_bytes(b"\x00\x01\x02 not text")
    return folder, _AGREES + _WRONG


def test_a_batch_run_in_english_text_and_json(tmp_path: Path) -> None:
    folder, documents = _folder(tmp_path)
    shown = run_in_process(budget_main, ["check", str(folder), "--lang", "en", "-j", "1", "-q"])
    assert shown.returncode == 2, shown.stderr  # the worst: a document that could not be read
    assert foreign_words(shown.stdout, documents) == []
    assert foreign_words(shown.stderr, documents) == []
    summary = shown.stdout[shown.stdout.index("Summary by unit") :].splitlines()
    assert summary[0] == "Summary by unit: 3 documents"
    assert summary[1].split() == ["No.", "File", "Number,", "date", "Lines", "Sect.", "Err.", "Warn.", "Targets",
                                  "Stated", "total", "Summed", "total", "Unit", "Result"]  # fmt: skip
    assert [line.split()[-1] for line in summary[2:5]] == ["matches", "error", "unreadable"]
    assert summary[3].endswith("triệu đồng  1 error")
    assert summary[6:8] == [
        "1 document could not be checked:",
        f"   3  {folder / 'c-hong.txt'}: [INPUT_BINARY] The file is not text (binary byte at offset 0).",
    ]
    assert summary[-4:] == [
        "Grand total of 2 documents (triệu đồng): summed 40; stated 40.",
        "  In words (Vietnamese): “Bốn mươi triệu đồng”.",
        "",
        "Overall: 3 documents (1 matching, 1 with errors, 1 unreadable); 2 cost lines, 1 error, 0 warnings.",
    ]
    assert f"File: {folder / 'c-hong.txt'}\nUnreadable: [INPUT_BINARY] The file is not text" in shown.stdout

    data = run_in_process(budget_main, ["check", str(folder), "--lang", "en", "-j", "1", "-q", "--format", "json"])
    assert data.returncode == 2, data.stderr
    assert foreign_words(json_text(data.stdout), documents) == []
    doc = json.loads(data.stdout)
    assert [d["summary"]["verdict"] for d in doc["documents"]] == ["matches", "1 error", "unreadable"]
    assert doc["documents"][2]["summary"]["reason"] == "[INPUT_BINARY] The file is not text (binary byte at offset 0)."
    assert doc["summary"]["by_status"] == {
        "ok": 1, "no_budget": 0, "incomplete": 0, "errors": 1, "unreadable": 1, "internal_error": 0
    }  # fmt: skip


def test_files_a_batch_skips_are_told_in_english(tmp_path: Path) -> None:
    folder, documents = _folder(tmp_path)
    (folder / "ghi-chu.md").write_text("x", encoding="utf-8")
    (folder / "~$a-khop.xlsx").write_bytes(b"")
    shown = run_in_process(budget_main, ["check", str(folder), "--lang", "en", "-j", "1", "-q"])
    lines = shown.stdout.splitlines()
    at = lines.index("2 files skipped, not budget documents:")
    assert lines[at + 1 : at + 3] == [
        f"      {folder / 'ghi-chu.md'} (files of type “.md” are not read)",
        f"      {folder / '~$a-khop.xlsx'} (a temporary or lock file of Excel)",
    ]
    assert foreign_words(shown.stdout, documents) == []


def _cells(path: Path) -> dict[str, list[str]]:
    """Every text cell of each sheet of a workbook, by sheet name."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    return {ws.title: [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)] for ws in book}


def test_the_batch_workbook_and_page_in_english(tmp_path: Path) -> None:
    folder, documents = _folder(tmp_path)
    book, page = tmp_path / "tong-hop.xlsx", tmp_path / "tong-hop.html"
    args = ["check", str(folder), "--lang", "en", "-j", "1", "-q", "--xlsx", str(book), "--html", str(page)]
    ran = run_in_process(budget_main, args)
    assert ran.returncode == 2, ran.stderr
    # the documents' paths and the money unit are theirs; the sheet of the targets keeps the
    # columns of ``indicators``' targets table (none here: no document sets a target)
    sheets = _cells(book)
    assert list(sheets) == ["Summary by unit", "Targets by unit", "001 a-khop", "002 b-sai", "003 c-hong"]
    summary = sheets["Summary by unit"]
    assert summary[:19] == [
        "BUDGET CHECK SUMMARY: 3 DOCUMENTS",
        "Overall: 1 matching, 1 with errors, 1 unreadable.",
        "Click a sheet name in the Detail column to see each document.",
        "No.", "File", "Document number", "Date", "Cost lines", "Sections", "Errors", "Warnings", "Targets",
        "Grand total stated", "Sum of the sections", "Difference (stated − summed)", "Unit", "Result", "Reason",
        "Detail",
    ]  # fmt: skip
    assert "Total of 2 documents in triệu đồng" in summary
    assert sheets["Targets by unit"][:4] == [
        "TARGETS SET IN THE DOCUMENTS: 0 TARGETS", "← Summary by unit", "Document no.", "File"
    ]  # fmt: skip
    assert "No document sets a target." in sheets["Targets by unit"]
    wrong = sheets["002 b-sai"]
    title = "KẾ HOẠCH TẬP HUẤN NĂM 2025"  # the document's title, as it writes it
    assert wrong[:4] == ["← Summary by unit", f"File: {folder / 'b-sai.txt'}", title, "Result: 1 error"]
    heads = wrong.index("Severity") - 1
    assert wrong[heads : heads + 4] == ["Where", "Severity", "Message (→ likely cause)", "Code"]
    assert "error" in wrong and "Wrong" in wrong  # a finding's severity, a row's status
    assert sheets["003 c-hong"][3].startswith("Result: unreadable — [INPUT_BINARY] The file is not text")
    own = {"Targets by unit": 4}  # ``indicators``' columns, after the batch's own two
    for name, cells in sheets.items():
        texts = cells[: own[name]] + cells[own[name] + len(TARGET_COLUMNS) :] if name in own else cells
        assert foreign_words("\n".join(texts), documents) == [], name

    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    html = page.read_text(encoding="utf-8")
    reader = Text()
    reader.feed(html)
    text = "\n".join(reader.parts)
    assert '<html lang="en">' in html
    assert foreign_words(text, documents) == []
    for said in (
        "Budget check summary: 3 documents",
        "Overall: 1 matching, 1 with errors, 1 unreadable",
        "2 cost lines, 1 error, 0 warnings; 0 targets.",
        "Grand total of 2 documents (triệu đồng): summed",
        "In words (Vietnamese): “Bốn mươi triệu đồng”.",
        "CHIEF ACCOUNTANT",
        "Result: 1 error",
        "Result: unreadable",
        "↑ Summary by unit",
    ):
        assert said in text, said
    assert "Grand total of 2 documents (triệu đồng): summed" in text
    assert '<article class="finding severity-error" data-code="PRODUCT_MISMATCH">' in html


def test_a_write_stopped_by_a_signal_is_told_in_the_language_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import signal

    from budget.output import write_safely

    target = tmp_path / "kq.xlsx"

    def stopped(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        os.kill(os.getpid(), signal.SIGTERM)

    for lang, said in (
        ("en", "Stopped on request (SIGTERM) while writing; the result file was not written"),
        ("vi", "Đã dừng theo yêu cầu (SIGTERM) trong khi ghi; tệp kết quả chưa được ghi"),
    ):
        with pytest.raises(SystemExit) as stop:
            write_safely(target, [], False, stopped, lang)
        assert stop.value.code == 143
        assert capsys.readouterr().err.startswith(f"{target}: {said}")
        assert not target.exists() and os.listdir(tmp_path) == []


_TARGETS = (
    "KẾ HOẠCH PHÁT TRIỂN GIÁO DỤC\n"
    "Phấn đấu đến năm 2027 đạt tối thiểu 85% trường đạt chuẩn quốc gia.\n"
    "Tỷ lệ học sinh bỏ học không quá 1%.\n"
    "Kinh phí: 2 lớp x 5 triệu đồng/lớp = 10 triệu đồng\n"
)


def test_the_targets_a_plan_states_are_told_in_english(tmp_path: Path) -> None:
    path = tmp_path / "muc-tieu.txt"
    path.write_text(_TARGETS, encoding="utf-8")
    shown = run_in_process(budget_main, ["check", str(path), "--lang", "en"])
    assert shown.returncode == 0, shown.stderr
    assert foreign_words(shown.stdout, _TARGETS) == []
    lines = [line.strip() for line in shown.stdout.splitlines() if "[CT0" in line]
    assert [line.split(": ", 1)[1] for line in lines] == [
        "[CT01] at least 85%, by 2027 — Phấn đấu đến năm 2027 đạt tối thiểu 85% trường đạt chuẩn quốc gia "
        "(high: “tối thiểu/ít nhất/trở lên” (at least) N%)",
        "[CT02] at most 1% — Tỷ lệ học sinh bỏ học không quá 1% (high: “tối đa/không quá” (at most) N%)",
    ]
    vi = run_in_process(budget_main, ["check", str(path)])
    assert "[CT01] tối thiểu 85%, đến năm 2027 — " in vi.stdout and "(cao: “tối thiểu/ít nhất/trở lên” N%)" in vi.stdout


def test_labels_the_reader_made_speak_the_language_of_the_run(tmp_path: Path) -> None:
    """A table nothing names is ``Bảng 1`` in Vietnamese and ``Table 1`` in English, its parts and
    views too; a label in the document's own words stays as written (``Bảng kê`` is no table number)."""
    from budget.messages import label_in

    assert [label_in(t, "en") for t in ("Bảng 1", "Bảng 2, phần 3", "Thu (theo dòng)", "Bảng 4 (theo cột)")] == [
        "Table 1",
        "Table 2, part 3",
        "Thu (by rows)",
        "Table 4 (by columns)",
    ]
    assert [label_in(t, "en") for t in ("Bảng kê chi tiết", "Bảng 1, phần a", "Học phí")] == [
        "Bảng kê chi tiết",
        "Bảng 1, phần a",
        "Học phí",
    ]
    assert label_in("Bảng 1", "vi") == "Bảng 1"
    plan = tmp_path / "bang.csv"
    plan.write_text(
        "STT,Nội dung,Số lượng,Đơn giá,Thành tiền\n1,Giấy in,10,1.000,10.000\n2,Bút,5,2.000,10.000\n,Cộng,,,20.000\n",
        encoding="utf-8",
    )
    ran = run_in_process(budget_main, ["check", str(plan), "--lang", "en"])
    assert ran.returncode == 0, ran.stderr
    assert "  Table 1 " in ran.stdout and "Bảng" not in ran.stdout
