"""The shared advice rules: named by fields, filtered by a row, asked by templates, reported
by `coach run`, and refused by name when a flow names one that does not exist."""

from __future__ import annotations

import json

import pytest

from coach.advice import GROUPS, RULES, advice_for, looks_like, rules
from coach.answer_advice import warning_for
from coach.engine import Session
from coach.flowformat.content import FieldSpec
from coach.flowformat.loader import load_flow
from coach.flowformat.problems import FlowInvalid
from coach.templating import render
from tests.conftest import ANSWERS, TODAY


def test_a_group_name_stands_for_its_rules_in_order():
    assert [rule.name for rule in rules(["says"])] == list(GROUPS["says"])
    assert [rule.name for rule in rules(["says", "threat", "label"])] == [
        *GROUPS["says"],
        "label",
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("You will lose your phone for a week.", "threat"),
        ("We are not leaving until you apologise.", "ultimatum"),
        ("You can have it back when you say sorry.", "condition"),
        ("You're grounded.", "punishment"),
        ("What is wrong with you?", "shaming"),
    ],
)
def test_each_kind_has_its_own_advice(text, rule):
    assert advice_for(["says"], text) == RULES[rule].message


def test_curly_apostrophes_read_as_straight_ones():
    assert advice_for(["says"], "You\u2019ll be sorry.") == RULES["threat"].message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Cuts her arms when she is upset", "concern_like"),
        ("Meets an adult she met online", "concern_like"),
        ("Goes missing overnight", "concern_like"),
        ("Talks about suicide", "concern_like"),
        ("Waved a knife at his brother", "weapon_like"),
        ("Is rude to me", "label_like"),
    ],
)
def test_behaviour_words_are_recognised(text, kind):
    assert looks_like(kind, text)


@pytest.mark.parametrize(
    "text", ["Cuts class on Fridays", "Hits his sister", "Cuts up his food and throws it"]
)
def test_ordinary_behaviours_are_not_concerns(text):
    assert not looks_like("concern_like", text)


def test_a_rows_other_fields_choose_whether_advice_applies():
    group = FieldSpec.model_validate(
        {
            "id": "rows",
            "type": "group",
            "label": "Rows",
            "fields": [
                {
                    "id": "behaviour",
                    "type": "text",
                    "label": "What",
                    "advice": [{"rule": "concern_basket", "where": {"basket": ["top", "middle"]}}],
                },
                {"id": "basket", "type": "text", "label": "Where"},
            ],
        }
    )
    in_basket = [{"behaviour": "Cuts her arms", "basket": "top"}]
    set_apart = [{"behaviour": "Cuts her arms", "basket": "concern_self_harm"}]
    assert warning_for(group, in_basket) == RULES["concern_basket"].message
    assert warning_for(group, set_apart) is None


def test_a_choice_is_advised_only_on_words_typed_as_other(shipped):
    spec = shipped.get("de_escalation").fields["phrase"]
    assert warning_for(spec, "wont_accept") is None
    assert warning_for(spec, "Do it now, or else.") == RULES["threat"].message


def test_templates_ask_the_same_rules():
    text = render("{% if x is concern_like %}worry{% else %}basket{% endif %}", {"x": "self-harm"})
    assert text == "worry"


def test_advice_is_given_once_then_the_answer_stands(shipped):
    flow = shipped.get("de_escalation")
    session = Session(flow, today=TODAY, history=["welcome"], state="holding_phrase")
    first = session.answer("phrase", "Stop it, or else.")
    assert first.is_warning and not first.accepted and first.message == RULES["threat"].message
    assert session.answer("phrase", "Stop it, or else.").accepted
    assert session.answers["phrase"] == "Stop it, or else."


def test_an_unknown_rule_is_named_at_its_line(mini_folder, edit):
    content = mini_folder / "flows/mini.yaml"
    edit(content, "        label: A note\n", "        label: A note\n        advice: threats\n")
    with pytest.raises(FlowInvalid) as caught:
        load_flow(content)
    [problem] = caught.value.problems
    assert problem.file == str(content) and "no advice rule called 'threats'" in problem.message


def test_coach_run_lists_advice_on_stderr_and_in_json(cli, tmp_path):
    answers = tmp_path / "threat.yaml"
    text = (ANSWERS / "de_escalation.yaml").read_text()
    answers.write_text(
        text.replace("phrase: wont_accept", "phrase: Give it to me or you'll be sorry.")
    )
    result = cli("run", "de_escalation", "--answers", answers, "--case", "Sam", "--json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["advice"] == [{"field": "phrase", "message": RULES["threat"].message}]
    assert f"coach: note on 'phrase': {RULES['threat'].message}" in result.stderr
    calm = cli("run", "de_escalation", "--answers", ANSWERS / "de_escalation.yaml", "--json")
    assert json.loads(calm.stdout)["advice"] == []
