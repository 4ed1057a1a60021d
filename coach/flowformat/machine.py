"""The structure file: states, their kinds and the transitions between them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Strict(BaseModel):
    """Unknown keys are refused everywhere so a typo is reported instead of ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class StateKind(StrEnum):
    INFO = "info"
    QUESTION = "question"
    SAFETY_CHECK = "safety_check"
    SAFETY_STOP = "safety_stop"
    SUMMARY = "summary"
    END = "end"


FINAL_KINDS = frozenset({StateKind.END, StateKind.SAFETY_STOP})

COMPARISONS = ("equals", "in", "contains", "gte", "lte", "answered")
CASE_KEYS = (
    "name",
    "adults",
    "supporters",
    "contacts",
    "priorities",
    "concerns",
    "goals",
    "phone_list",
)


class Condition(Strict):
    """One node of the condition language: a test on a field or case key, or all/any/not."""

    field: str | None = None
    case: str | None = None
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    contains: Any = None
    gte: int | float | str | None = None
    lte: int | float | str | None = None
    answered: bool | None = None
    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="before")
    @classmethod
    def _dates_as_text(cls, data: Any) -> Any:
        """YAML reads 2026-12-01 as a date; answers store dates as ISO text, so compare those."""
        if isinstance(data, dict):
            return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _one_shape(self) -> Condition:
        given = self.model_fields_set
        heads = [k for k in ("field", "case", "all", "any", "not_") if k in given]
        if len(heads) != 1:
            raise ValueError(
                "a condition needs exactly one of 'field', 'case', 'all', 'any' or 'not'"
            )
        ops = [op for op in ("equals", "in_", "contains", "gte", "lte", "answered") if op in given]
        if heads[0] in ("field", "case"):
            if len(ops) != 1:
                raise ValueError(
                    f"'{heads[0]}' needs exactly one of equals, in, contains, gte, lte, answered"
                )
            if heads[0] == "case" and self.case not in CASE_KEYS:
                raise ValueError(
                    f"unknown case key {self.case!r}; use one of {', '.join(CASE_KEYS)}"
                )
        elif ops:
            raise ValueError(f"'{ops[0].rstrip('_')}' belongs beside 'field' or 'case'")
        if heads[0] in ("all", "any") and not getattr(self, heads[0]):
            raise ValueError(f"'{heads[0]}' needs at least one condition")
        return self

    @property
    def operator(self) -> str:
        for op in ("equals", "in_", "contains", "gte", "lte", "answered"):
            if op in self.model_fields_set:
                return op.rstrip("_")
        raise ValueError("not a comparison")

    @property
    def operand(self) -> Any:
        return getattr(self, "in_" if self.operator == "in" else self.operator)

    def as_yaml(self) -> dict[str, Any]:
        """The condition exactly as written in the YAML file."""
        return self.model_dump(by_alias=True, exclude_unset=True)


class StateDecl(Strict):
    name: str
    kind: StateKind | None = None
    # A stop about abuse, exploitation or an adult hurting the young person: leaving it means
    # answering that step again, never one "it was a mistake" button.
    locked: bool = False

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not value.isidentifier():
            raise ValueError("state names use letters, digits and underscores, e.g. 'safety_check'")
        return value


class TransitionDecl(Strict):
    trigger: str = "next"
    source: str
    dest: str
    when: Condition | None = None

    @field_validator("trigger")
    @classmethod
    def _next_only(cls, value: str) -> str:
        if value != "next":
            raise ValueError("the only trigger is 'next' (conditions choose the way forward)")
        return value


class BlockUse(Strict):
    """A shared block of states taken into a structure file: ``{block: NAME, exit: STATE}``.

    A transition into the block names the block; the block's way out leads to ``exit``.
    """

    block: str
    exit: str

    @field_validator("block", "exit")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not value.isidentifier():
            raise ValueError("block and state names use letters, digits and underscores")
        return value


class _Structure(Strict):
    initial: str
    states: list[StateDecl] = Field(min_length=1)
    transitions: list[TransitionDecl] = Field(default_factory=list)
    use: list[BlockUse] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _plain_state_names(cls, data: Any) -> Any:
        """Accept a bare name for a state, as ``transitions`` does."""
        if isinstance(data, dict) and isinstance(data.get("states"), list):
            data = {
                **data,
                "states": [{"name": s} if isinstance(s, str) else s for s in data["states"]],
            }
        return data


class MachineSpec(_Structure):
    machine: str


class BlockMachineSpec(_Structure):
    """The structure of a shared block; its way out is a transition to ``exit``."""

    block: str
