"""Generated budget documents with known truth, for measuring whether verdicts can be trusted.

A random budget tree (items under the grand total, or groups of items, or groups of
subgroups of items; amounts in đồng, nghìn đồng, triệu đồng or tỷ đồng; products of 2–4
factors with count nouns and rates such as ``đồng/người/ngày``) is written out in one of
many styles: prose with every operator and verb, chains, sums of products, quotients,
differences, the result first, breakdowns in a sentence or in parentheses, list markers of
every kind, subtotals stated or not, the grand total at the top or the bottom, the total in
words, notes and labels that hold numbers, Vietnamese number forms, and tables (pipe, tab,
aligned, one cell per line) with group rows and a ``Cộng`` row.

Every figure the text states is recorded with its value and its line, so a test knows the
truth: a document written from the tree is correct, and ``inject`` puts exactly one mistake
in it (a wrong product result, subtotal, grand total or amount in words, two digits
transposed, an item dropped) and says which figure is now wrong and where.

Every random choice is made when the tree is built, none while writing it, so a document
and its mistaken copy differ only in the mistake.

This module is not part of the product: tests and ``benchmarks/generated_report.py`` import it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import Decimal

from budget.numbers import format_vn, format_vn_fixed
from budget.words import to_words

# --- styles ---------------------------------------------------------------------------------

# How an item is written (prose). ``product`` is the plain baseline: ``a người x b đồng/người = c đồng``.
ITEM_STYLES = (
    "product",
    "operators",  # x, X, ×, * between factors
    "verbs",  # "là" / "bằng" instead of "="
    "nhan_voi",  # "nhân với" between factors
    "chain",  # a x b = c x d = e
    "sum_of_products",  # a x b + c x d = e
    "quotient",  # A : n = q, beside the item's amount
    "difference",  # a - b = c
    "result_first",  # c đồng (a x b)
    "breakdown_sentence",  # là T, bao gồm: A là a; B là b / là T. Gồm: ... / A là a, B là b, tổng cộng T
    "breakdown_paren",  # T (trong đó: A a; B b)
    "plain",  # an amount with no computation
)
# A feature of the whole document, over baseline items.
DOC_STYLES = (
    "markers",  # I., 1., A., 1.1., a), -, +, 1.1.1. in any consistent ranking
    "subtotals_omitted",  # some groups state no subtotal
    "total_forms",  # Tổng kinh phí ... là, Tổng cộng at the bottom, TỔNG KINH PHÍ
    "words",  # Bằng chữ: ...
    "notes",  # notes with numbers in parentheses
    "numbered_labels",  # khu 2, lớp 5, đợt 1
    "number_forms",  # 02 ngày, 1,0 triệu đồng, 0,5
    "preamble",  # Căn cứ ... số 40/2017/TT-BTC ngày 28/4/2017 above the budget
    "wording",  # "Dự kiến ..." before a computation, "." or ";" after it
)
TABLE_STYLES = ("table_pipe", "table_tab", "table_aligned", "table_cells", "table_bars")
STYLES = (*ITEM_STYLES, *DOC_STYLES, *TABLE_STYLES, "mixed")

MISTAKES = ("wrong_result", "wrong_subtotal", "wrong_total", "wrong_words", "transposed", "dropped")

MONEY_EXPONENT = {"đồng": 0, "nghìn đồng": 3, "triệu đồng": 6, "tỷ đồng": 9}

# --- vocabulary (invented; phrased as officers phrase it) -----------------------------------

# count noun -> (smallest, largest) count
NOUNS = {
    "người": (2, 60),
    "ngày": (1, 10),
    "lớp": (1, 24),
    "học sinh": (10, 450),
    "buổi": (1, 12),
    "tháng": (1, 12),
    "lượt": (1, 6),
    "bộ": (10, 300),
    "suất": (20, 400),
    "đợt": (1, 4),
    "bài": (50, 900),
}
RATES = {
    "đồng": ("20.000", "25.000", "30.000", "40.000", "50.000", "80.000", "120.000", "150.000", "200.000", "500.000"),
    "nghìn đồng": ("15", "20", "30", "45", "50", "70", "100", "150", "200", "350"),
    "triệu đồng": ("0,2", "0,5", "1", "1,5", "2", "2,5", "3", "5", "8"),
    "tỷ đồng": ("0,05", "0,1", "0,12", "0,25", "0,5", "1,2", "2"),
}
# an item's label -> the count nouns that fit it (others are drawn when a product needs more)
ITEM_LABELS = {
    "Bồi dưỡng ban giám khảo": ("người", "ngày", "buổi"),
    "Nước uống cho đại biểu": ("người", "ngày", "buổi"),
    "Thuê hội trường": ("ngày", "buổi", "đợt"),
    "In ấn tài liệu": ("bộ", "lớp", "đợt"),
    "Hỗ trợ tiền ăn cho học sinh": ("học sinh", "ngày", "tháng"),
    "Thù lao báo cáo viên": ("người", "buổi", "đợt"),
    "Thuê xe đưa đón đoàn": ("lượt", "ngày", "đợt"),
    "Khen thưởng học sinh đạt giải": ("học sinh", "đợt"),
    "Văn phòng phẩm": ("bộ", "lớp", "đợt"),
    "Phụ cấp ban tổ chức": ("người", "ngày", "tháng"),
    "Trang trí khánh tiết": ("đợt", "lượt"),
    "Tập huấn giáo viên cốt cán": ("người", "ngày", "lớp"),
    "Thuê giáo viên dạy kỹ năng sống": ("lớp", "buổi", "tháng"),
    "Mua sách tham khảo": ("bộ", "lớp"),
    "Công tác phí": ("người", "ngày", "lượt"),
    "Ra đề và chấm bài khảo sát": ("bài", "đợt"),
    "Hỗ trợ học sinh khuyết tật": ("học sinh", "tháng"),
    "Tiền điện, nước phục vụ lớp học": ("lớp", "tháng"),
    "Suất ăn cho học sinh bán trú": ("suất", "ngày", "tháng"),
}
GROUP_TITLES = (
    "Chi công tác tổ chức",
    "Chi hoạt động chuyên môn",
    "Chi khen thưởng",
    "Chi hỗ trợ học sinh",
    "Chi tập huấn, bồi dưỡng",
    "Chi hội nghị sơ kết, tổng kết",
    "Chi mua sắm, sửa chữa nhỏ",
    "Chi tuyên truyền",
)
PART_LABELS = (
    "tiền thuê hội trường",
    "tiền nước uống",
    "tiền in tài liệu",
    "tiền trang trí",
    "tiền thuê âm thanh",
    "tiền văn phòng phẩm",
    "tiền xăng xe",
    "tiền hoa, quà tặng",
)
LABEL_NUMBERS = ("khu 2", "lớp 5", "đợt 1", "điểm trường số 3", "năm 2025", "tổ 4", "khối 9")
NOTES = (
    "(theo Nghị quyết số 20/2019/NQ-HĐND)",
    "(02 đợt)",
    "(mức chi theo Thông tư 40/2017/TT-BTC)",
    "(áp dụng từ ngày 01/9/2024)",
    "(tối đa 3 người)",
    "(kèm theo Phụ lục 2)",
    "(bình quân 1,5 buổi/tuần)",
)
TITLES = (
    "DỰ TOÁN KINH PHÍ TỔ CHỨC HỘI THI GIÁO VIÊN DẠY GIỎI",
    "KẾ HOẠCH TỔ CHỨC LỚP BỒI DƯỠNG HÈ",
    "DỰ TOÁN CHI HOẠT ĐỘNG NGOẠI KHÓA",
    "KẾ HOẠCH KINH PHÍ THỰC HIỆN ĐỀ ÁN PHÁT TRIỂN THƯ VIỆN TRƯỜNG HỌC",
)
PREAMBLES = (
    "Căn cứ Thông tư số 40/2017/TT-BTC ngày 28/4/2017 của Bộ Tài chính;",
    "Căn cứ Kế hoạch số 125/KH-UBND ngày 15/3/2024 của UBND huyện;",
    "Thời gian thực hiện: từ ngày 01/6/2024 đến ngày 31/8/2024, tại 3 điểm trường.",
)
DIFF_LABELS = ("Kinh phí còn thiếu đề nghị cấp bổ sung", "Phần ngân sách hỗ trợ", "Kinh phí cần bổ sung")
AVERAGE_WORDS = ("bình quân", "trung bình", "tính ra")

# --- the tree -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Factor:
    value: Decimal
    unit: str  # "người", "đồng/người/ngày"
    places: int | None = None  # decimals to write ("1,0"); None: as many as the value has
    lead_zero: bool = False  # "02 ngày"

    def text(self) -> str:
        if self.lead_zero and self.value < 10 and self.value == self.value.to_integral_value():
            return f"0{int(self.value)} {self.unit}"
        return f"{num(self.value, self.places)} {self.unit}"


@dataclass(frozen=True)
class Item:
    key: str
    kind: str  # an ITEM_STYLES entry (or "row" in a table)
    label: str
    amount: Decimal  # in the document's money unit
    terms: tuple[tuple[Factor, ...], ...] = ()  # products (one, or several for a sum of products)
    parts: tuple[tuple[str, Decimal], ...] = ()  # breakdowns
    other: Decimal = Decimal(0)  # difference: the amount subtracted; quotient: the divisor
    other_unit: str = ""  # quotient: the divisor's noun
    form: tuple[str, ...] = ()  # the written form's choices: operator, verb, marker, variant ...
    note: str = ""
    note_after: bool = False
    lead: str = ""  # words before the computation: "Dự kiến "
    end: str = ""  # after it: "." or ";"


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    children: tuple[Group | Item, ...]
    stated: bool = True

    @property
    def amount(self) -> Decimal:
        return sum((c.amount for c in self.children), Decimal(0))


@dataclass(frozen=True)
class Layout:
    """Choices about the whole document."""

    title: str
    money: str
    preamble: tuple[str, ...] = ()
    total_at_top: bool = True
    total_words: str = "Tổng kinh phí"  # "Tổng kinh phí", "Tổng kinh phí dự kiến là", "Tổng cộng", "TỔNG KINH PHÍ"
    words: str = ""  # "", "line", "paren"
    markers: tuple[str, ...] = ("arabic", "dotted", "dash")  # group, subgroup, item systems
    table: str = ""  # "", "pipe", "tab", "aligned", "cells", "bars"
    table_unit_in_header: bool = True
    table_duration: str = ""  # the table's third factor's noun, "" for two factors
    cong_word: str = "Cộng"
    table_markers: tuple[str, str] = ("roman", "arabic")  # a table's group rows and item rows


@dataclass(frozen=True)
class Figure:
    """A figure the text states: what it says (``value`` in ``unit``), and on which line."""

    key: str
    kind: str  # "result" (of a computation), "amount" (plain), "quotient", "subtotal", "total", "words", "part", "step"
    value: Decimal
    unit: str
    line: int


@dataclass(frozen=True)
class Mistake:
    kind: str  # a MISTAKES entry
    figure: Figure  # the figure that is now wrong, as the mistaken text states it
    true_value: Decimal
    # Changing another figure instead would make the text agree as well (a total over plain
    # amounts: the total or any amount may be the wrong one): the checker may rightly name
    # another figure, so P3 does not apply.
    ambiguous: bool = False


@dataclass(frozen=True)
class Doc:
    style: str
    layout: Layout
    root: Group
    text: str
    figures: tuple[Figure, ...]
    mistake: Mistake | None = None

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


# --- numbers --------------------------------------------------------------------------------


def num(value: Decimal, places: int | None = None) -> str:
    """Vietnamese form: 1.234.567 and 0,5; ``places`` fixes the decimals (1,0)."""
    if places is None:
        return format_vn(value.normalize() if value == value.to_integral_value() else value)
    return format_vn_fixed(value, places)


def dec(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def to_dong(value: Decimal, unit: str) -> Decimal:
    return value.scaleb(MONEY_EXPONENT.get(unit, 0))


# --- building the tree ----------------------------------------------------------------------


@dataclass
class _Build:
    rnd: random.Random
    style: str
    money: str
    size: int
    count: int = 0
    used_labels: set[str] = field(default_factory=set)
    base_label: str = ""
    table: bool = False  # items are table rows
    duration: str = ""  # a table's third factor ("ngày"), "" for two factors

    def on(self, feature: str) -> bool:
        """Is a document feature on? Each in its own style, all of them at random in ``mixed``."""
        return self.style == feature or (self.style == "mixed" and self.rnd.random() < 0.4)

    def key(self) -> str:
        self.count += 1
        return f"i{self.count}"

    def label(self, pool: tuple[str, ...] = tuple(ITEM_LABELS)) -> str:
        free = [x for x in pool if x not in self.used_labels] or list(pool)
        text = self.rnd.choice(free)
        self.used_labels.add(text)
        self.base_label = text
        if self.on("numbered_labels"):
            text = f"{text} {self.rnd.choice(LABEL_NUMBERS)}"
        return text

    def nouns(self, n: int) -> list[str]:
        """``n`` count nouns that fit the last label drawn, others after them when it has too few."""
        fit = list(ITEM_LABELS.get(self.base_label, ()))
        self.rnd.shuffle(fit)
        rest = [x for x in sorted(NOUNS) if x not in fit]
        return (fit + self.rnd.sample(rest, len(rest)))[:n]

    def count_factor(self, noun: str) -> Factor:
        lo, hi = NOUNS[noun]
        if self.money == "tỷ đồng":  # a plan in tỷ đồng counts works and years, not pupils
            lo, hi = min(lo, 2), min(hi, 6)
        value = Decimal(self.rnd.randint(lo, hi))
        return Factor(value, noun, lead_zero=self.on("number_forms") and self.rnd.random() < 0.5)

    def rate(self, nouns: list[str]) -> Factor:
        text = self.rnd.choice(RATES[self.money])
        value = dec(text)
        places = None
        if self.on("number_forms") and value == value.to_integral_value() and self.money in ("triệu đồng", "tỷ đồng"):
            places = 1  # "1,0 triệu đồng"
        return Factor(value, "/".join([self.money, *nouns]), places)

    def product_terms(self, n_factors: int) -> tuple[Factor, ...]:
        nouns = self.nouns(n_factors - 1)
        counts = [self.count_factor(n) for n in nouns]
        rate = self.rate(nouns)
        factors = [*counts]
        factors.insert(self.rnd.choice((0, len(factors), len(factors))), rate)  # the rate usually last
        return tuple(factors)

    def item(self, kind: str) -> Item:
        item = self._item(kind)
        if self.on("wording"):
            lead = self.rnd.choice(("", "Dự kiến ", "Dự kiến khoảng ", "Kinh phí ", "Tính: "))
            item = replace(item, lead=lead, end=self.rnd.choice(("", ".", ";")))
        return item

    def _item(self, kind: str) -> Item:
        rnd, key = self.rnd, self.key()
        note = rnd.choice(NOTES) if self.on("notes") else ""
        note_after = rnd.random() < 0.5
        if kind in ("product", "operators", "verbs", "nhan_voi", "result_first"):
            label = self.label()
            terms = (self.product_terms(rnd.randint(2, 3 if self.money == "tỷ đồng" else 4)),)
            op = {"operators": rnd.choice(("x", "X", "×", "*")), "nhan_voi": "nhân với"}.get(kind, "x")
            verb = rnd.choice(("là", "bằng")) if kind == "verbs" else "="
            amount = _product(terms[0])
            return Item(key, kind, label, amount, terms, form=(op, verb), note=note, note_after=note_after)
        if kind == "chain":
            label = self.label()
            nouns = self.nouns(2)
            a, b = self.count_factor(nouns[0]), self.count_factor(nouns[1])
            terms = ((a, self.rate(nouns), b),)
            return Item(key, kind, label, _product(terms[0]), terms, note=note, note_after=note_after)
        if kind == "sum_of_products":
            label = self.label()
            noun = self.nouns(1)[0]
            pairs: tuple[tuple[Factor, ...], ...] = tuple(
                (self.count_factor(noun), self.rate([noun])) for _ in range(rnd.randint(2, 3))
            )
            amount = sum((_product(t) for t in pairs), Decimal(0))
            return Item(key, kind, label, amount, pairs, note=note, note_after=note_after)
        if kind == "quotient":
            noun = rnd.choice(("tháng", "lớp", "người", "đợt"))
            n = Decimal(rnd.randint(2, 12))
            per = dec(rnd.choice(RATES[self.money]))
            variant = rnd.choice(("comma", "paren"))
            return Item(
                key, kind, self.label(), n * per, other=n, other_unit=noun, form=(variant, rnd.choice(AVERAGE_WORDS))
            )
        if kind == "difference":
            net = _plain_amount(rnd, self.money)
            less = _plain_amount(rnd, self.money)
            return Item(key, kind, self.label(DIFF_LABELS), net, other=less, note=note, note_after=True)
        if kind in ("breakdown_sentence", "breakdown_paren"):
            labels = rnd.sample(PART_LABELS, rnd.randint(2, 3))
            parts = tuple((p, _plain_amount(rnd, self.money)) for p in labels)
            amount = sum((v for _, v in parts), Decimal(0))
            # the breakdown after the figure (``là T, bao gồm: ...``), in the next sentence (``là T.
            # Gồm: ...``), or the parts first and a sum closing them (``A là a, B là b, tổng cộng T``)
            where = rnd.choice(("after", "next", "closing")) if kind == "breakdown_sentence" else "after"
            return Item(key, kind, self.label(), amount, parts=parts, form=(rnd.choice((";", ",")), where))
        # plain
        return Item(key, "plain", self.label(), _plain_amount(rnd, self.money), note=note, note_after=note_after)

    def item_kind(self) -> str:
        if self.style in ITEM_STYLES:
            # the style's own form, beside plain products so a group is not all one form
            return self.style if self.rnd.random() < 0.75 else "product"
        if self.style == "mixed":
            return self.rnd.choice(ITEM_STYLES)
        return "product"

    def table_item(self, duration: str) -> Item:
        label = self.label()
        noun = next(n for n in self.nouns(3) if n != duration)
        factors = [self.count_factor(noun), self.rate([noun, duration] if duration else [noun])]
        if duration:
            factors.append(self.count_factor(duration))
        return Item(self.key(), "row", label, _product(tuple(factors)), (tuple(factors),))

    def group(self, depth: int, levels: int) -> Group:
        key = self.key()
        title = self.label(GROUP_TITLES) if depth > 0 else ""
        n = self.rnd.randint(1, self.size)
        if depth + 1 >= levels:
            children: tuple[Group | Item, ...] = tuple(
                self.table_item(self.duration) if self.table else self.item(self.item_kind()) for _ in range(n)
            )
        else:
            children = tuple(self.group(depth + 1, levels) for _ in range(n))
        omitted = self.on("subtotals_omitted") or self.table  # a table's group rows often state nothing
        stated = not (omitted and self.rnd.random() < 0.5)
        return Group(key, title, children, stated)


def _product(factors: tuple[Factor, ...]) -> Decimal:
    out = Decimal(1)
    for f in factors:
        out *= f.value
    return out


def _plain_amount(rnd: random.Random, money: str) -> Decimal:
    rate = dec(rnd.choice(RATES[money]))
    return rate * rnd.randint(2, 40)


_MARKER_SYSTEMS = {
    "group": ("roman", "arabic", "upper"),
    "sub": ("arabic", "dotted", "letter"),
    "item": ("dash", "plus", "letter", "arabic", "dotted"),
}


def _markers(rnd: random.Random, on: bool) -> tuple[str, ...]:
    if not on:
        return ("arabic", "dotted", "dash")
    group = rnd.choice(_MARKER_SYSTEMS["group"])
    sub = rnd.choice([s for s in _MARKER_SYSTEMS["sub"] if s != group and not (group != "arabic" and s == "dotted")])
    item = rnd.choice(
        [s for s in _MARKER_SYSTEMS["item"] if s not in (group, sub) and (s != "dotted" or sub == "dotted")]
    )
    return (group, sub, item)


def build(rnd: random.Random, style: str, size: int = 3) -> Doc:
    """A correct document of ``style`` (a STYLES entry); ``size`` bounds the groups and items of a level."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}")
    money = rnd.choice(tuple(MONEY_EXPONENT))
    table = style.removeprefix("table_") if style in TABLE_STYLES else ""
    b = _Build(rnd, style, money, size, table=bool(table))
    levels = rnd.randint(1, 2 if table else 3)
    if table:
        b.duration = rnd.choice(("", "ngày", "tháng", "buổi"))
    root = b.group(0, levels)
    if levels > 1 and not root.stated:
        root = replace(root, stated=True)
    total_forms = b.on("total_forms")
    layout = Layout(
        title=rnd.choice(TITLES),
        money=money,
        preamble=tuple(rnd.sample(PREAMBLES, rnd.randint(1, 2))) if b.on("preamble") else (),
        total_at_top=(not table) and (rnd.random() < 0.6 if total_forms else True),
        total_words=rnd.choice(("Tổng kinh phí", "Tổng kinh phí dự kiến là", "Tổng cộng", "TỔNG KINH PHÍ"))
        if total_forms
        else "Tổng kinh phí",
        words=rnd.choice(("line", "paren")) if b.on("words") else "",
        markers=_markers(rnd, b.on("markers")),
        table=table,
        table_unit_in_header=rnd.random() < 0.5,
        table_duration=b.duration,
        cong_word=rnd.choice(("Cộng", "Tổng cộng")),
        table_markers=(rnd.choice(("roman", "upper")), rnd.choice(("arabic", "dash", "plus", "letter")))
        if table
        else ("roman", "arabic"),
    )
    root = replace(root, stated=True)  # the grand total is always stated
    return write(style, layout, root)


