"""The campaign over weeks on a case: the incident diary (log, correct, read), the weekly
check-ins, the timeline, the progress figures and report, the diary as CSV and the
reminders calendar. Both faces ask these, so a rule (the safety guidance shown first when
someone was hurt, a report's period, a file's safe name) is written once.

Diary entries from the delayed-action and de-escalation flows, and check-ins from the
check-in flow, are made when their sessions finish (``coach.services.session_records``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import CoachError
from coach.records import Case, CheckInEntry, DiaryEntry, Gesture, Incident
from coach.safety import REGION_SETTING
from coach.services.plans import Export
from coach.services.workspace import UseCase

if TYPE_CHECKING:
    from coach.campaign.figures import Progress
    from coach.campaign.report import ProgressReport
    from coach.flowformat.content import FieldSpec
    from coach.records import TimelineKind, TimelinePage

REPORT_FORMATS = ("html", "pdf")


@dataclass(frozen=True)
class Logged:
    """A diary entry as kept, and the guidance to show before anything else when it says
    someone was hurt (None otherwise)."""

    entry: DiaryEntry
    guidance: str | None


def form_values(incident: Incident) -> dict[str, Any]:
    """An entry as the incident form's answers, to correct it in the same form."""
    values: dict[str, Any] = {
        "day": incident.day.isoformat(),
        "what_happened": incident.what_happened,
        "severity": incident.severity,
        "anyone_hurt": incident.anyone_hurt,
        "responses": [response.value for response in incident.responses],
    }
    if incident.at is not None:
        values["at"] = incident.at.strftime("%H:%M")
    for key in ("place", "who_was_there", "support_called"):
        if getattr(incident, key):
            values[key] = getattr(incident, key)
    return values


# What each of a case's campaign exports is called, and its file extension.
FILE_KINDS = {
    "html": ("progress", "html"),
    "pdf": ("progress", "pdf"),
    "csv": ("diary", "zip"),
    "ics": ("reminders", "ics"),
}


def export_name(case_id: int, kind: str, today: date) -> str:
    """``case-3-progress-2026-11-27.pdf``: the case's number, never the young person's name."""
    what, extension = FILE_KINDS[kind]
    return f"case-{int(case_id)}-{what}-{today.isoformat()}.{extension}"


def render_report(
    report: ProgressReport, format_name: str, case_id: int, *, apart: bool = False
) -> Export:
    """The report as a web page (inline charts, no scripts) or a PDF with the same charts as
    vector graphics. Pure, so the app can wait for a PDF in a worker thread; ``apart`` makes
    it in a process of its own (``coach.export.pdf_apart``), so the app's screen never waits."""
    from coach.export.pdf_apart import report_pdf_apart
    from coach.export.progress_html import report_html
    from coach.export.progress_pdf import report_pdf

    kind = format_name.lower()
    if kind not in REPORT_FORMATS:
        raise CoachError(f"a progress report is html or pdf, not '{format_name}'")
    name = export_name(case_id, kind, report.made_on)
    if kind == "html":
        return Export(report_html(report), name, False)
    data, warnings = report_pdf_apart(report) if apart else report_pdf(report)
    return Export(data, name, True, warnings)


