// Endorsements in JavaScript: sign with a key from crypto.getRandomValues, verify offline, and
// check the envelope with Node's own Ed25519 (node:crypto), an implementation independent of
// the engine.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createPublicKey, verify as nodeVerify } from "node:crypto";

import {
  Framework,
  generateKey,
  keyFromBytes,
  publicKey,
  signEndorsement,
  verify,
} from "./chime.mjs";
import { readFileSync } from "node:fs";

const example = JSON.parse(
  readFileSync(new URL("../../../crates/chime-standards/frameworks/chime-lero-example.json", import.meta.url), "utf8"),
);

function pae(type, body) {
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `),
    body,
  ]);
}

function signed() {
  const report = new Framework().score(example);
  const key = generateKey("reviewer-js");
  const envelope = signEndorsement(example, report, key, {
    reviewer: "reviewer-js",
    role: "peer",
    scope: "visit",
    outcome: "endorsed",
    reviewedOn: "2026-06-30",
  });
  return { report, key, envelope, keys: { keys: [publicKey(key)] } };
}

test("a signed endorsement verifies, and Node's Ed25519 agrees", () => {
  const { report, envelope, keys } = signed();
  const result = verify(envelope, example, { keys, report });
  assert.equal(result.valid, true, JSON.stringify(result.problems));
  assert.equal(result.outcome, "endorsed");
  assert.equal(result.reviewer.id, "reviewer-js");

  const jwk = keys.keys[0];
  const nodeKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
  const body = Buffer.from(envelope.payload, "base64");
  const sig = Buffer.from(envelope.signatures[0].sig, "base64");
  assert.ok(nodeVerify(null, pae(envelope.payloadType, body), nodeKey, sig));
  assert.ok(!nodeVerify(null, pae(envelope.payloadType, Buffer.concat([body, Buffer.from(" ")])), nodeKey, sig));
  const thumbprint = createHash("sha256")
    .update(JSON.stringify({ crv: "Ed25519", kty: "OKP", x: jwk.x }))
    .digest("base64url");
  assert.equal(envelope.signatures[0].keyid, thumbprint);
  assert.equal(result.keyid, thumbprint);
});

test("changes are refused with their codes, never thrown", () => {
  const { envelope, keys } = signed();
  const changed = structuredClone(example);
  changed.judgements[0].rating = changed.judgements[0].rating === 4 ? 3 : 4;
  const mismatch = verify(envelope, changed, { keys });
  assert.equal(mismatch.valid, false);
  assert.deepEqual(
    mismatch.problems.map((p) => [p.code, p.document, p.path]),
    [["digest_mismatch", "statement", "/subject/0/digest/sha256"]],
  );
  assert.equal(verify(envelope, example, { keys: { keys: [] } }).problems[0].code, "untrusted_key");
  assert.equal(verify("{", example, { keys }).problems[0].code, "malformed_endorsement");
  // Reformatted text of the same assessment still verifies.
  assert.equal(verify(JSON.stringify(envelope), JSON.stringify(example, null, 5), { keys }).valid, true);
});

test("keys come from the caller's bytes", () => {
  const seed = new Uint8Array(32).fill(7);
  assert.deepEqual(keyFromBytes(seed), keyFromBytes(seed));
  assert.throws(() => keyFromBytes(new Uint8Array(3)), { code: "invalid_key" });
  assert.notDeepEqual(generateKey().x, generateKey().x);
  const rfc = keyFromBytes(
    Uint8Array.from(Buffer.from("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex")),
  );
  assert.equal(rfc.x, "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
  assert.equal(publicKey(rfc).kid, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
});