# --- writing --------------------------------------------------------------------------------


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _marker(system: str, path: tuple[int, ...]) -> str:
    i = path[-1]
    if system == "roman":
        return f"{_ROMAN[i]}."
    if system == "upper":
        return f"{'ABCDEFGHIJ'[i]}."
    if system == "arabic":
        return f"{i + 1}."
    if system == "dotted":
        return ".".join(str(p + 1) for p in path) + "."
    if system == "letter":
        return f"{'abcdeghik'[i]})"
    return {"dash": "-", "plus": "+"}[system]


@dataclass
class _Writer:
    layout: Layout
    override: dict[str, Decimal]
    dropped: str | None
    lines: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def money(self) -> str:
        return self.layout.money

    def stated(self, key: str, kind: str, value: Decimal, unit: str | None = None) -> str:
        """The text of a stated figure (the mistake's value if it is the one changed), recorded."""
        shown = self.override.get(key, value)
        places = _places(value) if key in self.override else None
        self.figures.append(Figure(key, kind, shown, unit or self.money, len(self.lines) + 1))
        return num(shown, places)

    def add(self, text: str) -> None:
        self.lines.append(text)

    def amount(self, key: str, kind: str, value: Decimal) -> str:
        return f"{self.stated(key, kind, value)} {self.money}"


