"""What the build tells its caller, as events; the command line decides how to show them.

The engine never prints. It hands events to a Reporter, so the CLI can draw a progress bar on a
terminal and plain lines in a pipe, and a test can simply collect them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .errors import LessonError


@dataclass(frozen=True)
class LessonChecked:
    """A lesson file was loaded and validated (ok or not)."""

    path: str
    ok: bool


@dataclass(frozen=True)
class OutputWritten:
    """A PDF was written."""

    path: str
    seconds: float


@dataclass(frozen=True)
class OutputUpToDate:
    """A PDF needed no work: nothing it depends on changed."""

    path: str


@dataclass(frozen=True)
class OutputFailed:
    """A PDF could not be built or written; the previous file, if any, is untouched."""

    path: str
    problems: tuple[LessonError, ...]


@dataclass(frozen=True)
class BuildStarted:
    """The build knows how many outputs it will make."""

    total: int


Event = LessonChecked | OutputWritten | OutputUpToDate | OutputFailed | BuildStarted


class Reporter(Protocol):
    """Receives events as the build goes."""

    def emit(self, event: Event) -> None:
        """Handle one event."""


class Collector:
    """A reporter that keeps every event (for tests and library use)."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def emit(self, event: Event) -> None:
        """Keep the event."""
        self.events.append(event)

    def of(self, kind: type) -> list:
        """The events of one kind, in order."""
        return [e for e in self.events if isinstance(e, kind)]
