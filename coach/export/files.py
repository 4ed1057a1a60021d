"""Writing exports safely: atomic, private (0600), and never over a file unless asked."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from coach.atomic_files import no_folder, remove_leftovers, write_atomically
from coach.errors import CoachError
from coach.paths import user_path
from coach.timestamps import local_day


def default_name(flow_id: str, created: str, extension: str, tag: str = "") -> str:
    """``sit-in-plan-2026-12-01.pdf``: no spaces, no separators, no names of children.
    A ``tag`` tells apart two formats with one extension (``...-details.ics``)."""
    slug = re.sub(r"[^a-z0-9]+", "-", flow_id.lower()).strip("-") or "plan"
    made = local_day(created)
    day = made if re.fullmatch(r"\d{4}-\d{2}-\d{2}", made) else date.today().isoformat()
    return f"{slug}-plan-{day}{tag}.{extension}"


def write_private(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write via a temporary file and a rename, so a reader never sees half a file; what a
    killed export left in the folder (it may hold a whole plan) is removed first."""
    path = user_path(path, what="file name")
    if path.is_dir():
        raise CoachError(f"{path} is a folder; give a file name, e.g. {path / 'plan.md'}")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise CoachError(
            f"{path} is not a regular file (a link, device or pipe); exports are written only "
            "to ordinary files, so choose another name"
        )
    if path.exists() and not force:
        raise CoachError(f"{path} already exists; choose another name or add --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CoachError(no_folder(folder))
    remove_leftovers(folder)
    try:
        write_atomically(path, data, replace=force)
    except FileExistsError:
        raise CoachError(
            f"{path} already exists; choose another name or add --force to replace it"
        ) from None
    except OSError as exc:
        raise CoachError(
            f"cannot write {path} ({exc.strerror}); check the folder's permissions and free space"
        ) from None
    return path


def target_path(out: str | Path, name: str) -> Path:
    """Where ``--out`` points: a folder (one that exists, or any path ending in a slash)
    gets the safe default ``name``; anything else is the file itself."""
    text = str(out)
    path = user_path(text, what="--out path")
    if path.is_dir() or text.endswith(("/", os.sep)):
        return path / name
    return path
