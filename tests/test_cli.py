"""The ``budget`` command: output, JSON document, exit codes, bad input."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from plancheck.cli import main
from tests.helpers import HA_DONG, Ran, line_of, replace_once, run_in_process, run_process, seed_path


def run(*args: str) -> Ran:
    return run_in_process(main, args)


def test_text_output_of_the_example() -> None:
    p = run("check", str(HA_DONG))
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "(267/KH-UBND, Hà Đông, 25/12/2020)" in out
    assert "IV. KINH PHÍ THỰC HIỆN" in out
    total_row = next(line for line in out.splitlines() if line.startswith("Tổng kinh phí"))
    assert total_row.split() == ["Tổng", "kinh", "phí", "46.375", "46.375", "✓", "triệu", "đồng"]
    assert (
        "Tóm tắt: 16 dòng chi phí, 11 mục, 24 số tiền tìm thấy (24 đã kiểm tra), tổng kinh phí ghi 46.375 triệu đồng."
        in out
    )
    assert out.endswith("\nKẾT QUẢ: KHỚP. Mọi phép nhân, tổng mục và tổng kinh phí đều khớp; 5 cảnh báo, 1 ghi chú.\n")


def test_json_document() -> None:
    p = run("check", str(HA_DONG), "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["total"] == {
        "stated": "46375",
        "sum": "46375",
        "unit": "triệu đồng",
        "ok": True,
        "line": line_of(HA_DONG.read_text(encoding="utf-8"), "46.375"),
        "children": [{"kind": "section", "number": "1"}, {"kind": "section", "number": "2"}],
        "recomputed": "46375",
        "status": "ok",
        "in_words": "Bốn mươi sáu tỷ, ba trăm bảy mươi lăm triệu đồng",
    }
    assert len(doc["lines"]) == 16
    first = doc["lines"][3]
    assert first["label"] == "Cán bộ quản lý đương chức"
    assert first["factors"][1]["value"] == "1"
    assert first["factors"][1]["text"] == "1,0"
    assert [f["unit"] for f in first["factors"]] == ["người", "triệu đồng/người/năm", "năm"]
    assert first["stated"] == {"value": "1500", "unit": "triệu đồng"}
    assert first["computed"] == "1500"
    assert first["ok"] is True
    assert first["section"] == "2.2"
    sections = {s["number"]: s for s in doc["sections"]}
    assert sections["2.2"]["stated"] == "10200"
    assert sections["2.2"]["children_sum"] == "10200"
    assert sections["2.2"]["ok"] is True
    assert len(sections["2.2"]["children"]) == 3
    assert sections["2.9"]["stated"] is None
    assert sections["2.9"]["children_sum"] is None
    assert sections["2.9"]["ok"] is None
    assert sections["1"]["stated"] is None
    assert sections["1"]["children_sum"] == "250"
    assert [f["code"] for f in doc["findings"]] == ["UNIT_RESIDUAL"] * 5 + ["SECTION_NO_AMOUNT"]
    assert doc["summary"] == {
        "lines": 16,
        "sections": 11,
        "error": 0,
        "warning": 5,
        "info": 1,
        "amounts_found": 24,
        "amounts_checked": 24,
        "unread": 0,
    }
    assert doc["verdict"]["kind"] == "ok" and doc["verdict"]["headline"] == "KẾT QUẢ: KHỚP"
    step = doc["lines"][3]["steps"][0]["stated"]
    assert (step["line"], step["column"], step["value"]) == (35, step["column"], "1500")
    text = HA_DONG.read_text(encoding="utf-8").splitlines()[34]
    assert text[step["column"] - 1 :].startswith("1.500 triệu đồng")
    sums = {(s["kind"], s["number"]): s for s in doc["sums"]}
    assert sums[("total", "")] == {
        "kind": "total",
        "label": "Tổng kinh phí",
        "number": "",
        "line": doc["total"]["line"],
        "location": f"{HA_DONG}:{doc['total']['line']}:{sums[('total', '')]['location'].rsplit(':', 1)[1]}",
        "stated": "46375",
        "computed": "46375",
        "difference": "0",
        "unit": "triệu đồng",
        "ok": True,
        "within_rounding": False,
    }
    assert sorted(n for k, n in sums if k == "section") == ["2", "2.1", "2.2", "2.3", "2.4", "2.5"]


def test_error_exit_code_and_location(tmp_path: Path) -> None:
    text = replace_once(HA_DONG.read_text(encoding="utf-8"), "46.375 triệu", "46.475 triệu")
    path = tmp_path / "sai.txt"
    path.write_text(text, encoding="utf-8")
    p = run("check", str(path), "--format", "json")
    assert p.returncode == 1
    doc = json.loads(p.stdout)
    (err,) = [f for f in doc["findings"] if f["severity"] == "error"]
    assert err["code"] == "TOTAL_MISMATCH"
    assert err["line"] == line_of(text, "46.475")
    assert (err["expected"], err["actual"], err["difference"]) == ("46375", "46475", "100")
    t = run("check", str(path))
    assert t.returncode == 1
    assert f"{path}:{err['line']}:26: lỗi [TOTAL_MISMATCH]" in t.stdout


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "INPUT_EMPTY"),
        (b"  \n\n", "INPUT_EMPTY"),
        (b"PK\x03\x04\x00\x00binary", "INPUT_BINARY"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "INPUT_BINARY"),
        (b"Kinh ph\xed 5 tri\xea\xf2u \xf0\xf4ng \x81\x8d\x8f\x90\x9d", "INPUT_ENCODING"),
    ],
)
def test_unreadable_input_exits_2(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    p = run("check", str(path))
    assert p.returncode == 2
    assert p.stdout == ""
    assert f"[{code}]" in p.stderr
    assert "Traceback" not in p.stderr


def test_windows_1258_text_is_read_as_such(tmp_path: Path) -> None:
    path = tmp_path / "cp1258.txt"
    import unicodedata

    def cp1258(text: str) -> bytes:
        """Windows-1258 writes the five tones as combining marks after a letter it has."""
        out = b""
        for ch in text:
            try:
                out += ch.encode("cp1258")
            except UnicodeEncodeError:
                base, *marks = unicodedata.normalize("NFD", ch)
                tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
                letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
                out += (letter + "".join(tones)).encode("cp1258")
        return out

    path.write_bytes(cp1258("- Hỗ trợ: 2 người x 5 triệu đồng = 10 triệu đồng\n"))
    p = run("check", str(path), "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert [(x["label"], x["stated"]["value"]) for x in doc["lines"]] == [("Hỗ trợ", "10")]


def test_missing_file_and_directory_exit_2(tmp_path: Path) -> None:
    p = run("check", str(tmp_path / "khong-co.txt"))
    assert (p.returncode, p.stderr.strip()) == (
        2,
        f"{tmp_path / 'khong-co.txt'}: lỗi [INPUT_MISSING] Không tìm thấy tệp.",
    )
    # an empty folder: said once, as the folder it is (not a row of one unreadable "file")
    p = run("check", str(tmp_path))
    assert (p.returncode, p.stdout, p.stderr) == (
        2,
        "",
        f"{tmp_path}: lỗi [FOLDER_EMPTY] Thư mục không có văn bản dự toán nào (tệp .txt, .docx, .pdf, .xlsx, "
        ".csv …).\n",
    )
    p = run("--lang", "en", "check", str(tmp_path))
    assert (
        p.stderr
        == f"{tmp_path}: error [FOLDER_EMPTY] The folder holds no budget document (.txt, .docx, .pdf, .xlsx, .csv …).\n"
    )


def test_wrong_command_exits_2() -> None:
    assert run().returncode == 2
    p = run("check")
    assert p.returncode == 2 and "lệnh không hợp lệ" in p.stderr
    assert run("check", str(HA_DONG), "--format", "xml").returncode == 2
    assert run("kiemtra", str(HA_DONG)).returncode == 2


def test_text_without_budget_is_a_clean_answer() -> None:
    p = run("check", str(seed_path("000_bc1777f9039d4892.txt")))
    assert p.returncode == 1  # nothing was checked: exit 0 is only for a budget read in full that agrees
    assert "Không tìm thấy dự toán kinh phí" in p.stdout
    assert p.stdout.endswith(
        "\nKHÔNG CÓ DỰ TOÁN ĐỂ KIỂM TRA. Không tìm thấy dòng chi phí, mục có kinh phí hay tổng kinh phí "
        "trong văn bản.\n"
    )


def test_main_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(HA_DONG), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"]["ok"] is True


def test_entry_points_in_a_process_of_their_own() -> None:
    """``python -m plancheck`` and ``python -m indicators`` started for real: the same exit code
    and the same output, byte for byte, as ``main`` run in the test process (as the rest of the
    suite runs it), for an answer and for a wrong command that argparse refuses."""
    from indicators.cli import main as indicators_main

    for package, entry, args in (
        ("plancheck", main, ["check", str(HA_DONG)]),
        ("plancheck", main, ["kiemtra", str(HA_DONG)]),
        ("indicators", indicators_main, ["extract", str(HA_DONG)]),
    ):
        real = run_process([sys.executable, "-m", package, *args])
        assert real.returncode == (2 if "kiemtra" in args else 0), real.stderr
        assert real == run_in_process(entry, args), (package, args)
