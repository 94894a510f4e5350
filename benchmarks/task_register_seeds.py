"""The task register on the seed plans: how many tasks, and deadlines of each kind, ``indicators
tasks`` reads from the Hai Phong plan implementing NQ 51/NQ-CP (its annex of tasks) and from Ha
Dong's Kế hoạch 267/KH-UBND (its “Thời gian thực hiện” lines).

    python benchmarks/task_register_seeds.py SEEDS_FOLDER

Says so and exits 0 when the folder or a seed is absent (the seeds are not part of the project).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from budget.read.document import read_document
from indicators.tasks import tasks_of

SEEDS = {"003_b21f04cd465f80b7.txt": "Hải Phòng, KH thực hiện NQ 51/NQ-CP (2025)", "004_fa84db0f1f94df91.txt":
         "Hà Đông, KH 267/KH-UBND (25/12/2020)"}  # fmt: skip


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("seeds")
    print("| seed | tasks | day | month | quarter | year | recurring | unread | findings |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, title in SEEDS.items():
        path = folder / name
        if not path.is_file():
            print(f"| {title} | (absent: {name}) |")
            continue
        tasks, findings = tasks_of(read_document(path).lines)
        kinds = Counter(t.deadline.kind.value for t in tasks)
        row = [kinds[k] for k in ("date", "month", "quarter", "year", "recurring", "unread")]
        print(f"| {title} | {len(tasks)} | " + " | ".join(map(str, row)) + f" | {len(findings)} |")
        for t in tasks:
            due = t.deadline.due.isoformat() if t.deadline.due else t.deadline.kind.value
            print(f"|  | {t.source.line}: {t.number} | {due} | {t.deadline.text[:40]} | {t.lead[:30]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
