"""Exceptions and diagnostics of :mod:`chime_standards`.

Every problem the engine finds is a :class:`Diagnostic`: a stable ``code``, a ``severity``,
the ``document`` it concerns and a JSON Pointer ``path`` into that document. Input that cannot
be used raises :class:`ValidationError`, which carries every diagnostic found (not just the
first), so one run lists everything to fix.

The classes are defined in Python (not in the native module) so that they are ordinary
``ValueError`` subclasses that pickle, and that ``except ValueError`` catches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["ChimeError", "Diagnostic", "Severity", "ValidationError"]

#: How serious a diagnostic is: errors stop scoring, warnings and notes do not.
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in one document.

    Attributes:
        severity: ``"error"`` (stops scoring), ``"warning"`` or ``"info"``.
        code: a stable snake_case name for the kind of problem, such as
            ``"testimony_without_consent"`` (see the conformance README for the full list).
        document: the document ``path`` points into: ``"framework"``, ``"assessment"``,
            ``"report"``, ``"mapping"``, ``"endorsement"``, ``"statement"``, ``"keys"`` or
            ``"input"`` (the list given to :func:`merge`, whose paths start with the input's index).
        path: a JSON Pointer (RFC 6901) to the value concerned; ``""`` is the whole document.
        message: what is wrong and how to put it right.
        context: the numbers and ids the message speaks of, by name (for example
            ``{"standard": "c1", "spread": 2}`` for ``raters_disagree``), or ``None``.
    """

    severity: str
    code: str
    document: str
    path: str
    message: str
    context: dict[str, Any] | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagnostic:
        """A diagnostic from its dict form (as in a report's ``diagnostics``)."""
        return cls(
            severity=str(data["severity"]),
            code=str(data["code"]),
            document=str(data["document"]),
            path=str(data["path"]),
            message=str(data["message"]),
            context=dict(data["context"]) if data.get("context") is not None else None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The diagnostic as a dict with the keys of the JSON format."""
        found = asdict(self)
        if found["context"] is None:
            del found["context"]
        return found

    @property
    def is_error(self) -> bool:
        """Whether this diagnostic stops scoring."""
        return self.severity == "error"

    def __str__(self) -> str:
        from . import _native  # the engine writes the line, as in every other front end

        return _native.diagnostic_line(self.to_dict())


class ChimeError(ValueError):
    """Base class of every error raised by :mod:`chime_standards`.

    A ``ValueError``, so code that already handles bad values handles these too.
    """

    #: The diagnostics behind the error (empty when it is not about a document).
    diagnostics: list[Diagnostic]

    def __init__(self, message: str = "", *, diagnostics: Iterable[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


DiagnosticLike = Diagnostic | Mapping[str, Any]


class ValidationError(ChimeError):
    """A document could not be used: it is malformed, or it breaks the format's rules.

    ``diagnostics`` holds every problem found, errors first in the order found, then any
    warnings found on the way. ``str(error)`` lists the errors one per line::

        2 problems stop scoring
          error[empty_id] assessment /id: the assessment has an empty id
          error[testimony_without_consent] assessment /evidence/3: testimony is used only ...

    Attributes:
        diagnostics: every :class:`Diagnostic` found.
        index: the position of the failed item in a :meth:`Framework.score_many` batch, else
            ``None``.
    """

    index: int | None

    def __init__(self, diagnostics: Iterable[DiagnosticLike], *, index: int | None = None) -> None:
        found = [d if isinstance(d, Diagnostic) else Diagnostic.from_dict(d) for d in diagnostics]
        self.index = index
        super().__init__(_summary(found, index), diagnostics=found)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that are errors."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def codes(self) -> list[str]:
        """The codes of the errors, in order (handy in tests: ``"unknown_field" in e.codes``)."""
        return [d.code for d in self.errors]

    def with_index(self, index: int) -> ValidationError:
        """The same error, saying which item of a batch it belongs to."""
        return ValidationError(self.diagnostics, index=index)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.diagnostics, self.index))


def _rebuild(diagnostics: list[Diagnostic], index: int | None) -> ValidationError:
    return ValidationError(diagnostics, index=index)


def _summary(diagnostics: list[Diagnostic], index: int | None) -> str:
    from . import _native  # the engine writes the summary, as in every other front end

    text = _native.summary([d.to_dict() for d in diagnostics])
    if index is None:
        return text
    first, _, rest = text.partition("\n")
    return f"{first} (item {index} of the batch)" + (f"\n{rest}" if rest else "")
