"""Writes the `verify` conformance cases (tests/conformance/218-227-verify-*.json).

The envelopes are made here with independent implementations, not with chime-standards:
Ed25519 from the `cryptography` package, RFC 8785 from the `rfc8785` package, and the DSSE
pre-authentication encoding, the in-toto Statement and the RFC 7638 thumbprint written out
below from their specifications. Expected results follow from spec section 10 by hand: which
check each change breaks, and where. Keys come from fixed bytes, so the files are the same on
every run.

    python -m venv /tmp/v && /tmp/v/bin/pip install cryptography rfc8785
    /tmp/v/bin/python tests/conformance/tools/make_verify_cases.py
"""

import base64
import copy
import hashlib
import json
import pathlib

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

HERE = pathlib.Path(__file__).resolve().parent.parent


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def key(seed: int, reviewer: str | None):
    private = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
    x = private.public_key().public_bytes_raw()
    members = '{"crv":"Ed25519","kty":"OKP","x":"%s"}' % b64url(x)  # RFC 7638 order
    thumbprint = b64url(hashlib.sha256(members.encode()).digest())
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64url(x), "kid": thumbprint}
    if reviewer is not None:
        jwk["reviewer"] = reviewer
    return private, thumbprint, jwk


def pae(payload_type: str, body: bytes) -> bytes:
    kind = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(body), body)


ASSESSMENT = {
    "format": "chime-standards/assessment@1",
    "id": "conformance-verify",
    "framework": {"id": "chime-lero", "version": "1.0.0"},
    "assessed_on": "2026-01-31",
    "organisation": {"id": "org-fictional", "name": "A fictional LERO", "structure": "informal"},
    "status": "peer_reviewed",
    "raters": [],
    "evidence": [],
    "judgements": [{"standard": "c1", "rating": 3, "evidence": []}],
}
REPORT = {
    "format": "chime-standards/report@1",
    "assessment": "conformance-verify",
    "framework": {"id": "chime-lero", "version": "1.0.0"},
    "overall": {"score": 62.5, "band": "established"},
}
PAYLOAD_TYPE = "application/vnd.in-toto+json"


def digest(document) -> str:
    return hashlib.sha256(rfc8785.dumps(document)).hexdigest()


def statement(reviewer: str):
    return {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [
            {"name": "assessment", "digest": {"sha256": digest(ASSESSMENT)}},
            {"name": "report", "digest": {"sha256": digest(REPORT)}},
        ],
        "predicateType": "urn:chime-standards:endorsement:v1",
        "predicate": {
            "reviewer": {"id": reviewer, "role": "external"},
            "reviewed_on": "2026-02-14",
            "framework": {"id": "chime-lero", "version": "1.0.0"},
            "assessment": "conformance-verify",
            "scope": "visit",
            "outcome": "endorsed",
        },
    }


def envelope(private, keyid: str, body: bytes, payload_type: str = PAYLOAD_TYPE):
    sig = private.sign(pae(payload_type, body))
    return {
        "payloadType": payload_type,
        "payload": base64.b64encode(body).decode(),
        "signatures": [{"keyid": keyid, "sig": base64.b64encode(sig).decode()}],
    }


