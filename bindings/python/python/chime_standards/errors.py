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
            ``"report"``, or ``"input"`` (the list given to :func:`merge`, whose paths start
            with the input's index).
        path: a JSON Pointer (RFC 6901) to the value concerned; ``""`` is the whole document.
        message: what is wrong and how to put it right.
    """

    severity: str
    code: str
    document: str
    path: str
    message: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diagnostic:
        """A diagnostic from its dict form (as in a report's ``diagnostics``)."""
        return cls(
            severity=str(data["severity"]),
            code=str(data["code"]),
            document=str(data["document"]),
            path=str(data["path"]),
            message=str(data["message"]),
        )

    def to_dict(self) -> dict[str, str]:
        """The diagnostic as a dict with the keys of the JSON format."""
        return asdict(self)

    @property
    def is_error(self) -> bool:
        """Whether this diagnostic stops scoring."""
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.severity}[{self.code}] {self.document} {self.path or '/'}: {self.message}"


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

        2 errors in the assessment
          /evidence/3 testimony_without_consent: testimony is used only with recorded
            consent; ...

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
    errors = [d for d in diagnostics if d.is_error] or diagnostics
    documents = sorted({d.document for d in errors})
    noun = "error" if len(errors) == 1 else "errors"
    where = f"the {documents[0]}" if len(documents) == 1 else "the input"
    if index is not None:
        where += f" (item {index} of the batch)"
    lines = [f"{len(errors)} {noun} in {where}"]
    for d in errors:
        lines.append(f"  {d.path or '/'} {d.code}: {d.message}")
    others = len(diagnostics) - len(errors)
    if others > 0:
        more = "diagnostic that does" if others == 1 else "diagnostics that do"
        lines.append(f"  (and {others} more {more} not stop scoring: see .diagnostics)")
    return "\n".join(lines)
