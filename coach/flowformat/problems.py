"""Problems found in flow files, each tied to a file and line, and how pydantic's are worded."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from coach.yamlio import YamlDoc


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class FlowInvalid(CoachError):
    """A flow (or machine) file with problems; the message lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _known_keys(models: list[type[BaseModel]]) -> list[str]:
    keys: set[str] = set()
    for model in models:
        for name, info in model.model_fields.items():
            keys.add(info.alias or name)
    return sorted(keys)


def problems_from(
    error: ValidationError, doc: YamlDoc, models: list[type[BaseModel]]
) -> list[Problem]:
    """Reword pydantic's errors as one plain line each, with the YAML line they point at."""
    known = _known_keys(models)
    found = []
    for item in error.errors():
        where = tuple(p for p in item["loc"] if not (isinstance(p, str) and "[" in p))
        key = next((str(p) for p in reversed(where) if isinstance(p, str)), "document")
        found.append(Problem(doc.path, doc.line_of(where), _reword(item, key, known)))
    return found


def _reword(item: Any, key: str, known: list[str]) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; remove it or check the spelling"
        if " " in key.strip():
            hint = "; if a text here holds a comma, put the whole text in quotes"
        return f"unknown key '{key}'{hint}"
    if kind == "missing":
        return f"'{key}' is missing; add it"
    if kind in ("value_error", "assertion_error"):
        return f"{key}: {str(item['msg']).removeprefix('Value error, ')}"
    if kind == "enum":
        return f"{key}: {item['input']!r} is not allowed; use one of {item['ctx']['expected']}"
    if kind in ("string_type", "int_type", "bool_type", "dict_type", "list_type", "model_type"):
        wanted = {
            "string_type": "text (put quotes around it if it looks like a number or yes/no)",
            "int_type": "a whole number",
            "bool_type": "true or false",
            "dict_type": "a mapping of keys to values",
            "list_type": "a list",
            "model_type": "a mapping of keys to values",
        }[kind]
        return f"{key}: should be {wanted}, not {item['input']!r}"
    return f"{key}: {item['msg']}"
