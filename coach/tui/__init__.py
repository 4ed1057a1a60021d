"""The Textual face of the coach: a conversation, one step at a time.

Outside this package, only the command line and the web server name it: ``launch`` and
``browser_tab``, which load textual only once the app starts, so the command-line tools
never load it.
"""
