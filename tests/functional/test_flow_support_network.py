"""The support network flow: supporters and contacts land in the plan and on the case."""

import json

from tests.conftest import ANSWERS
from tests.functional.case_setup import SHORT_CHECK_NO, SHORT_CHECK_PATH, sections
from tests.functional.case_setup import run as run_flow

FLOW = "support_network"


def run(cli, answers, case="Sam"):
    return run_flow(cli, FLOW, answers, case)


def test_full_run_makes_the_network_plan(cli):
    outcome = run(cli, ANSWERS / "support_network.yaml")
    assert outcome["kind"] == "end" and outcome["unused"] == []
    assert "nobody_yet" not in outcome["path"]
    plan = cli("show", str(outcome["plan_id"])).stdout
    assert plan.startswith("# Support network for Sam\n")
    part = sections(plan)

    people = part["My supporters"]
    assert "**Ana** (my sister)" in people
    assert "07700 900123" in people
    assert "Could help with: Practical help; Knowing what is going on; Being there at a sit-in" in (
        people
    )
    assert "**Mrs Okafor** (next-door neighbour)" in people
    assert "not decided yet" in people.split("Mrs Okafor")[1]

    roles = part["Who could do what"]
    assert "- **Being there at a sit-in:** Ana" in roles
    assert "- **Calling or visiting after an incident:** Tom" in roles
    assert "No one yet for: Talking with us both when we're stuck; Being there for the " in roles

    hard = part["What makes asking hard, and another way to see it"]
    assert "**Shame.**" in hard and "**Being a burden.**" in hard
    assert "Fear of judgement" not in hard

    ask = part["My first ask"]
    assert "- **Who:** Ana" in ask
    assert "- **What I'll ask for:** To be with me at a sit-in" in ask
    assert "- **How:** A phone call" in ask
    assert "- **When:** Sunday 29 November 2026 at 18:00" in ask
    assert "> Hi Ana. Things have been really hard at home with Sam" in ask
    assert "be with me for a short, calm, quiet sit-in" in ask

    contacts = part["Professional contacts"]
    assert "- **Priya Shah** (family social worker): 0161 555 0199" in contacts
    assert "- **Dr Evans** (GP)" in contacts


def test_supporters_and_contacts_are_kept_on_the_case(cli, tmp_path):
    run(cli, ANSWERS / "support_network.yaml")
    # A second walk with no supporters or contacts given starts from what the case holds.
    again = tmp_path / "again.yaml"
    again.write_text(
        SHORT_CHECK_NO + "first_person: Tom\nfirst_request: messenger\nask_how: message\n"
    )
    plan = cli("show", str(run(cli, again)["plan_id"])).stdout
    part = sections(plan)
    assert "**Ana** (my sister)" in part["My supporters"]
    assert "Priya Shah" in part["Professional contacts"]
    assert "Could you send Sam a short message now and then" in part["My first ask"]
    # The contacts now appear beside the crisis numbers in another flow's safety stop.
    stop = cli(
        "run",
        "delayed_action",
        "--answers",
        ANSWERS / "delayed_action_safety_stop.yaml",
        "--case",
        "Sam",
    )
    assert stop.exit_code == 0, stop.stderr
    assert "Your own professional contacts:" in stop.stdout
    assert "**Priya Shah** (family social worker): 0161 555 0199" in stop.stdout


def test_own_words_replace_the_suggested_script(cli, tmp_path):
    answers = tmp_path / "own.yaml"
    answers.write_text(
        (ANSWERS / "support_network.yaml").read_text()
        + "script: Sorry to bother you, Ana. Could you come over on Saturday? No is fine.\n"
    )
    result = cli("run", FLOW, "--answers", answers, "--case", "Sam", "--json")
    assert result.exit_code == 0
    assert "no need to apologise" in result.stderr
    ask = sections(cli("show", str(json.loads(result.stdout)["plan_id"])).stdout)["My first ask"]
    assert "Sorry to bother you, Ana. Could you come over on Saturday?" in ask
    assert "Things have been really hard at home" not in ask


def test_no_one_yet_leads_to_places_to_look_and_skips_the_first_ask(cli, tmp_path):
    answers = tmp_path / "nobody.yaml"
    answers.write_text(
        SHORT_CHECK_NO + "where_to_look: [old_friend, parent_group]\n"
        "small_step: Message my cousin Jo just to say hello\n"
        "what_stops_me: [judgement, I don't know what I'd even say]\n"
    )
    outcome = run(cli, answers, case="Alex")
    assert outcome["path"] == [
        "welcome",
        *SHORT_CHECK_PATH,
        "supporters",
        "nobody_yet",
        "barriers",
        "reframe",
        "contacts",
        "summary",
        "done",
    ]
    part = sections(cli("show", str(outcome["plan_id"])).stdout)
    assert "My supporters" not in part and "My first ask" not in part
    finding = part["Finding supporters"]
    assert "- An old friend I've lost touch with" in finding
    assert "**My small step this week:** Message my cousin Jo just to say hello" in finding
    hard = part["What makes asking hard, and another way to see it"]
    assert "**Fear of judgement.**" in hard
    assert "**I don't know what I'd even say.**" in hard
