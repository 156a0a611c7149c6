"""Read-only views of reports, comparisons, cohorts and frameworks, for attribute access.

``report.overall.score``, ``report.domains[0].coverage``, ``framework.standards[3].title``:
each part of a report or framework is a small frozen dataclass built from the document's
dict form. Field names are those of the JSON format (spec sections 1 and 4); lists become
tuples. The views hold copies, so nothing done to them can change the report they came from.
Use ``to_dict()`` on the report or framework for the complete document.
"""

from __future__ import annotations

import json as _json

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from .errors import Diagnostic

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "AwardCounts",
    "AwardGap",
    "BandGap",
    "CohortStandard",
    "ItemsNeeded",
    "Agreement",
    "Cap",
    "Change",
    "Cohort",
    "Comparison",
    "Contribution",
    "Domain",
    "DomainChange",
    "DomainResult",
    "DomainSummary",
    "DomainTag",
    "EvidenceSummary",
    "FrameworkRef",
    "Indicator",
    "Level",
    "Leverage",
    "OrganisationRef",
    "Overall",
    "RaterSummary",
    "Reading",
    "Standard",
    "StandardResult",
    "Subcategory",
    "Summary",
]

_Dict = Mapping[str, Any]
_View = TypeVar("_View", bound="DataclassInstance")


def _flat(cls: type[_View], d: _Dict) -> _View:
    """A view whose fields are the dict's values as they are (a field left out is ``None``)."""
    return cls(**{field.name: d.get(field.name) for field in fields(cls)})


# ---------------------------------------------------------------------------------------------
# Report parts (spec section 4)


@dataclass(frozen=True, slots=True)
class FrameworkRef:
    """Which framework (id and version) a report or assessment refers to."""

    id: str
    version: str

    @classmethod
    def from_dict(cls, d: _Dict) -> FrameworkRef:
        """The view of a ``{"id", "version"}`` dict."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class OrganisationRef:
    """The organisation a report is about, by id and structure only (no name)."""

    id: str
    structure: str

    @classmethod
    def from_dict(cls, d: _Dict) -> OrganisationRef:
        """The view of a report's ``organisation`` dict."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class Overall:
    """The overall result: score, band, profile band (the lowest domain's band) and award."""

    score: float | None
    band: str | None
    profile_band: str | None
    limiting_domains: tuple[str, ...]
    award: str
    status: str
    award_gap: AwardGap | None = None

    @classmethod
    def from_dict(cls, d: _Dict) -> Overall:
        """The view of a report's ``overall`` dict."""
        gap = d.get("award_gap")
        return cls(
            score=d["score"],
            band=d["band"],
            profile_band=d["profile_band"],
            limiting_domains=tuple(d["limiting_domains"]),
            award=d["award"],
            status=d["status"],
            award_gap=AwardGap.from_dict(gap) if gap is not None else None,
        )


@dataclass(frozen=True, slots=True)
class BandGap:
    """A participating domain below the award's required band, and by how many points."""

    domain: str
    band: str | None
    points: float

    @classmethod
    def from_dict(cls, d: _Dict) -> BandGap:
        """The view of one entry of ``award_gap.domains``."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class AwardGap:
    """What a scored assessment still needs for the award (computed by the core)."""

    required_band: str
    domains: tuple[BandGap, ...]
    core_standards: tuple[str, ...]

    @classmethod
    def from_dict(cls, d: _Dict) -> AwardGap:
        """The view of a report's ``overall.award_gap``."""
        return cls(
            required_band=d["required_band"],
            domains=tuple(BandGap.from_dict(x) for x in d["domains"]),
            core_standards=tuple(d["core_standards"]),
        )


@dataclass(frozen=True, slots=True)
class Contribution:
    """One standard's part in a domain score."""

    standard: str
    weight: float
    effective: int
    score: float

    @classmethod
    def from_dict(cls, d: _Dict) -> Contribution:
        """The view of a domain's contribution dict."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class DomainResult:
    """One CHIME domain's result: status, score, band, coverage and contributions."""

    domain: str
    status: str
    score: float | None
    band: str | None
    coverage: float | None
    applicable_weight: float
    rated_weight: float
    contributions: tuple[Contribution, ...]
    reason: str | None
    agreement: Agreement | None = None
    participates: bool = False

    @classmethod
    def from_dict(cls, d: _Dict) -> DomainResult:
        """The view of one entry of a report's ``domains``."""
        return cls(
            domain=d["domain"],
            status=d["status"],
            score=d["score"],
            band=d["band"],
            coverage=d["coverage"],
            applicable_weight=d["applicable_weight"],
            rated_weight=d["rated_weight"],
            contributions=tuple(Contribution.from_dict(c) for c in d["contributions"]),
            reason=d.get("reason"),
            agreement=Agreement.from_dict(d["agreement"]) if d.get("agreement") else None,
            participates=bool(d.get("participates", False)),
        )


