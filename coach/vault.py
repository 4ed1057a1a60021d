"""Encryption at rest for a store locked with a passphrase.

A caregiver may share the computer account with the young person, so file modes are not
enough. With a passphrase set, everything families wrote (and which questions they answered)
is sealed with AES-GCM under a key derived by scrypt from the passphrase and a stored random
salt. There is
no way back without the passphrase: that is the point, and the coach says so when it is set.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass

from coach.errors import CoachError

PASSPHRASE_ENV = "COACH_PASSPHRASE"  # noqa: S105 (the name of a variable, not a secret)
PREFIX = "\x01nvr1:"
# Opaque names for keys SQL must find again (which question an answer is to): never an id a
# flow can give, as ids are identifiers.
OPAQUE_PREFIX = "~"
SCRYPT_N = 2**15
CHECK_TEXT = "nvr-coach passphrase check"


class WrongPassphrase(CoachError):
    """The passphrase does not open this store."""


def passphrase_from_env() -> str | None:
    """The app's source: COACH_PASSPHRASE only; without it the app asks on its own screen."""
    return os.environ.get(PASSPHRASE_ENV) or None


class Vault:
    """Sealing and opening text; cryptography is imported only when a store is locked."""

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(key)
        self._key_for_names = hmac.new(key, b"nvr-coach opaque keys", hashlib.sha256).digest()

    @classmethod
    def derive(cls, passphrase: str, salt: bytes, *, normalise: bool = True) -> Vault:
        """The key for ``passphrase`` (in its normal Unicode form unless ``normalise`` is
        off, for stores sealed before passphrases were normalised)."""
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        if not text_is_valid(passphrase):
            raise WrongPassphrase("that passphrase has characters that are not valid text")
        text = normal_form(passphrase) if normalise else passphrase
        kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=8, p=1)
        return cls(kdf.derive(text.encode()))

    def opens(self, sealed: str, expected: str) -> bool:
        """Whether this key opens ``sealed`` to ``expected`` (a check value)."""
        try:
            return self.open(sealed) == expected
        except WrongPassphrase:
            return False

    @staticmethod
    def new_salt() -> bytes:
        return os.urandom(16)

    def opaque_key(self, text: str) -> str:
        """The same opaque name for the same text under this key (``seal`` gives a new value
        every time, which SQL cannot look up)."""
        digest = hmac.new(self._key_for_names, text.encode(), hashlib.sha256).hexdigest()
        return OPAQUE_PREFIX + digest[:32]

    def seal(self, text: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, text.encode(), None)
        return PREFIX + base64.b64encode(nonce + sealed).decode()

    def open(self, text: str) -> str:
        """The plain text; values stored before the lock was set pass through unchanged."""
        if not is_sealed(text):
            return text
        from cryptography.exceptions import InvalidTag

        raw = base64.b64decode(text[len(PREFIX) :])
        try:
            return self._aead.decrypt(raw[:12], raw[12:], None).decode()
        except InvalidTag:
            raise WrongPassphrase("that passphrase does not open this store") from None


@dataclass(frozen=True)
class OpeningKey:
    """The key a passphrase gives for a store; ``older`` is the key of the passphrase as it
    was typed, for a store sealed before passphrases were put in one Unicode form."""

    vault: Vault
    older: Vault | None = None


@dataclass(frozen=True)
class PassphraseCheck:
    """What trying a passphrase needs from a store: its salt and its check value. Trying one
    derives a key (scrypt: a tenth of a second or more) and reads no store, so the app tries
    it in a worker thread and stays drawn."""

    salt: bytes
    check: str

    def key_for(self, passphrase: str) -> OpeningKey:
        """The key this passphrase gives, if it opens the store. Raises WrongPassphrase."""
        vault = Vault.derive(passphrase, self.salt)
        if vault.opens(self.check, CHECK_TEXT):
            return OpeningKey(vault)
        if normal_form(passphrase) != passphrase:
            typed = Vault.derive(passphrase, self.salt, normalise=False)
            if typed.opens(self.check, CHECK_TEXT):
                return OpeningKey(vault, older=typed)
        raise WrongPassphrase("that passphrase does not open this store")


def is_sealed(text: str) -> bool:
    return text.startswith(PREFIX)


def normal_form(passphrase: str) -> str:
    """The same passphrase typed on any system: composed Unicode (NFC)."""
    return unicodedata.normalize("NFC", passphrase)


def text_is_valid(passphrase: str) -> bool:
    """False for bytes that were not valid UTF-8 (Python keeps them as lone surrogates)."""
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