def _places(value: Decimal) -> int | None:
    exp = value.normalize().as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else None


def _visible(node: Group | Item, dropped: str | None) -> Group | Item:
    if isinstance(node, Item):
        return node
    return replace(node, children=tuple(_visible(c, dropped) for c in node.children if c.key != dropped))


def write(
    style: str, layout: Layout, root: Group, override: dict[str, Decimal] | None = None, dropped: str | None = None
) -> Doc:
    """The text of the tree; ``override`` changes stated figures, ``dropped`` leaves out an item.
    Sums are stated from the true tree (a dropped item is still counted in them)."""
    w = _Writer(layout, override or {}, dropped)
    w.add(layout.title)
    w.add("")
    for p in layout.preamble:
        w.add(p)
    if layout.preamble:
        w.add("")
    if layout.table:
        _write_table(w, root)
    else:
        if layout.total_at_top:
            _total(w, root)
        _write_children(w, root, (), 0)
        if not layout.total_at_top:
            _total(w, root)
        elif layout.words == "line":  # the total opened the budget: its words close it
            w.add(f"Bằng chữ: {_words(w, root)}.")
    w.add("")
    w.add("Người lập biểu                    Thủ trưởng đơn vị")
    return Doc(style, layout, root, "\n".join(w.lines) + "\n", tuple(w.figures))


