"""A whole case as one JSON file, out and back in: its plans, its diary with every revision,
and its check-ins. Checked in full before anything is stored, then added in one
transaction, so a damaged file changes nothing; what is already here is not added twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.records import Case, ImportedCase

if TYPE_CHECKING:
    from coach.export.case_json import CaseImport
    from coach.store import Store

KINDS = ("plans", "incidents", "check_ins")


def case_file(store: Store, case: Case) -> bytes:
    from coach.export.case_json import case_json

    summaries = sorted(store.plans(case_id=case.id), key=lambda p: (p.created, p.id))
    plans = [store.plan(row.id) for row in summaries]
    return case_json(case, plans, store.diary(case.id), store.check_ins(case.id))


def import_case(store: Store, checked: CaseImport) -> ImportedCase:
    """Add a checked case export: its case found by name (or made), then each plan, entry
    and check-in that is not here yet, all in one transaction."""
    from coach.timestamps import in_utc

    added = dict.fromkeys(KINDS, 0)
    already = dict.fromkeys(KINDS, 0)
    with store.atomically():
        case_id, new_case = store.case_for_import(checked.case_name)
        assert case_id is not None  # a case export always names its case
        plan_ids: list[int] = []
        for plan in checked.plans:
            result = store.import_plan(
                case_name=checked.case_name,
                flow_id=plan.flow_id,
                flow_version=plan.flow_version,
                title=plan.title,
                body=plan.markdown,
                answers=plan.answers,
                created=in_utc(plan.created),
            )
            plan_ids.append(result.plan_id)
            (already if result.duplicate else added)["plans"] += 1
        for entry in checked.incidents:
            history = [(in_utc(saved), incident) for saved, incident in entry.revisions]
            if store.has_entry(case_id, history[0]):
                already["incidents"] += 1
                continue
            plan_id = plan_ids[entry.plan] if entry.plan is not None else None
            store.add_history(case_id, history, plan_id)
            added["incidents"] += 1
        for saved, check_in in checked.check_ins:
            if store.has_check_in(case_id, in_utc(saved), check_in):
                already["check_ins"] += 1
                continue
            store.add_check_in(case_id, check_in, saved=in_utc(saved))
            added["check_ins"] += 1
    return ImportedCase(case_id, new_case, added, already)
