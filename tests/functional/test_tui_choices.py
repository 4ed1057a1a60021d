"""Choices drawn from the case (top-basket behaviours, supporters): with entries, and without."""

from __future__ import annotations

from coach.answer_file import read_answer_file
from coach.tui.widgets.choice import (
    OTHER,
    OTHER_LABEL,
    ChoiceInput,
    ChoiceList,
    MultiChoiceInput,
    OtherInput,
    TickList,
)
from tests.conftest import ANSWERS
from tests.functional.case_setup import SUPPORTERS
from tests.functional.tui_support import (
    SIZE,
    answer,
    make_app,
    screen_in_front,
    screen_text,
    start_session,
    wait_for,
    walk,
    workspace,
)


async def at_question(pilot, field_id: str):
    screen = await wait_for(
        pilot,
        lambda: (
            pilot.app.screen
            if getattr(pilot.app.screen, "current_input", None) is not None
            and pilot.app.screen.current_input.spec.id == field_id
            and not pilot.app.screen.busy
            else None
        ),
    )
    return screen, screen.current_input


def keys_hint(screen) -> str:
    return str(screen.query_one(".keys-hint").render())


def flow_answers(ws, flow_id: str) -> dict:
    """The flow's full set of test answers (tests/answers/FLOW.yaml)."""
    return read_answer_file(ANSWERS / f"{flow_id}.yaml", ws.catalogue.get(flow_id))


def resume_at(ws, flow_id: str, case, state: str):
    return start_session(ws, flow_id, case, flow_answers(ws, flow_id), until=state)


async def answered_up_to(pilot, ws, flow_id: str, field_id: str):
    """Give the flow's test answers through the keys until ``field_id`` is asked."""
    app = pilot.app
    screen = await wait_for(
        pilot, lambda: getattr(app.screen, "current_input", None) and app.screen
    )
    answers = flow_answers(ws, flow_id)
    while screen.current_input.spec.id != field_id:
        await answer(pilot, answers.get(screen.current_input.spec.id))
    return await at_question(pilot, field_id)


async def test_no_top_basket_yet_offers_a_neutral_box_to_type_in():
    ws = workspace()
    sam = ws.store.create_case("Sam")
    conversation = resume_at(ws, "sit_in", sam, "behaviour")
    app = make_app(ws, resume=conversation.session_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, widget = await at_question(pilot, "behaviour")
        assert isinstance(widget, ChoiceInput) and widget.free_text_only
        assert not widget.query(ChoiceList)  # no list with nothing in it
        box = widget.query_one(OtherInput)
        assert box.display and box.has_focus
        assert box.placeholder == "Type your own answer"
        assert keys_hint(screen) == "Type your answer, then Enter to go on"
        shown = screen_text(app)
        assert "Type a name" not in shown and "↑↓" not in shown
        box.value = "Throwing things at his sister"
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.session.state != "behaviour")
    record = ws.store.session(conversation.session_id)
    assert record.answers["behaviour"] == "Throwing things at his sister"


async def test_the_top_basket_is_listed_with_something_else_still_there(cli):
    result = cli(
        "run", "priorities", "--answers", ANSWERS / "priorities.yaml", "--case", "Sam", "--json"
    )
    assert result.exit_code == 0, result.stderr
    ws = workspace()
    sam = ws.store.find_case("Sam")
    conversation = resume_at(ws, "sit_in", sam, "behaviour")
    app = make_app(ws, resume=conversation.session_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, widget = await at_question(pilot, "behaviour")
        assert not widget.free_text_only
        options = widget.query_one(ChoiceList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == [
            "Hits and kicks his sister Mia when he loses a game",
            "Punches holes in the bedroom door when told no",
            OTHER_LABEL,
        ]
        assert keys_hint(screen) == "↑↓ to move, Enter to choose"
        assert options.has_focus
        # "Something else" opens the box, with its own placeholder.
        options.highlighted = 2
        await pilot.press("enter")
        box = widget.query_one(OtherInput)
        await wait_for(pilot, lambda: box.has_focus)
        assert box.placeholder == "Write your own"
        box.value = "Takes money from my purse"
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.session.state != "behaviour")
        assert ws.store.session(conversation.session_id).answers["behaviour"] == (
            "Takes money from my purse"
        )
        # Back, and a listed behaviour picked instead.
        await pilot.press("ctrl+b")
        screen, widget = await at_question(pilot, "behaviour")
        widget.query_one(ChoiceList).focus()
        widget.query_one(ChoiceList).highlighted = 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.session.state != "behaviour")
    assert ws.store.session(conversation.session_id).answers["behaviour"] == (
        "Punches holes in the bedroom door when told no"
    )


