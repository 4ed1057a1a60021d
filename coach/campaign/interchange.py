"""Diary entries and check-ins from elsewhere (an imported case), read back with every
problem named.

The data has the shapes of ``coach.campaign.record_data``. Reading is strict about names and
ranges (pydantic does the checking), and each problem becomes one line that says where it is
(``incidents[3].severity``) and what would be right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from coach.errors import CoachError
from coach.fieldtypes.long_text_field import LongTextKind
from coach.fieldtypes.text_field import TextKind
from coach.records import (
    MAX_GOALS,
    RATING_MAX,
    RATING_MIN,
    SEVERITY_MAX,
    SEVERITY_MIN,
    AdultResponse,
    CheckIn,
    GoalRating,
    Incident,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# The longest answers a flow takes: an entry logged from a flow may say more than the form's
# short line.
_LONG = LongTextKind.limit
_SHORT = TextKind.limit


class _IncidentIn(_Strict):
    day: date
    at: time | None = None
    place: str = Field(default="", max_length=_SHORT)
    what_happened: str = Field(min_length=1, max_length=_LONG)
    severity: int = Field(ge=SEVERITY_MIN, le=SEVERITY_MAX)
    who_was_there: str = Field(default="", max_length=_SHORT)
    anyone_hurt: bool
    responses: tuple[AdultResponse, ...] = ()
    support_called: str = Field(default="", max_length=_SHORT)
    plan_id: int | None = None


class _GoalIn(_Strict):
    goal: str = Field(min_length=1, max_length=200)
    rating: int = Field(ge=RATING_MIN, le=RATING_MAX)


class _CheckInIn(_Strict):
    day: date
    goals: list[_GoalIn] = Field(default_factory=list, max_length=MAX_GOALS)
    helpless: int | None = Field(default=None, ge=RATING_MIN, le=RATING_MAX)
    calm: int | None = Field(default=None, ge=RATING_MIN, le=RATING_MAX)
    supported: int | None = Field(default=None, ge=RATING_MIN, le=RATING_MAX)
    present: int | None = Field(default=None, ge=RATING_MIN, le=RATING_MAX)
    went_well: str = Field(default="", max_length=500)


class DataInvalid(CoachError):
    """Records that do not read back; the message names every problem, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _where(prefix: str, loc: Sequence[int | str]) -> str:
    text = prefix
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return text


def _wording(error: Mapping[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "missing":
        return "is missing; add it"
    if kind == "extra_forbidden":
        return "is not part of this record; remove it or check the spelling"
    if kind == "greater_than_equal":
        return f"is {error['input']!r}, too low; the lowest is {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"is {error['input']!r}, too high; the highest is {ctx.get('le')}"
    if kind == "enum":
        return f"{error['input']!r} is not one of {ctx.get('expected', 'the choices')}"
    if kind == "too_long":
        return f"has more than {ctx.get('max_length')} entries"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length')} characters"
    if kind == "string_too_short":
        return "is empty; it needs a few words"
    return f"{str(error['msg']).lower()} (found {error.get('input')!r})"


def _read(model: type[_Strict], raw: Any, where: str) -> tuple[_Strict | None, list[str]]:
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        return None, [f"{_where(where, e['loc'])} {_wording(e)}" for e in exc.errors()]


def read_incidents(raw: Sequence[Any]) -> list[Incident]:
    """Incidents from their JSON data; DataInvalid names every problem."""
    found: list[Incident] = []
    problems: list[str] = []
    for number, item in enumerate(raw):
        parsed, wrong = _read(_IncidentIn, item, f"incidents[{number + 1}]")
        problems += wrong
        if isinstance(parsed, _IncidentIn):
            found.append(Incident(**parsed.model_dump()))
    if problems:
        raise DataInvalid(problems)
    return found


def read_check_ins(raw: Sequence[Any]) -> list[CheckIn]:
    """Check-ins from their JSON data; DataInvalid names every problem."""
    found: list[CheckIn] = []
    problems: list[str] = []
    for number, item in enumerate(raw):
        where = f"check_ins[{number + 1}]"
        parsed, wrong = _read(_CheckInIn, item, where)
        problems += wrong
        if not isinstance(parsed, _CheckInIn):
            continue
        values = parsed.model_dump(exclude={"goals"})
        goals = tuple(GoalRating(goal.goal, goal.rating) for goal in parsed.goals)
        try:
            found.append(CheckIn(goals=goals, **values))
        except ValueError as exc:
            problems.append(f"{where}.goals {exc}")
    if problems:
        raise DataInvalid(problems)
    return found