@dataclass(frozen=True, slots=True)
class Cap:
    """The evidence requirement a capped standard failed, and what it had."""

    level: int
    min_points: float
    min_independent: int
    points: float
    independent: int
    missing_points: float = 0.0
    missing_independent: int = 0
    items_needed: ItemsNeeded | None = None

    @classmethod
    def from_dict(cls, d: _Dict) -> Cap:
        """The view of a standard's ``capped`` dict."""
        needed = d.get("items_needed")
        return cls(
            level=d["level"],
            min_points=d["min_points"],
            min_independent=d["min_independent"],
            points=d["points"],
            independent=d["independent"],
            missing_points=d.get("missing_points", 0.0),
            missing_independent=d.get("missing_independent", 0),
            items_needed=ItemsNeeded.from_dict(needed) if needed is not None else None,
        )


@dataclass(frozen=True, slots=True)
class ItemsNeeded:
    """How many more current items from one kind of source would lift a cap on their own.

    ``own`` (the JSON field ``self``, also readable as ``.self``) is ``None`` when independent
    items are missing, which the organisation's own evidence never supplies.
    """

    own: int | None
    peer: int
    external: int

    @property
    def self(self) -> int | None:  # noqa: PLR0206 - the JSON field's own name
        """Items from the organisation itself (the JSON field ``self``)."""
        return self.own

    @classmethod
    def from_dict(cls, d: _Dict) -> ItemsNeeded:
        """The view of a cap's ``items_needed`` dict."""
        return cls(own=d["self"], peer=d["peer"], external=d["external"])


@dataclass(frozen=True, slots=True)
class EvidenceSummary:
    """The evidence counted for a standard."""

    current: int
    stale: int
    points: float
    independent: int

    @classmethod
    def from_dict(cls, d: _Dict) -> EvidenceSummary:
        """The view of a standard's ``evidence`` dict."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class RaterSummary:
    """The raters' judgements of a standard: how many, how far apart, and how many at each
    level (``levels[c]`` raters rated it at level ``c``; empty in a version 1.0 report)."""

    n: int
    spread: int
    levels: tuple[int, ...] = ()

    @classmethod
    def from_dict(cls, d: _Dict) -> RaterSummary:
        """The view of a standard's ``raters`` dict."""
        return cls(n=d["n"], spread=d["spread"], levels=tuple(d.get("levels", ())))


@dataclass(frozen=True, slots=True)
class Agreement:
    """How far the raters agree: Krippendorff's alpha with the ordinal metric (spec 8).

    ``alpha`` is written to 3 decimals (``None`` when ``status`` is ``"not_scoreable"``, with
    the ``reason``); ``units`` are the standards rated by two or more raters, ``values`` the
    ratings on them, ``raters`` the raters who gave them (``None`` when pooled in a cohort).
    ``reading`` is the core's verdict: ``"reliable"`` (0.800 or more), ``"tentative"``
    (0.667 to 0.800), ``"unreliable"`` or ``"not_scoreable"``.
    """

    metric: str
    alpha: float | None
    status: str
    units: int
    values: int
    raters: int | None = None
    reason: str | None = None

    @classmethod
    def from_dict(cls, d: _Dict) -> Agreement:
        """The view of an ``agreement`` dict."""
        return _flat(cls, d)

    @property
    def reading(self) -> str:
        """What alpha means, decided by the Rust core: ``"reliable"``, ``"tentative"``,
        ``"unreliable"`` or ``"not_scoreable"``."""
        from . import _native

        return _native.agreement_reading(self.alpha)

    @property
    def text(self) -> str:
        """What the figure means for a group, in one sentence with the number: the words of
        the engine's text and HTML reports (``"The raters agree well (Krippendorff's alpha
        0.853, ...)"``)."""
        from . import _native

        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        present = {k: v for k, v in fields.items() if v is not None or k == "alpha"}
        return _native.agreement_text(_json.dumps(present))


@dataclass(frozen=True, slots=True)
class StandardResult:
    """One standard's result: claimed and effective level, score, cap and evidence."""

    standard: str
    status: str
    claimed: int | None
    effective: int | None
    score: float | None
    capped: Cap | None
    evidence: EvidenceSummary
    raters: RaterSummary
    applies: bool = True

    @classmethod
    def from_dict(cls, d: _Dict) -> StandardResult:
        """The view of one entry of a report's ``standards``."""
        capped = d.get("capped")
        return cls(
            standard=d["standard"],
            status=d["status"],
            claimed=d["claimed"],
            effective=d["effective"],
            score=d["score"],
            capped=Cap.from_dict(capped) if capped is not None else None,
            evidence=EvidenceSummary.from_dict(d["evidence"]),
            raters=RaterSummary.from_dict(d["raters"]),
            applies=bool(d.get("applies", True)),
        )


