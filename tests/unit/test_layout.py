"""The package's layout keeps its promises: names that say one thing each."""

from __future__ import annotations

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
