"""One catalogue of words per language: every code and message key has a Vietnamese and an
English text with the same placeholders, and every code the source emits has a text.

The source is read with ``ast``: a string literal given as the code of ``Finding``, ``Cause`` or
``InputError``, as ``message_key=``, or as the key of ``messages.render``, ``Phrase`` or a
writer's ``t`` (both branches of a conditional; an f-string such as
``f"TABLE_ROW_NOT_CHECKED.{reason}"`` by its fixed prefix, which some key must start with); the
report's templates by their ``t("...")``."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest

from budget import layout, messages

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("budget", "plancheck", "indicators")

# callee name -> position of the code or key among its arguments, and its keyword
_CODE_ARGUMENT = {
    "Finding": (1, "code"),
    "Cause": (0, "code"),
    "InputError": (1, "code"),
    "OutputError": (1, "code"),
    "render": (0, "code"),
    "Phrase": (0, "code"),
    "t": (0, "code"),  # the writers' and the report's shorthand for ``render`` in their language
}
# the report's templates name their words as t("R.title"), or by a prefix as t("STATUS." ~ status)
_TEMPLATE_KEY = re.compile(r"""\bt\(["']([^"']+)["']\s*(~)?""")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def missing_keys(first: Mapping[str, str], second: Mapping[str, str]) -> list[str]:
    """Keys of ``first`` that ``second`` lacks."""
    return sorted(set(first) - set(second))


def placeholder_mismatches(vi: Mapping[str, str], en: Mapping[str, str]) -> dict[str, tuple[set[str], set[str]]]:
    """Keys whose two texts name different placeholders."""
    out = {}
    for key in sorted(set(vi) & set(en)):
        if _fields(vi[key]) != _fields(en[key]):
            out[key] = (_fields(vi[key]), _fields(en[key]))
    return out


def _literals(node: ast.expr) -> Iterator[tuple[str, bool]]:
    """The strings an argument may be: ``(text, True)`` for a whole key, ``(prefix, False)`` for
    the fixed start of an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value, True
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield first.value, False


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


class Emitted(NamedTuple):
    """A code or message key named in the source: by which call (``message_key`` for the keyword),
    whether it is a whole key or the fixed prefix of an f-string, whether its finding is read by
    a message key that is never None, and where. ``pattern``: ``text`` is a regular expression
    (an f-string whose variable part comes first, as ``f"{kind}_TOO_LARGE"``) some key must match."""

    callee: str
    text: str
    whole: bool
    keyed: bool
    place: str
    pattern: bool = False


class _Scope(ast.NodeVisitor):
    """Each call's innermost enclosing function, the names assigned in the module, and the calls
    by function name: enough to follow a code passed through a variable or a parameter."""

    def __init__(self, tree: ast.Module) -> None:
        self.function: dict[int, ast.FunctionDef] = {}
        self.assigned: dict[tuple[int, str], list[ast.expr]] = {}  # (id of the function or 0, name)
        self.calls: dict[str, list[ast.Call]] = {}
        self._stack: list[ast.FunctionDef] = []
        self.visit(tree)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._stack.append(node)
        self.generic_visit(node)
        self._stack.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name):
                scope = id(self._stack[-1]) if self._stack else 0
                self.assigned.setdefault((scope, target.id), []).append(node.value)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if self._stack:
            self.function[id(node)] = self._stack[-1]
        name = _callee(node)
        if name:
            self.calls.setdefault(name, []).append(node)
        self.generic_visit(node)

    def values(self, call: ast.Call, name: str, seen: frozenset[str] = frozenset()) -> Iterator[ast.expr]:
        """What the variable ``name`` at ``call`` may hold: the values assigned to it in the
        enclosing function (or the module), or, for a parameter of the enclosing function, what
        that function's callers in the module pass."""
        fn = self.function.get(id(call))
        key = f"{id(fn) if fn else 0}:{name}"
        if key in seen:
            return
        seen = seen | {key}
        for value in self.assigned.get((id(fn) if fn else 0, name), []):
            yield from self._followed(value, call, seen)
        params = [a.arg for a in fn.args.args] if fn else []
        if fn is None or name not in params:
            return
        index = params.index(name)
        for caller in self.calls.get(fn.name, []):
            passed = caller.args[index] if index < len(caller.args) else None
            passed = passed or next((k.value for k in caller.keywords if k.arg == name), None)
            if passed is not None:
                yield from self._followed(passed, caller, seen)

    def _followed(self, value: ast.expr, call: ast.Call, seen: frozenset[str]) -> Iterator[ast.expr]:
        if isinstance(value, ast.Name):
            yield from self.values(call, value.id, seen)
        else:
            yield value