async def test_several_names_with_no_supporters_yet_are_typed():
    """delayed_action's helpers: choices from the supporters, no `other`, none saved yet."""
    ws = workspace()
    sam = ws.store.create_case("Sam")
    conversation = resume_at(ws, "delayed_action", sam, "later_response")
    app = make_app(ws, resume=conversation.session_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, widget = await answered_up_to(pilot, ws, "delayed_action", "helpers")
        assert isinstance(widget, MultiChoiceInput) and widget.free_text_only
        assert not widget.query(TickList)
        box = widget.query_one(OtherInput)
        assert box.has_focus and box.placeholder == "Type a name (separate several with ;)"
        assert keys_hint(screen).startswith("Type names, separated by ;, then Enter")
        box.value = "Ana; Tom"
        await pilot.press("enter")
        await wait_for(pilot, lambda: getattr(screen.current_field, "id", None) != "helpers")
    assert ws.store.session(conversation.session_id).answers["helpers"] == ["Ana", "Tom"]


async def test_supporters_are_ticked_and_a_new_name_can_be_added():
    ws = workspace()
    sam = ws.store.create_case("Sam", {"supporters": SUPPORTERS})
    conversation = resume_at(ws, "delayed_action", sam, "later_response")
    app = make_app(ws, resume=conversation.session_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, widget = await answered_up_to(pilot, ws, "delayed_action", "helpers")
        ticks = widget.query_one(TickList)
        values = [ticks.get_option_at_index(i).value for i in range(ticks.option_count)]
        assert values == ["Ana", "Dev", OTHER]
        assert keys_hint(screen) == "Space to tick, Enter when done; ctrl+l skips"
        await answer(pilot, ["Ana", "Tom"])
    assert ws.store.session(conversation.session_id).answers["helpers"] == ["Ana", "Tom"]


async def test_with_no_adults_yet_the_hint_says_to_type_and_names_typed_are_offered_later():
    """Before, the hint said "Choose, or type names." with nothing to choose, and the names
    typed for the sit-in were not offered when asked who says the opening words."""
    ws = workspace()
    sam = ws.store.create_case("Sam")
    conversation = resume_at(ws, "sit_in", sam, "adults")
    app = make_app(ws, resume=conversation.session_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, widget = await at_question(pilot, "sit_in_adults")
        assert widget.free_text_only
        hints = " ".join(str(h.render()) for h in screen.query("#dock .hint"))
        assert "Choose" not in hints and "choose" not in hints
        assert keys_hint(screen).startswith("Type names")
        await answer(pilot, ["Jo", "Chris"])
        answers = flow_answers(ws, "sit_in")
        await walk(pilot, answers, until="opening")
        while screen.current_input.spec.id != "speaker":
            await answer(pilot, answers.get(screen.current_input.spec.id))
        screen, widget = await at_question(pilot, "speaker")
        assert not widget.free_text_only
        options = widget.query_one(ChoiceList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["Jo", "Chris", OTHER_LABEL]
        hints = " ".join(str(h.render()) for h in screen.query("#dock .hint"))
        assert "Choose" in hints  # now there is something to choose


async def test_a_row_whose_choice_was_never_picked_is_not_kept():
    """The priorities basket: typed behaviour, then Save with no basket chosen. The row is not
    kept as the first basket ("top"); the dialog says which choice is missing, the typed
    behaviour stays, and a basket picked with the keys is kept."""
    from textual.widgets import Input

    from coach.tui.screens.group_row import GroupRowScreen
    from coach.tui.widgets.base import MessageLine
    from coach.tui.widgets.group import GroupEditor

    ws = workspace()
    sam = ws.store.create_case("Sam")
    conversation = resume_at(ws, "priorities", sam, "sort")
    app = make_app(ws, resume=conversation.session_id)
    async with app.run_test(size=SIZE) as pilot:
        screen, editor = await at_question(pilot, "priorities")
        assert isinstance(editor, GroupEditor)
        await pilot.press("a")
        dialog = await screen_in_front(pilot, GroupRowScreen)
        await pilot.press(*"Swears when asked to log off")
        await pilot.press("enter")  # on to the basket list, nothing chosen there yet
        basket = dialog.query_one("#sub-basket", ChoiceInput)
        await wait_for(pilot, lambda: basket.query_one(ChoiceList).has_focus)
        line = dialog.query_one("#row-message", MessageLine)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: line.display or app.screen is not dialog)
        assert app.screen is dialog, "a row with no basket is not kept"
        assert '"Where does it go?" needs a choice' in str(line.render())
        assert dialog.query_one("#sub-behaviour").query_one(Input).value == (
            "Swears when asked to log off"
        )
        assert editor.rows == []
        await pilot.press("down")  # the keys move to the middle basket: that is a choice
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert editor.rows == [{"behaviour": "Swears when asked to log off", "basket": "middle"}]
