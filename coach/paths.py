"""Where things live: the shipped flows, added flow folders and the user's data folder.

One module answers these questions so the CLI, the TUI and the tests agree.
"""

from __future__ import annotations

import os
from pathlib import Path

from coach.errors import CoachError

APP_NAME = "nvr-coach"
HOME_ENV = "COACH_HOME"
FLOWS_ENV = "COACH_FLOWS"


def shipped_flows_folder() -> Path:
    """The folder holding the shipped ``flows/`` and ``state_machines/``.

    In a wheel they sit inside the package (``coach/_shipped``); in a source checkout or an
    editable install they are the top-level folders of the repository.
    """
    package = Path(__file__).resolve().parent
    inside = package / "_shipped"
    if (inside / "flows").is_dir():
        return inside
    return package.parent


def user_path(text: str | Path, *, what: str = "path") -> Path:
    """A path as the person typed it, with ``~`` and ``~user`` expanded.

    An empty path is refused rather than read as the current folder, and ``~nosuchuser`` is
    one clear line instead of the RuntimeError that ``Path.expanduser`` raises."""
    raw = str(text)
    if not raw.strip():
        raise CoachError(f"the {what} is empty; give a folder or file name")
    try:
        return Path(raw).expanduser()
    except RuntimeError:
        user = raw.split("/", 1)[0]
        raise CoachError(
            f"cannot find the home folder of '{user}' in {what} '{raw}'; write the path in full"
        ) from None


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and any missing parents) readable only by this user, whatever the
    umask says, and make an existing one private again."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for level in reversed(missing):
        level.mkdir(mode=0o700, exist_ok=True)
        os.chmod(level, 0o700)
    os.chmod(folder, 0o700)


def added_flow_folders(option: str | Path | None) -> list[Path]:
    """Folders of a practitioner's own flows, from ``--flows`` or ``COACH_FLOWS``."""
    if option is not None:
        folders = [user_path(option, what="--flows folder")]
    else:
        folders = [
            user_path(p, what=f"{FLOWS_ENV} folder")
            for p in os.environ.get(FLOWS_ENV, "").split(os.pathsep)
            if p.strip()
        ]
    for folder in folders:
        if not (folder / "flows").is_dir():
            raise CoachError(
                f"{folder}: no 'flows' folder inside; an added flows folder holds "
                "flows/ and state_machines/"
            )
    return folders


def data_home(option: str | Path | None = None) -> Path:
    """The data folder: ``--home``, else ``COACH_HOME``, else the platform's user data folder."""
    if option is not None:
        return user_path(option, what="--home folder")
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return user_path(env, what=f"{HOME_ENV} folder")
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def documents_folder() -> Path:
    """Where the app's export starts: the user's documents folder, else their home folder
    (never the folder the coach happened to be started from)."""
    import platformdirs

    folder = platformdirs.user_documents_path()
    return folder if folder.is_dir() else Path.home()