def main() -> None:
    reviewer_key, reviewer_id, reviewer_jwk = key(1, "reviewer-x")
    stranger_key, stranger_id, _ = key(2, None)
    keys = {"keys": [reviewer_jwk]}
    # A payload that is not canonical JSON on purpose: verifiers read it, they do not redo it.
    body = json.dumps(statement("reviewer-x"), indent=1).encode()
    good = envelope(reviewer_key, reviewer_id, body)

    def error(code, document, path):
        return {"severity": "error", "code": code, "document": document, "path": path}

    cases = []

    def case(slug, name, note, expect_valid, diagnostics, **documents):
        fields = {"envelope": good, "assessment": ASSESSMENT, "report": REPORT, "keys": keys}
        fields.update(documents)
        fields = {k: v for k, v in fields.items() if v is not None}
        verification = {"valid": expect_valid}
        if expect_valid:
            verification.update(
                keyid=reviewer_id,
                reviewer={"id": "reviewer-x", "role": "external"},
                outcome="endorsed",
            )
        cases.append(
            (
                slug,
                {
                    "name": name,
                    "rules": ["10"],
                    "note": note,
                    "kind": "verify",
                    "framework": "default",
                    **fields,
                    "expect": {"verification": verification, "diagnostics": diagnostics},
                },
            )
        )

    case("valid", "a trusted reviewer's endorsement verifies",
         "signed with the key from 32 bytes of 0x01, which the key set trusts and names "
         "reviewer-x, as the statement does; both digests are SHA-256 of the RFC 8785 form",
         True, [])
    reordered = "{" + ",\n".join(
        f"{json.dumps(k)} : {json.dumps(v)}" for k, v in reversed(list(ASSESSMENT.items()))) + "}"
    case("reformatted", "reformatting the assessment changes nothing",
         "keys in reverse order, other whitespace: the same JSON value, the same canonical "
         "form and digest", True, [], assessment=None, assessment_json=reordered)
    changed = copy.deepcopy(ASSESSMENT)
    changed["judgements"][0]["rating"] = 4
    case("assessment-changed", "a changed rating breaks the assessment digest",
         "rating 3 -> 4: the canonical form differs, so its SHA-256 is not subject 0's",
         False, [error("digest_mismatch", "statement", "/subject/0/digest/sha256")],
         assessment=changed)
    report = copy.deepcopy(REPORT)
    report["overall"]["score"] = 75.0
    case("report-changed", "a changed report breaks the report digest",
         "overall score 62.5 -> 75: subject 1's digest no longer matches",
         False, [error("digest_mismatch", "statement", "/subject/1/digest/sha256")],
         report=report)
    case("report-not-given", "without a report only the assessment is checked",
         "spec 10: the report digest is checked when a report is given",
         True, [], report=None)
    untrusted = envelope(stranger_key, stranger_id, body)
    case("untrusted-key", "a key outside the trusted set",
         "signed with the key from bytes 0x02, whose thumbprint is not in the set",
         False, [error("untrusted_key", "endorsement", "/signatures/0/keyid")],
         envelope=untrusted)
    altered = copy.deepcopy(good)
    other = json.dumps(statement("reviewer-x"), indent=1).replace('"visit"', '"desk_review"')
    altered["payload"] = base64.b64encode(other.encode()).decode()
    case("payload-altered", "a payload changed after signing",
         "scope visit -> desk_review in the payload; the signature was over the original",
         False, [error("signature_invalid", "endorsement", "/signatures/0/sig")],
         envelope=altered)
    mismatch_body = json.dumps(statement("reviewer-y")).encode()
    case("reviewer-mismatch", "a reviewer id that is not the key's",
         "the statement names reviewer-y, the trusted key belongs to reviewer-x",
         False, [error("reviewer_mismatch", "statement", "/predicate/reviewer/id")],
         envelope=envelope(reviewer_key, reviewer_id, mismatch_body))
    truncated = copy.deepcopy(good)
    truncated["signatures"][0]["sig"] = truncated["signatures"][0]["sig"][:-6]
    case("truncated-signature", "a signature cut short",
         "the last 6 base64 characters removed: not 64 bytes (or not base64 at all)",
         False, [error("malformed_endorsement", "endorsement", "/signatures/0/sig")],
         envelope=truncated)
    typed = envelope(reviewer_key, reviewer_id, body, "application/json")
    case("wrong-payload-type", "a payload type other than in-toto's",
         "signed, but payloadType application/json is not application/vnd.in-toto+json",
         False, [error("malformed_endorsement", "endorsement", "/payloadType")],
         envelope=typed)

    for i, (slug, data) in enumerate(cases):
        path = HERE / f"{218 + i:03d}-verify-{slug}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        print(path.name)


if __name__ == "__main__":
    main()
