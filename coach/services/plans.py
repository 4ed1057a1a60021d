"""Plans: reading, revising, "how did it go", exporting (with or without the practitioner's
notes) and importing. The rule about notes is written here once: any export that carries
them marks them "not for the family"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError
from coach.records import (
    Case,
    FollowUp,
    ImportedCase,
    ImportedPlan,
    PlanRecord,
    PlanSummary,
    Revision,
)
from coach.safety import REGION_SETTING
from coach.services.workspace import UseCase

if TYPE_CHECKING:
    from coach.export.importing import PlanImport
    from coach.flowformat.catalogue import Catalogue
    from coach.flowformat.flow import Flow
    from coach.store import Store


CASE_FORMATS = ("zip", "html", "json", "csv", "ics")


@dataclass(frozen=True)
class Export:
    """An export made in memory: the bytes, a safe file name, and warnings (one line each)."""

    data: bytes
    name: str
    binary: bool
    warnings: list[str] = field(default_factory=list)
    with_notes: bool = False


@dataclass(frozen=True)
class ExportJob:
    """An export read from the store and ready to make. Making it (a PDF takes a good part
    of a second) touches no store, so the app makes it in a worker and stays drawn."""

    plan: PlanRecord
    format_name: str
    catalogue: Catalogue
    with_notes: bool

    def make(self, *, apart: bool = False) -> Export:
        """The file; ``apart`` makes a slow format (a PDF) in a process of its own, so an app
        making it in a worker keeps its screen moving."""
        from coach.export.registry import exporter

        chosen = exporter(self.format_name)
        rendered = chosen.export(self.plan, self.catalogue, apart=apart)
        return Export(
            rendered.data,
            chosen.file_name(self.plan),
            chosen.binary,
            list(rendered.warnings),
            with_notes=self.with_notes,
        )


@dataclass(frozen=True)
class Imported:
    """What an import did, and the plan as it is now stored."""

    result: ImportedPlan
    plan: PlanRecord


def with_practitioner_notes(plan: PlanRecord, notes: str) -> PlanRecord:
    """The practitioner's copy of a plan: the session notes after it, under the banner that
    says they are not for the family. No notes, no banner: the plan as it is."""
    from coach.export.html import NOTES_BANNER
    from coach.fields import clean_text
    from coach.templating import escape_markdown

    text = clean_text(notes).strip()
    if not text:
        return plan
    body = f"{plan.body.rstrip()}\n\n## {NOTES_BANNER}\n\n{escape_markdown(text)}\n"
    return replace(plan, body=body)


def record_follow_up(
    store: Store, flow: Flow, plan_id: int, raw: Mapping[str, Any], today: date
) -> int:
    """Check, store and show one follow-up; returns the plan's new revision number."""
    from coach.follow_up import check_answers, follow_up_section, follow_up_spec

    plan = store.plan(plan_id)
    if plan.flow_id != flow.id:
        raise CoachError(f"plan {plan_id} comes from '{plan.flow_id}', not '{flow.id}'")
    case = store.case(plan.case_id).profile if plan.case_id is not None else {}
    answers = check_answers(follow_up_spec(flow), raw, today, case)
    region = store.setting(REGION_SETTING)
    section = follow_up_section(flow, plan.answers, answers, case, today, region)
    return store.add_follow_up(plan_id, answers, f"{plan.body.rstrip()}\n\n{section}")


def store_plan_import(checked: PlanImport, store: Store) -> ImportedPlan:
    """Add a plan exported as JSON, checked in full first (so a damaged file changes
    nothing); the same plan twice is found and not added again."""
    from coach.timestamps import in_utc

    return store.import_plan(
        case_name=checked.case_name,
        flow_id=checked.flow_id,
        flow_version=checked.flow_version,
        title=checked.title,
        body=checked.markdown,
        answers=checked.answers,
        created=in_utc(checked.created),
    )


