"""`coach serve --link`: ask a server already running for a fresh link.

The server keeps a random key in a file in the data folder (0600, in a 0700 folder), so only
the same user can ask it for a link; the request goes to 127.0.0.1 and nowhere else. This
module needs only the standard library, like the command that uses it.
"""

from __future__ import annotations

from pathlib import Path

from coach.errors import CoachError

LOOPBACK = "127.0.0.1"
LINK_KEY_HEADER = "X-Coach-Link-Key"
FRESH_LINK_PATH = "/fresh-link"
DEFAULT_PORT = 8427


def link_file(home: Path, port: int) -> Path:
    return home / f"serve-{port}.key"


def _running_port(home: Path, port: int | None) -> int:
    if port is not None:
        if not link_file(home, port).is_file():
            raise CoachError(f"no coach serve is running on port {port} for this data folder")
        return port
    ports = sorted(int(f.stem.removeprefix("serve-")) for f in home.glob("serve-*.key"))
    if not ports:
        raise CoachError("no coach serve is running for this data folder; start one first")
    if len(ports) > 1:
        listed = ", ".join(str(p) for p in ports)
        raise CoachError(f"coach serve runs on several ports ({listed}); choose one with --port")
    return ports[0]


def request_link(home: Path, port: int | None) -> str:
    """A fresh one-use link from the server serving ``home``."""
    import http.client

    port = _running_port(home, port)
    key = link_file(home, port).read_text(encoding="ascii").strip()
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
    try:
        connection.request(
            "POST",
            FRESH_LINK_PATH,
            headers={"Host": f"{LOOPBACK}:{port}", LINK_KEY_HEADER: key},
        )
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace").strip()
    except ConnectionRefusedError:
        link_file(home, port).unlink(missing_ok=True)  # left by a server that was killed
        raise CoachError(f"no coach serve is running on port {port}; start one first") from None
    except OSError as exc:
        raise CoachError(f"could not reach coach serve on port {port} ({exc})") from None
    finally:
        connection.close()
    if response.status != 200:
        raise CoachError(f"the server on port {port} refused to make a link; is it a coach serve?")
    return body
