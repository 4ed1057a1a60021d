"""Lists in running text read as sentences: no capitals mid-sentence, "and" before the last."""

from __future__ import annotations

from coach.phrases import ChoiceLabel, in_sentence, sentence, sentence_start
from coach.templating import render


def test_labels_lose_their_capital_after_the_first_and_names_keep_theirs():
    labels = [ChoiceLabel("A sit-in"), ChoiceLabel("Messages from supporters")]
    assert sentence(labels) == "A sit-in and messages from supporters"
    assert sentence(["Ana", "Tom", "Jo"]) == "Ana, Tom and Jo"
    assert sentence([ChoiceLabel("Call our standby person"), "Ana"]) == (
        "Call our standby person and Ana"
    )
    assert sentence(["Jo"]) == "Jo" and sentence([]) == ""
    assert in_sentence(ChoiceLabel("I argued")) == "I argued"
    assert in_sentence(ChoiceLabel("TV time")) == "TV time"
    assert in_sentence("Something I typed") == "Something I typed"


def test_items_with_commas_of_their_own_are_kept_apart():
    items = [ChoiceLabel("I said a short, calm phrase"), ChoiceLabel("I stepped away")]
    assert sentence(items) == "I said a short, calm phrase; and I stepped away"
    told = ["our family", "your school", "our GP, Dr Okafor"]
    assert sentence(told) == "our family, your school and our GP, Dr Okafor"


def test_templates_have_the_filter_and_escape_what_it_returns():
    text = render("{{ names | sentence }}", {"names": ["Ana*", ChoiceLabel("Our GP")]})
    assert text == "Ana\\* and our GP"


def test_a_clause_starts_a_message_of_its_own_with_a_capital():
    assert sentence_start("your passphrase now also protects names") == (
        "Your passphrase now also protects names"
    )
    assert sentence_start("") == "" and sentence_start("Zoë") == "Zoë"
