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


def added_flow_folders(option: Path | None) -> list[Path]:
    """Folders of a practitioner's own flows, from ``--flows`` or ``COACH_FLOWS``."""
    if option is not None:
        folders = [option]
    else:
        folders = [Path(p) for p in os.environ.get(FLOWS_ENV, "").split(os.pathsep) if p.strip()]
    for folder in folders:
        if not (folder / "flows").is_dir():
            raise CoachError(
                f"{folder}: no 'flows' folder inside; an added flows folder holds "
                "flows/ and state_machines/"
            )
    return [folder.expanduser() for folder in folders]


def data_home(option: Path | None = None) -> Path:
    """The data folder: ``--home``, else ``COACH_HOME``, else the platform's user data folder."""
    if option is not None:
        return option.expanduser()
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)
