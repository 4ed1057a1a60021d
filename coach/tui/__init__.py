"""The Textual face of the coach: a conversation, one step at a time.

Nothing outside this package imports it, so the command-line tools never load textual.
"""