@dataclass(frozen=True, slots=True)
class Leverage:
    """What one more level of one standard would add to the overall score."""

    standard: str
    gain: float

    @classmethod
    def from_dict(cls, d: _Dict) -> Leverage:
        """The view of one entry of a report's ``leverage``."""
        return _flat(cls, d)


# ---------------------------------------------------------------------------------------------
# Comparisons and cohorts (spec section 6): ``Comparison.from_dict(chime.compare(a, b))``,
# ``Cohort.from_dict(chime.cohort(reports))``


@dataclass(frozen=True, slots=True)
class Reading:
    """Which assessment one side of a comparison is, and its date."""

    assessment: str
    assessed_on: str

    @classmethod
    def from_dict(cls, d: _Dict) -> Reading:
        """The view of a comparison's ``before`` or ``after`` dict."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class Change:
    """How a score moved between two reports (``None`` where a side was not scored)."""

    before: float | None
    after: float | None
    delta: float | None
    direction: str | None

    @classmethod
    def from_dict(cls, d: _Dict) -> Change:
        """The view of a comparison's ``overall`` dict."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class DomainChange:
    """How one domain's score moved between two reports."""

    domain: str
    before: float | None
    after: float | None
    delta: float | None
    direction: str | None

    @classmethod
    def from_dict(cls, d: _Dict) -> DomainChange:
        """The view of one entry of a comparison's ``domains``."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What changed between two reports of one organisation (the dict of :func:`compare`)."""

    format: str
    framework: FrameworkRef
    before: Reading
    after: Reading
    overall: Change
    domains: tuple[DomainChange, ...]
    newly_met: tuple[str, ...]
    no_longer_met: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]

    @classmethod
    def from_dict(cls, d: _Dict) -> Comparison:
        """The view of a comparison document."""
        return cls(
            format=d["format"],
            framework=FrameworkRef.from_dict(d["framework"]),
            before=Reading.from_dict(d["before"]),
            after=Reading.from_dict(d["after"]),
            overall=Change.from_dict(d["overall"]),
            domains=tuple(DomainChange.from_dict(x) for x in d["domains"]),
            newly_met=tuple(d["newly_met"]),
            no_longer_met=tuple(d["no_longer_met"]),
            diagnostics=tuple(Diagnostic.from_dict(x) for x in d["diagnostics"]),
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """Summary statistics of the overall scores of a cohort (``None`` with no score)."""

    n_scored: int
    n_not_scoreable: int
    mean: float | None
    sd: float | None
    min: float | None
    q1: float | None
    median: float | None
    q3: float | None
    max: float | None
    bands: Mapping[str, int]

    @classmethod
    def from_dict(cls, d: _Dict) -> Summary:
        """The view of a cohort's ``overall`` dict."""
        return _with_bands(cls, d)


@dataclass(frozen=True, slots=True)
class DomainSummary:
    """Summary statistics of one domain's scores across a cohort."""

    domain: str
    n_scored: int
    n_not_scoreable: int
    n_not_applicable: int
    mean: float | None
    sd: float | None
    min: float | None
    q1: float | None
    median: float | None
    q3: float | None
    max: float | None
    bands: Mapping[str, int]
    agreement: Agreement | None = None

    @classmethod
    def from_dict(cls, d: _Dict) -> DomainSummary:
        """The view of one entry of a cohort's ``domains``."""
        view = _with_bands(cls, {k: v for k, v in d.items() if k != "agreement"})
        pooled = d.get("agreement")
        return replace(view, agreement=Agreement.from_dict(pooled) if pooled else None)


@dataclass(frozen=True, slots=True)
class CohortStandard:
    """One standard across a cohort: how often each status, how often capped, and agreement."""

    standard: str
    n: int
    statuses: Mapping[str, int]
    capped: int
    agreement: Agreement | None = None

    @classmethod
    def from_dict(cls, d: _Dict) -> CohortStandard:
        """The view of one entry of a cohort's ``standards``."""
        pooled = d.get("agreement")
        return cls(
            standard=d["standard"],
            n=d["n"],
            statuses=dict(d.get("statuses", {})),
            capped=d["capped"],
            agreement=Agreement.from_dict(pooled) if pooled else None,
        )


def _with_bands(cls: type[_View], d: _Dict) -> _View:
    """Like :func:`_flat`, with a copy of the ``bands`` counts (per band id)."""
    values = {field.name: d.get(field.name) for field in fields(cls)}
    values["bands"] = dict(d.get("bands", {}))
    return cls(**values)


@dataclass(frozen=True, slots=True)
class AwardCounts:
    """How many reports of a cohort have each award outcome."""

    meets_standards: int
    working_towards: int
    incomplete: int

    @classmethod
    def from_dict(cls, d: _Dict) -> AwardCounts:
        """The view of a cohort's ``awards`` dict."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class Cohort:
    """Reports of one framework pooled into summary statistics (the dict of :func:`cohort`)."""

    format: str
    framework: str
    reports: int
    overall: Summary
    domains: tuple[DomainSummary, ...]
    awards: AwardCounts
    diagnostics: tuple[Diagnostic, ...]
    standards: tuple[CohortStandard, ...] = ()
    agreement: Agreement | None = None

    @classmethod
    def from_dict(cls, d: _Dict) -> Cohort:
        """The view of a cohort document."""
        pooled = d.get("agreement")
        return cls(
            format=d["format"],
            framework=d["framework"],
            reports=d["reports"],
            overall=Summary.from_dict(d["overall"]),
            domains=tuple(DomainSummary.from_dict(x) for x in d["domains"]),
            awards=AwardCounts.from_dict(d["awards"]),
            diagnostics=tuple(Diagnostic.from_dict(x) for x in d["diagnostics"]),
            standards=tuple(CohortStandard.from_dict(x) for x in d.get("standards", ())),
            agreement=Agreement.from_dict(pooled) if pooled else None,
        )


# ---------------------------------------------------------------------------------------------
# Framework parts (spec section 1)


@dataclass(frozen=True, slots=True)
class Subcategory:
    """A CHIME sub-category of a domain."""

    id: str
    name: str

    @classmethod
    def from_dict(cls, d: _Dict) -> Subcategory:
        """The view of a domain's sub-category dict."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class Domain:
    """A domain of the framework (a CHIME process in the default framework)."""

    id: str
    code: str
    name: str
    description: str | None
    core: bool
    weight: float
    subcategories: tuple[Subcategory, ...]

    @classmethod
    def from_dict(cls, d: _Dict) -> Domain:
        """The view of one entry of a framework's ``domains``."""
        return cls(
            id=d["id"],
            code=d["code"],
            name=d["name"],
            description=d.get("description"),
            core=d["core"],
            weight=d["weight"],
            subcategories=tuple(Subcategory.from_dict(s) for s in d.get("subcategories", ())),
        )


@dataclass(frozen=True, slots=True)
class DomainTag:
    """A standard's tag to a domain, with its weight there and the sub-categories it serves."""

    domain: str
    weight: float
    subcategories: tuple[str, ...]

    @classmethod
    def from_dict(cls, d: _Dict) -> DomainTag:
        """The view of one entry of a standard's ``domains``."""
        return cls(
            domain=d["domain"], weight=d["weight"], subcategories=tuple(d.get("subcategories", ()))
        )


@dataclass(frozen=True, slots=True)
class Indicator:
    """Something an assessor looks for when rating a standard."""

    id: str
    text: str

    @classmethod
    def from_dict(cls, d: _Dict) -> Indicator:
        """The view of one entry of a standard's ``indicators``."""
        return _flat(cls, d)


@dataclass(frozen=True, slots=True)
class Standard:
    """A standard of the framework."""

    id: str
    title: str
    statement: str
    guidance: str | None
    section: str | None
    weight: float
    core: bool
    applies_to: str
    domains: tuple[DomainTag, ...]
    indicators: tuple[Indicator, ...]
    typical_evidence: tuple[str, ...]
    level_descriptors: Mapping[int, str]

    @classmethod
    def from_dict(cls, d: _Dict) -> Standard:
        """The view of one entry of a framework's ``standards``."""
        return cls(
            id=d["id"],
            title=d["title"],
            statement=d["statement"],
            guidance=d.get("guidance"),
            section=d.get("section"),
            weight=d["weight"],
            core=d["core"],
            applies_to=d["applies_to"],
            domains=tuple(DomainTag.from_dict(t) for t in d["domains"]),
            indicators=tuple(Indicator.from_dict(i) for i in d.get("indicators", ())),
            typical_evidence=tuple(d.get("typical_evidence", ())),
            level_descriptors={int(k): v for k, v in d.get("level_descriptors", {}).items()},
        )


@dataclass(frozen=True, slots=True)
class Level:
    """A level of the rating scale."""

    value: int
    id: str
    label: str
    description: str | None

    @classmethod
    def from_dict(cls, d: _Dict) -> Level:
        """The view of one entry of a framework's ``rating_scale.levels``."""
        return _flat(cls, d)
