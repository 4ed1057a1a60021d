"""NVR Coach benchmarks: each row is a ratio against a baseline measured in the same run.

    python bench/run.py [--json FILE] [--quick] [--only GROUP]

Targets come from the benchmarks issue; a row prints PASS or MISS. One row has no target and
prints "info": how long Pilot waits for the app to settle after an answer, against a bare
Textual app measured the same way (see tui_steps.py for why that differs from the time until
the next question is painted). These are measurements, not tests: nothing here fails the
test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

PYTHON = sys.executable
ANSWERS = ROOT / "tests" / "answers" / "de_escalation.yaml"


@dataclass
class Row:
    """One measure; a row with no target is shown for information (no PASS or MISS)."""

    measure: str
    value: float
    baseline: float | None
    target: float | None
    unit: str = "ms"

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        return (self.ratio if self.ratio is not None else self.value) <= self.target

    def cells(self) -> list[str]:
        shown = f"{self.value:.3f}" if self.value < 1 else f"{self.value:.1f}"
        base = (
            ""
            if self.baseline is None
            else (f"{self.baseline:.3f}" if self.baseline < 1 else f"{self.baseline:.1f}")
        )
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}x"
        if self.target is None:
            target = "-"
        elif self.baseline is not None:
            target = f"<= {self.target}x"
        else:
            target = f"< {self.target} {self.unit}"
        result = {None: "info", True: "PASS", False: "MISS"}[self.passed]
        return [
            self.measure,
            f"{shown} {self.unit}",
            f"{base} {self.unit}" if base else "-",
            ratio or "-",
            target,
            result,
        ]


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def command_ms(args: list[str], env: dict[str, str], repeat: int) -> float:
    def run() -> None:
        subprocess.run(
            args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    run()
    return median_ms(run, repeat)


def coach_args(*args: str) -> list[str]:
    return [PYTHON, "-m", "coach", *args]


def startup_rows(env: dict[str, str], repeat: int) -> list[Row]:
    typer_only = command_ms([PYTHON, "-c", "import typer"], env, repeat)
    loaders = command_ms([PYTHON, "-c", "import typer, yaml, pydantic"], env, repeat)
    return [
        Row("coach --version", command_ms(coach_args("--version"), env, repeat), typer_only, 1.3),
        Row(
            "coach flows --json",
            command_ms(coach_args("flows", "--json"), env, repeat),
            loaders,
            1.5,
        ),
        Row(
            "coach validate (all flows)",
            command_ms(coach_args("validate"), env, repeat),
            loaders,
            2.0,
        ),
    ]


def engine_row(repeat: int) -> Row:
    from coach.answer_file import read_answer_file
    from coach.engine import Session
    from coach.flowformat.loader import load_folders
    from coach.paths import shipped_flows_folder

    flow = load_folders([shipped_flows_folder()]).get("de_escalation")
    given = read_answer_file(ANSWERS, flow)
    samples: list[float] = []
    for _ in range(repeat):
        session = Session(flow, today=date(2026, 11, 27), case={"name": "Sam"})
        while not session.is_finished:
            started = time.perf_counter()
            for spec in session.fields:
                if spec.id in given:
                    session.answer(spec.id, given[spec.id])
            session.advance()
            samples.append((time.perf_counter() - started) * 1000)
    return Row("engine: answer + advance (median)", statistics.median(samples), None, 0.5)


def autosave_row(folder: Path, repeat: int) -> Row:
    """Ours and the bare INSERT take turns, so that the disk's fsync times, which drift
    within a run, weigh on both alike."""
    from coach.store import Store

    bare = sqlite3.connect(folder / "bare.db", isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=FULL")
    bare.execute("CREATE TABLE t (k TEXT, v TEXT)")

    def insert() -> None:
        bare.execute("BEGIN")
        bare.execute("INSERT INTO t VALUES (?, ?)", ("f", '"an answer of usual length"'))
        bare.execute("COMMIT")

    ours: list[float] = []
    baseline: list[float] = []
    with Store.open(folder / "autosave") as store:
        session_id = store.create_session("de_escalation", 1, None, "incident")
        for number in range(repeat):
            ours.append(
                median_ms(
                    lambda n=number: store.save_answer(
                        session_id, f"f{n}", "an answer of usual length"
                    ),
                    1,
                )
            )
            baseline.append(median_ms(insert, 1))
    bare.close()
    return Row(
        "autosave of one answer (median)",
        statistics.median(ours),
        statistics.median(baseline),
        1.5,
    )


# Every shipped flow, each run with its test answers for one case: the later ones draw on the
# supporters and priorities the earlier ones put on the case.
FLOWS_IN_CASE_ORDER = [
    "support_network",
    "priorities",
    "announcement",
    "sit_in",
    "de_escalation",
    "delayed_action",
    "supporter_messages",
    "resisting_rules",
    "reconciliation_gestures",
]
EXPORT_TARGETS = {"md": 20.0, "html": 50.0, "pdf": 400.0}


def export_rows(folder: Path, env: dict[str, str], repeat: int) -> list[Row]:
    from coach.export.registry import exporter, formats
    from coach.services.workspace import Workspace
    from coach.store import Store

    home = folder / "exports"
    for flow_id in FLOWS_IN_CASE_ORDER:
        subprocess.run(
            coach_args(
                "run",
                flow_id,
                "--answers",
                str(ANSWERS.parent / f"{flow_id}.yaml"),
                "--case",
                "Sam",
            ),
            env={**env, "COACH_HOME": str(home)},
            check=True,
            stdout=subprocess.DEVNULL,
        )
    workspace = Workspace(home_option=home)
    with Store.open(home) as store:
        plan = max((store.plan(p.id) for p in store.plans()), key=lambda p: len(p.body))
        rows = []
        for name, target in EXPORT_TARGETS.items():
            if name in formats():
                render = exporter(name).render
                render(plan, workspace.catalogue)
                ms = median_ms(lambda r=render: r(plan, workspace.catalogue), repeat)
                label = f"export {name} of the longest plan ({plan.flow_id})"
                rows.append(Row(label, ms, None, target))
    rows.append(pdf_frame_row(_welcomed_home(home), plan.id, folder, env, repeat))
    return rows


def pdf_frame_row(home: Path, plan_id: int, folder: Path, env: dict[str, str], repeat: int) -> Row:
    """The app stays drawn while it makes a PDF: each export's longest frame, the median."""
    from export_frames import longest_frame_ms

    os.environ["COACH_HOME"] = str(home)
    longest = [
        longest_frame_ms(plan_id, folder / f"frame-{number}.pdf") for number in range(repeat)
    ]
    os.environ["COACH_HOME"] = env["COACH_HOME"]
    label = "longest frame while the app exports it as PDF (median of exports)"
    return Row(label, statistics.median(longest), None, 50.0)


