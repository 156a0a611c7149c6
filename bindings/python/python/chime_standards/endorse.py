"""Endorsements (spec section 10): sign and verify reviews that anyone can check offline.

An endorsement is a DSSE envelope holding an in-toto Statement v1 about an assessment and its
report, named by the SHA-256 of their RFC 8785 canonical JSON, signed with Ed25519. Keys are
JWKs (RFC 8037); the trusted keys are a JWK Set ``{"keys": [...]}``. Every check is made by
the Rust core, so Python, the ``chime`` command and JavaScript give the same results.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Union

from . import _native
from .errors import Diagnostic

__all__ = [
    "Verification",
    "canonical_json",
    "generate_key",
    "key_from_bytes",
    "key_id",
    "public_key",
    "sign_endorsement",
    "verify",
]

#: A JSON document as these functions accept it: a dict (or other mapping), or JSON text.
JsonInput = Union[Mapping[str, Any], str, bytes]  # noqa: UP007

ReviewerRole = Literal["peer", "external"]
Scope = Literal["desk_review", "evidence_sighted", "visit"]
Outcome = Literal["endorsed", "endorsed_with_conditions", "not_endorsed"]


def _json(value: Any) -> str | bytes:
    """JSON text of a document given as text, a mapping, or an object with ``to_json()``."""
    if isinstance(value, (str, bytes)):
        return value
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        text = to_json()
        if isinstance(text, str):
            return text
    if isinstance(value, Mapping):
        return json.dumps(dict(value), allow_nan=False, ensure_ascii=False)
    raise TypeError(f"expected a dict or JSON text, got {type(value).__name__}")


@dataclass(frozen=True)
class Verification:
    """The result of verifying one endorsement.

    Attributes:
        valid: true only when a signature verifies with a trusted key, the statement is well
            formed, the digests match and the reviewer is the key's.
        keyid: the RFC 7638 thumbprint of the trusted key whose signature verified.
        reviewer: ``{"id", "role", "organisation"?}`` from the signed statement (only when a
            trusted signature verified).
        outcome: ``"endorsed"``, ``"endorsed_with_conditions"`` or ``"not_endorsed"`` (only
            when a trusted signature verified).
        problems: every problem found, located by ``document`` (``endorsement``,
            ``statement``, ``assessment``, ``report`` or ``keys``) and JSON Pointer ``path``.
        endorsement: the whole signed predicate (only when a trusted signature verified).
        report_checked: whether a report was given and its digest checked.
    """

    valid: bool
    keyid: str | None
    reviewer: dict[str, Any] | None
    outcome: str | None
    problems: tuple[Diagnostic, ...]
    endorsement: dict[str, Any] | None
    report_checked: bool

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verification:
        """A result from its dict form (as ``to_dict`` and ``chime verify --format json``)."""
        return cls(
            valid=bool(data["valid"]),
            keyid=data.get("keyid"),
            reviewer=data.get("reviewer"),
            outcome=data.get("outcome"),
            problems=tuple(Diagnostic.from_dict(d) for d in data.get("problems", [])),
            endorsement=data.get("endorsement"),
            report_checked=bool(data.get("report_checked", False)),
        )

    def to_dict(self) -> dict[str, Any]:
        """The result as a dict with the keys of the JSON format."""
        data: dict[str, Any] = {
            "valid": self.valid,
            "keyid": self.keyid,
            "reviewer": self.reviewer,
            "outcome": self.outcome,
            "problems": [d.to_dict() for d in self.problems],
            "report_checked": self.report_checked,
        }
        if self.endorsement is not None:
            data["endorsement"] = self.endorsement
        return data

    @property
    def codes(self) -> list[str]:
        """The codes of the problems that are errors, in the order found."""
        return [d.code for d in self.problems if d.is_error]


def verify(
    envelope: JsonInput,
    assessment: JsonInput,
    *,
    keys: JsonInput,
    report: JsonInput | None = None,
) -> Verification:
    """Verifies an endorsement of ``assessment`` (and of ``report``, when given) against the
    trusted ``keys`` (a JWK Set). Never raises for bad input: every problem is in
    :attr:`Verification.problems`.

    Pass the assessment as it was endorsed (its file's text or dict): layout and key order do
    not matter, any changed value does. A :class:`~chime_standards.Report` is accepted as the
    report.
    """
    data = _native.verify(
        _json(envelope),
        _json(assessment),
        None if report is None else _json(report),
        _json(keys),
    )
    return Verification.from_dict(data)


def sign_endorsement(
    assessment: JsonInput,
    report: Any,
    *,
    key: JsonInput,
    reviewer: str,
    role: ReviewerRole,
    scope: Scope,
    outcome: Outcome,
    reviewed_on: str | date,
    organisation: str | None = None,
) -> dict[str, Any]:
    """Signs an endorsement of an assessment and its report with a private JWK (from
    :func:`generate_key`); returns the DSSE envelope as a dict. Raises
    :class:`~chime_standards.ValidationError` (``invalid_key``, ``reviewer_mismatch``,
    ``report_mismatch``, ...) when it cannot sign.
    """
    review: dict[str, Any] = {
        "reviewer": {"id": reviewer, "role": role},
        "reviewed_on": reviewed_on.isoformat() if isinstance(reviewed_on, date) else reviewed_on,
        "scope": scope,
        "outcome": outcome,
    }
    if organisation is not None:
        review["reviewer"]["organisation"] = organisation
    text = _native.sign_endorsement(
        _json(assessment), _json(report), json.dumps(review), _json(key)
    )
    envelope: dict[str, Any] = json.loads(text)
    return envelope


def key_from_bytes(seed: bytes, reviewer: str | None = None) -> dict[str, Any]:
    """A private Ed25519 JWK from exactly 32 random bytes (the core draws no randomness)."""
    key: dict[str, Any] = json.loads(_native.key_from_bytes(bytes(seed), reviewer))
    return key


def generate_key(reviewer: str | None = None) -> dict[str, Any]:
    """A new private Ed25519 JWK from ``os.urandom(32)``; keep it private, and publish
    :func:`public_key` of it in the network's JWK Set."""
    return key_from_bytes(os.urandom(32), reviewer)


def public_key(private_key: JsonInput) -> dict[str, Any]:
    """The public JWK of a private JWK (no ``d``), for the trusted key set."""
    key: dict[str, Any] = json.loads(_native.public_key(_json(private_key)))
    return key


def key_id(jwk: JsonInput) -> str:
    """A JWK's RFC 7638 thumbprint: the ``keyid`` its signatures carry."""
    return _native.key_id(_json(jwk))


def canonical_json(document: JsonInput) -> tuple[str, str]:
    """A document's RFC 8785 canonical JSON and the hex SHA-256 of it (what endorsements
    name documents by)."""
    return _native.canonical_json(_json(document))
