"""The progress figures in words: a few short, factual sentences for a review.

Factual on purpose: counts, ratings and dates, no praise and no alarm, so the practitioner
and the family draw the conclusions together. "First" and "last" compare the same number of
weeks at each end of the period: four, or half the weeks when there are fewer than eight.
"""

from __future__ import annotations

from datetime import date

from coach.campaign.figures import Progress, Series
from coach.records import BAND_RANGES, FEELING_LABELS, SeverityBand

COMPARED_WEEKS = 4
GOAL_WORDS = 12
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}


def day_text(day: date) -> str:
    """``5 January 2026``."""
    return f"{day.day} {day:%B %Y}"


def span_text(start: date, end: date) -> str:
    """``between 5 January and 27 December 2026`` (the year once when both share it)."""
    if start == end:
        return f"on {day_text(start)}"
    if start.year == end.year:
        return f"between {start.day} {start:%B} and {day_text(end)}"
    return f"between {day_text(start)} and {day_text(end)}"


def period_line(progress: Progress) -> str:
    """``Between 5 January and 28 December 2026 · 52 weeks``: a report's subtitle."""
    span = span_text(progress.period.start, progress.period.end)
    weeks = len(progress.incidents)
    return f"{span[:1].upper()}{span[1:]} · {counted(weeks, 'week')}"


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def compared_weeks(weeks: int) -> int:
    """How many weeks each end of the period holds for "first" and "last" (0: too short)."""
    return min(COMPARED_WEEKS, weeks // 2)


def _ends(weeks: int) -> tuple[int, str, str]:
    """How many weeks each end holds, and how to name them: ``(4, "the first four weeks",
    "the last four")``, ``(1, "the first week", "the last")``, or ``(0, "", "")`` for a
    period too short to compare."""
    ends = compared_weeks(weeks)
    if ends == 0:
        return 0, "", ""
    if ends == 1:
        return 1, "the first week", "the last"
    return ends, f"the first {_NUMBER_WORDS[ends]} weeks", f"the last {_NUMBER_WORDS[ends]}"


def _shortened(text: str) -> str:
    words = text.split()
    return text if len(words) <= GOAL_WORDS else " ".join(words[:GOAL_WORDS]) + "…"


def _incident_lines(progress: Progress) -> list[str]:
    weeks = progress.incidents
    total = progress.incident_total
    span = span_text(progress.period.start, progress.period.end)
    if total == 0:
        return [f"No incidents were logged {span}."]
    over = "in one week" if len(weeks) == 1 else f"over {len(weeks)} weeks"
    lines = [f"{counted(total, 'incident')} logged {span}, {over}."]
    ends, first, last = _ends(len(weeks))
    if ends:
        early = sum(week.total for week in weeks[:ends])
        late = sum(week.total for week in weeks[-ends:])
        lines.append(f"{counted(early, 'incident')} in {first}, {late} in {last}.")
    severe = progress.band_total(SeverityBand.SEVERE)
    low = BAND_RANGES[SeverityBand.SEVERE][0]
    if severe == 0:
        lines.append(f"None was rated {low} or more.")
    elif ends:
        early = sum(week.count(SeverityBand.SEVERE) for week in weeks[:ends])
        late = sum(week.count(SeverityBand.SEVERE) for week in weeks[-ends:])
        lines.append(f"{severe} rated {low} or more: {early} in {first}, {late} in {last}.")
    else:
        lines.append(f"{severe} rated {low} or more.")
    hurt = progress.hurt_total
    if hurt == 0:
        lines.append("No one was hurt.")
    else:
        lines.append("Someone was hurt." if total == 1 else f"Someone was hurt in {hurt} of them.")
    if len(weeks) > 1:
        busiest = max(weeks, key=lambda week: week.total)
        lines.append(
            f"The most in one week was {busiest.total}, in the week of {day_text(busiest.week)}."
        )
    return lines


def _goal_line(series: Series) -> str:
    name = _shortened(series.name)
    (first_day, first), (_, latest) = series.first, series.latest
    if len(series.points) == 1:
        return f'Goal "{name}": {first} out of 10 on {day_text(first_day)}.'
    return f'Goal "{name}": {first} at the first check-in, {latest} at the latest.'


def _check_in_lines(progress: Progress) -> list[str]:
    check_ins = progress.check_ins
    if not check_ins:
        return ["No check-ins in this period."]
    lines = [f"{counted(len(check_ins), 'check-in')}, the latest on {day_text(check_ins[-1].day)}."]
    pairs = [
        f"{FEELING_LABELS[feeling].lower()} {series.first[1]} and {series.latest[1]}"
        for feeling, series in progress.feelings
        if len(series.points) > 1
    ]
    if pairs:
        lines.append(f"Self-ratings at the first and latest check-in: {', '.join(pairs)}.")
    return lines


def _gesture_line(progress: Progress) -> str:
    total = progress.gesture_total
    if total == 0:
        return "No reconciliation gestures were dated in this period."
    return f"{counted(total, 'reconciliation gesture')} offered."


def summary(progress: Progress) -> tuple[str, ...]:
    """The sentences, in the order a review reads them: incidents, goals, check-ins, gestures."""
    return (
        *_incident_lines(progress),
        *(_goal_line(series) for series in progress.goals),
        *_check_in_lines(progress),
        _gesture_line(progress),
    )
