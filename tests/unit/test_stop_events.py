"""Leaving a safety stop is kept with the session; in a locked store nothing readable says
which stop it was (a locked stop means abuse, exploitation or an adult hurting the child)."""

from __future__ import annotations

import sqlite3
from datetime import date

from coach.flowformat.loader import load_folders
from coach.paths import shipped_flows_folder
from coach.services.sessions import LEFT_STOP, Conversation
from coach.store import DB_NAME, Store
from coach.vault import is_sealed

PASSPHRASE = "correct horse battery"
SAFE = {"immediate_danger": False, "young_person_missing": False, "self_harm_risk": False}


def stop_and_go_back(store: Store, adult_hurt_child: bool) -> int:
    """Walk de-escalation's short check into a stop, then leave the stop as the app does."""
    flow = load_folders([shipped_flows_folder()]).get("de_escalation")
    conversation = Conversation.start(store, flow, case=None, today=date(2026, 11, 27))
    answers = {**SAFE, "adult_hurt_child": adult_hurt_child}
    if not adult_hurt_child:
        answers["immediate_danger"] = True
    while conversation.session.kind != "safety_stop":
        for spec in conversation.session.fields:
            if spec.id in answers:
                assert conversation.answer(spec.id, answers[spec.id]).accepted
        conversation.advance()
    if adult_hurt_child:
        conversation.back(answer_again=True)
    else:
        conversation.back(confirmed_safe=True)
    conversation.close()
    return conversation.session_id


def test_every_stop_is_left_under_one_kind_and_the_detail_tells_them_apart(home):
    with Store.open(home) as store:
        locked = stop_and_go_back(store, adult_hurt_child=True)
        danger = stop_and_go_back(store, adult_hurt_child=False)
        [revisit] = store.events(locked)
        [left] = store.events(danger)
    assert revisit.kind == left.kind == LEFT_STOP
    assert revisit.detail == "went back from 'protect_stop' to answer again"
    assert "confirmed everyone is safe" in left.detail


def test_leaving_the_parents_own_crisis_stop_is_noted_in_its_own_words(home):
    """That stop is about the parent, not "everyone": its note says the yes was a mistake."""
    flow = load_folders([shipped_flows_folder()]).get("self_care")
    with Store.open(home) as store:
        conversation = Conversation.start(store, flow, case=None, today=date(2026, 11, 27))
        conversation.advance()
        assert conversation.answer("own_crisis", True).accepted
        assert conversation.advance() == "own_crisis_stop"  # at the first yes
        conversation.back(confirmed_safe=True)
        conversation.close()
        [left] = store.events(conversation.session_id)
    assert left.detail == "left 'own_crisis_stop': the caregiver said the yes was a mistake"
    assert "everyone" not in left.detail


def test_in_a_locked_store_the_event_says_nothing_readable(home):
    """Neither which stop was left nor that one was (DOMAIN: that a stop was revisited is
    kept sealed)."""
    with Store.open(home) as store:
        store.lock(PASSPHRASE)
    with Store.open(home, lambda: PASSPHRASE) as store:
        session_id = stop_and_go_back(store, adult_hurt_child=True)
        assert "protect_stop" in store.events(session_id)[0].detail
    raw = sqlite3.connect(home / DB_NAME)
    rows = raw.execute("SELECT kind, detail FROM session_events").fetchall()
    raw.close()
    assert rows and all(is_sealed(kind) and is_sealed(detail) for kind, detail in rows)
    assert not any("stop" in kind + detail or "again" in detail for kind, detail in rows)
    with Store.open(home, lambda: PASSPHRASE) as store:
        assert [event.kind for event in store.events(session_id)] == [LEFT_STOP]