class Campaign(UseCase):
    # --- the diary ----------------------------------------------------------------------

    @property
    def incident_fields(self) -> tuple[FieldSpec, ...]:
        """The questions of the short "Log an incident" form."""
        from coach.campaign.incident_form import INCIDENT_FIELDS

        return INCIDENT_FIELDS

    def log_incident(self, case_id: int, raw: Mapping[str, Any], today: date) -> Logged:
        """Keep an incident typed into the form (or an answers file); EntryInvalid lists
        every problem, one line each, and nothing is kept."""
        from coach.campaign.incident_form import incident_from

        case = self._store.case(case_id)
        incident = incident_from(raw, today=today)
        entry = self._store.diary_entry(self._store.add_incident(case.id, incident))
        return Logged(entry, self._guidance_if_hurt(case, incident))

    def read_incident_file(self, path: Path) -> dict[str, Any]:
        """An answers file for ``coach log --answers``: the form's parts by id. A file that
        is not a mapping, or names a part the form does not have, is one line with its line
        number."""
        from coach.campaign.incident_form import INCIDENT_FIELDS
        from coach.yamlio import read_yaml

        doc = read_yaml(path)
        if not isinstance(doc.data, dict):
            raise CoachError(f"{path}:1: expected the incident's parts, e.g. 'what_happened: ...'")
        parts = {spec.id for spec in INCIDENT_FIELDS}
        unknown = [str(key) for key in doc.data if str(key) not in parts]
        if unknown:
            raise CoachError(
                f"{path}:{doc.line_of((unknown[0],))}: '{unknown[0]}' is not part of an "
                f"incident entry (the parts are: {', '.join(sorted(parts))})"
            )
        return {str(key): value for key, value in doc.data.items()}

    def correct_incident(self, incident_id: int, raw: Mapping[str, Any], today: date) -> Logged:
        """Keep a corrected entry as a new revision; the earlier ones stay."""
        from coach.campaign.incident_form import incident_from

        entry = self._store.diary_entry(incident_id)
        incident = incident_from(raw, today=today, plan_id=entry.incident.plan_id)
        corrected = self._store.correct_incident(incident_id, incident)
        case = self._store.case(corrected.case_id)
        hurt_now = incident.anyone_hurt and not entry.incident.anyone_hurt
        return Logged(corrected, self._guidance_if_hurt(case, incident) if hurt_now else None)

    def entry(self, incident_id: int, *, case_limit: Case | None = None) -> DiaryEntry:
        entry = self._store.diary_entry(incident_id)
        if case_limit is not None and entry.case_id != case_limit.id:
            raise CoachError(f"diary entry {incident_id} belongs to another case")
        return entry

    def diary(self, case_id: int) -> list[DiaryEntry]:
        """A case's diary, in the order the entries were logged."""
        return self._store.diary(case_id)

    def hurt_guidance(self, case: Case) -> str:
        """What to do first when someone was hurt (Markdown), for the case's region and with
        its own professional contacts."""
        from coach.guidance import SOMEONE_HURT
        from coach.safety import crisis_context
        from coach.templating import render

        region = self._store.setting(REGION_SETTING)
        return render(SOMEONE_HURT, {"crisis": crisis_context(region), "case": case.profile})

    def _guidance_if_hurt(self, case: Case, incident: Incident) -> str | None:
        return self.hurt_guidance(case) if incident.anyone_hurt else None

    # --- check-ins and gestures ---------------------------------------------------------

    def check_ins(self, case_id: int) -> list[CheckInEntry]:
        return self._store.check_ins(case_id)

    def check_in(self, check_in_id: int) -> CheckInEntry:
        return self._store.check_in_entry(check_in_id)

    def gestures(self, case_id: int) -> list[Gesture]:
        """Every dated gesture in the case's reconciliation-gestures plans."""
        from coach.campaign.from_flows import GESTURES_FLOW, gestures_in

        found: list[Gesture] = []
        for summary in self._store.plans(case_id=case_id):
            if summary.flow_id == GESTURES_FLOW:
                found += gestures_in(self._store.plan(summary.id).answers, summary.id)
        return found

    # --- seeing it over time ------------------------------------------------------------

    def timeline(
        self,
        case_id: int,
        kinds: Sequence[TimelineKind] | None = None,
        *,
        start: int = 0,
        count: int | None = None,
    ) -> TimelinePage:
        """What happened on the case, newest first (only ``kinds``, when given): ``count``
        items from ``start`` (all when None), and how many there are in all."""
        from coach.campaign.timeline import timeline
        from coach.records import TimelineKind

        wanted = set(kinds if kinds is not None else TimelineKind)
        store = self._store
        plans = wanted & {TimelineKind.PLAN, TimelineKind.FOLLOW_UP}
        return timeline(
            incidents=store.incident_moments(case_id) if TimelineKind.INCIDENT in wanted else (),
            entries=store.diary_entries,
            check_ins=store.check_ins(case_id) if TimelineKind.CHECK_IN in wanted else (),
            plan_events=store.plan_events(case_id) if plans else (),
            gestures=self.gestures(case_id) if TimelineKind.GESTURE in wanted else (),
            kinds=sorted(wanted),
            start=start,
            count=count,
        )

    def progress(self, case_id: int, *, since: date | None, today: date) -> Progress:
        """The figures of the period from ``since`` (or the first record's week) to today."""
        return self.progress_report(case_id, since=since, today=today).progress

    def progress_data(self, case_id: int, *, since: date | None, today: date) -> dict[str, Any]:
        """What ``coach progress --json`` prints: the figures and the summary in words."""
        from coach.campaign.progress_json import progress_data

        return progress_data(self.progress(case_id, since=since, today=today))

    def progress_report(self, case_id: int, *, since: date | None, today: date) -> ProgressReport:
        """What the progress report of the period holds (see ``render_report``)."""
        from coach.campaign.report import progress_report as report_of
        from coach.campaign.weeks import period_for
        from coach.records import PlanMade
        from coach.timestamps import local_day

        case = self._store.case(case_id)
        incidents = [entry.incident for entry in self._store.diary(case.id)]
        check_ins = [entry.check_in for entry in self._store.check_ins(case.id)]
        days = [i.day for i in incidents] + [c.day for c in check_ins]
        plans = [
            PlanMade(p.title, date.fromisoformat(local_day(p.created)))
            for p in sorted(self._store.plans(case_id=case.id), key=lambda p: (p.created, p.id))
        ]
        return report_of(
            case.name,
            period_for(days, since=since, today=today),
            made_on=today,
            incidents=incidents,
            check_ins=check_ins,
            gestures=self.gestures(case.id),
            plans=plans,
        )

    # --- taking it elsewhere ------------------------------------------------------------

    def report(self, case_id: int, format_name: str, *, since: date | None, today: date) -> Export:
        """The progress report for a review, as html or pdf (see ``render_report``)."""
        if format_name.lower() not in REPORT_FORMATS:
            raise CoachError(f"a progress report is html or pdf, not '{format_name}'")
        report = self.progress_report(case_id, since=since, today=today)
        return render_report(report, format_name, case_id)

    def diary_csv(self, case_id: int, today: date) -> Export:
        """``incidents.csv`` and ``check-ins.csv`` in one zip: every entry, as it reads now."""
        from coach.export.diary_csv import diary_zip

        case = self._store.case(case_id)
        incidents = [entry.incident for entry in self._store.diary(case.id)]
        check_ins = [entry.check_in for entry in self._store.check_ins(case.id)]
        data = diary_zip(incidents, check_ins, made_on=today)
        return Export(data, export_name(case.id, "csv", today), True)

    def diary_files(self, case_id: int) -> dict[str, bytes]:
        """The diary and check-ins as CSV files by name, for a case's zip (none when the
        case has neither)."""
        from coach.export.diary_csv import (
            CHECK_INS_FILE,
            INCIDENTS_FILE,
            check_ins_csv,
            incidents_csv,
        )

        diary, check_ins = self._store.diary(case_id), self._store.check_ins(case_id)
        if not diary and not check_ins:
            return {}
        return {
            INCIDENTS_FILE: incidents_csv(entry.incident for entry in diary),
            CHECK_INS_FILE: check_ins_csv(entry.check_in for entry in check_ins),
        }

    def reminders(self, case_id: int, today: date) -> Export:
        """The weekly check-in (on the weekday of the latest one, from today on) and a
        follow-up for each dated plan that asks "how did it go?", every field neutral."""
        from coach.export.calendar import reminders_ics

        case = self._store.case(case_id)
        check_ins = self._store.check_ins(case.id)
        first = today
        if check_ins:
            weekday = max(entry.check_in.day for entry in check_ins).weekday()
            first = today + timedelta(days=(weekday - today.weekday()) % 7)
        catalogue = self._workspace.catalogue
        plans = [
            (self._store.plan(summary.id), catalogue.flows[summary.flow_id])
            for summary in self._store.plans(case_id=case.id)
            if summary.flow_id in catalogue.flows
        ]
        data = reminders_ics(
            check_in=(first, None), plans=plans, series=f"case-{case.id}", made=datetime.now(UTC)
        )
        return Export(data, export_name(case.id, "ics", today), False)