REPORT_TARGETS = {"html": 50.0, "pdf": 300.0}


def campaign_rows(folder: Path, repeat: int) -> list[Row]:
    """The timeline of five years of daily entries vs an empty case; logging an incident; the
    progress report of a year (about 350 diary entries, 52 check-ins) through the use case."""
    from campaign_rows import log_ms, report_ms, timeline_ms

    large, empty, fortnight, items = timeline_ms(folder, repeat)
    rows = [
        Row(f"timeline of a case, {items:,} items (5 years daily) vs empty", large, empty, 1.5),
        Row(
            f"timeline of a case, {items:,} items vs a fortnight's (a screenful)",
            large,
            fortnight,
            None,
        ),
        Row(
            "log an incident: the form's answers to the entry stored",
            log_ms(folder, repeat * 5),
            None,
            5.0,
        ),
    ]
    timed, entries, case_id = report_ms(folder, repeat)
    rows += [
        Row(
            f"progress report of a year ({entries} entries, from the store), {kind}",
            ms,
            None,
            REPORT_TARGETS[kind],
        )
        for kind, ms in timed.items()
    ]
    rows.append(report_frame_row(_welcomed_home(folder / "year"), case_id, folder, repeat))
    return rows


def report_frame_row(home: Path, case_id: int, folder: Path, repeat: int) -> Row:
    """The app stays drawn while it makes the report's PDF: each export's longest frame."""
    from export_frames import longest_report_frame_ms

    before = os.environ.get("COACH_HOME")
    os.environ["COACH_HOME"] = str(home)
    longest = [
        longest_report_frame_ms(case_id, folder / f"report-frame-{number}.pdf")
        for number in range(repeat)
    ]
    if before is None:
        os.environ.pop("COACH_HOME")
    else:
        os.environ["COACH_HOME"] = before
    label = "longest frame while the app exports the year's report as PDF (median of exports)"
    return Row(label, statistics.median(longest), None, 50.0)


