"""The errors a user can see. Each carries a Japanese message for the user and an English one for logs."""

from __future__ import annotations


class DxqaError(Exception):
    """Base class: something the user can fix; the message says how."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(f"{ja}\n({en})")
        self.ja = ja
        self.en = en


class IndexMissingError(DxqaError):
    """Raised when `ask`/`serve` finds no complete index to answer from."""


class DocumentError(DxqaError):
    """Raised when one document cannot be read (corrupt, encrypted, empty, no text layer)."""


class ConfigError(DxqaError):
    """Raised when a setting or flag has a value we do not support."""


class QuestionError(DxqaError):
    """Raised when a question is empty or too long to be a question."""


class EmbedderError(DxqaError):
    """Raised when the embedding model cannot be loaded from the local machine."""


class IndexBusyError(DxqaError):
    """Raised when another process has been writing the index for longer than we wait."""


class IndexWriteError(DxqaError):
    """Raised when a new index generation cannot be written (disk full, no permission); the served one stays."""


class IndexUnreadableError(DxqaError):
    """Raised when the index exists but cannot be opened (disk full, permissions, I/O error):
    rebuilding would not help."""