def _total(w: _Writer, root: Group) -> None:
    lay = w.layout
    amount = w.amount("total", "total", root.amount)
    said = f"{lay.total_words} {amount}" if lay.total_words.endswith(" là") else f"{lay.total_words}: {amount}"
    if not lay.total_at_top:  # a closing line: nothing follows
        text = f"{said}."
    elif lay.total_words.endswith(" là"):
        text = f"{said}, gồm các nội dung sau:"
    else:
        text = f"{said}, gồm:"
    if lay.words == "paren":
        text = text.rstrip(":,.").removesuffix(", gồm").removesuffix(", gồm các nội dung sau")
        text += f" (Bằng chữ: {_words(w, root)})" + (", gồm:" if lay.total_at_top else ".")
    w.add(text)
    if lay.words == "line" and not lay.total_at_top:
        w.add(f"Bằng chữ: {_words(w, root)}.")


def _words(w: _Writer, root: Group) -> str:
    dong = to_dong(root.amount, w.money)
    shown = w.override.get("words", dong)
    w.figures.append(Figure("words", "words", shown, "đồng", len(w.lines) + 1))
    return to_words(shown, "đồng")


def _write_children(w: _Writer, group: Group, path: tuple[int, ...], depth: int) -> None:
    systems = w.layout.markers
    visible = [c for c in group.children if c.key != w.dropped]
    for i, child in enumerate(visible):
        # a level's marker system: the item system for items; groups by depth from the top
        if isinstance(child, Item):
            system = systems[2]
            if depth == 0 and system in ("dotted", "letter"):  # items straight under the total
                system = "arabic"
            _write_item(w, child, _marker(system, (*path, i)))
        else:
            system = systems[0] if depth == 0 else systems[1]
            marker = _marker(system, (*path, i))
            if child.stated:
                w.add(f"{marker} {child.title}: {w.amount(child.key, 'subtotal', child.amount)}")
            else:
                w.add(f"{marker} {child.title}:")
            _write_children(w, child, (*path, i), depth + 1)


