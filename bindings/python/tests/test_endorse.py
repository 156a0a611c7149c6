"""Endorsements from Python, and interoperability with independent implementations.

Envelopes the engine makes are checked here with the `cryptography` package's Ed25519, the
`rfc8785` package's canonical JSON and a DSSE pre-authentication encoding written from its
specification; envelopes made with those are verified by the engine.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import chime_standards as chime
import pytest
import rfc8785
from conftest import EXAMPLE
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

PAYLOAD_TYPE = "application/vnd.in-toto+json"


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _pae(payload_type: str, body: bytes) -> bytes:
    kind = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(body), body)


def _thumbprint(x: str) -> str:
    members = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"))
    return _b64url(hashlib.sha256(members.encode()).digest())


def _digest(document: Any) -> str:
    return hashlib.sha256(rfc8785.dumps(document)).hexdigest()


@pytest.fixture(scope="module")
def signed() -> dict[str, Any]:
    framework = chime.Framework.default()
    report = framework.score(EXAMPLE)
    key = chime.key_from_bytes(bytes(range(32)), reviewer="reviewer-p")
    envelope = chime.sign_endorsement(
        EXAMPLE,
        report,
        key=key,
        reviewer="reviewer-p",
        role="external",
        scope="evidence_sighted",
        outcome="endorsed",
        reviewed_on="2026-04-01",
        organisation="review-body",
    )
    public = chime.public_key(key)
    return {
        "envelope": envelope,
        "report": json.loads(report.to_json()),
        "key": key,
        "keys": {"keys": [public]},
    }


def test_an_engine_envelope_verifies_with_independent_tools(signed: dict[str, Any]) -> None:
    envelope = signed["envelope"]
    assert envelope["payloadType"] == PAYLOAD_TYPE
    body = base64.b64decode(envelope["payload"], validate=True)
    (signature,) = envelope["signatures"]
    public = signed["keys"]["keys"][0]
    # The keyid is the RFC 7638 thumbprint, computed here from the RFC.
    assert signature["keyid"] == _thumbprint(public["x"])
    # cryptography's Ed25519 accepts the signature over DSSE's PAE.
    verifier = Ed25519PublicKey.from_public_bytes(_b64url_decode(public["x"]))
    verifier.verify(base64.b64decode(signature["sig"], validate=True), _pae(PAYLOAD_TYPE, body))
    with pytest.raises(InvalidSignature):
        verifier.verify(base64.b64decode(signature["sig"]), _pae(PAYLOAD_TYPE, body + b" "))
    # The statement names both documents by the SHA-256 of their rfc8785 form.
    statement = json.loads(body)
    assert statement["_type"] == "https://in-toto.io/Statement/v1"
    assert statement["predicateType"] == "urn:chime-standards:endorsement:v1"
    assert statement["subject"] == [
        {"name": "assessment", "digest": {"sha256": _digest(EXAMPLE)}},
        {"name": "report", "digest": {"sha256": _digest(signed["report"])}},
    ]
    assert statement["predicate"] == {
        "reviewer": {"id": "reviewer-p", "role": "external", "organisation": "review-body"},
        "reviewed_on": "2026-04-01",
        "framework": {"id": "chime-lero", "version": EXAMPLE["framework"]["version"]},
        "assessment": EXAMPLE["id"],
        "scope": "evidence_sighted",
        "outcome": "endorsed",
    }
    # And the payload itself is canonical JSON.
    assert body == rfc8785.dumps(statement)


def test_an_independent_envelope_verifies_with_the_engine(signed: dict[str, Any]) -> None:
    private = Ed25519PrivateKey.from_private_bytes(bytes([200]) * 32)
    x = _b64url(private.public_key().public_bytes_raw())
    keyid = _thumbprint(x)
    statement = {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [
            {"name": "report", "digest": {"sha256": _digest(signed["report"])}},
            {"name": "assessment", "digest": {"sha256": _digest(EXAMPLE)}},
        ],
        "predicateType": "urn:chime-standards:endorsement:v1",
        "predicate": {
            "reviewer": {"id": "peer-q", "role": "peer"},
            "reviewed_on": "2026-05-05",
            "framework": EXAMPLE["framework"],
            "assessment": EXAMPLE["id"],
            "scope": "desk_review",
            "outcome": "not_endorsed",
        },
    }
    body = rfc8785.dumps(statement)
    envelope = {
        "payloadType": PAYLOAD_TYPE,
        "payload": base64.b64encode(body).decode(),
        "signatures": [
            {"keyid": keyid, "sig": base64.b64encode(private.sign(_pae(PAYLOAD_TYPE, body))).decode()}
        ],
    }
    keys = {"keys": [{"kty": "OKP", "crv": "Ed25519", "x": x, "reviewer": "peer-q"}]}
    result = chime.verify(envelope, EXAMPLE, keys=keys, report=signed["report"])
    assert result.valid, result.problems
    assert (result.keyid, result.outcome) == (keyid, "not_endorsed")
    assert result.reviewer == {"id": "peer-q", "role": "peer"}
    assert chime.key_id(keys["keys"][0]) == keyid


def test_canonical_json_agrees_with_rfc8785(signed: dict[str, Any]) -> None:
    for document in [
        EXAMPLE,
        signed["report"],
        {"n": [0.1, 1e21, 1e-7, -0.0, 5e-324, 123456789.125, 2**53 - 1], "é": "\u20ac\n"},
    ]:
        text, digest = chime.canonical_json(document)
        assert text.encode() == rfc8785.dumps(document)
        assert digest == _digest(document)


def test_verify_says_what_is_wrong(signed: dict[str, Any]) -> None:
    envelope, keys, report = signed["envelope"], signed["keys"], signed["report"]
    assert chime.verify(envelope, EXAMPLE, keys=keys, report=report).valid

    changed = json.loads(json.dumps(EXAMPLE))
    changed["organisation"]["structure"] = "informal" if EXAMPLE["organisation"]["structure"] != "informal" else "formally_constituted"
    result = chime.verify(envelope, changed, keys=keys)
    assert result.codes == ["digest_mismatch"]
    assert result.problems[0].path == "/subject/0/digest/sha256"
    assert result.problems[0].document == "statement"

    untrusted = chime.verify(envelope, EXAMPLE, keys={"keys": []})
    assert untrusted.codes == ["untrusted_key"] and untrusted.keyid is None

    cut = dict(envelope, signatures=[dict(envelope["signatures"][0], sig="AAAA")])
    assert chime.verify(cut, EXAMPLE, keys=keys).codes == ["malformed_endorsement"]

    assert chime.verify("not json", EXAMPLE, keys=keys).codes == ["malformed_endorsement"]
    assert chime.verify(envelope, EXAMPLE, keys="{").problems[0].document == "keys"

    # Reformatted text of the same assessment still verifies.
    text = json.dumps(EXAMPLE, indent=7, sort_keys=True)
    assert chime.verify(json.dumps(envelope), text, keys=json.dumps(keys)).valid

    # The result round-trips through its dict form.
    assert chime.Verification.from_dict(result.to_dict()) == result


def test_signing_refuses_what_it_should(signed: dict[str, Any]) -> None:
    with pytest.raises(chime.ValidationError) as caught:
        chime.sign_endorsement(
            EXAMPLE, signed["report"], key=signed["key"], reviewer="someone-else",
            role="peer", scope="visit", outcome="endorsed", reviewed_on="2026-01-01",
        )
    assert caught.value.diagnostics[0].code == "reviewer_mismatch"
    with pytest.raises(chime.ValidationError) as caught:
        chime.sign_endorsement(
            EXAMPLE, signed["report"], key=signed["keys"]["keys"][0], reviewer="reviewer-p",
            role="peer", scope="visit", outcome="endorsed", reviewed_on="2026-01-01",
        )
    assert caught.value.diagnostics[0].code == "invalid_key"
    with pytest.raises(chime.ValidationError) as caught:
        chime.sign_endorsement(
            EXAMPLE, signed["report"], key=signed["key"], reviewer="reviewer-p",
            role="peer", scope="everything", outcome="endorsed",  # type: ignore[arg-type]
            reviewed_on="2026-01-01",
        )
    assert caught.value.diagnostics[0].path == "/scope"


def test_keys_come_from_the_callers_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert chime.key_from_bytes(b"\x07" * 32) == chime.key_from_bytes(b"\x07" * 32)
    with pytest.raises(ValueError, match="32 random bytes"):
        chime.key_from_bytes(b"short")
    drawn: list[int] = []

    def urandom(n: int) -> bytes:
        drawn.append(n)
        return b"\x09" * n

    monkeypatch.setattr("os.urandom", urandom)
    key = chime.generate_key("r9")
    assert drawn == [32]
    assert key == chime.key_from_bytes(b"\x09" * 32, "r9")
    assert "d" in key and "d" not in chime.public_key(key)
    # RFC 8032 test 1 / RFC 8037 appendix A.
    rfc = chime.key_from_bytes(
        bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    )
    assert rfc["x"] == "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    assert chime.key_id(rfc) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
