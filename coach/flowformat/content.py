"""The content file: what the coach says, the fields it asks, and the plan template."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import Field as PydanticField
from pydantic import field_validator, model_validator

from coach.flowformat.machine import CASE_KEYS, Strict

if TYPE_CHECKING:
    from coach.fieldtypes import FieldKind


class Choice(Strict):
    value: str
    label: str

    @field_validator("value")
    @classmethod
    def _plain_value(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a choice value cannot be empty")
        return value


class Validate(Strict):
    """Rules an answer must meet; ``message`` is what the caregiver reads when it does not."""

    min_length: int | None = PydanticField(default=None, ge=0)
    max_length: int | None = PydanticField(default=None, ge=1)
    pattern: str | None = None
    min: float | None = None
    max: float | None = None
    min_items: int | None = PydanticField(default=None, ge=0)
    max_items: int | None = PydanticField(default=None, ge=1)
    message: str


class Warn(Strict):
    """Advice shown once when an answer looks off; submitting again accepts it.

    Text rules look at a text answer; ``max_items``/``min_items`` count the entries of a list
    (for a group, only the rows matching ``where``, e.g. ``{basket: top}``).
    """

    max_length: int | None = None
    min_length: int | None = None
    max_words: int | None = None
    min_words: int | None = None
    pattern: str | None = None
    contains_any: list[str] = PydanticField(default_factory=list)
    max_items: int | None = None
    min_items: int | None = None
    where: dict[str, Any] | None = None
    message: str

    @model_validator(mode="after")
    def _has_a_rule(self) -> Warn:
        rules = (
            "max_length",
            "min_length",
            "max_words",
            "min_words",
            "pattern",
            "contains_any",
            "max_items",
            "min_items",
        )
        if not any(getattr(self, r) for r in rules):
            raise ValueError(f"a warn needs a rule: one of {', '.join(rules)}")
        return self


class DateDirection(StrEnum):
    PAST = "past"
    FUTURE = "future"


class AdviceUse(Strict):
    """One of the shared advice rules (``coach.advice``) a field takes.

    Written as the rule's name, or as ``{rule: NAME, where: {...}}`` in a group's field to
    advise only on rows whose other fields match (a list matches any of its values).
    """

    rule: str
    where: dict[str, Any] | None = None

    @field_validator("rule")
    @classmethod
    def _known(cls, value: str) -> str:
        from coach.advice import GROUPS, RULES

        if value not in RULES and value not in GROUPS:
            known = ", ".join([*GROUPS, *RULES])
            raise ValueError(f"no advice rule called {value!r}; use one of {known}")
        return value


class PrivateRows(Strict):
    """Rows of a group that are not for the family: kept on the case under ``case_field``
    (apart from the group's own case list) and left out of every family export."""

    where: dict[str, Any]
    case_field: str | None = None

    @field_validator("case_field")
    @classmethod
    def _case_key(cls, value: str | None) -> str | None:
        if value is not None and value not in CASE_KEYS:
            raise ValueError(f"unknown case key {value!r}; use one of {', '.join(CASE_KEYS)}")
        return value


class ConcernKind(StrEnum):
    """The safeguarding concerns kept on the case apart from the baskets (``concerns``)."""

    SELF_HARM = "concern_self_harm"
    EXPLOITATION = "concern_exploitation"
    MISSING = "concern_missing"


class RecordsConcern(Strict):
    """A yes to this question keeps a concern on the case, as the priorities flow's "not a
    basket" rows do, so every later flow and the practitioner's views know of it. ``behaviour``
    is the line kept; a yes changed back to no in the same session takes it off again."""

    kind: ConcernKind
    behaviour: str


class FieldSpec(Strict):
    id: str
    type: str  # a field type's name (``coach.fieldtypes`` has one module per type)
    label: str
    required: bool = False
    hint: str | None = None
    help: str | None = None
    example: Any = None
    choices: list[Choice] = PydanticField(default_factory=list)
    choices_from: str | None = None
    choices_filter: dict[str, Any] | None = None
    other: bool = False
    min: int | None = None
    max: int | None = None
    min_label: str | None = None
    max_label: str | None = None
    fields: list[FieldSpec] = PydanticField(default_factory=list)
    validate_: Validate | None = PydanticField(default=None, alias="validate")
    warn: list[Warn] = PydanticField(default_factory=list)
    advice: list[AdviceUse] = PydanticField(default_factory=list)
    case_field: str | None = None
    # Not for the family: the answer (``private``), or some rows of a group (``private_rows``).
    private: bool = False
    private_rows: PrivateRows | None = None
    concern: RecordsConcern | None = None
    # For a date: whether it asks about the past (an incident) or plans ahead, so that
    # "Saturday" means the last one or the next one, and the examples fit the question.
    direction: DateDirection | None = None

    @field_validator("id")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not value.isidentifier():
            raise ValueError("field ids use letters, digits and underscores, e.g. 'holding_phrase'")
        return value

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        from coach.fieldtypes import kinds

        if value not in kinds():
            raise ValueError(f"{value!r} is not allowed; use one of {', '.join(kinds())}")
        return value

    @property
    def kind(self) -> FieldKind:
        """What this field's type does: read, check and show its answers."""
        from coach.fieldtypes import kind_of

        return kind_of(self.type)

    @field_validator("case_field", "choices_from")
    @classmethod
    def _case_key(cls, value: str | None) -> str | None:
        if value is not None and value not in CASE_KEYS:
            raise ValueError(f"unknown case key {value!r}; use one of {', '.join(CASE_KEYS)}")
        return value

    @field_validator("warn", mode="before")
    @classmethod
    def _warn_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value

    @field_validator("advice", mode="before")
    @classmethod
    def _advice_names(cls, value: Any) -> Any:
        """``advice: says`` and ``advice: [says, {rule: label}]`` both read as a list."""
        items = value if isinstance(value, list) else [value]
        return [{"rule": item} if isinstance(item, str) else item for item in items]

    def choice_label(self, value: str) -> str:
        """The label shown for a stored choice value ("other" text shows as itself)."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value


class EventSpec(Strict):
    """A dated item for calendar export: answers name the date, time and duration."""

    title: str
    date: str
    time: str | None = None
    duration: str | int | None = None


class StateContent(Strict):
    say: str = ""
    fields: list[FieldSpec] = PydanticField(default_factory=list)
    help: str | None = None
    practitioner: str | None = None
    event: EventSpec | None = None


class PlanSpec(Strict):
    title: str
    template: str


class FollowUpSpec(Strict):
    """A short "how did it go?" after the action, appended to the plan as it is answered."""

    say: str = ""
    fields: list[FieldSpec] = PydanticField(min_length=1)
    template: str


class Record(StrEnum):
    """What finishing a flow can make."""

    PLAN = "plan"
    DIARY_ENTRY = "diary_entry"
    CHECK_IN = "check_in"


class DiaryFields(Strict):
    """Which of a flow's fields hold each part of the incident it logs in the diary; by
    default the ids the shipped incident flows use (de-escalation names ``severity: heat``)."""

    what_happened: str = "what_happened"
    severity: str = "severity"
    anyone_hurt: str = "anyone_hurt"
    day: str = "incident_date"
    at: str = "incident_time"
    place: str = "where"
    who_was_there: str = "who_was_there"
    responses: str = "what_i_did"


class Makes(Strict):
    """What reaching the end makes: a plan (the default), a diary entry from the incident
    the flow asked about, a check-in. Written as a list in the flow file, e.g.
    ``makes: [plan, {diary_entry: {severity: heat}}]`` or ``makes: [check_in]``."""

    plan: bool = False
    diary_entry: DiaryFields | None = None
    check_in: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        made: dict[str, Any] = {}
        for item in value:
            if isinstance(item, str):
                made[item] = {} if item == Record.DIARY_ENTRY else True
            elif isinstance(item, dict) and len(item) == 1:
                made.update(item)
            else:
                raise ValueError(
                    "each item of 'makes' is plan, diary_entry or check_in, or "
                    "{diary_entry: {PART: FIELD}} to name the fields it reads"
                )
        return made

    @property
    def records(self) -> tuple[Record, ...]:
        found = (
            (Record.PLAN, self.plan),
            (Record.DIARY_ENTRY, self.diary_entry is not None),
            (Record.CHECK_IN, self.check_in),
        )
        return tuple(record for record, made in found if made)


class FlowContent(Strict):
    flow: str
    machine: str
    version: int = PydanticField(ge=1)
    title: str
    summary: str
    minutes: int = PydanticField(ge=1, le=240)
    order: int | None = PydanticField(default=None, ge=0)
    confrontation: bool = False
    states: dict[str, StateContent]
    makes: Makes = PydanticField(default_factory=lambda: Makes(plan=True))
    plan: PlanSpec | None = None
    follow_up: FollowUpSpec | None = None
    # Tables of words the templates look up by a choice's value, e.g. how a plan names each
    # role (``{{ words.role[value] }}``): wording stays in the flow file, not in a template.
    words: dict[str, dict[str, str]] = PydanticField(default_factory=dict)

    @field_validator("states", mode="before")
    @classmethod
    def _empty_blocks(cls, value: Any) -> Any:
        """A state written as ``done:`` with nothing under it is an empty content block."""
        if isinstance(value, dict):
            return {k: ({} if v is None else v) for k, v in value.items()}
        return value


class BlockContent(Strict):
    """The content of a shared block: what the coach says at each of the block's states."""

    block: str
    states: dict[str, StateContent]

    @field_validator("states", mode="before")
    @classmethod
    def _empty_blocks(cls, value: Any) -> Any:
        return FlowContent._empty_blocks(value)


class FieldsFrom(Strict):
    """A block's state whose questions are asked again elsewhere, in the block's own words."""

    block: str
    state: str


class FollowUpBlock(Strict):
    """Questions every follow-up asks, and the plan text they add (``flows/blocks/``)."""

    block: str
    fields: list[FieldSpec] = PydanticField(min_length=1)
    fields_from: list[FieldsFrom] = PydanticField(default_factory=list)
    template: str
