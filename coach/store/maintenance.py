"""`coach doctor`: a health report of the data folder, the store and every copy of it.

Each backup is opened and checked, not only counted: a damaged or empty one is named, and the
newest sound one is the one offered for a restore. An unfinished restore or lock is reported
with how to finish it.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from coach.store.backups import problem_with
from coach.store.schema import DB_NAME
from coach.store.set_aside import LOCK_NOTE, RESTORE_NOTE, backups, set_aside_files


@dataclass(frozen=True)
class Finding:
    ok: bool
    text: str


def doctor(home: Path) -> list[Finding]:
    if not home.exists():
        return [Finding(True, f"no data yet; {home} will be created on first use")]
    findings = [_folder(home)]
    kept = backups(home)
    sound = [b for b in kept if problem_with(b) is None]
    findings += _store(home, sound[-1] if sound else None)
    findings += _notes(home)
    findings += _backups(kept, sound)
    aside = set_aside_files(home)
    if aside:
        plural = "s" if len(aside) != 1 else ""
        findings.append(
            Finding(True, f"{len(aside)} file{plural} set aside by a restore, newest {aside[-1]}")
        )
    return findings


def _folder(home: Path) -> Finding:
    mode = stat.S_IMODE(home.stat().st_mode)
    private = mode == 0o700
    state = "private" if private else f"readable by others; run 'chmod 700 {home}'"
    return Finding(private, f"data folder {home} is {state} ({mode:o})")


def _store(home: Path, newest_sound: Path | None) -> list[Finding]:
    live = home / DB_NAME
    if not live.exists():
        return [Finding(True, "no store yet")]
    found = []
    problem = problem_with(live)
    mend = f"; restore with 'coach restore {newest_sound}'" if newest_sound else ""
    found.append(
        Finding(
            problem is None,
            f"store {live} {problem}{mend}" if problem else f"store {live} is sound",
        )
    )
    for file in sorted(home.glob(f"{DB_NAME}*")):
        file_mode = stat.S_IMODE(file.lstat().st_mode)
        if file_mode & 0o077:
            found.append(
                Finding(
                    False, f"{file} is readable by others ({file_mode:o}); run 'chmod 600 {file}'"
                )
            )
    return found


def _notes(home: Path) -> list[Finding]:
    found = []
    if (home / RESTORE_NOTE).exists():
        found.append(
            Finding(
                False,
                "a restore did not finish; 'coach restore --finish' completes it and "
                "'coach restore --undo' puts back what was there before",
            )
        )
    if (home / LOCK_NOTE).exists():
        found.append(
            Finding(
                False,
                "a lock or unlock did not finish; the next start of the coach (with the "
                "passphrase) finishes it",
            )
        )
    return found


def _backups(kept: list[Path], sound: list[Path]) -> list[Finding]:
    if not kept:
        return [
            Finding(True, "no backups yet (one is made automatically each day you use the coach)")
        ]
    found = [
        Finding(False, f"backup {backup} {problem_with(backup)}; it cannot be restored")
        for backup in kept
        if backup not in sound
    ]
    if sound:
        plural = "s" if len(sound) != 1 else ""
        found.append(Finding(True, f"{len(sound)} sound backup{plural}, newest {sound[-1].name}"))
    else:
        found.append(Finding(False, "no sound backup; 'coach backup' makes one now"))
    return found