def _pattern(node: ast.expr) -> str | None:
    """An f-string whose variable part comes first, as a regular expression of the keys it names."""
    if not isinstance(node, ast.JoinedStr) or not node.values or isinstance(node.values[0], ast.Constant):
        return None
    parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "[A-Za-z0-9_]+" for v in node.values]
    return "".join(parts)


def emitted_calls(source: str, where: str = "<source>") -> Iterator[Emitted]:
    """Every code and message key ``source`` names, with the call that names it; a code held in a
    variable or passed as a parameter is followed to its values in the same module."""
    tree = ast.parse(source)
    scope = _Scope(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _callee(node)
        place = f"{where}:{node.lineno}"
        for keyword in node.keywords:
            if keyword.arg == "message_key":
                for text, whole in _literals(keyword.value):
                    yield Emitted("message_key", text, whole, False, place)
        if name not in _CODE_ARGUMENT:
            continue
        position, keyword_name = _CODE_ARGUMENT[name]
        arg = node.args[position] if len(node.args) > position else None
        arg = arg or next((k.value for k in node.keywords if k.arg == keyword_name), None)
        if arg is None:
            continue
        keyed = name == "Finding" and any(
            k.arg == "message_key" and isinstance(k.value, ast.Constant | ast.JoinedStr) for k in node.keywords
        )
        for value in scope.values(node, arg.id) if isinstance(arg, ast.Name) else [arg]:
            if (regex := _pattern(value)) is not None:
                yield Emitted(name, regex, False, keyed, place, pattern=True)
            for text, whole in _literals(value):
                yield Emitted(name, text, whole, keyed, place)


def emitted(source: str, where: str = "<source>") -> Iterator[tuple[str, bool, str]]:
    """``(key or prefix, whole, place)`` for every code and message key ``source`` emits: ``whole``
    when the text is a whole key, else a prefix some key must start with."""
    for e in emitted_calls(source, where):
        if e.pattern:
            continue
        # a finding whose message key is never None is read by the key: its code need only head one
        yield (e.text + ".", False, e.place) if e.keyed and e.whole else (e.text, e.whole, e.place)


def unknown(keys: Iterator[tuple[str, bool, str]], table: Mapping[str, str]) -> list[str]:
    """The emitted keys ``table`` has no text for (a prefix: no key starting with it)."""
    out = []
    for text, whole, place in keys:
        if not (text in table if whole else any(k.startswith(text) for k in table)):
            out.append(f"{place}: {text}")
    return out


def source_calls() -> list[Emitted]:
    """Every code and message key the packages' source names."""
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            out.extend(emitted_calls(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))))
    return out


FINDING_CALLS = ("Finding", "Cause", "InputError", "OutputError")


def finding_codes() -> set[str]:
    """The codes the source gives a finding, a likely cause, a read error or an output error
    (an f-string's pattern stands for the catalogue's codes it matches)."""
    out = set()
    for e in source_calls():
        if e.callee not in FINDING_CALLS:
            continue
        if e.pattern:
            out |= {k for k in messages.TEMPLATES if re.fullmatch(e.text, k)}
        elif e.whole:
            out.add(e.text)
    return out