def _with_note(item: Item, head: str, body: str) -> str:
    body = f"{item.lead}{body}{item.end}"
    if item.note and not item.note_after:
        return f"{head} {item.note}: {body}"
    if item.note:
        return f"{head}: {body} {item.note}"
    return f"{head}: {body}"


def _factors(factors: tuple[Factor, ...], op: str) -> str:
    return f" {op} ".join(f.text() for f in factors)


def _write_item(w: _Writer, item: Item, marker: str) -> None:
    head = f"{marker} {item.label}"
    money = w.money
    k = item.kind
    if k in ("product", "operators", "verbs", "nhan_voi"):
        op, verb = item.form
        body = f"{_factors(item.terms[0], op)} {verb} {w.amount(item.key, 'result', item.amount)}"
        w.add(_with_note(item, head, body))
    elif k == "result_first":
        body = f"{w.amount(item.key, 'result', item.amount)} ({_factors(item.terms[0], 'x')})"
        w.add(_with_note(item, head, body))
    elif k == "chain":
        a, rate, b = item.terms[0]
        step = a.value * rate.value
        per = rate.unit.split("/")[-1]
        step_text = f"{w.stated(item.key + '.step', 'step', step)} {money}/{per}"
        body = f"{a.text()} x {rate.text()} = {step_text} x {b.text()} = {w.amount(item.key, 'result', item.amount)}"
        w.add(_with_note(item, head, body))
    elif k == "sum_of_products":
        terms = " + ".join(_factors(t, "x") for t in item.terms)
        w.add(_with_note(item, head, f"{terms} = {w.amount(item.key, 'result', item.amount)}"))
    elif k == "quotient":
        variant, average = item.form
        stated = w.amount(item.key, "amount", item.amount)
        again = f"{num(item.amount)} {money}"
        per_text = w.stated(item.key + ".q", "quotient", item.amount / item.other)
        quotient = f"{again} : {num(item.other)} {item.other_unit} = {per_text} {money}/{item.other_unit}"
        if variant == "comma":
            w.add(f"{head}: {stated}, {average} {quotient}.")
        else:
            w.add(f"{head}: {stated} ({average} {quotient})")
    elif k == "difference":
        gross = item.amount + item.other
        body = f"{num(gross)} {money} - {num(item.other)} {money} = {w.amount(item.key, 'result', item.amount)}"
        w.add(_with_note(item, head, body))
    elif k == "breakdown_sentence":
        sep, where = item.form
        parts = f"{sep} ".join(
            f"{label} là {w.amount(f'{item.key}.p{j}', 'part', v)}" for j, (label, v) in enumerate(item.parts)
        )
        if where == "closing":
            w.add(f"{head}: {parts}{sep} tổng cộng {w.amount(item.key, 'subtotal', item.amount)}.")
        elif where == "next":
            w.add(f"{head} là {w.amount(item.key, 'subtotal', item.amount)}. Gồm: {parts}.")
        else:
            w.add(f"{head} là {w.amount(item.key, 'subtotal', item.amount)}, bao gồm: {parts}.")
    elif k == "breakdown_paren":
        sep, _where = item.form
        parts = f"{sep} ".join(
            f"{label} {w.amount(f'{item.key}.p{j}', 'part', v)}" for j, (label, v) in enumerate(item.parts)
        )
        w.add(f"{head}: {w.amount(item.key, 'subtotal', item.amount)} (trong đó: {parts})")
    else:  # plain
        w.add(_with_note(item, head, w.amount(item.key, "amount", item.amount)))


