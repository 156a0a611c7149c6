"""CHIME recovery standards for Lived Experience Recovery Organisations, in Python.

Score self-assessments against a framework of standards built on the CHIME model of personal
recovery (Connectedness, Hope and optimism, Identity, Meaning in life, Empowerment), with the
same Rust engine, the same numbers and the same diagnostics as the ``chime`` command::

    import chime_standards as chime

    framework = chime.Framework.default()          # the embedded chime-lero framework
    report = framework.score(chime.Assessment.example())
    print(report.overall.score, report.overall.award)

    reports = framework.score_many(list_of_dicts, errors="collect")
    df = chime.to_dataframe([r for r in reports if isinstance(r, chime.Report)], level="domain")

Inputs are accepted as dicts, JSON text (``str`` or ``bytes``) or :class:`Assessment`
objects. Problems raise :class:`ValidationError` with every diagnostic found, each with a
stable ``code`` and a JSON Pointer ``path``. Reports hold ids and numbers only, so they can be
pooled and published.
"""

from __future__ import annotations

import html as _html
import importlib
import json
import math
import numbers
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Union,
    overload,
)

from . import _native
from .endorse import (
    Verification,
    canonical_json,
    generate_key,
    key_from_bytes,
    key_id,
    public_key,
    sign_endorsement,
    verify,
)
from .errors import ChimeError, Diagnostic, ValidationError
from .views import (
    AwardCounts,
    AwardGap,
    BandGap,
    CohortStandard,
    ItemsNeeded,
    Agreement,
    Cap,
    Change,
    Cohort,
    Comparison,
    Contribution,
    Domain,
    DomainChange,
    DomainResult,
    DomainSummary,
    DomainTag,
    EvidenceSummary,
    FrameworkRef,
    Indicator,
    Level,
    Leverage,
    OrganisationRef,
    Overall,
    RaterSummary,
    Reading,
    Standard,
    StandardResult,
    Subcategory,
    Summary,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Agreement",
    "Assessment",
    "AssessmentInput",
    "AwardCounts",
    "AwardGap",
    "BandGap",
    "Cap",
    "CohortStandard",
    "ItemsNeeded",
    "Change",
    "ChimeError",
    "Cohort",
    "Comparison",
    "Contribution",
    "Diagnostic",
    "Domain",
    "DomainChange",
    "DomainResult",
    "DomainSummary",
    "DomainTag",
    "ENGINE",
    "EvidenceSummary",
    "Framework",
    "FrameworkRef",
    "Indicator",
    "Level",
    "Leverage",
    "OrganisationRef",
    "Overall",
    "RaterSummary",
    "Reading",
    "RecordLevel",
    "Report",
    "ReportInput",
    "Standard",
    "StandardResult",
    "Subcategory",
    "Summary",
    "ValidationError",
    "__version__",
    "cohort",
    "cohort_standards",
    "compare",
    "merge",
    "schema",
    "split",
    "MappingInput",
    "diff",
    "changes_text",
    "draft_mapping",
    "validate_mapping",
    "migrate",
    "to_dataframe",
    "to_records",
    "vocabulary",
    "Verification",
    "canonical_json",
    "generate_key",
    "key_from_bytes",
    "key_id",
    "public_key",
    "sign_endorsement",
    "verify",
]

#: The package version (the version of the Rust crates it is built from).
__version__: str = _native.__version__

#: The engine name written into every report: ``"chime-standards <version>"``.
ENGINE: str = _native.ENGINE

#: An assessment as the API accepts it: an :class:`Assessment`, a dict, or JSON text.
AssessmentInput = Union["Assessment", Mapping[str, Any], str, bytes]  # noqa: UP007

#: A report as :func:`compare` and :func:`cohort` accept it: a :class:`Report`, its dict, or
#: its JSON text.
ReportInput = Union["Report", Mapping[str, Any], str, bytes]  # noqa: UP007

#: The row levels of :func:`to_records` and :func:`to_dataframe`.
RecordLevel = Literal["overall", "domain", "standard"]

_Document = Literal["framework", "assessment", "report", "input", "mapping"]

#: A mapping document (spec 9.2) as the API accepts it: its dict or its JSON text.
MappingInput = Union[Mapping[str, Any], str, bytes]  # noqa: UP007
PathLike = Union[str, "os.PathLike[str]"]  # noqa: UP007


def vocabulary() -> dict[str, dict[str, str]]:
    """The words of statuses, awards, severities and documents, by kind and JSON name.

    ``vocabulary()["standard_status"]["working_towards"]`` is ``"Working towards"``: the words
    the engine's text and HTML reports use, for labelling tables and plots the same way.
    """
    result: dict[str, dict[str, str]] = json.loads(_native.vocabulary())
    return result