def plans_rows(folder: Path, env: dict[str, str], repeat: int) -> list[Row]:
    small, large = folder / "plans-10", folder / "plans-10000"
    generate(small, cases=5, plans=10)
    generate(large, cases=1000, plans=10_000)
    timed = {
        home: command_ms(coach_args("plans", "--json"), {**env, "COACH_HOME": str(home)}, repeat)
        for home in (small, large)
    }
    return [Row("coach plans --json, 10,000 plans vs 10", timed[large], timed[small], 3.0)]


def _welcomed_home(home: Path) -> Path:
    from coach.services.settings import WELCOMED_SETTING
    from coach.store import Store

    with Store.open(home) as store:
        store.set_setting(WELCOMED_SETTING, "1")
    return home


def _probe(which: str, env: dict[str, str]) -> tuple[float, int]:
    args = [PYTHON, str(ROOT / "bench" / "tui_probe.py"), which]
    started = time.perf_counter()
    done = subprocess.run(args, env=env, check=True, capture_output=True, text=True)
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, json.loads(done.stdout.strip().splitlines()[-1])["rss_kb"]


def tui_start_rows(folder: Path, env: dict[str, str], repeat: int) -> list[Row]:
    empty = _welcomed_home(folder / "tui-empty")
    large = folder / "tui-large"
    generate(large, cases=1000, plans=10_000)
    _welcomed_home(large)
    runs: dict[str, list[tuple[float, int]]] = {"bare": [], "empty": [], "large": []}
    probes = {
        which: ("bare" if which == "bare" else "coach", {**env, "COACH_HOME": str(home)})
        for which, home in (("bare", empty), ("empty", empty), ("large", large))
    }
    for app, probe_env in probes.values():  # a first start builds caches; it is not counted
        _probe(app, probe_env)
    for _ in range(repeat):  # the three take turns, so drift in the machine weighs on all
        for which, (app, probe_env) in probes.items():
            runs[which].append(_probe(app, probe_env))

    def wall(which: str) -> float:
        return statistics.median(r[0] for r in runs[which])

    def rss(which: str) -> float:
        return statistics.median(r[1] for r in runs[which]) / 1024

    return [
        Row("TUI cold start to the home screen", wall("empty"), wall("bare"), 1.3),
        Row("TUI peak memory at the home screen", rss("empty"), rss("bare"), 1.3, "MiB"),
        Row("home ready, 1,000 cases / 10,000 plans vs empty", wall("large"), wall("empty"), 1.5),
    ]


def tui_step_rows(folder: Path, env: dict[str, str]) -> list[Row]:
    os.environ["COACH_HOME"] = str(_welcomed_home(folder / "tui-steps"))
    from tui_steps import answer_steps, bare_app_steps, transcript_growth

    from coach.answer_file import read_answer_file
    from coach.flowformat.loader import load_folders
    from coach.paths import shipped_flows_folder

    flow = load_folders([shipped_flows_folder()]).get("de_escalation")
    steps = answer_steps(read_answer_file(ANSWERS, flow))
    os.environ["COACH_HOME"] = str(_welcomed_home(folder / "tui-long"))
    first, last = transcript_growth(folder)
    os.environ["COACH_HOME"] = env["COACH_HOME"]
    bare = statistics.median(bare_app_steps())
    median = statistics.median
    return [
        Row(
            "answer -> next question painted (median)",
            median(steps.painted),
            steps.idle_refresh,
            3.0,
        ),
        Row("the same, last 10 of 60 messages vs first 10", median(last), median(first), 1.2),
        Row("answer -> Pilot sees the app idle, vs a bare app", median(steps.idle), bare, None),
    ]


