"""How far the checker's verdicts can be trusted on generated documents, style by style.

Run: python benchmarks/generated_report.py N [--seed S] [--examples]

For every style of ``benchmarks/gen_docs.py`` (the held ones and the others alike), N
correct documents and N copies with one mistake each are checked in process. Per style:

* *read*: share of correct documents judged KHỚP (read in full and found to agree);
* *false err*: correct documents given an error (property P1 broken);
* *false KHỚP*: mistaken documents judged KHỚP (P2 broken);
* *found*: mistaken documents given an error;
* *at figure*: of those, the share where an error or warning names the wrong figure as its
  ``actual``, at its line (P3); a mistake between two figures that nothing else decides
  between (a sum stated over one plain amount) is left out of this share.

A second table gives the same for each kind of mistake over all styles. With ``--examples``
the shortest document that broke each property in each style is printed with what the tool
said of it.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the checkout's root holds the package ``benchmarks``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gen_docs import MISTAKES, STYLES, Doc, Outcome, build, check_text, inject, judge


@dataclass
class Tally:
    correct: int = 0
    read: int = 0
    false_error: int = 0
    mistaken: int = 0
    false_ok: int = 0
    found: int = 0
    decidable: int = 0  # found, and not one of two figures that nothing else decides between
    at_figure: int = 0
    shortest: dict[str, tuple[Doc, Outcome]] = field(default_factory=dict)

    def keep(self, prop: str, doc: Doc, outcome: Outcome) -> None:
        old = self.shortest.get(prop)
        if old is None or len(doc.text) < len(old[0].text):
            self.shortest[prop] = (doc, outcome)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    —"


def measure(n: int, seed: int, styles: tuple[str, ...] = STYLES) -> tuple[dict[str, Tally], dict[str, Tally]]:
    by_style: dict[str, Tally] = {s: Tally() for s in styles}
    by_mistake: dict[str, Tally] = defaultdict(Tally)
    for style in styles:
        t = by_style[style]
        for i in range(n):
            rnd = random.Random(f"{seed}:{style}:{i}")
            doc = build(rnd, style, size=rnd.choice((1, 1, 2, 3)))
            outcome = check_text(doc.text)
            j = judge(doc, outcome)
            t.correct += 1
            t.read += j.fully_read
            if j.false_error:
                t.false_error += 1
                t.keep("P1 false error", doc, outcome)
            mistaken = inject(rnd, doc)
            if mistaken is None or mistaken.mistake is None:
                continue
            outcome = check_text(mistaken.text)
            j = judge(mistaken, outcome)
            for tally in (t, by_mistake[mistaken.mistake.kind]):
                tally.mistaken += 1
                tally.false_ok += bool(j.false_ok)
                tally.found += bool(j.found)
                tally.decidable += j.at_figure is not None
                tally.at_figure += bool(j.at_figure)
            if j.false_ok:
                t.keep("P2 false KHỚP", mistaken, outcome)
            if j.at_figure is False:
                t.keep("P3 figure not named", mistaken, outcome)
    return by_style, dict(by_mistake)


def table(by_style: dict[str, Tally], by_mistake: dict[str, Tally]) -> str:
    head = (
        f"{'style':<20} {'docs':>5} {'read':>7} {'false err':>9} {'mistaken':>8} {'false KHỚP':>10}"
        f" {'found':>7} {'at figure':>9}"
    )
    out = [head, "-" * len(head)]
    for style, t in by_style.items():
        out.append(
            f"{style:<20} {t.correct:>5} {_pct(t.read, t.correct):>7} {t.false_error:>9} {t.mistaken:>8}"
            f" {t.false_ok:>10} {_pct(t.found, t.mistaken):>7} {_pct(t.at_figure, t.decidable):>9}"
        )
    out += ["", f"{'mistake':<20} {'docs':>5} {'false KHỚP':>10} {'found':>7} {'at figure':>9}"]
    for kind in MISTAKES:
        t = by_mistake.get(kind, Tally())
        out.append(
            f"{kind:<20} {t.mistaken:>5} {t.false_ok:>10} {_pct(t.found, t.mistaken):>7}"
            f" {_pct(t.at_figure, t.decidable):>9}"
        )
    return "\n".join(out)


def examples(by_style: dict[str, Tally]) -> str:
    out = []
    for style, t in by_style.items():
        for prop, (doc, outcome) in sorted(t.shortest.items()):
            out.append(f"=== {style}: {prop}")
            if doc.mistake is not None:
                m = doc.mistake
                out.append(f"(mistake: {m.kind}, line {m.figure.line} states {m.figure.value}, truth {m.true_value})")
            out.append(doc.text.rstrip("\n"))
            out.append(f"--> {outcome.verdict}: {outcome.headline}")
            for f in outcome.findings:
                if f.severity != "info":
                    out.append(f"    {f.severity} {f.code} line {f.line} actual {f.actual} {f.unit or ''}".rstrip())
            out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="documents per style")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--examples", action="store_true", help="print the shortest failing document of each kind")
    parser.add_argument("--style", action="append", choices=STYLES, help="only these styles")
    args = parser.parse_args(argv)
    by_style, by_mistake = measure(args.n, args.seed, tuple(args.style or STYLES))
    print(table(by_style, by_mistake))
    if args.examples:
        print()
        print(examples(by_style))
    return 0


if __name__ == "__main__":
    sys.exit(main())
