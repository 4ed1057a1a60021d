"""Each field type: what it accepts, how it stores it, and what it says when it refuses."""

from datetime import date

import pytest

from coach.answer_advice import warning_for
from coach.fields import InvalidAnswer, as_text, display, normalise
from coach.flowformat.content import FieldSpec
from coach.plain_text import clean_text

TODAY = date(2026, 11, 27)


def field(**spec) -> FieldSpec:
    return FieldSpec.model_validate({"id": "f", "label": "F", **spec})


def ok(spec: FieldSpec, raw):
    return normalise(spec, raw, today=TODAY)


def refused(spec: FieldSpec, raw) -> str:
    with pytest.raises(InvalidAnswer) as info:
        normalise(spec, raw, today=TODAY)
    return str(info.value)


def test_text_is_cleaned_and_folded():
    spec = field(type="text")
    assert ok(spec, "  two   words \n") == "two words"
    assert ok(spec, "red\x1b[31mtext\x07") == "redtext"
    assert ok(spec, 42) == "42"
    assert ok(spec, "   ") is None
    assert "under 500" in refused(spec, "x" * 501)
    assert "as text" in refused(spec, ["a"])


def test_long_text_keeps_lines_and_has_a_larger_limit():
    spec = field(type="long_text")
    assert ok(spec, "line one\r\nline two\tend") == "line one\nline two\tend"
    assert ok(spec, "x" * 9000) == "x" * 9000
    assert "under 10,000" in refused(spec, "x" * 10_001)


def test_text_validation_rules_use_the_flow_message():
    spec = field(
        type="text",
        validate={"min_length": 5, "pattern": "^[A-Z]", "message": "Say more, e.g. Hello."},
    )
    assert ok(spec, "Hello there") == "Hello there"
    assert refused(spec, "Hi") == "Say more, e.g. Hello."
    assert refused(spec, "hello there") == "Say more, e.g. Hello."


def test_choice_by_value_or_label():
    spec = field(
        type="choice", choices=[{"value": "a", "label": "Apple"}, {"value": "b", "label": "Bean"}]
    )
    assert ok(spec, "a") == "a"
    assert ok(spec, "Bean") == "b"
    assert ok(spec, "A") == "a"
    assert refused(spec, "c") == "That is not one of the options (a, b)."


def test_choice_with_other_keeps_the_text():
    spec = field(type="choice", other=True, choices=[{"value": "a", "label": "Apple"}])
    assert ok(spec, "A pear") == "A pear"
    assert display(spec, "A pear") == "A pear"
    assert display(spec, "a") == "Apple"


def test_multi_choice_dedupes_and_counts():
    spec = field(
        type="multi_choice",
        choices=[{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
        validate={"max_items": 1, "message": "Pick one for now."},
    )
    assert ok(spec, ["a", "a"]) == ["a"]
    assert ok(spec, "b") == ["b"]
    assert ok(spec, []) is None
    assert refused(spec, ["a", "b"]) == "Pick one for now."


def test_choices_from_the_case():
    spec = field(type="multi_choice", choices_from="supporters")
    case = {"supporters": [{"name": "Ana"}, {"name": "Ben"}]}
    assert normalise(spec, ["Ben"], today=TODAY, case=case) == ["Ben"]


@pytest.mark.parametrize(
    ("raw", "value"), [(True, True), ("yes", True), ("N", False), ("false", False)]
)
def test_yes_no(raw, value):
    assert ok(field(type="yes_no"), raw) is value


def test_yes_no_refuses_other_words():
    assert refused(field(type="yes_no"), "maybe") == "Please answer yes or no."


def test_scale():
    spec = field(type="scale", min=0, max=10, min_label="calm", max_label="wild")
    assert ok(spec, 7) == 7 and ok(spec, "3") == 3
    assert "from 0 to 10" in refused(spec, 11)
    assert "from 0 to 10" in refused(spec, 2.5)
    assert as_text(spec, 7) == "7 (on a scale of 0 to 10)"


def test_number():
    spec = field(type="number", min=1, max=5)
    assert ok(spec, "2,5") == 2.5 and ok(spec, 3) == 3
    assert "at least 1" in refused(spec, 0)
    assert "no larger than 5" in refused(spec, 6)
    assert "a number" in refused(spec, "lots")
    assert "a number" in refused(spec, True)


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [
        (45, 45),
        ("45", 45),
        ("45m", 45),
        ("1h", 60),
        ("1h30m", 90),
        ("1h 30m", 90),
        ("2:15", 135),
        ("90 minutes", 90),
        ("2 hours", 120),
    ],
)
def test_duration(raw, minutes):
    assert ok(field(type="duration"), raw) == minutes


def test_duration_refusals_and_display():
    spec = field(type="duration")
    assert "length of time" in refused(spec, "soon")
    assert "between 1 minute and 24 hours" in refused(spec, 0)
    assert "between 1 minute and 24 hours" in refused(spec, "25h")
    assert display(spec, 90) == "1 hour 30 minutes"


def test_date():
    spec = field(type="date")
    assert ok(spec, "2026-12-05") == "2026-12-05"
    assert ok(spec, date(2026, 12, 5)) == "2026-12-05"
    assert ok(spec, "today") == "2026-11-27"
    assert ok(spec, "Tomorrow") == "2026-11-28"
    assert "YYYY-MM-DD" in refused(spec, "5/12/2026")
    assert "YYYY-MM-DD" in refused(spec, "2026-02-30")
    assert display(spec, "2026-12-05") == "Saturday 5 December 2026"


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("19:30", "19:30"),
        ("7:05", "07:05"),
        ("7pm", "19:00"),
        ("12am", "00:00"),
        ("7.30pm", "19:30"),
    ],
)
def test_time(raw, value):
    assert ok(field(type="time"), raw) == value


