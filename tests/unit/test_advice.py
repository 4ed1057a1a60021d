"""Advice on what the parent will say or do, measured on two corpora (issue 14, point 4).

``tests/fixtures/advice/advised.yaml`` holds threats, ultimatums, conditions, punishments,
shaming, restraint, revenge and secrecy that the coach should advise on (at least 90% in all,
and most of each kind); the calm corpus must never be
advised: ``calm.yaml`` plus every shipped example, choice label and answers-file answer of
the fields where the parent writes what they will say or do.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from coach.answer_advice import warning_for
from coach.flowformat.content import FieldSpec
from coach.flowformat.loader import load_folders
from coach.paths import shipped_flows_folder
from tests.conftest import ANSWERS, TESTS

CORPUS = TESTS / "fixtures" / "advice"
ADVISED = [
    (kind, text)
    for kind, texts in yaml.safe_load((CORPUS / "advised.yaml").read_text()).items()
    for text in texts
]
CALM_LISTED: list[str] = yaml.safe_load((CORPUS / "calm.yaml").read_text())
SHIPPED = load_folders([shipped_flows_folder()])

# Where the parent writes what they will say or do (the letter, phrases, steps, gestures,
# messages for supporters to send).
SAYS = {
    "de_escalation": ["phrase", "step_out_actions", "later_action"],
    "delayed_action": ["phrase", "responses", "response_notes"],
    "announcement": [
        "qualities",
        "commitment",
        "promise",
        "future",
        "place",
        "if_mocked",
        "if_walks_out",
        "if_torn_up",
        "after_plan",
        "if_worse",
    ],
    "sit_in": [
        "place",
        "place_notes",
        "opening_words",
        "if_not_suggestion",
        "if_shouts",
        "if_leaves",
        "if_ignores",
        "if_aggressive",
        "afterwards_notes",
    ],
    "resisting_rules": [
        "need_steps",
        "first_how",
        "first_words",
        "second_how",
        "second_words",
        "holding_phrase",
        "calm_actions",
    ],
    "reconciliation_gestures": [
        "gesture_1",
        "gesture_1_notes",
        "gesture_2",
        "gesture_2_notes",
        "gesture_3",
        "gesture_3_notes",
    ],
    "supporter_messages": [
        "noticing_draft",
        "exception_draft",
        "challenge_draft",
        "reconciliation_draft",
        "own_words",
    ],
    "support_network": ["script"],
    "parental_presence": [
        "open_actions",
        "focused_actions",
        "protective_actions",
        "round_script",
        "welcome_words",
        "coming_home_steps",
        "presence_words",
    ],
    "reparation": [
        "amends_ideas",
        "amends_notes",
        "go_between_role",
        "proposal_words",
        "if_refuses",
        "afterwards",
        "afterwards_notes",
    ],
}


def says_fields() -> Iterator[tuple[str, FieldSpec]]:
    """Every shipped field that takes the 'says' advice (a group's fields included)."""
    for flow_id, flow in SHIPPED.flows.items():
        for spec in flow.fields.values():
            for field in [spec, *spec.fields]:
                if any(use.rule == "says" for use in field.advice):
                    yield flow_id, field


def advice_on(text: str) -> str | None:
    """The advice the coach gives when these words are written in any field that takes it."""
    for _flow, spec in says_fields():
        value = [text] if spec.type == "multi_choice" else text
        advice = warning_for(spec, value)
        if advice and "long" not in advice:  # a length note is not advice on the wording
            return advice
    return None


def shipped_calm_words() -> Iterator[tuple[str, str]]:
    """The shipped examples, choice labels and answers-file answers of those fields."""
    for flow_id, spec in says_fields():
        if isinstance(spec.example, str):
            yield f"{flow_id}.{spec.id} example", spec.example
        for choice in spec.choices:
            yield f"{flow_id}.{spec.id} choice {choice.value}", choice.label
        for file in sorted(ANSWERS.glob(f"{flow_id}*.yaml")):
            given = yaml.safe_load(file.read_text()).get(spec.id)
            for value in given if isinstance(given, list) else [given]:
                if isinstance(value, str) and value not in {c.value for c in spec.choices}:
                    yield f"{file.name}: {spec.id}", value


CALM = [("calm.yaml", text) for text in CALM_LISTED] + list(shipped_calm_words())


def test_the_corpora_are_big_enough():
    assert len(ADVISED) >= 40
    assert {kind for kind, _ in ADVISED} == {
        "threat",
        "ultimatum",
        "condition",
        "punishment",
        "shaming",
        "restraint",
        "revenge",
        "secrecy",
    }
    assert len(CALM) >= 60
    for phrase in (
        "I won't accept this; I'll come back to it later.",
        "We will sit here and wait for your suggestion.",
    ):
        assert phrase in CALM_LISTED
    assert any(text.startswith("We are telling our family") for text in CALM_LISTED)


def test_at_least_nine_in_ten_threats_conditions_and_shaming_are_advised():
    missed = [f"{kind}: {text}" for kind, text in ADVISED if advice_on(text) is None]
    rate = 1 - len(missed) / len(ADVISED)
    assert rate >= 0.9, f"{rate:.0%} advised; not advised:\n" + "\n".join(missed)


def test_each_kind_is_mostly_advised():
    """The overall rate could hide a whole kind the rules never see (restraint, say)."""
    for kind in {kind for kind, _ in ADVISED}:
        texts = [text for k, text in ADVISED if k == kind]
        missed = [text for text in texts if advice_on(text) is None]
        assert len(missed) <= len(texts) // 4, f"{kind}: not advised:\n" + "\n".join(missed)


def test_calm_words_are_never_advised():
    advised = [f"{where}: {text!r} -> {advice_on(text)}" for where, text in CALM if advice_on(text)]
    assert not advised, "\n".join(advised)


def test_every_field_where_the_parent_writes_what_they_will_say_or_do_takes_the_advice():
    taking = {(flow_id, spec.id) for flow_id, spec in says_fields()}
    listed = {(flow_id, field_id) for flow_id, ids in SAYS.items() for field_id in ids}
    assert listed <= taking, sorted(listed - taking)


def test_the_corpus_files_are_where_the_test_reads_them():
    assert Path(CORPUS / "advised.yaml").is_file() and Path(CORPUS / "calm.yaml").is_file()