# --- tables ---------------------------------------------------------------------------------


def _write_table(w: _Writer, root: Group) -> None:
    lay = w.layout
    money = lay.money
    unit = f" ({money})" if lay.table_unit_in_header else ""
    titles = ["STT", "Nội dung", "ĐVT", "Số lượng", f"Đơn giá{unit}"]
    if lay.table_duration:
        titles.append({"ngày": "Số ngày", "tháng": "Số tháng", "buổi": "Số buổi"}[lay.table_duration])
    titles.append(f"Thành tiền{unit}")
    if not lay.table_unit_in_header:
        w.add(f"Đơn vị tính: {money}")
        w.add("")
    rows: list[tuple[list[str], str | None, str, Decimal]] = []  # cells but the amount, key, kind, value
    blank = [""] * (len(titles) - 3)

    def item_row(number: str, item: Item) -> None:
        f = item.terms[0]
        cells = [number, item.label, f[0].unit, f[0].text().split(" ")[0], num(f[1].value, f[1].places)]
        if lay.table_duration:
            cells.append(f[2].text().split(" ")[0])
        rows.append((cells, item.key, "result", item.amount))

    visible = [c for c in root.children if c.key != w.dropped]
    groups, items = lay.table_markers
    for i, child in enumerate(visible):
        if isinstance(child, Item):
            item_row(str(i + 1), child)
        else:
            number = _marker(groups, (i,)).rstrip(".")
            rows.append(([number, child.title, *blank], child.key if child.stated else None, "subtotal", child.amount))
            for j, item in enumerate(c for c in child.children if c.key != w.dropped):
                assert isinstance(item, Item)
                item_row(_marker(items, (j,)).rstrip("."), item)
    rows.append((["", lay.cong_word, *blank], "total", "total", root.amount))

    out_rows: list[list[str]] = [titles]
    stated: list[tuple[int, str, str, Decimal]] = []  # row, key, kind, figure
    for cells, key, kind, value in rows:
        amount = ""
        if key is not None:  # a stated amount (a group row may state none)
            shown = w.override.get(key, value)
            amount = num(shown, _places(value) if key in w.override else None)
            stated.append((len(out_rows), key, kind, shown))
        out_rows.append([*cells, amount])
    line_of = _table_lines(lay.table, out_rows, len(w.lines))
    w.figures.extend(Figure(key, kind, shown, money, line_of[r]) for r, key, kind, shown in stated)
    w.lines.extend(_table_text(lay.table, out_rows))
    if lay.words:
        w.add("")
        w.add(f"Bằng chữ: {_words(w, root)}.")


def _table_lines(form: str, rows: list[list[str]], start: int) -> list[int]:
    """The 1-based line of each row's amount cell (the last), the table starting after line ``start``."""
    if form == "cells":
        width = len(rows[0])
        return [start + i * width + width for i in range(len(rows))]
    if form == "bars":
        out = []
        line = start
        for r in rows:
            line += 1 + sum(1 for c in r[:-1] if c) + len(r) - 1  # its opening bar, cells and bars
            out.append(line + 1)
            line += 1 + (1 if r[-1] else 0)
        return out
    return [start + i + 1 for i in range(len(rows))]


