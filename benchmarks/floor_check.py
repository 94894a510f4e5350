"""The floor for checking a plan: the least a program can do and still check the same text.

Reads the text, matches the ``a x b x c = d`` cost lines with one regular expression,
reads Vietnamese numbers (``.`` thousands, ``,`` decimals) and money scales (đồng, nghìn,
triệu, tỷ), computes every product and every section sum exactly with Decimal, and
compares them with the stated figures. No source map, no findings beyond a count, no
units beyond money, no outline beyond numbered headings: what ``budget check`` costs above
this is the price of everything it says.

Run: python benchmarks/floor_check.py PLAN.txt   (prints a one-line JSON summary)
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Context, Decimal, Inexact, InvalidOperation

EXACT = Context(prec=60, traps=[Inexact, InvalidOperation])
NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
MONEY = r"tỷ đồng|tỉ đồng|triệu đồng|nghìn đồng|ngàn đồng|đồng"
SCALE = {"tỷ đồng": 9, "tỉ đồng": 9, "triệu đồng": 6, "nghìn đồng": 3, "ngàn đồng": 3, "đồng": 0}
COST = re.compile(rf"^\s*-\s*[^:]*:\s*(?P<body>.+?)\s=\s(?P<result>{NUM})\s+(?P<unit>{MONEY})\.?\s*$")
FACTOR = re.compile(rf"^(?:TB\s+)?(?P<value>{NUM})\s*(?P<unit>.*)$")
TIMES = re.compile(r"\s[x×X*]\s")
HEADING = re.compile(rf"^(?P<number>\d+(?:\.\d+)*)\.\s+(?:[^:]*:\s*(?P<value>{NUM})\s+(?P<unit>{MONEY}))?")
STATED = re.compile(rf"^Dự kiến:.*?:\s*(?P<value>{NUM})\s+(?P<unit>{MONEY})")
TOTAL = re.compile(rf"^Tổng kinh phí.*?(?P<value>{NUM})\s+(?P<unit>{MONEY})")


def number(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def in_dong(value: str, unit: str) -> Decimal:
    return number(value).scaleb(SCALE[unit], EXACT)


def check(text: str) -> dict[str, object]:
    lines = bad_lines = bad_sections = 0
    sections: list[tuple[str, Decimal | None, Decimal]] = []  # number, stated, sum of lines (đồng)
    total: Decimal | None = None
    stated: Decimal | None = None
    number_ = ""
    running = Decimal(0)
    for line in text.splitlines():
        m = COST.match(line)
        if m:
            lines += 1
            product = Decimal(1)
            scale = 0
            for part in TIMES.split(m["body"]):
                f = FACTOR.match(part.strip())
                if f is None:
                    continue
                product = EXACT.multiply(product, number(f["value"]))
                unit = f["unit"]
                for money, power in SCALE.items():
                    if unit.startswith(money):
                        scale = power
                        break
            result = in_dong(m["result"], m["unit"])
            if product.scaleb(scale, EXACT) != result:
                bad_lines += 1
            running = EXACT.add(running, result)
            continue
        h = HEADING.match(line) if total is not None else None  # sections come after the grand total
        if h:
            if number_:
                sections.append((number_, stated, running))
            number_, running = h["number"], Decimal(0)
            stated = in_dong(h["value"], h["unit"]) if h["value"] else None
            continue
        s = STATED.match(line)
        if s and number_:
            stated = in_dong(s["value"], s["unit"])
            continue
        t = TOTAL.match(line)
        if t:
            total = in_dong(t["value"], t["unit"])
    if number_:
        sections.append((number_, stated, running))
    summed = Decimal(0)
    for _, value, computed in sections:
        if value is not None and value != computed:
            bad_sections += 1
        summed = EXACT.add(summed, value if value is not None else computed)
    return {
        "lines": lines,
        "sections": len(sections),
        "bad_lines": bad_lines,
        "bad_sections": bad_sections,
        "total_ok": total == summed if total is not None else None,
        "sum_dong": format(summed, "f"),
    }


def main() -> int:
    with open(sys.argv[1], encoding="utf-8-sig") as f:
        text = f.read()
    print(json.dumps(check(text), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
