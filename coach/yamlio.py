"""Reading YAML safely, with the line of every key kept for error messages.

Only the safe loader is used. Anchors and aliases are refused outright: flows and answer
files never need them, and refusing them closes the door on "billion laughs" documents.
Sexagesimal numbers are not resolved, so an unquoted ``19:30`` stays the text ``"19:30"``; nor
are dates, so an impossible ``2026-02-30`` reaches the answer's own check (which names the field)
instead of failing inside the YAML reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coach.errors import CoachError
from coach.user_files import FileTooLarge, NotARegularFile, read_limited

MAX_YAML_BYTES = 1_000_000
MAX_DEPTH = 60

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader without sexagesimal ints/floats (YAML 1.1 reads 19:30 as 1170)."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if not (
            tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and ":" in regexp.pattern
        )
        and tag != "tag:yaml.org,2002:timestamp"
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+][0-9]+)?$")
for _digit in "-+0123456789":
    _Loader.yaml_implicit_resolvers.setdefault(_digit, [])
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
MAX_NUMBER_DIGITS = 40


def _bounded_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """Integers as YAML reads them, but a number of hundreds of digits is a mistake named
    with its line (Python refuses over 4,300 digits, and no answer needs more than a few)."""
    if len(str(node.value)) > MAX_NUMBER_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, "a number far too long to be an answer", node.start_mark
        )
    return int(loader.construct_yaml_int(node))


_Loader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


class YamlError(CoachError):
    """A YAML document that cannot be read; the message names file and line."""


@dataclass
class YamlDoc:
    """A parsed document and the line (1-based) of each key path in it."""

    data: Any
    path: str
    lines: dict[Path_, int] = field(default_factory=dict)
    block_texts: set[Path_] = field(default_factory=set)

    def line_of(self, where: Path_) -> int:
        """The line of the deepest known part of ``where``; 1 when nothing matches."""
        for cut in range(len(where), -1, -1):
            line = self.lines.get(tuple(where[:cut]))
            if line is not None:
                return line
        return 1

    def line_in_text(self, where: Path_, line: int) -> int:
        """The file line of line ``line`` of the text at ``where``: a block text (``|`` or
        ``>``) starts on the line after its key, a quoted or plain one on the key's line."""
        return self.line_of(where) + line - (0 if tuple(where) in self.block_texts else 1)


def _walk(
    node: yaml.Node, where: Path_, lines: dict[Path_, int], depth: int, blocks: set[Path_]
) -> None:
    if depth > MAX_DEPTH:
        raise YamlError(f"line {node.start_mark.line + 1}: nested more than {MAX_DEPTH} deep")
    lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        blocks.add(where)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                lines[(*where, key)] = key_node.start_mark.line + 1
                _walk(value_node, (*where, key), lines, depth + 1, blocks)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*where, index), lines, depth + 1, blocks)


def _has_alias(text: str) -> int | None:
    """Line of the first anchor or alias, found from the parser's events (not by regex)."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            return mark.line + 1 if mark is not None else 1
    return None


def parse_yaml(text: str, path: str) -> YamlDoc:
    """Parse one YAML document; every failure becomes a YamlError naming path and line."""
    try:
        alias_line = _has_alias(text)
        if alias_line is not None:
            raise YamlError(
                f"{path}:{alias_line}: anchors and aliases (& and *) are not allowed; "
                "write the values out in full"
            )
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return YamlDoc(data=None, path=path)
            lines: dict[Path_, int] = {}
            blocks: set[Path_] = set()
            _walk(node, (), lines, 0, blocks)
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "not valid YAML"
        start = exc.context_mark
        if exc.context and start is not None and start.line + 1 != line:
            problem += f"; {exc.context.removeprefix('while ')} that began on line {start.line + 1}"
        raise YamlError(
            f"{path}:{line}: not valid YAML ({problem}); check indentation and quoting"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"{path}:1: not valid YAML ({exc}); check the file") from None
    except RecursionError:
        raise YamlError(f"{path}:1: nested too deeply to read; flatten the document") from None
    except ValueError as exc:
        raise YamlError(f"{path}:1: a value cannot be read ({exc}); check the file") from None
    except YamlError as exc:
        message = str(exc)
        if not message.startswith(path):
            message = f"{path}:{message.removeprefix('line ')}"
        raise YamlError(message) from None
    return YamlDoc(data=data, path=path, lines=lines, block_texts=blocks)


def read_yaml(file: Path) -> YamlDoc:
    """Read a YAML file from disk with size and encoding checks."""
    shown = str(file)
    try:
        raw = read_limited(file, MAX_YAML_BYTES)
    except FileTooLarge as exc:
        raise YamlError(
            f"{shown}:1: file is {exc.size:,} bytes or more, more than the {MAX_YAML_BYTES:,} "
            "allowed; is this the right file?"
        ) from None
    except FileNotFoundError:
        raise YamlError(f"{shown}: no such file; check the path") from None
    except IsADirectoryError:
        raise YamlError(f"{shown}: is a folder, not a YAML file") from None
    except NotARegularFile:
        raise YamlError(
            f"{shown}: is not a regular file (a device, pipe or socket); give a YAML file"
        ) from None
    except OSError as exc:
        raise YamlError(
            f"{shown}: cannot be read ({exc.strerror}); check its permissions"
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(
            f"{shown}:{line}: not UTF-8 text; save the file as UTF-8 and try again"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlError(f"{shown}:{line}: contains a NUL byte; this is not a text file")
    return parse_yaml(text, shown)
