"""The package's layout keeps its promises: names that say one thing each."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import coach

PACKAGE = Path(coach.__file__).parent


def test_no_two_modules_share_a_name():
    """``text.py`` in two folders made readers open the wrong one; each name means one thing."""
    places: dict[str, list[str]] = defaultdict(list)
    for module in PACKAGE.rglob("*.py"):
        if module.name not in ("__init__.py", "__main__.py"):
            places[module.name].append(str(module.relative_to(PACKAGE)))
    shared = {name: where for name, where in places.items() if len(where) > 1}
    assert not shared


FACES = ("cli", "tui", "web")
BEHIND_THE_LAYER = ("coach.store", "coach.maintenance")


def package_of(source: Path) -> str:
    return ".".join(("coach", *source.relative_to(PACKAGE).parent.parts))


def imported_modules(source: Path, package: str) -> set[str]:
    """Every module a file imports, at the top or inside a function, relative ones resolved
    from ``package`` (the file's own)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(), str(source))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def reaches_behind(module: str) -> bool:
    return any(module == hidden or module.startswith(hidden + ".") for hidden in BEHIND_THE_LAYER)


def test_the_faces_call_only_the_use_cases():
    """The faces (the command line, the app, the browser mode) never import the store or its
    maintenance: every rule lives once, in coach.services, and every face obeys it."""
    offenders = {
        f"{source.relative_to(PACKAGE)}: {module}"
        for face in FACES
        for source in (PACKAGE / face).rglob("*.py")
        for module in imported_modules(source, package_of(source))
        if reaches_behind(module)
    }
    assert not offenders


def test_the_import_check_sees_every_way_of_importing(tmp_path):
    """The check above would catch each form (so its silence means something)."""
    forms = {
        "import coach.store": "coach.store",
        "from coach import store": "coach.store",
        "from coach.store.maintenance import doctor": "coach.store.maintenance",
        "def later():\n    from coach.store import Store": "coach.store",
        "from ...store import Store": "coach.store",
    }
    probe = tmp_path / "probe.py"
    for code, module in forms.items():
        probe.write_text(code + "\n")
        found = imported_modules(probe, "coach.tui.screens")
        assert module in found and any(reaches_behind(m) for m in found), code


MAX_MODULE_LINES = 500


def test_no_module_is_longer_than_it_can_be_read():
    """A module over 500 lines holds more than one job; split it by job (the stylesheet, which
    is not Python, is the one long file)."""
    long = {
        str(source.relative_to(PACKAGE)): lines
        for source in PACKAGE.rglob("*.py")
        if (lines := len(source.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long


def test_the_version_is_written_once():
    """pyproject.toml takes the version from ``coach.__version__``, so the two never differ."""
    import tomllib
    from importlib.metadata import version

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert version("nvr-coach") == coach.__version__
