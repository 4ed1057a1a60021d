"""The store's side of the app's lock: opened waiting for the passphrase, and checked again."""

from __future__ import annotations

import pytest

from coach.safety import REGION_SETTING
from coach.store import DEFAULT_IDLE_MINUTES, IDLE_LOCK_SETTING, Store, StoreLocked
from coach.vault import WrongPassphrase

PASSPHRASE = "correct horse battery"


@pytest.fixture
def locked_home(home):
    with Store.open(home) as store:
        store.set_setting(REGION_SETTING, "GB")
        store.create_case("Zephyrine")
        store.lock(PASSPHRASE)
    return home


def test_check_passphrase_reads_the_stored_check_and_changes_nothing(locked_home):
    store = Store.open(locked_home, lambda: PASSPHRASE)
    assert store.check_passphrase(PASSPHRASE)
    assert not store.check_passphrase("wrong guess!")
    assert not store.check_passphrase("")
    assert store.cases()[0].name == "Zephyrine"  # still open after a wrong guess
    store.unlock()
    assert not store.check_passphrase(PASSPHRASE)  # no passphrase: none is right
    store.close()


def test_a_store_opened_waiting_reads_and_writes_nothing_until_unlocked(locked_home):
    store = Store.open(locked_home, wait=True)
    assert store.needs_passphrase
    assert store.setting(REGION_SETTING) == "GB"  # settings are not family data
    for attempt in (store.cases, store.plans, lambda: store.create_case("Sam")):
        with pytest.raises(StoreLocked):
            attempt()
    with pytest.raises(WrongPassphrase):
        store.provide_passphrase("wrong guess!")
    assert store.needs_passphrase
    store.provide_passphrase(PASSPHRASE)
    assert not store.needs_passphrase
    assert [c.name for c in store.cases()] == ["Zephyrine"]
    store.close()
    with pytest.raises(StoreLocked):  # without wait=True it still refuses at once
        Store.open(locked_home)


def test_idle_minutes_default_and_odd_values(home):
    with Store.open(home) as store:
        assert store.idle_lock_minutes() == DEFAULT_IDLE_MINUTES
        for text, minutes in (("0", 0), ("12", 12), ("0.5", 0.5), ("soon", 5), ("-3", 5)):
            store.set_setting(IDLE_LOCK_SETTING, text)
            assert store.idle_lock_minutes() == minutes


def test_a_key_found_in_another_thread_opens_a_store_that_waits(locked_home):
    """The app derives the key (scrypt) in a worker thread: trying a passphrase reads no
    store, and the key it finds opens the store on the app's own thread."""
    from concurrent.futures import ThreadPoolExecutor

    store = Store.open(locked_home, wait=True)
    check = store.passphrase_check()
    assert check is not None
    with ThreadPoolExecutor(1) as worker:
        with pytest.raises(WrongPassphrase):
            worker.submit(check.key_for, "wrong guess!").result()
        key = worker.submit(check.key_for, PASSPHRASE).result()
    assert store.needs_passphrase
    store.provide_key(key)
    assert not store.needs_passphrase and store.cases()[0].name == "Zephyrine"
    store.close()


def test_a_reader_reads_with_the_store_key_in_another_thread_and_writes_nothing(locked_home):
    from concurrent.futures import ThreadPoolExecutor

    from coach.errors import StoreError

    store = Store.open(locked_home, lambda: PASSPHRASE)
    store.create_case("Sam", {"supporters": [{"name": "Ana"}]})

    def read_then_try_to_write() -> tuple[list[str], dict]:
        reader = store.reader()
        try:
            names = [case.name for case in reader.cases()]
            profile = reader.find_case("Sam").profile
            with pytest.raises(StoreError):
                reader.create_case("Tom")
            return names, profile
        finally:
            reader.close()

    with ThreadPoolExecutor(1) as worker:
        names, profile = worker.submit(read_then_try_to_write).result()
    assert sorted(names) == ["Sam", "Zephyrine"]
    assert profile["supporters"] == [{"name": "Ana"}]
    assert [case.name for case in store.cases()].count("Tom") == 0
    store.close()
