"""Every answer widget, on a test flow with one question of each kind."""

from __future__ import annotations

from textual.widgets import Input

from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.group_row import GroupRowScreen
from coach.tui.widgets.base import MessageLine
from coach.tui.widgets.group import GroupEditor, RowList
from coach.tui.widgets.transcript import AnswerEntry, SummaryList
from tests.functional.tui_support import (
    SIZE,
    WIDGETS_FOLDER,
    answer,
    click,
    make_app,
    press_continue,
    screen_in_front,
    wait_for,
    workspace,
)


async def test_each_widget_answers_its_field_and_checks_what_was_typed():
    ws = workspace(flows=WIDGETS_FOLDER)
    case = ws.store.create_case("Robin")
    app = make_app(ws, start=("widgets", case.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await screen_in_front(pilot, ConversationScreen)
        await press_continue(pilot)
        await answer(pilot, "Robin")
        await answer(pilot, "We argued about the phone at bedtime.")
        # A click picks a choice, as Enter does.
        await wait_for(
            pilot,
            lambda: getattr(screen.current_field, "id", None) == "place",
        )
        await click(pilot, "ChoiceList", offset=(4, 2))
        await wait_for(pilot, lambda: screen.session.state == "ask_multi_choice")
        assert screen.session.answers["place"] == "bedroom"
        assert "Their bedroom [upstairs]" in [w.answer for w in screen.query(AnswerEntry)]
        await answer(pilot, ["partner", "school", "my neighbour Jo"])
        await click(pilot, "#no")
        await wait_for(pilot, lambda: screen.session.state == "ask_scale")
        assert screen.session.answers["calm_now"] is False
        await answer(pilot, 4)
        # number: the engine's message in place, the typed text kept
        await answer(pilot, "lots", expect_move=False)
        line = await wait_for(
            pilot, lambda: screen.query_one(MessageLine).display and screen.query_one(MessageLine)
        )
        assert "Please give a number" in str(line.render())
        assert screen.current_input.value == "lots"
        await answer(pilot, "9", expect_move=False)
        await wait_for(
            pilot, lambda: "no larger than 6" in str(screen.query_one(MessageLine).render())
        )
        await answer(pilot, "2")
        await answer(pilot, "1h30m")
        await answer(pilot, "tomorrow")
        await answer(pilot, "7pm")
        assert screen.session.answers["length"] == 90
        assert screen.session.answers["day"] == "2026-11-28"
        assert screen.session.answers["at"] == "19:00"
        # The group: add two rows, change one, remove one (with a confirmation).
        editor = await wait_for(
            pilot, lambda: isinstance(screen.current_input, GroupEditor) and screen.current_input
        )
        rows = [
            {"name": "Ana", "relationship": "sister", "roles": ["practical"]},
            {"name": "Jo", "relationship": "neighbour"},
        ]
        for row in rows:
            editor.focus_input()
            await pilot.press("a")
            dialog = await screen_in_front(pilot, GroupRowScreen)
            dialog.query_one("#sub-name").query_one(Input).value = row["name"]
            dialog.query_one("#sub-relationship").query_one(Input).value = row["relationship"]
            for role in row.get("roles", []):
                dialog.query_one("#sub-roles").query_one("TickList").select(role)
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: app.screen is screen)
        assert [r["name"] for r in editor.rows] == ["Ana", "Jo"]
        row_list = editor.query_one(RowList)
        row_list.focus()
        row_list.highlighted = 1
        await pilot.press("enter")
        dialog = await screen_in_front(pilot, GroupRowScreen)
        assert dialog.query_one("#sub-name").query_one(Input).value == "Jo"
        dialog.query_one("#sub-name").query_one(Input).value = ""
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: '"Name" needs an answer' in str(dialog.query_one(MessageLine).render())
        )
        dialog.query_one("#sub-name").query_one(Input).value = "Jo Smith"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert editor.rows[1]["name"] == "Jo Smith"
        row_list.focus()
        row_list.highlighted = 0
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen and len(editor.rows) == 1)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.session.state == "summary")
        assert screen.session.answers["supporters"] == [
            {"name": "Jo Smith", "relationship": "neighbour"}
        ]
        assert ws.store.case(case.id).profile["supporters"] == [
            {"name": "Jo Smith", "relationship": "neighbour"}
        ], "a case field is written back to the case"
        summary = dict(screen.query_one(SummaryList).rows)
        assert summary["Who helps?"] == "My partner, The school, my neighbour Jo"
        assert summary["How worried are you?"] == "4 (on a scale of 1 to 5)"
        assert summary["For how long?"] == "1 hour 30 minutes"
        await press_continue(pilot)
        assert screen.session.kind == "end"