# ---------------------------------------------------------------------------------------------
# Input: everything becomes JSON text (or an already parsed object) before it reaches Rust, so
# dicts, strings and files give the same located diagnostics as the CLI.


def _json_default(value: Any) -> Any:
    """Values JSON has no type for, but that have one obvious JSON form."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)  # numpy and pandas integers
    if isinstance(value, numbers.Real):
        return float(value)
    raise TypeError(type(value).__name__)


def _pointer(path: Sequence[str]) -> str:
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in path)


def _locate(value: Any, path: list[str], seen: set[int]) -> tuple[str, str] | None:
    """The JSON Pointer and description of the first value ``json.dumps`` cannot write."""
    if value is None or isinstance(value, (str, bool, int)):
        return None
    if isinstance(value, float):
        if math.isfinite(value):
            return None
        return _pointer(path), f"the number {value} (JSON has no infinities or NaN)"
    if isinstance(value, (Mapping, list, tuple)):
        if id(value) in seen:
            return _pointer(path), "a reference back to a container that holds it (a cycle)"
        seen = seen | {id(value)}
        if isinstance(value, Mapping):
            for key, item in value.items():
                if not (key is None or isinstance(key, (str, int, float, bool))):
                    what = f"a key of type {type(key).__name__} (JSON keys are strings)"
                    return _pointer(path), what
                found = _locate(item, [*path, str(key)], seen)
                if found:
                    return found
            return None
        for i, item in enumerate(value):
            found = _locate(item, [*path, str(i)], seen)
            if found:
                return found
        return None
    try:
        return _locate(_json_default(value), path, seen)
    except TypeError:
        return _pointer(path), f"a value of type {type(value).__name__}, which JSON cannot hold"


def _input_error(code: str, document: _Document, path: str, message: str) -> ValidationError:
    error = _native.input_error(code, document, path, message)
    assert isinstance(error, ValidationError)
    return error


def _text(value: Any, document: _Document) -> str | bytes:
    """JSON text for a document given as text, bytes or plain Python data."""
    if isinstance(value, (str, bytes)):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    try:
        return json.dumps(value, allow_nan=False, default=_json_default)
    except RecursionError:
        raise _input_error(
            "nesting_too_deep", document, "", "the data nests deeper than any document does"
        ) from None
    except (TypeError, ValueError):
        found = _locate(value, [], set())
        path, what = found if found else ("", "a value JSON cannot hold")
        advice = "; use str, int, float, bool, None, dict and list (dates as 'YYYY-MM-DD')"
        raise _input_error("invalid_type", document, path, f"found {what}{advice}") from None


def _source(value: Any) -> str | bytes | _native.AssessmentData:
    """What the native engine scores: a parsed assessment, or JSON text.

    A plainly JSON-shaped dict is converted straight to the Rust type (the fast path). Any
    other dict (or one that is not a valid document) goes as JSON text instead, so the core's
    parser reports every problem with its code and JSON Pointer, exactly as for a file.
    """
    if isinstance(value, Assessment):
        return value._data
    if isinstance(value, Mapping):
        parsed = _native.AssessmentData.from_py(value)
        if parsed is not None:
            return parsed
    return _text(value, "assessment")


def _read(path: PathLike) -> bytes:
    with open(os.fspath(path), "rb") as file:
        return file.read()


# ---------------------------------------------------------------------------------------------
# Framework


class Framework:
    """A framework of standards, checked once and ready to validate and score assessments.

    Build one with :meth:`default` (the embedded ``chime-lero`` framework), :meth:`from_json`,
    :meth:`from_dict` or :meth:`from_path`; each checks the whole framework and raises
    :class:`ValidationError` listing every problem. A framework is immutable and can be
    shared between threads and pickled to worker processes.
    """

    __slots__ = ("_engine", "_dict")

    _engine: _native.Engine
    _dict: dict[str, Any] | None

    def __init__(self, engine: _native.Engine) -> None:
        """Wraps a native engine; use the ``default``/``from_*`` constructors instead."""
        if not isinstance(engine, _native.Engine):
            raise TypeError("use Framework.default(), from_json(), from_dict() or from_path()")
        self._engine = engine
        self._dict = None

    # -- constructors --------------------------------------------------------------------

    @classmethod
    def default(cls) -> Framework:
        """The embedded default framework, ``chime-lero`` (this project's illustrative text)."""
        global _DEFAULT
        if _DEFAULT is None:
            _DEFAULT = cls(_native.Engine.default())
        return _DEFAULT

    @classmethod
    def from_json(cls, text: str | bytes) -> Framework:
        """A framework from JSON text; raises :class:`ValidationError` if it is not valid."""
        return cls(_native.Engine.from_json(_text(text, "framework")))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Framework:
        """A framework from its dict form; raises :class:`ValidationError` if it is not valid."""
        engine = _native.Engine.from_py(data) if isinstance(data, Mapping) else None
        return cls(engine or _native.Engine.from_json(_text(data, "framework")))

    @classmethod
    def from_path(cls, path: PathLike) -> Framework:
        """A framework from a JSON file; raises :class:`ValidationError` if it is not valid."""
        return cls(_native.Engine.from_json(_read(path)))

    # -- views ---------------------------------------------------------------------------

    def _data(self) -> dict[str, Any]:
        if self._dict is None:
            self._dict = self._engine.to_dict()
        return self._dict

    @property
    def id(self) -> str:
        """The framework's id, such as ``"chime-lero"``."""
        return self._engine.id

    @property
    def version(self) -> str:
        """The framework's version (semver of its content)."""
        return self._engine.version

    @property
    def title(self) -> str:
        """The framework's title."""
        return str(self._data()["title"])

    @property
    def domains(self) -> tuple[Domain, ...]:
        """The domains, in framework order."""
        return tuple(Domain.from_dict(d) for d in self._data()["domains"])

    @property
    def standards(self) -> tuple[Standard, ...]:
        """The standards, in framework order."""
        return tuple(Standard.from_dict(s) for s in self._data()["standards"])

    @property
    def levels(self) -> tuple[Level, ...]:
        """The levels of the rating scale, from 0 up."""
        return tuple(Level.from_dict(v) for v in self._data()["rating_scale"]["levels"])

    @property
    def warnings(self) -> list[Diagnostic]:
        """Warnings about the framework itself (they are also added to every report)."""
        return [Diagnostic.from_dict(d) for d in self._engine.warnings()]

    def domain(self, id: str) -> Domain:
        """The domain with this id; raises ``KeyError`` if there is none."""
        for domain in self.domains:
            if domain.id == id:
                return domain
        raise KeyError(id)

    def standard(self, id: str) -> Standard:
        """The standard with this id; raises ``KeyError`` if there is none."""
        for standard in self.standards:
            if standard.id == id:
                return standard
        raise KeyError(id)

    def to_dict(self) -> dict[str, Any]:
        """The framework as a dict (defaults filled in); a new dict on every call."""
        return self._engine.to_dict()

    def to_json(self) -> str:
        """The framework as pretty JSON with a final newline."""
        return self._engine.to_json()

    # -- validating and scoring ----------------------------------------------------------

    def validate(self, assessment: AssessmentInput) -> list[Diagnostic]:
        """Every problem with an assessment against this framework: errors, warnings, notes.

        Never raises for a bad assessment: malformed JSON or a wrong type is returned as its
        diagnostic. An assessment can be scored when no diagnostic has severity ``"error"``.
        """
        try:
            source = _source(assessment)
        except ValidationError as error:
            return list(error.diagnostics)
        return [Diagnostic.from_dict(d) for d in self._engine.validate(source)]

    def score(self, assessment: AssessmentInput) -> Report:
        """Scores one assessment; raises :class:`ValidationError` if it cannot be scored.

        The Rust core runs with the GIL released, so threads can score in parallel.
        """
        return Report(self._engine.score(_source(assessment)), self)

    @overload
    def score_many(
        self,
        assessments: Iterable[AssessmentInput],
        *,
        errors: Literal["raise"] = ...,
        progress: bool = ...,
        jobs: int | None = ...,
    ) -> list[Report]: ...

    @overload
    def score_many(
        self,
        assessments: Iterable[AssessmentInput],
        *,
        errors: Literal["collect"],
        progress: bool = ...,
        jobs: int | None = ...,
    ) -> list[Report | ValidationError]: ...

    def score_many(
        self,
        assessments: Iterable[AssessmentInput],
        *,
        errors: Literal["raise", "collect"] = "raise",
        progress: bool = False,
        jobs: int | None = None,
    ) -> list[Report] | list[Report | ValidationError]:
        """Scores many assessments (dicts, JSON text or :class:`Assessment` objects) at once.

        The inputs are converted first; then the Rust core scores the whole batch on every
        core (see ``jobs``) with the GIL released, so other Python threads run meanwhile.

        Args:
            assessments: the assessments, in any mix of accepted forms.
            errors: ``"raise"`` (default) raises the :class:`ValidationError` of the first
                input that cannot be scored; ``"collect"`` puts that error in its place in the
                result (with ``error.index`` set), so one bad record never loses the batch.
            progress: show a progress bar (needs ``tqdm``). The batch is then scored in
                chunks, releasing the GIL for each.
            jobs: threads to score on; ``None`` (default) uses every core, ``1`` scores on
                the calling thread. Results keep input order whatever the number.

        Returns:
            One item per input, in input order: a :class:`Report`, or (with
            ``errors="collect"``) the :class:`ValidationError` for an input that failed.
        """
        if errors not in ("raise", "collect"):
            raise ValueError(f'errors must be "raise" or "collect", not {errors!r}')
        if jobs is None:
            jobs = _native.default_jobs()
        elif isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
            raise ValueError(f"jobs must be a whole number of 1 or more, or None; not {jobs!r}")
        items = list(assessments)
        bar = _progress_bar(len(items)) if progress else None
        step = max(1, min(500, len(items) // 100)) if bar is not None else max(1, len(items))
        results: list[Report | ValidationError] = []
        try:
            for start in range(0, len(items), step):
                chunk = items[start : start + step]
                done: list[Any] = [None] * len(chunk)
                sources: list[Any] = []
                where: list[int] = []
                for k, item in enumerate(chunk):
                    if type(item) is dict:
                        sources.append(item)  # read in Rust; None back if it must go as text
                        where.append(k)
                        continue
                    try:
                        sources.append(_source(item))
                        where.append(k)
                    except ValidationError as error:
                        done[k] = error
                for k, scored in zip(where, self._engine.score_many(sources, jobs), strict=True):
                    if scored is None:
                        try:
                            scored = self._engine.score(_text(chunk[k], "assessment"))
                        except ValidationError as error:
                            scored = error
                    done[k] = scored
                for k, scored in enumerate(done):
                    if isinstance(scored, ValidationError):
                        failed = scored.with_index(start + k)
                        if errors == "raise":
                            raise failed
                        results.append(failed)
                    else:
                        results.append(Report(scored, self))
                if bar is not None:
                    bar.update(len(chunk))
        finally:
            if bar is not None:
                bar.close()
        return results

    # -- Python protocols ----------------------------------------------------------------

    def __reduce__(self) -> tuple[Any, ...]:
        if self is _DEFAULT:
            return (Framework.default, ())
        return (Framework.from_json, (self.to_json(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return self is other or self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        data = self._data()
        return (
            f"<Framework {self.id} {self.version}: {len(data['domains'])} domains, "
            f"{len(data['standards'])} standards>"
        )


_DEFAULT: Framework | None = None


def _progress_bar(total: int) -> Any:
    try:
        tqdm = importlib.import_module("tqdm.auto").tqdm
    except ImportError as error:
        raise ImportError(
            "progress=True shows a tqdm progress bar, and tqdm is not installed: "
            "pip install tqdm (or leave progress off)"
        ) from error
    return tqdm(total=total, unit="assessment", desc="scoring")


# ---------------------------------------------------------------------------------------------
# Assessment


class Assessment:
    """One organisation's self-assessment, parsed and checked for shape.

    It is checked against a framework (references, dates, consent, ...) when validated or
    scored. Plain dicts and JSON text are accepted wherever an ``Assessment`` is; parse once
    into an ``Assessment`` to score the same data against several frameworks.
    """

    __slots__ = ("_data",)

    _data: _native.AssessmentData

    def __init__(self, data: _native.AssessmentData) -> None:
        """Wraps parsed data; use the ``from_*`` constructors instead."""
        if not isinstance(data, _native.AssessmentData):
            raise TypeError("use Assessment.from_json(), from_dict(), from_path() or example()")
        self._data = data

    @classmethod
    def from_json(cls, text: str | bytes) -> Assessment:
        """An assessment from JSON text; raises :class:`ValidationError` if it is malformed."""
        return cls(_native.AssessmentData.from_json(_text(text, "assessment")))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Assessment:
        """An assessment from its dict form; raises :class:`ValidationError` if malformed."""
        parsed = _source(data)
        if isinstance(parsed, _native.AssessmentData):
            return cls(parsed)
        return cls(_native.AssessmentData.from_json(parsed))

    @classmethod
    def from_path(cls, path: PathLike) -> Assessment:
        """An assessment from a JSON file; raises :class:`ValidationError` if malformed."""
        return cls(_native.AssessmentData.from_json(_read(path)))

    @classmethod
    def example(cls) -> Assessment:
        """The bundled example assessment of a fictional organisation (``chime-lero``)."""
        return cls(_native.AssessmentData.example())

    @property
    def id(self) -> str:
        """The assessment's id."""
        return self._data.id

    def to_dict(self) -> dict[str, Any]:
        """The assessment as a dict (defaults filled in); a new dict on every call."""
        return self._data.to_dict()

    def reliability_data(self, framework: Framework | None = None) -> list[list[int | None]]:
        """The raters x standards matrix of ratings, as agreement statistics take it.

        One row per rater (in the assessment's order), one column per standard that counts
        for agreement (in framework order; standards that do not apply are left out); a cell
        is the rater's level, or ``None`` where they gave none (``null``, ``"not_applicable"``
        or no judgement). ``numpy.array(matrix, dtype=float)`` turns ``None`` into ``NaN``,
        which is what ``krippendorff.alpha(reliability_data=...)`` reads as missing; give it
        ``level_of_measurement="ordinal"`` and ``value_domain`` the framework's level values
        to get the report's ``agreement.alpha``. Computed by the Rust core (against the
        default framework unless one is given); raises :class:`ValidationError` if the
        assessment cannot be scored.
        """
        engine = (framework or Framework.default())._engine
        data: dict[str, Any] = _native.reliability_data(engine, self._data)
        values: list[list[int | None]] = data["values"]
        return values

    def to_json(self) -> str:
        """The assessment as pretty JSON with a final newline."""
        return self._data.to_json()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Assessment.from_json, (self.to_json(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Assessment):
            return NotImplemented
        return self._data == other._data

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Assessment {self.id}>"


# ---------------------------------------------------------------------------------------------
# Report


class Report:
    """The scored result of one assessment: ids and numbers only, safe to pool and publish.

    Parts are read as attributes (``report.overall.score``, ``report.domains[0].band``,
    ``report.standard("c1-peer-support-offer").capped``); :meth:`to_dict` and :meth:`to_json`
    give the whole document. In Jupyter a report shows its HTML page (radar chart and tables).
    """

    __slots__ = ("_report", "_framework", "_dict")

    _report: _native.ReportData
    _framework: Framework | None
    _dict: dict[str, Any] | None

    def __init__(self, data: _native.ReportData, framework: Framework | None = None) -> None:
        """Wraps report data; reports come from :meth:`Framework.score` or ``from_*``."""
        if not isinstance(data, _native.ReportData):
            raise TypeError("reports come from Framework.score() or Report.from_json()")
        self._report = data
        self._framework = framework
        self._dict = None

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        """A report read back from its JSON; raises :class:`ValidationError` if malformed."""
        return cls(_native.ReportData.from_json(_text(text, "report")))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Report:
        """A report read back from its dict form; raises :class:`ValidationError` if malformed."""
        parsed = _native.ReportData.from_py(data) if isinstance(data, Mapping) else None
        return cls(parsed or _native.ReportData.from_json(_text(data, "report")))

    @classmethod
    def from_path(cls, path: PathLike) -> Report:
        """A report read back from a JSON file; raises :class:`ValidationError` if malformed."""
        return cls(_native.ReportData.from_json(_read(path)))

    def _data(self) -> dict[str, Any]:
        if self._dict is None:
            self._dict = self._report.to_dict()
        return self._dict

    # -- parts ---------------------------------------------------------------------------

    @property
    def format(self) -> str:
        """Always ``"chime-standards/report@1"``."""
        return str(self._data()["format"])

    @property
    def engine(self) -> str:
        """The engine and version that computed the report."""
        return str(self._data()["engine"])

    @property
    def framework(self) -> FrameworkRef:
        """The framework (id and version) the assessment was scored against."""
        return FrameworkRef.from_dict(self._data()["framework"])

    @property
    def assessment(self) -> str:
        """The assessment's id."""
        return str(self._data()["assessment"])

    @property
    def assessed_on(self) -> str:
        """The assessment's "as of" date, ``YYYY-MM-DD``."""
        return str(self._data()["assessed_on"])

    @property
    def organisation(self) -> OrganisationRef:
        """The organisation's id and structure (never its name)."""
        return OrganisationRef.from_dict(self._data()["organisation"])

    @property
    def status(self) -> str:
        """The assessment's review status: draft, submitted, peer_reviewed or verified."""
        return str(self._data()["status"])

    @property
    def change_threshold(self) -> float:
        """The framework's change threshold, used by :func:`compare`."""
        return float(self._data()["change_threshold"])

    @property
    def overall(self) -> Overall:
        """The overall score, band, profile band, limiting domains and award."""
        return Overall.from_dict(self._data()["overall"])

    @property
    def domains(self) -> tuple[DomainResult, ...]:
        """One result per framework domain, in framework order."""
        return tuple(DomainResult.from_dict(d) for d in self._data()["domains"])

    @property
    def standards(self) -> tuple[StandardResult, ...]:
        """One result per framework standard, in framework order."""
        return tuple(StandardResult.from_dict(s) for s in self._data()["standards"])

    @property
    def leverage(self) -> tuple[Leverage, ...]:
        """The standards whose next level would raise the overall score most."""
        return tuple(Leverage.from_dict(x) for x in self._data()["leverage"])

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Warnings and notes about the inputs (errors stop scoring, so there are none)."""
        return tuple(Diagnostic.from_dict(d) for d in self._data()["diagnostics"])

    @property
    def agreement(self) -> Agreement | None:
        """How far the raters agree over every applicable standard (Krippendorff's alpha,
        ordinal); ``None`` for a report of format version 1.0."""
        found = self._data().get("agreement")
        return Agreement.from_dict(found) if found is not None else None

    def domain(self, id: str) -> DomainResult:
        """The result of one domain; raises ``KeyError`` if the report has none by that id."""
        for result in self._data()["domains"]:
            if result["domain"] == id:
                return DomainResult.from_dict(result)
        raise KeyError(id)

    def standard(self, id: str) -> StandardResult:
        """The result of one standard; raises ``KeyError`` if the report has none by that id."""
        for result in self._data()["standards"]:
            if result["standard"] == id:
                return StandardResult.from_dict(result)
        raise KeyError(id)

    # -- output --------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The report as a dict; a new dict on every call."""
        return self._report.to_dict()

    def to_json(self) -> str:
        """The report as JSON, byte for byte what ``chime score --format json`` writes."""
        return self._report.to_json()

    def _framework_for(self, framework: Framework | None) -> Framework | None:
        """The framework to take titles from: given, the scoring one, or the default."""
        if framework is not None:
            return framework
        if self._framework is not None:
            return self._framework
        default = Framework.default()
        ref = (self._report.framework_id, self._report.framework_version)
        return default if ref == (default.id, default.version) else None

    def _titles(self, framework: Framework | None) -> Framework:
        found = self._framework_for(framework)
        if found is None:
            raise ChimeError(
                f"this report was scored against {self._report.framework_id} "
                f"{self._report.framework_version}; pass it as framework=Framework.from_path(...)"
            )
        return found

    def text(self, framework: Framework | None = None) -> str:
        """The report as plain text, as ``chime score`` prints it.

        Titles come from ``framework``, else the framework that scored the report, else the
        default framework when the report is of it.
        """
        return self._report.text(self._titles(framework)._engine)

    def svg(self, framework: Framework | None = None) -> str:
        """An accessible SVG radar chart of the domain scores."""
        found = self._framework_for(framework)
        return self._report.svg(found._engine if found is not None else None)

    def html(self, framework: Framework | None = None) -> str:
        """A self-contained HTML page: summary, radar chart, domain and standard tables."""
        return self._report.html(self._titles(framework)._engine)

    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_html_(self) -> str | None:
        if self._framework_for(None) is None:
            return None  # Jupyter falls back to the SVG chart
        page = _html.escape(self.html(), quote=True)
        title = _html.escape(f"CHIME report {self.assessment}", quote=True)
        # An iframe keeps the page's stylesheet from restyling the notebook around it.
        return (
            f'<iframe srcdoc="{page}" title="{title}" '
            'style="width:100%;height:42rem;border:1px solid #ccc" loading="lazy"></iframe>'
        )

    # -- Python protocols ----------------------------------------------------------------

    def __reduce__(self) -> tuple[Any, ...]:
        return (Report.from_json, (self.to_json(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return self._report == other._report

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        overall = self._data()["overall"]
        score = "not scoreable" if overall["score"] is None else f"{overall['score']:.1f}"
        return (
            f"<Report {self.assessment} ({self.assessed_on}): overall {score}, {overall['award']}>"
        )


def _report_data(report: Any, position: int) -> _native.ReportData:
    if isinstance(report, Report):
        return report._report
    if isinstance(report, ValidationError):
        raise TypeError(
            f"item {position} is a ValidationError, not a Report; keep the reports with "
            "[r for r in results if isinstance(r, Report)]"
        )
    if isinstance(report, _native.ReportData):
        return report
    if isinstance(report, Mapping):
        return Report.from_dict(report)._report
    return Report.from_json(_text(report, "report"))._report


# ---------------------------------------------------------------------------------------------
# Across time and across organisations


def compare(
    before: ReportInput, after: ReportInput, mapping: MappingInput | None = None
) -> dict[str, Any]:
    """Compares two reports of one organisation (spec section 6).

    Returns the comparison document as a dict: per domain and overall, ``before``, ``after``,
    ``delta`` and ``direction`` (improved, declined, stable or ``None``), and the standards
    newly met and no longer met. ``Comparison.from_dict(...)`` of it gives attribute access.
    Raises :class:`ValidationError` for reports of different frameworks.

    Reports on two versions of one framework are compared with a warning
    ``framework_version_differs``; given the ``mapping`` between the versions, newly met and
    no longer met follow it (spec 9.4).
    """
    if mapping is None:
        return _native.compare(_report_data(before, 0), _report_data(after, 1))
    return _native.compare_with_mapping(
        _report_data(before, 0), _report_data(after, 1), _text(mapping, "mapping")
    )


# ---------------------------------------------------------------------------------------------
# Framework revisions (spec section 9)


def diff(old: Framework, new: Framework) -> dict[str, Any]:
    """Every change from ``old`` to ``new`` with its impact, as the changes document.

    Each change is ``{kind, path, subject?, impact}``; ``required_bump`` is the highest impact
    (``"none"`` when nothing changed). A new version that does not rise far enough is not an
    exception: the document's ``diagnostics`` hold the error ``version_bump_too_small``.
    Raises :class:`ValidationError` (``framework_mismatch``) for two different frameworks.
    """
    return _native.diff(old._engine, new._engine)


def changes_text(old: Framework, new: Framework) -> str:
    """The changes from ``old`` to ``new`` as text for a standards editor (as ``chime diff``)."""
    return _native.changes_text(old._engine, new._engine)


def draft_mapping(old: Framework, new: Framework) -> dict[str, Any]:
    """A draft mapping from ``old`` to ``new`` for a person to finish, as a dict.

    Standards kept unchanged are ``equivalent``; kept with a changed statement, applies_to
    or level descriptors, ``overlaps`` with a note; gone from ``new``, ``retired``.
    """
    return _native.draft_mapping(old._engine, new._engine)


def validate_mapping(mapping: MappingInput, old: Framework, new: Framework) -> list[Diagnostic]:
    """Every problem with a mapping against both frameworks: errors, warnings and notes.

    Never raises for a bad mapping: malformed JSON or a wrong type is returned as its
    diagnostic (document ``"mapping"``).
    """
    try:
        text = _text(mapping, "mapping")
    except ValidationError as error:
        return list(error.diagnostics)
    return [
        Diagnostic.from_dict(d)
        for d in _native.validate_mapping(text, old._engine, new._engine)
    ]


def migrate(
    assessment: AssessmentInput, mapping: MappingInput, new: Framework
) -> tuple[Assessment, list[Diagnostic]]:
    """Carries an assessment onto ``new`` with a mapping (spec 9.3); the input is not changed.

    Returns the migrated assessment (status ``draft``, every evidence item and every word
    kept, ratings carried only across one-to-one equivalent entries) and what to review:
    ``migration_review`` warnings and ``migration_retired`` notes. Raises
    :class:`ValidationError` when the mapping does not fit the assessment or ``new``.
    """
    data, diagnostics = _native.migrate(
        _source(assessment), _text(mapping, "mapping"), new._engine
    )
    return Assessment(data), [Diagnostic.from_dict(d) for d in diagnostics]


def cohort(reports: Iterable[ReportInput]) -> dict[str, Any]:
    """Pools reports of one framework into summary statistics (spec section 6).

    Returns the cohort document as a dict: for the overall score and each domain, the number
    scored, mean, sample sd, min, quartiles (numpy's default interpolation), max and counts per
    band; and counts per award. ``Cohort.from_dict(...)`` of it gives attribute access.
    Raises :class:`ValidationError` for an empty cohort or mixed frameworks.
    """
    return _native.cohort([_report_data(r, i) for i, r in enumerate(reports)])


def merge(assessments: Iterable[AssessmentInput]) -> Assessment:
    """Merges several raters' files of one assessment into one (spec section 7).

    Give two or more assessments (dicts, JSON text or :class:`Assessment` objects) with the
    same id, framework, date and organisation. Raters and evidence are united by id and
    judgements by (standard, rater), in order of first appearance; the status is the earliest.
    Raises :class:`ValidationError` with every mismatch and conflict at once, each located in
    the list of inputs (``document == "input"``, ``path`` starting with the input's index).
    The result is not checked against a framework: score or validate it as usual.
    """
    sources = [_source(a) for a in assessments]
    return Assessment(_native.merge(sources))


def split(assessment: AssessmentInput) -> list[Assessment]:
    """One assessment per rater (their judgements and the evidence they cite), then one of
    the agreed judgements and the remaining evidence: the inverse of :func:`merge`."""
    parsed = _source(assessment)
    if not isinstance(parsed, _native.AssessmentData):
        parsed = _native.AssessmentData.from_json(parsed)
    return [Assessment(part) for part in _native.split(parsed)]


def schema(
    name: Literal[
        "framework", "assessment", "report", "comparison", "cohort", "mapping", "changes"
        "framework",
        "assessment",
        "report",
        "comparison",
        "cohort",
        "endorsement",
        "keys",
        "verification",
    ],
) -> dict[str, Any]:
    """The JSON Schema of a document, as a dict."""
    try:
        text = _native.schema(name)
    except ValueError as error:
        raise ChimeError(str(error)) from None
    result: dict[str, Any] = json.loads(text)
    return result


# ---------------------------------------------------------------------------------------------
# Tables for research


def to_records(
    reports: Iterable[ReportInput], level: RecordLevel = "overall"
) -> list[dict[str, Any]]:
    """Tidy rows of reports as dicts, without pandas.

    ``level="overall"`` gives one row per report, ``"domain"`` one per report and domain,
    ``"standard"`` one per report and standard. Every row starts with the columns
    ``assessment``, ``organisation``, ``structure``, ``assessed_on``, ``assessment_status``,
    ``framework`` and ``framework_version``; the rows are made by the Rust core, so every
    front end flattens reports the same way.
    """
    _check_level(level)
    return _native.records([_report_data(r, i) for i, r in enumerate(reports)], level)


def to_dataframe(
    reports: Iterable[ReportInput],
    level: RecordLevel = "overall",
    framework: Framework | None = None,
) -> pandas.DataFrame:
    """Tidy rows of reports as a pandas DataFrame (see :func:`to_records` for the rows).

    Each column's dtype comes from the kind the Rust core gives it: ``assessed_on`` is a
    datetime; numbers that can be missing (``score``, ``coverage``) are nullable ``Float64``
    and whole numbers that can (``claimed``, ``effective``) nullable ``Int64``, with
    ``pd.NA`` where not scored; statuses, awards and structures are categoricals in the spec's
    order; bands (ordered, ascending), domains and standards are categoricals in the
    framework's order. The framework is ``framework``, else the one the reports were scored
    with, else the default when the reports name it. Needs pandas.
    """
    try:
        import pandas as pd
    except ImportError as error:
        raise ImportError(
            "to_dataframe needs pandas, which is not installed: pip install pandas "
            "(or use chime_standards.to_records, which gives the same rows as dicts)"
        ) from error
    items = list(reports)
    rows = to_records(items, level)
    if framework is None:
        framework = _framework_of(items, rows)
    kinds = _native.record_column_kinds(level, framework._engine if framework else None)
    frame: pandas.DataFrame = pd.DataFrame.from_records(rows, columns=[k["name"] for k in kinds])
    for column in kinds:
        frame[column["name"]] = _typed(pd, frame[column["name"]], column)
    return frame


def cohort_standards(cohort_document: Mapping[str, Any]) -> pandas.DataFrame:
    """The per-standard table of a cohort (:func:`cohort`) as a pandas DataFrame.

    One row per standard, in the cohort's order: ``standard``, ``n`` (reports that list it),
    one column per standard status with the number of reports that gave it (in the order the
    core declares the statuses), ``capped``, and the pooled agreement (``agreement_alpha``,
    nullable ``Float64``; ``agreement_status`` a categorical; ``agreement_units`` and
    ``agreement_values``). The rows, the columns and their kinds are the core's; the dtypes
    follow the kinds as in :func:`to_dataframe`. Needs pandas.
    """
    import pandas as pd

    columns, rows = _native.cohort_standard_table(cohort_document)
    frame: pandas.DataFrame = pd.DataFrame.from_records(
        rows, columns=[column["name"] for column in columns]
    )
    for column in columns:
        frame[column["name"]] = _typed(pd, frame[column["name"]], column)
    return frame


def _framework_of(items: list[Any], rows: list[dict[str, Any]]) -> Framework | None:
    """The framework the reports were scored with, when one is known for all of them."""
    named = {(row["framework"], row["framework_version"]) for row in rows}
    if len(named) != 1:
        return None
    for item in items:
        if isinstance(item, Report) and item._framework is not None:
            known = item._framework
            return known if (known.id, known.version) in named else None
    default = Framework.default()
    return default if (default.id, default.version) in named else None


def _typed(pd: Any, series: Any, column: dict[str, Any]) -> Any:
    """A column with the dtype its kind calls for (see :func:`to_dataframe`)."""
    kind, nullable = column["kind"], column["nullable"]
    if kind == "category":
        categories = column["categories"]
        present = set(series.dropna().unique())
        if not present <= set(categories):  # values the framework does not list: keep them all
            return series.astype("category")
        return series.astype(pd.CategoricalDtype(categories, ordered=column["ordered"]))
    if kind == "date":
        return pd.to_datetime(series, format="%Y-%m-%d")
    if kind == "integer":
        return series.astype("Int64" if nullable else "int64")
    if kind == "number":
        return series.astype("Float64" if nullable else "float64")
    if kind == "flag":
        return series.astype("boolean" if nullable else "bool")
    if kind == "text":
        return series
    return series.convert_dtypes()  # a column the core does not describe: inferred


def _check_level(level: str) -> None:
    if level not in ("overall", "domain", "standard"):
        raise ValueError(f'level must be "overall", "domain" or "standard", not {level!r}')