def _table_text(form: str, rows: list[list[str]]) -> list[str]:
    if form == "bars":  # each cell between two bar lines, as converters write Word tables
        return bars_text(rows)
    if form == "pipe":
        return ["| " + " | ".join(r) + " |" for r in rows]
    if form == "tab":
        return ["\t".join(r) for r in rows]
    if form == "cells":
        return [c if c else " " for r in rows for c in r]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    numeric = [i >= 3 for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [c.rjust(widths[i]) if numeric[i] else c.ljust(widths[i]) for i, c in enumerate(r)]
        out.append("  ".join(cells).rstrip())
    return out


def bars_text(rows: list[list[str]]) -> list[str]:
    """Rows as converters write a Word table: each cell between two bar lines, nothing between
    two bars for an empty cell, two bars between rows."""
    return bars_rows(rows)[0]


def bars_rows(rows: list[list[str]], first: int = 1) -> tuple[list[str], list[tuple[int, int]]]:
    """``bars_text`` and each row's span of lines (its first cell to its closing bar), counted
    from ``first``, the line number of the first bar."""
    out: list[str] = []
    spans = []
    for r in rows:
        out.append("|")
        start = first + len(out)
        for c in r:
            if c:
                out.append(c)
            out.append("|")
        spans.append((start, first + len(out) - 1))
    return out, spans


# --- mistakes -------------------------------------------------------------------------------


# A mistake moves a figure by at least this many units of its last written place: a smaller
# difference between a sum and rounded parts is one that rounding explains (the stated
# precision's interval, as XBRL's calculation check allows), and the checker rightly accepts it.
CLEAR_OF_ROUNDING = 20


def _unit(value: Decimal) -> Decimal:
    """One unit of the last place ``value`` is written with (1 for whole figures)."""
    places = _places(value) or 0
    return Decimal(1).scaleb(-places)


def rounding_slack(doc: Doc) -> Decimal:
    """The most a sum of the document may differ from its parts by rounding alone: half a unit
    of the last place of every figure that is not an exact computation (in the money unit)."""
    rounded = ("amount", "subtotal", "total", "part")
    return sum((_unit(f.value) / 2 for f in doc.figures if f.kind in rounded), Decimal(0))


def _clear(value: Decimal, wrong: Decimal, slack: Decimal = Decimal(0)) -> bool:
    delta = abs(wrong - value)
    return wrong > 0 and delta >= CLEAR_OF_ROUNDING * _unit(value) and delta > 2 * slack


def _wrong(rnd: random.Random, value: Decimal, slack: Decimal = Decimal(0)) -> Decimal | None:
    """A plausible wrong figure for ``value``: its last significant digit moved, clear of rounding."""
    exponent = value.normalize().as_tuple().exponent
    step = Decimal(1).scaleb(exponent) if isinstance(exponent, int) else Decimal(1)
    for _ in range(20):
        wrong = value + step * rnd.choice((-3, -2, -1, 1, 2, 5, 10))
        if _clear(value, wrong, slack):
            return wrong
    for times in (1, 2, 5, 10, 100):
        wrong = value + CLEAR_OF_ROUNDING * _unit(value) * times
        if _clear(value, wrong, slack):
            return wrong
    return None


def _transposed(rnd: random.Random, value: Decimal, slack: Decimal = Decimal(0)) -> Decimal | None:
    """``value`` with two adjacent different digits swapped (never a leading zero), or None."""
    text = num(value)
    spots = [
        i
        for i in range(len(text) - 1)
        if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1] and not (i == 0 and text[1] == "0")
    ]
    rnd.shuffle(spots)
    for i in spots:
        swapped = dec(text[:i] + text[i + 1] + text[i] + text[i + 2 :])
        if _clear(value, swapped, slack):
            return swapped
    return None


def _items(node: Group) -> list[tuple[Item, list[Group]]]:
    out: list[tuple[Item, list[Group]]] = []
    for c in node.children:
        if isinstance(c, Item):
            out.append((c, [node]))
        else:
            out.extend((item, [node, *path]) for item, path in _items(c))
    return out


_COMPUTED = (
    "product",
    "operators",
    "verbs",
    "nhan_voi",
    "result_first",
    "chain",
    "sum_of_products",
    "difference",
    "row",
)


def relations(doc: Doc) -> tuple[dict[str, Decimal], list[tuple[str, tuple[str, ...]]], dict[str, Decimal]]:
    """What the text's figures must satisfy: the stated figures (in the money unit), the sums
    (a figure equals the sum of others) and the computed figures (a product's result is fixed
    by its factors, which the text states and no mistake touches)."""
    values = {f.key: f.value for f in doc.figures}
    if "words" in values:
        values["words"] = values["words"].scaleb(-MONEY_EXPONENT[doc.layout.money])
    sums: list[tuple[str, tuple[str, ...]]] = []
    fixed: dict[str, Decimal] = {}

    def parts(group: Group) -> list[str]:
        out: list[str] = []
        for c in group.children:
            if c.key in values:
                out.append(c.key)
            elif isinstance(c, Group):  # a group that states nothing: its parts count in the sum above
                out.extend(parts(c))
        return out

    def visit(node: Group | Item, top: bool = False) -> None:
        if isinstance(node, Group):
            key = "total" if top else node.key
            if key in values:
                sums.append((key, tuple(parts(node))))
            for c in node.children:
                visit(c)
            return
        if node.key not in values:  # dropped
            return
        if node.kind in _COMPUTED:
            fixed[node.key] = node.amount
        if node.kind == "chain":
            a, rate, _ = node.terms[0]
            fixed[node.key + ".step"] = a.value * rate.value
        if node.kind == "quotient":
            fixed[node.key + ".q"] = node.amount / node.other
        if node.parts:
            sums.append((node.key, tuple(f"{node.key}.p{j}" for j in range(len(node.parts)))))

    visit(doc.root, top=True)
    if "words" in values:
        sums.append(("words", ("total",)))
    return values, sums, fixed


def consistent(values: dict[str, Decimal], sums: list[tuple[str, tuple[str, ...]]], fixed: dict[str, Decimal]) -> bool:
    return all(values[k] == v for k, v in fixed.items()) and all(
        values[k] == sum((values[p] for p in ps), Decimal(0)) for k, ps in sums
    )


def fixes(doc: Doc) -> list[str]:
    """The figures whose change alone would make the document agree with itself. One: the text
    singles out the wrong figure. Several: nothing in the text says which of them is wrong
    (a total over plain amounts, say), and a checker may rightly name any of them."""
    values, sums, fixed = relations(doc)
    out = []
    for key, value in values.items():
        candidates = {fixed[key]} if key in fixed else set()
        for k, ps in sums:
            if k == key:
                candidates.add(sum((values[p] for p in ps), Decimal(0)))
            elif key in ps:
                candidates.add(values[k] - sum((values[p] for p in ps if p != key), Decimal(0)))
        for c in candidates - {value}:
            if consistent({**values, key: c}, sums, fixed):
                out.append(key)
                break
    return out


