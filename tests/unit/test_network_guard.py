"""The guard in conftest.py is what proves the coach never opens a network socket."""

import socket

import pytest

from tests.conftest import NetworkUsed


def test_the_guard_catches_an_internet_socket():
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))


def test_local_socket_pairs_still_work():
    left, right = socket.socketpair()
    left.close()
    right.close()
