"""Files the app hands to the browser (an exported plan): each key works once, for its owner.

textual-serve's protocol: the app announces a delivery with a random key, the browser asks
for ``/download/KEY``, and the server pulls the file from the app in chunks. textual-serve's
own manager lets anyone with the key download it, more than once; here the key is taken on
first use and only by the browser session whose tab made it.
"""

from __future__ import annotations

import asyncio
import hmac
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from coach.web.access import BrowserSession

CHUNK_BYTES = 64 * 1024
CHUNK_WAIT_SECONDS = 10.0
DELIVERY_KEY = re.compile(r"[0-9a-f]{32}")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MIME_TYPE = re.compile(r"[a-z0-9.+-]+/[a-z0-9.+-]+")

RequestChunk = Callable[[str, int], Awaitable[bool]]


def safe_file_name(name: str) -> str:
    """A name fit for a Content-Disposition header (the coach's names already are)."""
    cleaned = SAFE_NAME.sub("-", name).strip(".-")
    return cleaned or "coach-export"


@dataclass
class Download:
    key: str
    owner: BrowserSession
    file_name: str
    mime_type: str
    encoding: str | None
    request_chunk: RequestChunk  # asks the tab's app for the next chunk
    chunks: asyncio.Queue[bytes | None] = field(default_factory=asyncio.Queue)

    @property
    def content_type(self) -> str:
        mime = self.mime_type if MIME_TYPE.fullmatch(self.mime_type) else ""
        mime = mime or "application/octet-stream"
        return f"{mime}; charset={self.encoding}" if self.encoding else mime


class Downloads:
    """Deliveries announced by the apps, waiting for their one download."""

    def __init__(self) -> None:
        self._offered: dict[str, Download] = {}
        self._streaming: dict[str, Download] = {}

    def offer(self, download: Download) -> bool:
        """Record an announced delivery; False for a key that is malformed or not new."""
        if not DELIVERY_KEY.fullmatch(download.key):
            return False
        if download.key in self._offered or download.key in self._streaming:
            return False
        self._offered[download.key] = download
        return True

    def take(self, key: str, session: BrowserSession) -> Download | None:
        """The download for ``key`` if ``session`` made it; it cannot be taken again."""
        found = None
        for candidate in list(self._offered):
            if hmac.compare_digest(key.encode(), candidate.encode()):
                found = candidate
        if found is None:
            return None
        download = self._offered[found]
        if not hmac.compare_digest(download.owner.cookie.encode(), session.cookie.encode()):
            return None
        del self._offered[found]
        self._streaming[found] = download
        return download

    def chunk_arrived(self, key: str, chunk: bytes | str) -> None:
        download = self._streaming.get(key)
        if download is None:
            return  # cancelled, or never taken
        if isinstance(chunk, str):
            chunk = chunk.encode(download.encoding or "utf-8")
        download.chunks.put_nowait(chunk)

    def cancel(self, request_chunk: RequestChunk) -> None:
        """A tab closed: its offers go, and its downloads in progress end."""
        for key, download in list(self._offered.items()):
            if download.request_chunk == request_chunk:
                del self._offered[key]
        for download in self._streaming.values():
            if download.request_chunk == request_chunk:
                download.chunks.put_nowait(None)

    async def stream(self, download: Download) -> AsyncIterator[bytes]:
        """The file's bytes, pulled from the app chunk by chunk; an empty chunk ends it."""
        try:
            while await download.request_chunk(download.key, CHUNK_BYTES):
                try:
                    chunk = await asyncio.wait_for(download.chunks.get(), CHUNK_WAIT_SECONDS)
                except TimeoutError:
                    return
                if not chunk:
                    return
                yield chunk
        finally:
            self._streaming.pop(download.key, None)
