"""Every private Textual name the coach relies on is listed, with its reason, in one place.

Textual is pinned to the tested version, and a private name (``_something`` of a Textual class or
module, textual-serve's included) can change in any release; the list in
``coach.tui.private_names`` is what to check when Textual is upgraded. The scan reads the source
of ``coach/``, ``bench/`` and ``tests/`` and of the installed Textual: it finds private modules
imported, a Textual class's private attributes read or set, and private methods overridden in a
subclass.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import coach
from coach.tui.private_names import PRIVATE_TEXTUAL_NAMES

ROOT = Path(coach.__file__).parent.parent
SCANNED = (ROOT / "coach", ROOT / "bench", ROOT / "tests")
TEXTUAL_PACKAGES = ("textual", "textual_serve")


def is_private(name: str) -> bool:
    return name.startswith("_") and name.strip("_") != "" and not name.endswith("__")


def from_textual(module: str) -> bool:
    return module.split(".")[0] in TEXTUAL_PACKAGES


def defined_names(scope: ast.AST) -> set[str]:
    """Private names a class (or a module) defines: its methods and functions, the names
    assigned in its own body, and ``self.x = ...`` in its methods."""
    names: set[str] = set()
    for node in getattr(scope, "body", []):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    for node in ast.walk(scope):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            names.add(node.attr)
    return {name for name in names if is_private(name)}


# How Textual's source names a private attribute or method: ``def _x``, ``self._x =`` or a
# class attribute ``_x =`` / ``_x: T``.
_DEFINED = re.compile(r"(?:\bdef\s+|\bself\.|^[ \t]+)(_[A-Za-z0-9_]*[A-Za-z0-9])\s*[(:=]", re.M)


@cache
def textual_private_names() -> frozenset[str]:
    """Every private name Textual defines somewhere (for attributes read on an object whose
    type the scan cannot know)."""
    found: set[str] = set()
    for package in TEXTUAL_PACKAGES:
        folder = Path(importlib.import_module(package).__file__).parent
        for source in folder.rglob("*.py"):
            found.update(_DEFINED.findall(source.read_text(encoding="utf-8")))
    return frozenset(name for name in found if is_private(name))


@cache
def defined_by_class(cls: type) -> frozenset[str]:
    """The private names one Textual class defines itself (not its bases)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):
        return frozenset()
    return frozenset(defined_names(tree.body[0]))


@dataclass(frozen=True)
class Use:
    """One private Textual name used at a place: ``key`` as the list names it."""

    key: str
    where: str


def textual_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__[1:] if from_textual(base.__module__)]


def class_of(module: str, name: str) -> type | None:
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    return found if isinstance(found, type) else None


def private_in_textual_bases(cls: type, name: str) -> str | None:
    """The Textual class (as ``Class._name``) that defines ``name``, if any base does."""
    for base in textual_bases(cls):
        if name in defined_by_class(base):
            return f"{base.__qualname__}.{name}"
    return None


@dataclass(frozen=True)
class Scan:
    """One file: the private Textual names it surely uses (imports, a subclass's overrides),
    the private names it reads on objects of unknown type, and the private names it defines."""

    uses: list[Use]
    reads: list[Use]
    defines: set[str]


def scan(source: Path, root: Path = ROOT) -> Scan:
    tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
    module = ".".join(source.relative_to(root).with_suffix("").parts)
    uses: list[Use] = []
    reads: list[Use] = []
    defines: set[str] = set()

    def at(node: ast.AST) -> str:
        return f"{source.relative_to(root)}:{getattr(node, 'lineno', 0)}"

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if from_textual(alias.name) and any(map(is_private, alias.name.split("."))):
                    uses.append(Use(alias.name, at(node)))
        elif isinstance(node, ast.ImportFrom) and node.module and from_textual(node.module):
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                if any(map(is_private, dotted.split("."))):
                    uses.append(Use(dotted, at(node)))
        elif isinstance(node, ast.ClassDef):
            uses += _uses_in_class(module, node, at)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            defines.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            defines.add(node.id)  # a name assigned anywhere: generous, never misses one
        elif isinstance(node, ast.Attribute) and is_private(node.attr):
            if isinstance(node.ctx, ast.Store) and getattr(node.value, "id", None) == "self":
                defines.add(node.attr)
            elif node.attr in textual_private_names():
                reads.append(Use(f"?.{node.attr}", at(node)))  # read, or set from outside
    return Scan(uses, reads, {name for name in defines if is_private(name)})


