import pytest

from coach.conditions import Facts, compile_condition, describe
from coach.flowformat.machine import Condition


def holds(spec: dict, answers: dict | None = None, case: dict | None = None) -> bool:
    return compile_condition(Condition.model_validate(spec))(Facts(answers or {}, case or {}))


@pytest.mark.parametrize(
    ("spec", "answers", "expected"),
    [
        ({"field": "a", "equals": True}, {"a": True}, True),
        ({"field": "a", "equals": True}, {"a": False}, False),
        ({"field": "a", "equals": True}, {}, False),
        ({"field": "a", "equals": 1}, {"a": True}, False),
        ({"field": "a", "equals": "Low"}, {"a": "low"}, True),
        ({"field": "a", "in": ["x", "y"]}, {"a": "y"}, True),
        ({"field": "a", "in": ["x", "y"]}, {"a": "z"}, False),
        ({"field": "a", "in": ["x", "y"]}, {"a": ["z", "x"]}, True),
        ({"field": "a", "contains": "x"}, {"a": ["x", "w"]}, True),
        ({"field": "a", "contains": "door"}, {"a": "Kicked the DOOR"}, True),
        ({"field": "a", "gte": 7}, {"a": 7}, True),
        ({"field": "a", "gte": 7}, {"a": 6}, False),
        ({"field": "a", "lte": 7}, {"a": 6.5}, True),
        ({"field": "a", "gte": "2026-12-01"}, {"a": "2026-12-05"}, True),
        ({"field": "a", "lte": "18:00"}, {"a": "19:30"}, False),
        ({"field": "a", "gte": 2}, {"a": [{"name": "x"}, {"name": "y"}]}, True),
        ({"field": "a", "gte": 1}, {"a": "text"}, False),
        ({"field": "a", "answered": True}, {"a": ""}, False),
        ({"field": "a", "answered": True}, {"a": []}, False),
        ({"field": "a", "answered": True}, {"a": 0}, True),
        ({"field": "a", "answered": False}, {}, True),
    ],
)
def test_comparisons(spec, answers, expected):
    assert holds(spec, answers) is expected


def test_combinations_and_negation():
    spec = {
        "any": [
            {"field": "danger", "equals": True},
            {"all": [{"field": "heat", "gte": 8}, {"not": {"field": "calm", "equals": True}}]},
        ]
    }
    assert holds(spec, {"danger": True})
    assert holds(spec, {"heat": 9})
    assert not holds(spec, {"heat": 9, "calm": True})
    assert not holds(spec, {"heat": 3})


def test_case_keys():
    case = {"name": "Sam", "supporters": [{"name": "Ana"}, {"name": "Ben"}]}
    assert holds({"case": "supporters", "answered": True}, case=case)
    assert holds({"case": "supporters", "gte": 2}, case=case)
    assert holds({"case": "supporters", "contains": "ana"}, case=case)
    assert not holds({"case": "contacts", "answered": True}, case=case)
    assert holds({"case": "name", "equals": "sam"}, case=case)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"field": "a"}, "exactly one of equals"),
        ({"field": "a", "equals": 1, "gte": 2}, "exactly one of equals"),
        ({"field": "a", "case": "name", "equals": 1}, "exactly one of 'field'"),
        ({"all": []}, "needs at least one condition"),
        ({"any": [{"field": "a", "equals": 1}], "equals": 2}, "belongs beside"),
        ({"case": "pets", "answered": True}, "unknown case key"),
        ({"field": "a", "matches": "x"}, "Extra inputs"),
    ],
)
def test_malformed_conditions_are_refused(spec, message):
    with pytest.raises(ValueError, match=message):
        Condition.model_validate(spec)


def test_descriptions_read_like_labels():
    spec = Condition.model_validate(
        {
            "any": [
                {"field": "danger", "equals": True},
                {"not": {"field": "mood", "in": ["low", "bad"]}},
            ]
        }
    )
    assert describe(spec) == "danger = yes or not mood in low, bad"
