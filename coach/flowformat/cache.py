"""A cache of validated flows, so everyday commands skip parsing and cross-checking.

The key covers the coach's version, the checking code itself and every flow and machine
file's path, size and modification time: any edit makes a new key and the flows are checked
in full again. The cache holds JSON (never pickle) in the private data folder: the validated
models, the problems found, and the listing `coach flows --json` prints, so that listing and
validating unchanged flows needs no model building at all.
"""

from __future__ import annotations

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

CACHE_FORMAT = 5
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


def _read(folders: list[Path], cache_folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((cache_folder / f"flows-{_key(folders)}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == CACHE_FORMAT else None


def _write(folders: list[Path], cache_folder: Path, catalogue: Catalogue) -> dict[str, Any]:
    from coach.flow_info import card_data, describe_flow, list_order

    def dump(model: Any) -> Any:
        return model.model_dump(mode="json", by_alias=True, exclude_unset=True)

    flows = sorted(catalogue.flows.values(), key=list_order)
    data = {
        "format": CACHE_FORMAT,
        "flows": [
            {
                "content": dump(flow.content),
                "machine": dump(flow.machine),
                "flow_file": str(flow.flow_file),
                "machine_file": str(flow.machine_file),
            }
            for flow in flows
        ],
        "listing": [describe_flow(flow) for flow in flows],
        "cards": [card_data(flow) for flow in flows],
        "problems": [[p.file, p.line, p.message] for p in catalogue.problems],
        "checked": catalogue.checked,
    }
    file = cache_folder / f"flows-{_key(folders)}.json"
    try:
        private_folder(cache_folder)
        handle, temp = tempfile.mkstemp(dir=cache_folder, prefix=".flows-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(temp, file)
        for old in cache_folder.glob("flows-*.json"):
            if old != file:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return data


def load_cached(folders: list[Path], cache_folder: Path) -> tuple[dict[str, Any], Catalogue | None]:
    """The cached data (``listing`` as `coach flows --json` prints it, ``cards``,
    ``problems``, ``checked`` and the models' dumps), and, when the files had to be checked
    afresh, the catalogue that check built (None on a cache hit)."""
    data = _read(folders, cache_folder)
    if data is not None:
        return data, None
    from coach.flowformat.loader import load_folders

    catalogue = load_folders(folders)
    return _write(folders, cache_folder, catalogue), catalogue


def catalogue_from(data: dict[str, Any]) -> Catalogue:
    """The flows as validated models, rebuilt from the cached dumps."""
    from coach.flowformat.catalogue import Catalogue
    from coach.flowformat.content import FlowContent
    from coach.flowformat.flow import Flow
    from coach.flowformat.machine import MachineSpec
    from coach.flowformat.problems import Problem

    catalogue = Catalogue(checked=data["checked"])
    for item in data["flows"]:
        flow = Flow.build(
            FlowContent.model_validate(item["content"]),
            MachineSpec.model_validate(item["machine"]),
            Path(item["flow_file"]),
            Path(item["machine_file"]),
        )
        catalogue.flows[flow.id] = flow
    catalogue.problems = [Problem(f, line, message) for f, line, message in data["problems"]]
    return catalogue
