"""Browser mode (`coach serve`): the same app in a web browser tab, as private as a terminal.

The server listens on 127.0.0.1 only. A one-use link is exchanged for a cookie; every page,
WebSocket and download checks it. Each tab runs its own coach process (no shell), relayed with
textual-serve's protocol to textual-serve's own page client. Nothing here imports the store:
the apps it starts do that, exactly as in a terminal.
"""
