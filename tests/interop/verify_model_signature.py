#!/usr/bin/env python3
"""An independent checker of OpenVerify model signatures (docs/spec/model-signature.md).

Uses only the Python standard library and `cryptography` (Debian's python3-cryptography); nothing from this
repository. It follows what the OpenSSF model-signing key verifier (sigstore/model-transparency,
`model_signing verify key`) does for a single-file model:

  verify <model> <signature> <publisher.pub.pem>
      checks the bundle's media type, the OpenSSF key hint (hex SHA-256 of the key's PEM text) when present, the
      ECDSA P-256 / SHA-256 DER signature over DSSE PAE, the in-toto statement (type, predicate type), the "files"
      serialization with sha256, the root digest (SHA-256 over the resources' raw digests), the single resource "."
      whose digest is the model file's SHA-256, and the subject name (the model's file name).
      Prints one "PASS <check>" or "FAIL <check>: <why>" line per check and a summary; exits 1 on any failure.

  sign <model> <publisher.key.pem> <signature>
      writes a bundle the way the OpenSSF key signer does (empty DSSE keyid, the PEM hint, indented statement JSON), so
      the .NET verifier can be checked against a signature it did not produce.
"""

import base64
import binascii
import hashlib
import json
import os
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json"
PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://model_signing/signature/v1.0"


def pae(payload_type, payload):
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate property names")
    return dict(pairs)


def strict_b64(text):
    if not isinstance(text, str):
        raise ValueError("not a string")
    # Both writers use the standard alphabet with padding; validate=True refuses anything outside it.
    return base64.b64decode(text, validate=True)


def key_hint(public_key):
    pem = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(pem).hexdigest()


def key_id(public_key):
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "sha256:" + hashlib.sha256(der).hexdigest()


def verify(model_path, signature_path, public_key_path):
    checks = []

    def check(name, ok, why=""):
        checks.append((name, bool(ok), why))
        return ok

    with open(public_key_path, "rb") as f:
        public_key = serialization.load_pem_public_key(f.read())
    if not check("key", isinstance(public_key, ec.EllipticCurvePublicKey) and public_key.curve.name == "secp256r1", "not a P-256 key"):
        return checks

    try:
        with open(signature_path, "rb") as f:
            bundle = json.loads(f.read().decode("utf-8"), object_pairs_hook=no_duplicates)
        envelope = bundle["dsseEnvelope"]
        payload = strict_b64(envelope["payload"])
        signatures = envelope["signatures"]
        check("bundle", len(signatures) == 1, "expected exactly one signature")
        sig = strict_b64(signatures[0]["sig"])
    except (ValueError, KeyError, TypeError, binascii.Error) as e:
        check("bundle", False, "malformed bundle: %s" % e)
        return checks

    check("media-type", bundle.get("mediaType") == BUNDLE_MEDIA_TYPE, repr(bundle.get("mediaType")))
    check("payload-type", envelope.get("payloadType") == PAYLOAD_TYPE, repr(envelope.get("payloadType")))
    hint = bundle.get("verificationMaterial", {}).get("publicKey", {}).get("hint")
    check("key-hint", not hint or hint == key_hint(public_key), "hint %s is not this key's %s" % (hint, key_hint(public_key)))
    keyid = signatures[0].get("keyid")
    check("keyid-hint", not keyid or keyid == key_id(public_key), "keyid %s is not this key's %s" % (keyid, key_id(public_key)))
    try:
        public_key.verify(sig, pae(PAYLOAD_TYPE, payload), ec.ECDSA(hashes.SHA256()))
        check("signature", True)
    except InvalidSignature:
        check("signature", False, "the signature does not verify with the given key")
        return checks

    try:
        statement = json.loads(payload.decode("utf-8"), object_pairs_hook=no_duplicates)
    except ValueError as e:
        check("statement", False, str(e))
        return checks
    check("statement", statement.get("_type") == STATEMENT_TYPE and statement.get("predicateType") == PREDICATE_TYPE,
          "%r / %r" % (statement.get("_type"), statement.get("predicateType")))
    predicate = statement.get("predicate", {})
    serialization_block = predicate.get("serialization", {})
    check("serialization", serialization_block.get("method") == "files" and serialization_block.get("hash_type") == "sha256"
          and isinstance(serialization_block.get("allow_symlinks"), bool), repr(serialization_block))

    resources = predicate.get("resources", [])
    root = hashlib.sha256()
    for resource in resources:
        root.update(bytes.fromhex(resource["digest"]))
    subjects = statement.get("subject", [])
    subject_digest = subjects[0]["digest"]["sha256"] if len(subjects) == 1 else None
    check("root-digest", subject_digest == root.hexdigest(), "subject %s, resources hash to %s" % (subject_digest, root.hexdigest()))

    with open(model_path, "rb") as f:
        model_digest = hashlib.sha256(f.read()).hexdigest()
    check("resources", len(resources) == 1 and resources[0].get("name") == "." and resources[0].get("algorithm") == "sha256"
          and resources[0].get("digest") == model_digest, "expected one resource '.' with %s, got %r" % (model_digest, resources))
    name = subjects[0].get("name") if len(subjects) == 1 else None
    check("subject-name", name == os.path.basename(model_path), "signed name %r, model %r" % (name, os.path.basename(model_path)))
    return checks


def sign(model_path, key_path, signature_path):
    with open(key_path, "rb") as f:
        private_key = serialization.load_pem_private_key(f.read(), None)
    with open(model_path, "rb") as f:
        digest = hashlib.sha256(f.read()).digest()
    statement = {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": os.path.basename(model_path), "digest": {"sha256": hashlib.sha256(digest).hexdigest()}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": {
            "serialization": {"method": "files", "hash_type": "sha256", "allow_symlinks": False,
                              "ignore_paths": [".git", ".gitattributes", ".github", ".gitignore"]},
            "resources": [{"name": ".", "algorithm": "sha256", "digest": digest.hex()}],
        },
    }
    payload = json.dumps(statement, indent=2).encode("utf-8")
    sig = private_key.sign(pae(PAYLOAD_TYPE, payload), ec.ECDSA(hashes.SHA256()))
    bundle = {
        "mediaType": BUNDLE_MEDIA_TYPE,
        "verificationMaterial": {"publicKey": {"hint": key_hint(private_key.public_key())}, "tlogEntries": []},
        "dsseEnvelope": {"payload": base64.b64encode(payload).decode(), "payloadType": PAYLOAD_TYPE,
                         "signatures": [{"sig": base64.b64encode(sig).decode(), "keyid": ""}]},
    }
    with open(signature_path, "w", encoding="utf-8") as f:
        f.write(json.dumps(bundle, separators=(",", ":")))


def main(argv):
    if len(argv) == 4 and argv[0] == "sign":
        sign(argv[1], argv[2], argv[3])
        return 0
    if len(argv) != 4 or argv[0] != "verify":
        print(__doc__)
        return 2
    checks = verify(argv[1], argv[2], argv[3])
    for name, ok, why in checks:
        print("PASS %s" % name if ok else "FAIL %s: %s" % (name, why))
    failed = sum(1 for _, ok, _ in checks if not ok)
    print("%d checks, %d failed" % (len(checks), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