def palette_rows(folder: Path, env: dict[str, str]) -> list[Row]:
    """One key typed into the palette, with 10,000 plans against 100 (both show as many
    matches), the median over a query typed a letter at a time; and the slowest of its keys
    (the palette prunes its search where the matches are tight, so keys differ)."""
    from palette_keys import keystroke_times

    timed: dict[int, list[float]] = {}
    for plans in (100, 10_000):
        home = _welcomed_home(folder / f"palette-{plans}")
        generate(home, cases=min(plans // 10, 1000) or 1, plans=plans)
        os.environ["COACH_HOME"] = str(home)
        timed[plans] = keystroke_times()
    os.environ["COACH_HOME"] = env["COACH_HOME"]
    median = {plans: statistics.median(times) for plans, times in timed.items()}
    return [
        Row("palette: one key typed, 10,000 plans vs 100", median[10_000], median[100], 2.0),
        Row(
            "palette: the slowest key of that query, 10,000 plans vs 100",
            max(timed[10_000]),
            max(timed[100]),
            None,
        ),
    ]


def web_rows(folder: Path, repeat: int) -> list[Row]:
    """`coach serve` to the home screen's first paint in Chromium, vs a bare app served alike."""
    from web_start import skipped_reason, web_start_row

    reason = skipped_reason()
    if reason is not None:
        print(f"skipped: the browser-mode row ({reason})", file=sys.stderr)
        return []
    from coach.services import Workspace

    home = _welcomed_home(folder / "web")
    first_flow = next(iter(Workspace(home_option=home).cards.values())).title
    coach, bare = web_start_row(home, first_flow, repeat)
    return [Row("coach serve to the home screen painted in Chromium", coach, bare, 1.3)]


def print_table(rows: list[Row]) -> None:
    header = ["measure", "value", "baseline", "ratio", "target", "result"]
    table = [header, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for number, line in enumerate(table):
        print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |")
        if number == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


GROUPS: dict[str, Callable[[Path, dict[str, str], int], list[Row]]] = {
    "startup": lambda folder, env, repeat: startup_rows(env, repeat),
    "engine": lambda folder, env, repeat: [engine_row(repeat * 20)],
    "autosave": lambda folder, env, repeat: [autosave_row(folder, repeat * 30)],
    "tui-start": tui_start_rows,
    "tui-steps": lambda folder, env, repeat: tui_step_rows(folder, env),
    "export": lambda folder, env, repeat: export_rows(folder, env, repeat * 3),
    "plans": plans_rows,
    "palette": lambda folder, env, repeat: palette_rows(folder, env),
    "campaign": lambda folder, env, repeat: campaign_rows(folder, repeat),
    "web": lambda folder, env, repeat: web_rows(folder, repeat),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a rough look)")
    parser.add_argument(
        "--only",
        choices=sorted(GROUPS),
        help="run one group of rows (campaign: the timeline, logging an incident and the "
        "progress report; web: the browser mode)",
    )
    args = parser.parse_args()
    repeat = 3 if args.quick else 9
    # The coach is measured as a person runs it: from bytecode, which pip writes when it
    # installs and a checkout writes on its first start (the uncounted start of each row).
    # With PYTHONDONTWRITEBYTECODE (set in some shells and containers) every start of ours
    # would compile the coach's modules afresh, while the baselines' libraries come compiled.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        env = {**os.environ, "COACH_HOME": str(folder / "home")}
        rows = []
        for name, group in GROUPS.items():
            if args.only in (None, name):
                rows += group(folder, env, repeat)
    print_table(rows)
    if args.json:
        args.json.write_text(
            json.dumps(
                [{**asdict(r), "ratio": r.ratio, "passed": r.passed} for r in rows], indent=2
            )
        )


if __name__ == "__main__":
    main()