def uses_in(source: Path, ours: set[str], root: Path = ROOT) -> list[Use]:
    """The private Textual names one file uses. ``ours`` are the private names the coach
    defines itself: reading one of them on an object is the coach's own business, unless the
    object is a subclass of a Textual class that defines the same name."""
    found = scan(source, root)
    return found.uses + [use for use in found.reads if use.key[2:] not in ours]


def _uses_in_class(module: str, node: ast.ClassDef, at) -> list[Use]:
    """In a subclass of a Textual class: a private name it defines, reads or sets that one of
    its Textual bases defines too (an override, or a clash that would break the base)."""
    cls = class_of(module, node.name)
    if cls is None or not textual_bases(cls):
        return []
    names = defined_names(node)
    for inner in ast.walk(node):
        if (
            isinstance(inner, ast.Attribute)
            and isinstance(inner.value, ast.Name)
            and inner.value.id in ("self", "super")
        ):
            names.add(inner.attr)
        elif isinstance(inner, ast.Attribute) and isinstance(inner.value, ast.Call):
            names.add(inner.attr)  # super()._name
    uses = []
    for name in sorted(filter(is_private, names)):
        owner = private_in_textual_bases(cls, name)
        if owner is not None:
            uses.append(Use(owner, f"{at(node)} ({node.name})"))
    return uses


def scanned_files() -> list[Path]:
    return sorted(source for folder in SCANNED for source in folder.rglob("*.py"))


@cache
def all_uses() -> tuple[Use, ...]:
    scans = [scan(source) for source in scanned_files()]
    ours = set().union(*(found.defines for found in scans))
    # A name the coach defines only to override Textual's is not the coach's own name.
    ours -= {use.key.rpartition(".")[2] for found in scans for use in found.uses}
    return tuple(
        use
        for found in scans
        for use in (*found.uses, *(read for read in found.reads if read.key[2:] not in ours))
    )


def covers(entry: str, key: str) -> bool:
    """A use is covered by its own entry, a name imported from a private module by the
    module's entry, and an attribute read on an object of unknown type by any entry of that
    name."""
    if key.startswith("?."):
        return entry.endswith(key[1:])
    return key == entry or key.startswith(entry + ".")


def listed(key: str) -> bool:
    return any(covers(entry, key) for entry in PRIVATE_TEXTUAL_NAMES)


def test_every_private_textual_name_used_is_listed_with_its_reason():
    missing = sorted({f"{use.key} at {use.where}" for use in all_uses() if not listed(use.key)})
    assert not missing, (
        "private Textual names used but not listed in coach/tui/private_names.py "
        "(list each with the reason, or use a public name):\n" + "\n".join(missing)
    )


def test_every_listed_name_is_still_used_and_still_in_textual():
    """The list neither rots (an entry no code uses) nor lies (a name Textual no longer has:
    check the code that used it before upgrading)."""
    used = {use.key for use in all_uses()}
    for entry, reason in PRIVATE_TEXTUAL_NAMES.items():
        assert reason.strip(), f"{entry} needs its reason"
        assert any(covers(entry, key) for key in used), f"{entry} is listed but not used"
        head, _, name = entry.rpartition(".")
        if head and head[0].isupper():  # Class._name
            assert name in textual_private_names(), f"Textual's {head} has no {name} any more"
        else:
            assert _importable(entry), f"{entry} is not in the installed Textual any more"


def _importable(dotted: str) -> bool:
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("from textual._ansi_theme import MONOKAI", "textual._ansi_theme.MONOKAI"),
        ("import textual._compositor", "textual._compositor"),
        ("from textual_serve._binary_encode import load", "textual_serve._binary_encode.load"),
        ("def peek(app):\n    return app._notifications", "?._notifications"),
        ("def poke(footer):\n    footer._bindings_ready = True", "?._bindings_ready"),
    ],
)
def test_the_scan_finds_each_way_of_using_a_private_name(tmp_path, code, key):
    """The checks above would catch each form, so their silence means something."""
    probe = tmp_path / "probe.py"
    probe.write_text(code + "\n")
    assert key in {use.key for use in uses_in(probe, set(), root=tmp_path)}


def test_the_scan_finds_an_override_in_a_subclass():
    from coach.tui.failures import EndsSafely

    source = Path(inspect.getsourcefile(EndsSafely))
    found = {use.key for use in uses_in(source, set())}
    assert "App._handle_exception" in found