def test_time_refusals():
    spec = field(type="time")
    assert "HH:MM" in refused(spec, "19")
    assert "does not exist" in refused(spec, "25:00")
    assert "HH:MM" in refused(spec, "13pm")


def test_group_rows_are_checked_field_by_field():
    spec = field(
        type="group",
        fields=[
            {"id": "name", "type": "text", "label": "Name", "required": True},
            {"id": "phone", "type": "text", "label": "Phone"},
        ],
    )
    rows = ok(spec, [{"name": "Ana", "phone": "0123"}, {"name": "Ben"}])
    assert rows == [{"name": "Ana", "phone": "0123"}, {"name": "Ben"}]
    assert refused(spec, [{"name": "Ana"}, {"phone": "1"}]) == 'Entry 2: "Name" needs an answer.'
    assert refused(spec, [{"name": "Ana", "age": 3}]) == (
        "Entry 1 (Ana): age is not asked here (the parts are: name, phone)."
    )
    assert "Entry 1 should have" in refused(spec, ["Ana"])
    long_name = "A" * 60
    assert refused(spec, [{"name": long_name, "phone": 7 * [1]}]).startswith(
        f"Entry 1 ({'A' * 39}…): Phone:"
    ), "a message names the row by its first part, cut short"
    assert as_text(spec, rows) == "Ana · 0123\nBen"


def test_warnings_name_the_first_rule_broken():
    spec = field(
        type="text",
        warn=[
            {"contains_any": ["or else"], "message": "Sounds like a threat."},
            {"max_words": 3, "message": "Shorter?"},
        ],
    )
    assert warning_for(spec, "Stop that or else") == "Sounds like a threat."
    assert warning_for(spec, "please stop that now") == "Shorter?"
    assert warning_for(spec, "Not OK") is None
    assert warning_for(spec, "Stop that or elsewhere") == "Shorter?"


def test_clean_text_removes_escape_sequences_but_keeps_emoji_and_rtl():
    assert clean_text("a\x1b]52;c;aGk=\x07b\x00c\u200fd🙂") == "abc\u200fd🙂"


def test_clean_text_keeps_a_number_in_the_order_it_was_typed():
    # A right-to-left override would show "call 07700 900123" as "321009 00770 llac".
    assert clean_text("call \u202e07700 900123\u202c") == "call 07700 900123"
    assert clean_text("\u2067שלום\u2069 Ana \u200e") == "שלום Ana \u200e"


def test_group_rows_get_their_sub_fields_advice():
    spec = field(
        type="group",
        fields=[
            {
                "id": "behaviour",
                "type": "text",
                "label": "Behaviour",
                "warn": [{"contains_any": ["rude"], "message": "What actually happens?"}],
            },
            {
                "id": "basket",
                "type": "choice",
                "label": "Basket",
                "choices": [
                    {"value": "top", "label": "Top"},
                    {"value": "let_go", "label": "Let go"},
                ],
            },
        ],
        warn=[
            {"max_items": 2, "where": {"basket": "top"}, "message": "Keep the top basket small."}
        ],
    )
    rows = [{"behaviour": "hits", "basket": "top"}, {"behaviour": "being rude", "basket": "let_go"}]
    assert warning_for(spec, rows) == "Entry 2: What actually happens?"
    three_top = [{"behaviour": f"act {i}", "basket": "top"} for i in range(3)]
    assert warning_for(spec, three_top) == "Keep the top basket small."
    assert warning_for(spec, [*three_top[:2], {"behaviour": "x", "basket": "let_go"}]) is None


def test_choices_from_a_case_list_with_a_filter():
    spec = field(type="choice", choices_from="priorities", choices_filter={"basket": "top"})
    case = {
        "priorities": [
            {"behaviour": "Hitting", "basket": "top"},
            {"behaviour": "Dishes", "basket": "let_go"},
        ]
    }
    assert [c.value for c in choices_for_case(spec, case)] == ["Hitting"]
    assert normalise(spec, "Hitting", today=TODAY, case=case) == "Hitting"


def choices_for_case(spec, case):
    from coach.fields import choices_for

    return choices_for(spec, case)