def _source_keys() -> list[tuple[str, bool, str]]:
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            out.extend(emitted(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))))
    for path in sorted((ROOT / "templates").glob("*.j2")):
        text = path.read_text(encoding="utf-8")
        for m in _TEMPLATE_KEY.finditer(text):
            out.append((m[1], not m[2], f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}"))
    return out


def test_every_vietnamese_text_has_an_english_one() -> None:
    assert missing_keys(messages.TEMPLATES, messages.TEMPLATES_EN) == []


def test_every_english_text_has_a_vietnamese_one() -> None:
    assert missing_keys(messages.TEMPLATES_EN, messages.TEMPLATES) == []


def test_both_languages_name_the_same_placeholders() -> None:
    assert placeholder_mismatches(messages.TEMPLATES, messages.TEMPLATES_EN) == {}


@pytest.mark.parametrize("lang", messages.LANGUAGES)
def test_every_text_renders_with_its_placeholders(lang: str) -> None:
    table = messages.TEMPLATES_EN if lang == "en" else messages.TEMPLATES
    for key, template in table.items():
        text = messages.render(key, dict.fromkeys(_fields(template), "X"), lang)
        assert "{" not in text.replace("{k}", ""), key  # ``{{k}}`` is the workbook's column number


def test_the_source_emits_codes_and_keys() -> None:
    keys = _source_keys()
    whole = {text for text, is_whole, _ in keys if is_whole}
    prefixes = {text for text, is_whole, _ in keys if not is_whole}
    # the scan finds what it is meant to find: findings, causes, read errors, f-string keys
    assert {"PRODUCT_MISMATCH.split", "SHARE_MISMATCH.parent", "TARGET_NO_DATA", "INPUT_EMPTY"} <= whole
    assert {"TABLE_ROW_NOT_CHECKED.", "TABLE_COUNT_PLACED.", "UNREAD.", "STATUS.", "XL.SHEET."} <= prefixes
    assert {"XL.summary_headers", "T.summary", "R.title", "SIGN.hint_seal"} <= whole  # writers and templates
    assert len(whole) > 150


@pytest.mark.parametrize("lang", messages.LANGUAGES)
def test_every_code_the_source_emits_has_a_text(lang: str) -> None:
    table = messages.TEMPLATES_EN if lang == "en" else messages.TEMPLATES
    assert unknown(iter(_source_keys()), table) == []


def test_english_is_never_vietnamese_by_default() -> None:
    assert messages.render("INTERRUPTED", {}, "en") == "Stopped on request (Ctrl-C); no result file was written."
    assert messages.render("TARGET_NO_DATA", {"id": "CT1", "measures": "hs"}, "en") == (
        "Target CT1: no year has all the data (hs) for one and the same unit; the target cannot be evaluated yet."
    )
    with pytest.raises(KeyError):
        messages.render("NO_SUCH_CODE", {}, "en")


@pytest.mark.parametrize(
    ("code", "args", "one", "two"),
    [
        ("VERDICT.errors", {"errors": 1}, "RESULT: 1 error", "RESULT: 2 errors"),
        ("TALLY.warnings", {"count": 1}, "1 warning", "2 warnings"),
        ("TALLY.notes", {"count": 1}, "1 note", "2 notes"),
        ("UNREAD.amounts", {"count": 1}, "1 amount", "2 amounts"),
        ("UNREAD.lines", {"count": 1}, "1 computation line", "2 computation lines"),
        ("UNREAD.cells", {"count": 1}, "1 formula cell", "2 formula cells"),
        ("UNREAD.other", {"count": 1}, "1 other place", "2 other places"),
        ("UNREAD.numbers", {"count": 1}, "1 unreadable number", "2 unreadable numbers"),
        (
            "T.summary",
            {"lines": 1, "sections": 1},
            "Summary: 1 cost line, 1 section",
            "Summary: 2 cost lines, 2 sections",
        ),
        (
            "T.summary_amounts",
            {"found": 1, "checked": 1},
            ", 1 amount found (1 checked)",
            ", 2 amounts found (2 checked)",
        ),
        ("XL.findings_count", {"count": 1}, "1 finding", "2 findings"),
        (
            "ROUNDED_PARTS.some",
            {"count": 1},
            "of the stated figure and 1 rounded item",
            "of the stated figure and 2 rounded items",
        ),
    ],
)
def test_english_counts_take_the_singular_for_one(code: str, args: dict[str, int], one: str, two: str) -> None:
    assert messages.render(code, args, "en") == one
    assert messages.render(code, dict.fromkeys(args, 2), "en") == two
    assert messages.render(code, {k: Decimal(v) for k, v in args.items()}, "en") == one  # a count read as a Decimal


def test_vietnamese_has_no_plural() -> None:
    assert messages.render("VERDICT.errors", {"errors": 1}) == "KẾT QUẢ: 1 lỗi"
    assert messages.render("TALLY.warnings", {"count": 1}) == "1 cảnh báo"
    assert messages.render("TALLY.notes", {"count": 2}) == "2 ghi chú"
    parts = string.Formatter().parse
    counted = [key for key, text in messages.TEMPLATES.items() for _, name, spec, _ in parts(text) if name and spec]
    assert counted == []  # no ``{n:noun|nouns}`` in Vietnamese


def test_the_checks_find_what_is_wrong() -> None:
    """The helpers above fail on a catalogue or a source that is wrong."""
    vi = {"A": "{x} lỗi", "B": "ghi {y}", "C.one": "một"}
    en = {"A": "{x} errors", "B": "states {z}", "D": "only English"}
    assert missing_keys(vi, en) == ["C.one"]
    assert missing_keys(en, vi) == ["D"]
    assert placeholder_mismatches(vi, en) == {"B": ({"y"}, {"z"})}
    source = (
        "Finding(s, 'A', Severity.ERROR)\n"
        "Finding(s, 'E', Severity.ERROR)\n"
        "Finding(s, 'C', Severity.ERROR, message_key=f'C.{how}')\n"
        "Finding(s, 'F', Severity.ERROR, message_key=f'F.{how}')\n"
        "Cause('G' if x else 'A')\n"
        "messages.render(f'H.{k}', {})\n"
    )
    assert unknown(emitted(source), vi) == [
        "<source>:2: E",
        "<source>:4: F.",
        "<source>:4: F.",
        "<source>:5: G",
        "<source>:6: H.",
    ]


def test_the_scan_follows_a_code_through_a_variable_a_parameter_and_an_f_string() -> None:
    source = (
        "def rounding(where, code, args):\n"
        "    return Finding(where, code, Severity.WARNING, args)\n"
        "def check(where):\n"
        "    code = 'A_PART' if x else 'B_PART'\n"
        "    raise OutputError(where, code)\n"
        "    rounding(where, 'SUM_ROUNDING', {})\n"
        "    rounding(where, code='TOTAL_ROUNDING', args={})\n"
        "    rounding(where, code, {})\n"
        "def sized(where, kind):\n"
        "    raise InputError(where, f'{kind}_TOO_LARGE', {})\n"
    )
    found = sorted((e.callee, e.text, e.whole, e.pattern) for e in emitted_calls(source))
    assert found == [
        ("Finding", "A_PART", True, False),  # the caller's variable, followed into its function
        ("Finding", "B_PART", True, False),
        ("Finding", "SUM_ROUNDING", True, False),
        ("Finding", "TOTAL_ROUNDING", True, False),
        ("InputError", "[A-Za-z0-9_]+_TOO_LARGE", False, True),
        ("OutputError", "A_PART", True, False),
        ("OutputError", "B_PART", True, False),
    ]
    assert {"XLSX_TOO_LARGE", "DOCX_TOO_LARGE", "TOTAL_ROUNDING", "OUTPUT_LOCKED_LIBREOFFICE"} <= finding_codes()
    assert not {"R.title", "XL.summary_headers", "STATUS.ok"} & finding_codes()  # writers' words are no findings


def test_the_vietnamese_workbook_words_are_the_layout_the_reader_finds() -> None:
    def t(key: str, **args: object) -> list[str]:
        return messages.render(key, args, "vi").split("|")

    for sheet in (layout.SUMMARY, layout.DETAIL, layout.FINDINGS, layout.SOURCES, layout.UNITS):
        assert t(f"XL.SHEET.{sheet}") == [sheet]
    assert t("XL.summary_headers") == [*layout.SUMMARY_HEADERS, layout.SUMMARY_HELPER]
    assert t("XL.finding_headers") == layout.FINDING_HEADERS
    assert messages.render("R.total_row", {}, "vi") == layout.TOTAL_LABEL
    assert messages.render("STATUS.ok", {}, "vi") == layout.STATUS_OK
    assert messages.render("STATUS.error", {}, "vi") == layout.STATUS_BAD
    assert messages.render("STATUS.none", {}, "vi") == layout.STATUS_NONE
    cols = layout.DetailColumns(2)
    names = t("XL.detail_headers", unit="đồng")
    headers = names[:4]
    for k in (1, 2):
        headers += [names[4].replace("{k}", str(k)), names[5].replace("{k}", str(k))]
    assert headers + names[6:] == cols.headers("đồng")
