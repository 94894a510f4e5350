"""Every finding code the source emits (the codes of findings, likely causes, read and output
errors, as ``test_messages_catalogue`` finds them) is asserted with its exact message by at least
one test: a call ``assert_message(found, "CODE", "exact text", ...)`` somewhere in the tests."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.test_messages_catalogue import finding_codes

TESTS = Path(__file__).resolve().parent


def asserted(source: str) -> Iterator[str]:
    """The codes ``source`` asserts through ``assert_message`` with a literal code."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name != "assert_message":
            continue
        arg = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "code"), None)
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            yield arg.value


def asserted_codes() -> set[str]:
    return {code for path in sorted(TESTS.glob("*.py")) for code in asserted(path.read_text(encoding="utf-8"))}


def test_every_emitted_code_is_asserted_with_its_message() -> None:
    assert sorted(finding_codes() - asserted_codes()) == []


def test_the_scan_reads_literal_codes_only() -> None:
    source = (
        "assert_message(f, 'PRODUCT_MISMATCH', 'x')\n"
        "helpers.assert_message(f, code='TOTAL_MISSING', text='y', en='z')\n"
        "assert_message(f, code, 'x')\n"
        "assert_other(f, 'SHARE_MISMATCH', 'x')\n"
    )
    assert list(asserted(source)) == ["PRODUCT_MISMATCH", "TOTAL_MISSING"]


def test_every_asserted_code_is_one_the_source_emits() -> None:
    assert sorted(asserted_codes() - finding_codes()) == []
