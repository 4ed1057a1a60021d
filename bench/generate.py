"""Make a store with many cases and plans, for benchmarks (and for trying the app at scale).

python bench/generate.py HOME --cases 1000 --plans 10000
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from coach.store import Store
from coach.timestamps import now

FLOWS = ["de_escalation", "priorities", "announcement", "sit_in", "support_network"]
NAMES = ["Sam", "Alex", "Zoë", "Łukasz", "Siobhán", "Δημήτρης", "Дмитрий", "Noor", "Kai", "Maya"]


def generate(home: Path, cases: int, plans: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with Store.open(home) as store:
        db = store.connection
        stamp = now()
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO cases (name, profile, created, updated) VALUES (?, '{}', ?, ?)",
            [(f"{NAMES[i % len(NAMES)]} {i}", stamp, stamp) for i in range(cases)],
        )
        body = "# Plan\n\n" + "\n".join(f"- step {i}: stay calm and say little" for i in range(40))
        answers = json.dumps({"what_happened": "An argument about the phone at bedtime."})
        for number in range(plans):
            case_id = rng.randint(1, cases) if cases else None
            flow = FLOWS[number % len(FLOWS)]
            session = db.execute(
                "INSERT INTO sessions (case_id, flow_id, flow_version, state, status, created,"
                " updated) VALUES (?, ?, 1, 'done', 'finished', ?, ?)",
                (case_id, flow, stamp, stamp),
            ).lastrowid
            plan = db.execute(
                "INSERT INTO plans (session_id, case_id, flow_id, flow_version, title, answers,"
                " created) VALUES (?, ?, ?, 1, ?, ?, ?)",
                (session, case_id, flow, f"Plan {number}", answers, stamp),
            ).lastrowid
            db.execute(
                "INSERT INTO plan_revisions (plan_id, revision, body, created) VALUES (?, 1, ?, ?)",
                (plan, body, stamp),
            )
        db.execute("COMMIT")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("home", type=Path)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--plans", type=int, default=10000)
    args = parser.parse_args()
    generate(args.home, args.cases, args.plans)


if __name__ == "__main__":
    main()
