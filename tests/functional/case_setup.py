"""Helpers for the flow tests: run a flow for a case, add case data, read a plan by section."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from coach.engine import Session
from coach.flowformat.flow import Flow
from coach.step_text import say
from coach.store import Store
from tests.conftest import ANSWERS, TODAY

SUPPORTERS = [
    {
        "name": "Ana",
        "relationship": "my sister",
        "contact": "07700 900123",
        "roles": ["announcement", "sit_in", "call_after"],
    },
    {"name": "Dev", "relationship": "neighbour", "roles": ["witness"]},
]
CONTACTS = [{"name": "Dr Okafor", "role": "GP", "phone": "01632 960555"}]
# The short "right now" check every flow starts with, answered no, and the steps it takes.
SHORT_CHECK_NO = (
    "immediate_danger: no\nyoung_person_missing: no\nself_harm_risk: no\nadult_hurt_child: no\n"
)
SHORT_CHECK_PATH = ["now_danger", "now_missing", "now_young_person", "now_adult_harm"]


def run(cli: Any, flow_id: str, answers: Path | str, case: str) -> dict[str, Any]:
    """`coach run FLOW --answers FILE --case NAME --json`, checked to succeed."""
    result = cli("run", flow_id, "--answers", answers, "--case", case, "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def plan_text(cli: Any, outcome: dict[str, Any]) -> str:
    assert outcome["kind"] == "end" and outcome["plan_id"], outcome
    return cli("show", str(outcome["plan_id"])).stdout


def sections(markdown: str, level: int = 2) -> dict[str, str]:
    """The plan's text under each heading of ``level`` (deeper headings stay inside their
    section). Under '' is what comes before the first such heading, and after a shallower
    heading that ends a section."""
    marker = "#" * level + " "
    shallower = re.compile(rf"^#{{1,{level - 1}}} ") if level > 1 else None
    found: dict[str, str] = {"": ""}
    current = ""
    for line in markdown.splitlines():
        if line.startswith(marker):
            current = line[len(marker) :].strip()
            found[current] = ""
            continue
        if shallower is not None and shallower.match(line):
            current = ""
        found[current] += line + "\n"
    return found


def add_to_case(home: Path, name: str, **profile: Any) -> None:
    """Give a case (created if new) extra profile data, as another flow would have written it."""
    with Store.open(home) as store:
        case = store.find_case(name) or store.create_case(name)
        store.update_case(case.id, {**case.profile, **profile})


def set_region(home: Path, code: str) -> None:
    with Store.open(home) as store:
        store.set_setting("region", code)


def case_profile(home: Path, name: str) -> dict[str, Any]:
    with Store.open(home) as store:
        case = store.find_case(name)
        assert case is not None
        return case.profile


def answers_with(tmp_path: Path, flow_id: str, source: str | None = None, **changes: Any) -> Path:
    """A copy of a shipped answers file with some answers changed (None removes one)."""
    data = yaml.safe_load((ANSWERS / f"{source or flow_id}.yaml").read_text())
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    target = tmp_path / f"{flow_id}-{len(list(tmp_path.glob('*.yaml')))}.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True))
    return target


def message_at(
    flow: Flow,
    state: str,
    case: dict[str, Any],
    answers: dict[str, Any] | None = None,
    region: str = "GB",
) -> str:
    """What the coach says at ``state``, as if every earlier state had been passed."""
    states = flow.states
    session = Session(
        flow,
        today=TODAY,
        case=case,
        answers=answers or {},
        history=states[: states.index(state)],
        state=state,
    )
    return say(session, region)


def words_of(text: str) -> str:
    """Text with Markdown escapes and line breaks flattened, for phrase checks."""
    return re.sub(r"\s+", " ", text.replace("\\", ""))