class Plans(UseCase):
    def all(self, *, case_limit: Case | None = None) -> list[PlanSummary]:
        """Every plan, newest first (only the case's, when limited to one)."""
        return self._store.plans(case_id=case_limit.id if case_limit else None)

    def of_case(self, case_id: int | None) -> list[PlanSummary]:
        """A case's plans, newest first; ``None`` means the plans made without a case."""
        return self._store.plans(case_id=case_id, without_case=case_id is None)

    def get(self, plan_id: int, *, case_limit: Case | None = None) -> PlanRecord:
        plan = self._store.plan(plan_id)
        if case_limit is not None and plan.case_id != case_limit.id:
            raise CoachError(f"plan {plan_id} belongs to another case")
        return plan

    def flow_of(self, plan: PlanRecord) -> Flow | None:
        """The flow a plan was made with, when it is still known (a plan may outlive it)."""
        return self._workspace.catalogue.flows.get(plan.flow_id)

    def revisions(self, plan_id: int) -> list[Revision]:
        return self._store.revisions(plan_id)

    def revise(self, plan_id: int, body: str) -> int:
        """Keep an edited plan as a new revision (the earlier ones stay); its number."""
        return self._store.add_revision(plan_id, body)

    def delete(self, plan_id: int) -> None:
        self._store.delete_plan(plan_id)

    def follow_up(self, plan_id: int, answers: Mapping[str, Any], today: date) -> int:
        """Record how it went; the plan gains a revision with the section "How it went"."""
        plan = self._store.plan(plan_id)
        flow = self._workspace.catalogue.get(plan.flow_id)
        return record_follow_up(self._store, flow, plan_id, answers, today)

    def follow_ups(self, plan_id: int) -> list[FollowUp]:
        return self._store.follow_ups(plan_id)

    def session_notes(self, plan: PlanRecord) -> str:
        """The practitioner's notes on the session that made the plan ("" when none)."""
        if plan.session_id is None:
            return ""
        try:
            return self._store.session(plan.session_id).notes
        except CoachError:
            return ""

    def export(self, plan_id: int, format_name: str, *, with_notes: bool = False) -> Export:
        """One plan in one format; ``with_notes`` adds the session notes, marked as the
        practitioner's, never the family's."""
        return self.prepare_export(plan_id, format_name, with_notes=with_notes).make()

    def prepare_export(
        self, plan_id: int, format_name: str, *, with_notes: bool = False
    ) -> ExportJob:
        """What ``export`` reads from the store, checked; ``make()`` then needs no store."""
        from coach.export.registry import exporter
        from coach.fields import clean_text

        exporter(format_name)  # an unknown format is refused before anything is read
        plan = self._store.plan(plan_id)
        notes = self.session_notes(plan) if with_notes else ""
        return ExportJob(
            with_practitioner_notes(plan, notes),
            format_name,
            self._workspace.catalogue,
            with_notes=bool(clean_text(notes).strip()),
        )

    def export_case(
        self, name_or_id: str, format_name: str, *, practitioner: bool, today: date
    ) -> Export:
        """A whole case: every plan as a zip (md, html and pdf each, and the diary as CSV)
        or one html page, with ``practitioner`` the sessions' notes and each plan's parts "not
        for the family" too (which the plans themselves leave out), marked as such; or the
        case as JSON (re-importable), its diary and check-ins as CSV, or its reminders as a
        calendar."""
        from coach.export.audience import private_parts
        from coach.export.bundle import Bundle, bundle_html, bundle_name, bundle_zip
        from coach.fields import clean_text
        from coach.services.campaign import Campaign
        from coach.services.case_files import case_file
        from coach.services.cases import Cases

        kind = format_name.lower()
        if kind not in CASE_FORMATS:
            raise CoachError(
                f"a case exports as {', '.join(CASE_FORMATS[:-1])} or {CASE_FORMATS[-1]}, "
                f"not '{format_name}'"
            )
        if practitioner and kind not in ("zip", "html"):
            raise CoachError("--practitioner adds session notes to a zip or html of the plans")
        case = Cases(self._workspace).find(name_or_id)
        assert case is not None
        campaign = Campaign(self._workspace)
        if kind == "csv":
            return campaign.diary_csv(case.id, today)
        if kind == "ics":
            return campaign.reminders(case.id, today)
        if kind == "json":
            name = f"case-{int(case.id)}-{today.isoformat()}.json"
            return Export(case_file(self._store, case), name, False)
        summaries = sorted(self._store.plans(case_id=case.id), key=lambda p: (p.created, p.id))
        plans = [self._store.plan(row.id) for row in summaries]
        files = campaign.diary_files(case.id) if kind == "zip" else {}
        if not plans and not files:
            raise CoachError(f"case {case.id} has no plans yet, so there is nothing to export")
        notes: dict[int, str] = {}
        private: dict[int, str] = {}
        if practitioner:
            for plan in plans:
                text = clean_text(self.session_notes(plan)).strip()
                if text:
                    notes[plan.id] = text
                kept = private_parts(plan.body)
                if kept:
                    private[plan.id] = kept
        bundle = Bundle(case, plans, notes, today, private, files)
        if kind == "html":
            html = bundle_html(bundle)
            return Export(html, bundle_name(bundle, "html"), False, [], bundle.with_notes)
        data, warnings = bundle_zip(bundle, self._workspace.catalogue)
        return Export(data, bundle_name(bundle, "zip"), True, warnings, bundle.with_notes)

    def import_file(self, path: Path) -> Imported | ImportedCase:
        """Add a plan exported as JSON (see ``import_plan_file``) and read it back, or a
        whole case exported as JSON (its plans, diary and check-ins)."""
        from coach.export.case_json import CaseImport
        from coach.export.importing import read_import_file
        from coach.services.case_files import import_case

        checked = read_import_file(path, self._workspace.catalogue)
        if isinstance(checked, CaseImport):
            return import_case(self._store, checked)
        result = store_plan_import(checked, self._store)
        return Imported(result, self._store.plan(result.plan_id))
