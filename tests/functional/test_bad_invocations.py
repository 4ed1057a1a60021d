"""Every command tried the wrong way, through the real console script: bad arguments of each
kind, and a data folder that is missing, locked, read-only, full or damaged. Each must either
work or stop with exactly one line on stderr, and never print a traceback.

The test prints a table (invocations tried, how many stopped in one line, how many worked), which
the closing note of the work on issue 13 quotes.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ANSWERS, MINIMAL
from tests.functional.data_support import coach_env

DE_ESCALATION = str(ANSWERS / "de_escalation.yaml")


def bad_arguments(tmp: Path) -> list[list[str]]:
    """Each kind of bad argument for each command: missing, unknown, malformed, too large,
    the wrong kind of file, a folder that does not exist."""
    garbage = tmp / "garbage.bin"
    garbage.write_bytes(os.urandom(2048))
    folder = tmp / "a-folder"
    folder.mkdir(exist_ok=True)
    nowhere = str(tmp / "no" / "such" / "folder" / "x")
    return [
        ["start", "no_such_flow"],
        ["start", "de_escalation", "--case", ""],
        ["resume", "0"],
        ["resume", "-3"],
        ["resume", "99999999999999999999"],
        ["resume", "abc"],
        ["settings", "--region", "XX"],
        ["settings", "--region", ""],
        ["settings", "--idle-lock", "-5"],
        ["settings", "--idle-lock", "99999"],
        ["settings", "--idle-lock", "soon"],
        ["flows", "--bogus"],
        ["validate", str(tmp / "missing.yaml")],
        ["validate", str(garbage)],
        ["validate", str(folder)],
        ["diagram", "no_such_flow"],
        ["diagram"],
        ["run", "no_such_flow", "--answers", DE_ESCALATION],
        ["run", "de_escalation", "--answers", str(tmp / "missing.yaml")],
        ["run", "de_escalation", "--answers", str(folder)],
        ["run", "de_escalation", "--answers", str(garbage)],
        ["run", "de_escalation", "--answers", "/dev/zero"],
        ["run", "de_escalation", "--answers", DE_ESCALATION, "--resume", "77"],
        ["run", "de_escalation", "--answers", DE_ESCALATION, "--case", "x" * 500],
        ["plans", "--case", "Nobody"],
        ["show", "0"],
        ["show", "-1"],
        ["show", "424242"],
        ["show", "1e3"],
        ["export", "1", "--format", "docx"],
        ["export", "1", "--format", "md", "--out", nowhere],
        ["export", "1", "--format", "md", "--out", "/dev/full", "--force"],
        ["export", "1", "--format", "pdf"],
        ["export", "--case", "Nobody", "--format", "zip"],
        ["export", "--case", "Sam", "--format", "pdf"],
        ["export", "1", "--case", "Sam"],
        ["export", "1", "--practitioner"],
        ["follow-up", "1", "--answers", DE_ESCALATION],
        ["follow-up", "424242", "--answers", DE_ESCALATION],
        ["import", str(garbage)],
        ["import", str(folder)],
        ["import", str(tmp / "missing.json")],
        ["import", "/dev/zero"],
        ["log", "--case", "Sam"],
        ["log", "--case", "Sam", "--severity", "11", "--anyone-hurt", "maybe", "--day", "soon"],
        ["log", "--case", "Sam", "--answers", str(garbage)],
        ["log", "--case", "Sam", "--answers", str(folder)],
        ["log", "--case", "", "--what-happened", "Shouted", "--severity", "3"],
        ["progress", "--case", "Nobody"],
        ["progress", "--case", "Sam", "--since", "2099-01-01"],
        ["progress", "--case", "Sam", "--since", "last week"],
        ["report", "--case", "Sam", "--format", "docx"],
        ["report", "--case", "Sam", "--format", "pdf"],
        ["report", "--case", "Sam", "--out", nowhere],
        ["export", "--case", "Sam", "--format", "csv", "--practitioner"],
        ["cases", "--json", "extra"],
        ["sessions", "--bogus"],
        ["backup", "--out", nowhere],
        ["backup", "--out", str(folder)],
        ["restore", str(garbage)],
        ["restore", str(tmp / "missing.db")],
        ["restore", str(folder)],
        ["restore", "--finish"],
        ["restore", "--undo"],
        ["restore", "x.db", "--undo"],
        ["erase"],
        ["erase", "--case", "Nobody", "--yes"],
        ["erase", "--case", "Sam", "--all", "--yes"],
        ["serve", "--host", "0.0.0.0"],
        ["serve", "--port", "70000"],
        ["--home", "", "plans"],
        ["--home", "~nosuchuser/x", "plans"],
        ["--flows", str(tmp / "nowhere"), "flows"],
        ["--flows", str(folder), "flows"],
        ["--bogus"],
        ["nosuch"],
    ]


# What each kind of data folder is tried with.
EVERYDAY = [
    ["plans"],
    ["cases"],
    ["sessions", "--json"],
    ["show", "1"],
    ["export", "1", "--format", "md"],
    ["run", "de_escalation", "--answers", DE_ESCALATION],
    ["settings", "--region", "GB"],
    ["backup"],
    ["doctor"],
    ["lock"],
    ["unlock"],
    [
        "log",
        "--case",
        "Sam",
        "--what-happened",
        "Shouted",
        "--severity",
        "3",
        "--anyone-hurt",
        "no",
    ],
    ["progress", "--case", "Sam", "--json"],
    ["report", "--case", "Sam", "--format", "html"],
    ["export", "--case", "Sam", "--format", "csv"],
    ["erase", "--case", "Sam", "--yes"],
    ["restore", "backup.db"],
    ["flows"],
    ["validate"],
]


def read_only_mount(home: Path) -> None:
    """Make ``home`` read-only for this process too: root ignores file modes, so as root the
    folder is moved onto a small filesystem that is then remounted read-only."""
    if os.geteuid() != 0:
        for path in sorted(home.rglob("*"), reverse=True):
            os.chmod(path, 0o500 if path.is_dir() else 0o400)
        os.chmod(home, 0o500)
        return
    kept = home.with_name("kept")
    home.rename(kept)
    home.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(home)], check=True)
    for item in kept.iterdir():
        shutil.copy2(item, home / item.name) if item.is_file() else shutil.copytree(
            item, home / item.name
        )
    subprocess.run(["mount", "-o", "remount,ro", str(home)], check=True)


def prepare(kind: str, tmp: Path) -> tuple[Path, dict[str, str], int | None]:
    """A data folder of the given kind: its path, extra environment, and a file-size limit."""
    home = tmp / kind
    if kind == "missing":
        return home, {}, None
    shutil.copytree(tmp / "good", home)
    shutil.copy(home / "coach.db", tmp / "backup.db")
    if kind == "locked":
        locked = run(home, ["lock"], {"COACH_PASSPHRASE": "correct horse battery"})
        assert locked.returncode == 0, locked.stderr
    elif kind == "read-only":
        read_only_mount(home)
    elif kind == "damaged":
        data = bytearray((home / "coach.db").read_bytes())
        data[100:4096] = os.urandom(3996)
        (home / "coach.db").write_bytes(bytes(data))
        (home / "coach.db-wal").unlink(missing_ok=True)
    elif kind == "full":
        return home, {}, 24_000
    return home, {}, None


def run(
    home: Path, args: list[str], env: dict[str, str], limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    def apply_limit() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        errors="replace",
        env=coach_env(home, **env),
        stdin=subprocess.DEVNULL,
        timeout=60,
        preexec_fn=apply_limit,
        check=False,
        cwd=home.parent,
    )


def verdict(result: subprocess.CompletedProcess[str]) -> str:
    """'worked', 'one line', or what went wrong."""
    said = result.stderr.strip().splitlines()
    if "Traceback" in result.stderr or "Traceback" in result.stdout:
        return "traceback"
    if result.returncode == 0:
        notes = [line for line in said if not line.startswith("coach: note:")]
        return "worked" if not notes else "noise on stderr"
    if not said and result.stdout.strip():
        return "report"  # validate and doctor list what they found on stdout, then exit 1
    return "one line" if len(said) == 1 else f"{len(said)} lines"


@pytest.mark.slow
def test_every_command_the_wrong_way_is_one_line(tmp_path, capsys):
    good = tmp_path / "good"
    made = run(good, ["run", "de_escalation", "--answers", DE_ESCALATION, "--case", "Sam"], {})
    assert made.returncode == 0, made.stderr
    tried: list[tuple[str, list[str], str]] = []
    for args in bad_arguments(tmp_path):
        tried.append(("bad argument", args, verdict(run(good, args, {}))))
    for kind in ("missing", "locked", "read-only", "full", "damaged"):
        home, env, limit = prepare(kind, tmp_path)
        for args in EVERYDAY:
            tried.append((kind, args, verdict(run(home, args, env, limit))))
    own = tmp_path / "own-flows"
    shutil.copytree(MINIMAL, own)
    (own / "flows" / "mini.yaml").write_text("flow: [unclosed\n")
    tried.append(
        ("broken own flow", ["validate"], verdict(run(good, ["--flows", str(own), "validate"], {})))
    )
    if os.geteuid() == 0:
        subprocess.run(["umount", "-l", str(tmp_path / "read-only")], check=False)
    wrong = [
        (where, args, what)
        for where, args, what in tried
        if what not in ("worked", "one line", "report")
    ]
    table = Counter((where, what) for where, _, what in tried)
    with capsys.disabled():
        print(f"\n{len(tried)} invocations:")
        for where in dict.fromkeys(w for w, _, _ in tried):
            counts = {what: n for (w, what), n in table.items() if w == where}
            print(
                f"  {where:<15} " + ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
            )
    assert not wrong, "\n".join(
        f"{where}: coach {' '.join(args)} -> {what}" for where, args, what in wrong
    )


def test_a_file_where_a_folder_belongs_is_named_as_a_file(tmp_path):
    """A file named as the data folder was reported as "a restore did not finish", and a file
    named as the folder of --out as "folder ... does not exist"."""
    good = tmp_path / "good"
    made = run(good, ["run", "de_escalation", "--answers", DE_ESCALATION, "--case", "Sam"], {})
    assert made.returncode == 0, made.stderr
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    cases = [
        (a_file, ["plans"], f"the data folder {a_file} is a file, not a folder"),
        (good, ["export", "1", "--format", "pdf", "--out", str(a_file / "x.pdf")], "is a file"),
        (good, ["backup", "--out", str(a_file / "sub" / "x.db")], "is a file"),
        (good, ["report", "--case", "Sam", "--format", "html", "--out", f"{a_file}/"], "is a file"),
    ]
    for home, args, expected in cases:
        result = run(home, args, {})
        lines = result.stderr.strip().splitlines()
        assert result.returncode != 0 and len(lines) == 1, (args, result.stderr)
        assert expected in lines[0] and "restore" not in lines[0], (args, lines[0])
        assert f"{a_file} is a file, not a folder" in lines[0], (args, lines[0])
    assert a_file.read_text() == "not a folder"
