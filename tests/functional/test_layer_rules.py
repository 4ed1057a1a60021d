"""Rules written once in the use cases, seen through both faces: the command line and the app."""

from __future__ import annotations

import json

from coach.safety import REGION_SETTING
from coach.services import Services
from coach.services.workspace import Workspace
from coach.tui.screens.conversation import ConversationScreen
from coach.tui.screens.home import HomeScreen
from tests.conftest import ANSWERS
from tests.functional.tui_support import (
    SIZE,
    make_app,
    notices,
    press_continue,
    screen_in_front,
    start_session,
    wait_for,
    workspace,
)


async def test_an_unknown_region_is_refused_by_both_faces(cli):
    bad = cli("settings", "--region", "XX")
    assert bad.exit_code == 1 and "unknown region 'XX'" in bad.stderr
    ws = workspace()
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.set_region("XX") is None
        await wait_for(pilot, lambda: any("unknown region 'XX'" in n.message for n in notices(app)))
        assert app.set_region("gb") is not None
    assert ws.store.setting(REGION_SETTING) == "GB"


def three_sessions(cli) -> tuple[int, int, int]:
    """A session set aside, a finished one (with its plan), and one of another case."""
    stopped = ANSWERS / "de_escalation_safety_stop.yaml"

    def run(answers, case):
        result = cli("run", "de_escalation", "--answers", answers, "--case", case, "--json")
        return json.loads(result.stdout)["session_id"]

    aside, done = run(stopped, "Sam"), run(ANSWERS / "de_escalation.yaml", "Sam")
    other = run(stopped, "Alex")
    Services(Workspace()).sessions.abandon(aside)
    return aside, done, other


async def test_the_resume_rules_hold_in_both_faces(cli, monkeypatch):
    from coach.tui.app import CoachApp

    aside, done, other = three_sessions(cli)
    monkeypatch.setattr(CoachApp, "run", lambda self, *a, **k: 0)
    said = {
        aside: "was set aside; start the flow again instead",
        done: "has finished; 'coach plans' lists its plan",
        other: "belongs to another case",
    }
    for session_id, rule in said.items():
        result = cli("--case", "Sam", "resume", str(session_id))
        assert result.exit_code == 1 and f"session {session_id} {rule}" in result.stderr

    ws = workspace()
    app = make_app(ws, case_limit=ws.store.find_case("Sam"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        for session_id, rule in said.items():
            app.resume_session(session_id)
            await wait_for(
                pilot,
                lambda s=session_id, r=rule: any(
                    f"session {s} {r}" == n.message for n in notices(app)
                ),
            )
        assert isinstance(app.screen, HomeScreen)


def finished_without_plan(ws: Workspace) -> int:
    """A session an older coach marked finished before its plan was stored."""
    conversation = start_session(
        ws, "mini", None, {"danger": False, "mood": "good"}, until="summary"
    )
    history = [*conversation.session.history, "summary"]
    ws.store.save_position(conversation.session_id, "done", history, "finished")
    conversation.close()
    return conversation.session_id


async def test_a_session_finished_without_its_plan_is_carried_on_in_the_app(mini_folder):
    ws = workspace(flows=mini_folder)
    session_id = finished_without_plan(ws)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.resume_session(session_id)
        screen = await screen_in_front(pilot, ConversationScreen)
        assert screen.session.state == "summary"
        await press_continue(pilot)
        await wait_for(pilot, lambda: ws.store.plan_for_session(session_id) is not None)
    assert ws.store.session(session_id).status == "finished"


def test_a_session_finished_without_its_plan_is_carried_on_from_the_command_line(
    cli, mini_folder, tmp_path
):
    ws = Workspace(flows_option=mini_folder)
    session_id = finished_without_plan(ws)
    ws.close()
    empty = tmp_path / "nothing-more.yaml"
    empty.write_text("{}\n")
    result = cli(
        "--flows", mini_folder, "run", "mini", "--answers", empty, "--resume", str(session_id)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Plan 1 saved: Mini plan")
