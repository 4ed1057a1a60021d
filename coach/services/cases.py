"""Cases: the young people the adults plan for, found by name or number the same way in
every face."""

from __future__ import annotations

from typing import Any

from coach.errors import CoachError, NotFoundError
from coach.records import Case
from coach.services.workspace import UseCase


class Cases(UseCase):
    def all(self) -> list[Case]:
        """Every case, by name."""
        return self._store.cases()

    def get(self, case_id: int) -> Case:
        return self._store.case(case_id)

    def find(self, name_or_id: str | None, *, create: bool = False) -> Case | None:
        """The case a person named: by its number or by its name, ignoring upper and lower
        case; None when nothing was named. With ``create``, a new name makes a new case (a
        number never does: it would make a case called "3" by mistake)."""
        if name_or_id is None:
            return None
        found = self._store.find_case(name_or_id)
        if found is not None:
            return found
        if name_or_id.strip().isdigit() or not create:
            raise NotFoundError(f"no case '{name_or_id}'; 'coach cases' lists them")
        return self._store.create_case(name_or_id)

    def create(self, name: str) -> Case:
        return self._store.create_case(name)

    def rename(self, case_id: int, name: str) -> None:
        self._store.rename_case(case_id, name)

    def profile(self, case_id: int | None) -> dict[str, Any] | None:
        """What the case holds (adults, supporters, contacts), for help screens; None when
        there is no such case (any more)."""
        if case_id is None:
            return None
        try:
            return self._store.case(case_id).profile
        except CoachError:
            return None

    def names(self) -> dict[int, str]:
        """Each case's name by its id."""
        return {case.id: case.name for case in self._store.cases()}
