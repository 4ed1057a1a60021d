"""A cache of validated flows, so everyday commands skip parsing and cross-checking.

The key covers the coach's version, the checking code itself and every flow and machine
file's path, size and modification time: any edit makes a new key and the flows are checked
in full again. The cache holds JSON (never pickle) in the private data folder: the validated
models, the problems found, the home screen's cards and the listing `coach flows --json`
prints, so that listing and validating unchanged flows needs no model building at all, and
the app's start reads only the few kilobytes it shows.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach import __version__
from coach.paths import private_folder

if TYPE_CHECKING:
    from coach.flowformat.catalogue import Catalogue

CACHE_FORMAT = 7
_CHECKING_CODE = (
    "flowformat",
    "conditions.py",
    "fields.py",
    "templating.py",
    "flow_info.py",
    "guidance.py",
    "advice.py",
)


def _stamp(file: Path) -> tuple[str, int, int]:
    stat = file.stat()
    return str(file), stat.st_mtime_ns, stat.st_size


def _key(folders: list[Path]) -> str:
    package = Path(__file__).resolve().parent.parent
    parts: list[Any] = [__version__, CACHE_FORMAT]
    for name in _CHECKING_CODE:
        target = package / name
        code = sorted(target.glob("*.py")) if target.is_dir() else [target]
        parts.extend(_stamp(file) for file in code)
    for folder in folders:
        parts.append(str(folder.resolve()))
        for sub in ("flows", "state_machines", "flows/blocks", "state_machines/blocks"):
            parts.extend(_stamp(file) for file in sorted((folder / sub).glob("*.yaml")))
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:24]


# The cache is kept in parts, each read only when asked for: what every start needs (the
# cards, the problems, how many files were checked) is a few kilobytes, while the listing
# for `coach flows` and the models' dumps are most of it.
SUMMARY, LISTING, MODELS = "summary", "listing", "models"


class FlowCache:
    """The validated flows of ``folders``, from the cache in ``cache_folder`` when no file
    has changed, checked afresh (and the cache written again) when one has."""

    def __init__(self, folders: list[Path], cache_folder: Path) -> None:
        self.folders = folders
        self.cache_folder = cache_folder
        self._key = _key(folders)
        self._parts: dict[str, Any] = {}
        self._fresh: Catalogue | None = None

    @property
    def cards(self) -> list[dict[str, Any]]:
        return self._part(SUMMARY)["cards"]  # type: ignore[no-any-return]

    @property
    def problems(self) -> list[list[Any]]:
        return self._part(SUMMARY)["problems"]  # type: ignore[no-any-return]

    @property
    def checked(self) -> int:
        return self._part(SUMMARY)["checked"]  # type: ignore[no-any-return]

    @property
    def listing(self) -> list[dict[str, Any]]:
        """Each flow as `coach flows --json` prints it."""
        return self._part(LISTING)  # type: ignore[no-any-return]

    def catalogue(self) -> Catalogue:
        """The flows as validated models, rebuilt from their cached dumps."""
        if self._fresh is not None:
            return self._fresh
        from coach.flowformat.catalogue import Catalogue
        from coach.flowformat.content import FlowContent
        from coach.flowformat.flow import Flow
        from coach.flowformat.machine import MachineSpec
        from coach.flowformat.problems import Problem

        models = self._part(MODELS)
        catalogue = Catalogue(checked=self.checked)
        for item in models:
            flow = Flow.build(
                FlowContent.model_validate(item["content"]),
                MachineSpec.model_validate(item["machine"]),
                Path(item["flow_file"]),
                Path(item["machine_file"]),
            )
            catalogue.flows[flow.id] = flow
        catalogue.problems = [Problem(f, line, message) for f, line, message in self.problems]
        return catalogue

    def _file(self, part: str) -> Path:
        return self.cache_folder / f"flows-{self._key}-{part}.json"

    def _part(self, part: str) -> Any:
        if part not in self._parts:
            try:
                found = json.loads(self._file(part).read_text("utf-8"))
            except (OSError, ValueError):
                found = None
            if isinstance(found, dict) and found.get("format") == CACHE_FORMAT:
                self._parts[part] = found[part]
            else:
                self._check_afresh()
        return self._parts[part]

    def _check_afresh(self) -> None:
        """Check every file, and keep what was found for the next start."""
        from coach.flow_info import card_data, describe_flow, list_order
        from coach.flowformat.loader import load_folders

        def dump(model: Any) -> Any:
            return model.model_dump(mode="json", by_alias=True, exclude_unset=True)

        catalogue = load_folders(self.folders)
        flows = sorted(catalogue.flows.values(), key=list_order)
        self._fresh = catalogue
        self._parts = {
            SUMMARY: {
                "cards": [card_data(flow) for flow in flows],
                "problems": [[p.file, p.line, p.message] for p in catalogue.problems],
                "checked": catalogue.checked,
            },
            LISTING: [describe_flow(flow) for flow in flows],
            MODELS: [
                {
                    "content": dump(flow.content),
                    "machine": dump(flow.machine),
                    "flow_file": str(flow.flow_file),
                    "machine_file": str(flow.machine_file),
                }
                for flow in flows
            ],
        }
        with contextlib.suppress(OSError):  # unwritten, it only means checking again next time
            self._write()

    def _write(self) -> None:
        private_folder(self.cache_folder)
        for part, data in self._parts.items():
            handle, temp = tempfile.mkstemp(dir=self.cache_folder, prefix=".flows-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"format": CACHE_FORMAT, part: data}, out, ensure_ascii=False)
            os.replace(temp, self._file(part))
        for old in self.cache_folder.glob("flows-*.json"):
            if not old.name.startswith(f"flows-{self._key}-"):
                old.unlink(missing_ok=True)