def inject(rnd: random.Random, doc: Doc, kind: str | None = None) -> Doc | None:
    """``doc`` with one mistake of ``kind`` (random when None); None when the document has no
    figure of that kind (no amount in words, no group of two items to drop one from) or none
    that can be changed by more than rounding explains."""
    if kind is None:  # any kind the document allows
        for k in rnd.sample(MISTAKES, len(MISTAKES)):
            mistaken = inject(rnd, doc, k)
            if mistaken is not None:
                return mistaken
        return None
    figures = doc.figures
    slack = rounding_slack(doc)
    if kind == "dropped":
        candidates = [
            (item, path) for item, path in _items(doc.root) if len(path[-1].children) >= 2 and item.amount > 2 * slack
        ]
        if not candidates:
            return None
        item, path = rnd.choice(candidates)
        # the first figure that now disagrees: the nearest stated sum above the dropped item
        holder = next(g for g in reversed(path) if g.stated)
        key = "total" if holder is doc.root else holder.key
        mistaken = write(doc.style, doc.layout, doc.root, dropped=item.key)
        wrong = mistaken.figure(key)
        return _with_mistake(mistaken, Mistake(kind, wrong, wrong.value - item.amount))
    pools = {
        "wrong_result": [f for f in figures if f.kind in ("result", "amount", "quotient")],
        "wrong_subtotal": [f for f in figures if f.kind == "subtotal"],
        "wrong_total": [f for f in figures if f.kind == "total"],
        "wrong_words": [f for f in figures if f.kind == "words"],
        "transposed": [f for f in figures if f.kind in ("result", "amount", "subtotal", "total", "quotient")],
    }
    pool = pools[kind]
    rnd.shuffle(pool)
    for target in pool:
        margin = Decimal(0) if kind == "wrong_words" else slack  # words are whole đồng, read exactly
        if kind == "transposed":
            value = _transposed(rnd, target.value, margin)
        else:
            value = _wrong(rnd, target.value, margin)
        if value is None or value == target.value:
            continue
        if kind == "wrong_words" and value != value.to_integral_value():
            continue
        mistaken = write(doc.style, doc.layout, doc.root, override={target.key: value})
        return _with_mistake(mistaken, Mistake(kind, mistaken.figure(target.key), target.value))
    return None


def _with_mistake(doc: Doc, mistake: Mistake) -> Doc:
    """``doc`` carrying ``mistake``, ambiguous when another figure would explain it as well. A
    dropped item leaves no figure that restores agreement alone (the sum is right, an item is
    missing): the sum that disagrees is the figure to name, unless a part could be the culprit."""
    others = [k for k in fixes(doc) if k != mistake.figure.key]
    return replace(doc, mistake=replace(mistake, ambiguous=bool(others)))


# --- checking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Said:
    """One finding, as the tests compare it."""

    code: str
    severity: str  # "error", "warning", "info"
    line: int | None
    actual_dong: Decimal | None  # the finding's ``actual``, in đồng when its unit is money
    actual: Decimal | None
    unit: str | None
    cause_line: int | None = None  # the line the finding's likely cause points at


@dataclass(frozen=True)
class Outcome:
    verdict: str  # "ok" (KHỚP), "errors", "incomplete", "no_budget"
    headline: str
    findings: tuple[Said, ...]

    @property
    def errors(self) -> tuple[Said, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


def check_text(text: str, name: str = "dutoan.txt") -> Outcome:
    """What ``budget check FILE --format json`` says of ``text`` (verdict and findings), in process."""
    from budget.api import Report, check_plan
    from budget.findings import sort_key
    from budget.parse import parse
    from budget.read.text import split_lines
    from plancheck.projection import project

    plan, read = parse(split_lines(text, name), name)
    evaluation, more = check_plan(plan)
    report = Report(plan, evaluation, tuple(sorted([*read, *more], key=sort_key)))
    shown = project(report, checked_at="", sha256="")
    said = tuple(
        Said(
            f.code,
            str(f.severity),
            f.source.line,
            None if f.actual is None else to_dong(f.actual, f.unit or "đồng"),
            f.actual,
            f.unit,
            None if f.cause is None or f.cause.source is None else f.cause.source.line,
        )
        for f in report.findings
    )
    return Outcome(str(shown.verdict.kind), shown.verdict.headline, said)


@dataclass(frozen=True)
class Judgement:
    """The three properties on one document: None where a property does not apply."""

    fully_read: bool  # KHỚP (on a correct document)
    false_error: bool | None  # P1 broken: an error on a correct document
    false_ok: bool | None  # P2 broken: KHỚP on a mistaken document
    found: bool | None  # the mistake gave an error
    # P3: when found, an error or warning has the wrong figure as actual, at its line, or an
    # error's likely cause points at that line
    at_figure: bool | None


def judge(doc: Doc, outcome: Outcome) -> Judgement:
    if doc.mistake is None:
        return Judgement(outcome.verdict == "ok", bool(outcome.errors), None, None, None)
    wrong = doc.mistake.figure
    found = bool(outcome.errors)
    at = None
    if found and not doc.mistake.ambiguous:
        target = to_dong(wrong.value, wrong.unit)
        at = any(
            (f.severity in ("error", "warning") and f.line == wrong.line and f.actual_dong == target)
            or (f.severity == "error" and f.cause_line == wrong.line)
            for f in outcome.findings
        )
    return Judgement(outcome.verdict == "ok", None, outcome.verdict == "ok", found, at)
