"""Drafts: text typed into an answer box and not sent yet is kept with the session.

It is saved after a short pause in typing (never on every key: an answer must stay quick),
when the person leaves the question, goes home or quits, and it is put back in the box on
resume. Sending the answer drops it (``Conversation.answer``). Only answers that are typed
have drafts; a pick is one key away from being sent.
"""

from __future__ import annotations

from textual.timer import Timer

from coach.services.sessions import Conversation
from coach.tui.failures import shows_mistakes
from coach.tui.widgets.question import AsksOneQuestion

DRAFT_DELAY = 1.0  # seconds without typing before the text is kept


class KeepsDrafts(AsksOneQuestion):
    """The conversation's part that keeps drafts."""

    conversation: Conversation
    _draft: tuple[str, str] | None = None  # (field, text) typed and not kept yet
    _draft_timer: Timer | None = None

    def _answer_changed(self) -> None:
        super()._answer_changed()
        widget = self._input
        if widget is None:
            return
        text = widget.typed_text
        if text is None or (self._draft is None and text == widget.start_text):
            return  # not typed (a pick), or the box being filled as it opens
        self._draft = (widget.spec.id, text)
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)  # type: ignore[attr-defined]

    @shows_mistakes
    def keep_draft(self) -> None:
        """Save the text typed and not sent, if any."""
        draft = self._draft
        self._forget_draft()
        if draft is not None:
            self.conversation.save_draft(*draft)

    def _forget_draft(self) -> None:
        """Nothing waits to be kept (it was kept, or sent with the answer)."""
        self._draft = None
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
