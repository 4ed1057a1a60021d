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


def test_an_unmarked_test_cannot_reach_loopback_either():
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("127.0.0.1", 80)


@pytest.mark.loopback
def test_a_loopback_test_may_use_127_0_0_1_and_nothing_else():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=5)
    accepted, _ = server.accept()
    client.sendall(b"ping")
    assert accepted.recv(4) == b"ping"
    for sock in (accepted, client, server):
        sock.close()
    outside = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkUsed):
        outside.connect(("192.0.2.1", 80))  # TEST-NET-1: never reached, refused before
    with pytest.raises(NetworkUsed):
        outside.bind(("0.0.0.0", 0))
    outside.close()
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.org", 80)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with pytest.raises(NetworkUsed):
        udp.sendto(b"x", ("192.0.2.1", 53))
    udp.close()
