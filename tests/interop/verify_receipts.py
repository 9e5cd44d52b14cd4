#!/usr/bin/env python3
"""An independent verifier of OpenVerify receipt v1, written from docs/spec/receipt-v1.md alone.

It uses only the standard library and `cryptography` (Debian: apt-get install -y python3-cryptography).

  verify_receipts.py --vectors docs/spec/vectors/receipt-v1-vectors.json
      recompute every vector in the file and check it.
  verify_receipts.py --batch-vectors docs/spec/vectors/batch-v1-vectors.json
      recompute the batch-v1 vectors (trees and proofs, batched receipts, tree heads, a log) and check them.
  verify_receipts.py --checkpoint-vectors docs/spec/vectors/checkpoint-v1-vectors.json
      check the C2SP signed-note / tlog-checkpoint vectors (docs/spec/checkpoint-v1.md): key ids, vkeys, accepted
      and refused notes and checkpoints.
  verify_receipts.py --mlnet-vectors docs/spec/vectors/mlnet-v1-vectors.json
      check the ML.NET prediction vectors (docs/spec/mlnet-v1.md): rows as tensors, receipts, refused receipts.
  verify_receipts.py --key PUB.pem [--key ...] [--model FILE] [--nonce N] [--audience A] [--tensors DIR] RECEIPT.json...
      verify receipts against SPKI PEM public keys (Ed25519 or ECDSA P-256).
  verify_receipts.py FOLDER
      verify every FOLDER/*.receipt.json with the keys FOLDER/*.pub.pem. Beside X.receipt.json, an optional
      X.expect.json ({"model": file, "nonce": ..., "audience": ...}) names what to expect, and an optional folder
      X.tensors/{inputs,outputs}/ holds each tensor's canonical element bytes as <name>.bin (names outside
      [A-Za-z0-9_.-], or starting with '.', are written as hex-<hex of the UTF-8 name>.bin).

Receipts of both kinds are verified: ONNX inference receipts (receipt-v1.md) and ML.NET prediction receipts
(mlnet-v1.md, payload type application/vnd.in-toto.openverify-mlnet+json), each parsed only by its own rules.
  verify_receipts.py --chat-vectors docs/spec/vectors/chat-v1-vectors.json
      check the chat-v1 vectors (docs/spec/chat-v1.md): canonical JSON (RFC 8785), receipts with their transcripts
      (valid, tampered, another kind), and chains.
  verify_receipts.py --chat FOLDER
      verify every FOLDER/*.receipt.json as a chat, embeddings, media (speech-to-text, text-to-speech, image-generation) or moderation receipt (docs/spec/chat-v1.md) with the keys
      FOLDER/*.pub.pem and, when present, its transcript X.transcript.json (naming the first field that differs); the
      chat receipts, in file-name order, must form one conversation's unbroken chain.

Batched receipts (docs/spec/batch-v1.md: an empty "signatures" list and a "batch" member with the leaf index, tree
size, RFC 9162 inclusion proof and the signed batch root) are verified too: the root's signature, its payload, then
the inclusion proof (check "inclusion") in place of the receipt's own signature.

Prints one line per check and a final line "summary: N passed, M failed"; exits 0 only when every check passed.
"""
import base64
import datetime
import hashlib
import json
import re
import struct
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

PAYLOAD_TYPE = "application/vnd.in-toto.openverify-inference+json"
BATCH_ROOT_TYPE = "application/vnd.openverify.batch-root.v1+json"  # docs/spec/batch-v1.md
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://openverify.dev/attestation/inference/v1"
# docs/spec/mlnet-v1.md: the ML.NET prediction kind, with its own payload and predicate types.
MLNET_PAYLOAD_TYPE = "application/vnd.in-toto.openverify-mlnet+json"
MLNET_PREDICATE_TYPE = "https://openverify.dev/attestation/mlnet-prediction/v1"
MLNET_FORMAT = "mlnet-zip"
TENSOR_KEY, SET_KEY = "openverify-tensor-v1", "openverify-tensor-set-v1"
INT64_MAX = 2**63 - 1
# ONNX element type name -> (code, element size in bytes; 0 for strings). Nothing else has a v1 layout.
TYPES = {"float": (1, 4), "uint8": (2, 1), "int8": (3, 1), "uint16": (4, 2), "int16": (5, 2), "int32": (6, 4),
         "int64": (7, 8), "string": (8, 0), "bool": (9, 1), "float16": (10, 2), "double": (11, 8),
         "uint32": (12, 4), "uint64": (13, 8), "bfloat16": (16, 2)}
SIZES = {code: size for code, size in TYPES.values()}


class Refused(Exception):
    """The input has no valid encoding, or a format rule refuses it."""


# ---- digests (spec: "Digests") --------------------------------------------------------------------------------

def element_count(shape):
    for d in shape:
        if type(d) is not int or d < 0 or d > INT64_MAX:
            raise Refused(f"dimension {d!r} is not an integer in [0, 2^63-1]")
    count = 1
    for d in shape:
        count *= d
    if count > INT64_MAX:
        raise Refused(f"shape {shape} holds more than 2^63-1 elements")
    return count


def encode_strings(values):
    out = bytearray()
    for v in values:
        try:
            utf8 = v.encode("utf-8")  # strict: a lone surrogate raises
        except UnicodeEncodeError as e:
            raise Refused(f"string {v!r} is not valid Unicode") from e
        out += struct.pack("<Q", len(utf8)) + utf8
    return bytes(out)


def decode_strings(data, count):
    values, pos = [], 0
    for _ in range(count):
        if pos + 8 > len(data):
            raise Refused("string data ends inside a length")
        (n,) = struct.unpack_from("<Q", data, pos)
        pos += 8
        if n > len(data) - pos:
            raise Refused("string data ends inside a string")
        try:
            values.append(data[pos:pos + n].decode("utf-8"))
        except UnicodeDecodeError as e:
            raise Refused("a string is not valid UTF-8") from e
        pos += n
    if pos != len(data):
        raise Refused("string data has trailing bytes")
    return values


def tensor_digest(code, shape, data):
    """SHA-256("OpenVerify/tensor/v1\\0" || u32 code || u32 rank || u64 dims || element bytes)."""
    if code not in SIZES:
        raise Refused(f"element type code {code} has no v1 layout")
    count = element_count(shape)
    if code == 8:
        decode_strings(data, count)
    elif len(data) != count * SIZES[code]:
        raise Refused(f"{len(data)} bytes given, shape {shape} needs {count * SIZES[code]}")
    if code == 9 and any(b > 1 for b in data):
        raise Refused("a bool byte is neither 0 nor 1")
    header = b"OpenVerify/tensor/v1\0" + struct.pack("<II", code, len(shape)) + b"".join(struct.pack("<Q", d) for d in shape)
    return hashlib.sha256(header + data).digest()


def set_digest(entries):
    """entries: [(name, 32-byte digest)]; sorted by the UTF-8 bytes of the names; duplicates refused."""
    encoded = []
    for name, digest in entries:
        try:
            encoded.append((name.encode("utf-8"), digest))
        except UnicodeEncodeError as e:
            raise Refused(f"name {name!r} is not valid Unicode") from e
    encoded.sort(key=lambda e: e[0])
    out = bytearray(b"OpenVerify/tensor-set/v1\0" + struct.pack("<I", len(encoded)))
    for i, (name, digest) in enumerate(encoded):
        if i and name == encoded[i - 1][0]:
            raise Refused(f"name {name.decode()!r} appears twice")
        out += struct.pack("<I", len(name)) + name + digest
    return hashlib.sha256(bytes(out)).digest(), [n.decode("utf-8") for n, _ in encoded]


def config_digest(text):
    return hashlib.sha256(b"OpenVerify/session-config/v1\0" + text.encode("utf-8")).digest()


def pae(payload_type, payload):
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %b %d %b" % (len(t), t, len(payload), payload)


def key_id(public_key):
    spki = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "sha256:" + hashlib.sha256(spki).hexdigest(), spki


# ---- base64 and JSON (spec: "Base64", "JSON") ------------------------------------------------------------------

def b64decode_strict(text):
    if not isinstance(text, str):
        raise Refused("base64 value is not a string")
    url, std = bool(set(text) & set("-_")), bool(set(text) & set("+/"))
    if url and std:
        raise Refused("base64 mixes the standard and URL-safe alphabets")
    body = text.rstrip("=")
    pad = len(text) - len(body)
    extra = "-_" if url else "+/"
    if pad > 2 or any(not (c.isascii() and c.isalnum()) and c not in extra for c in body) or len(body) % 4 == 1:
        raise Refused("not strict base64")
    needed = -len(body) % 4
    if pad not in (0, needed):
        raise Refused("wrong base64 padding")
    normalized = (body.replace("-", "+").replace("_", "/") if url else body) + "=" * needed
    data = base64.b64decode(normalized, validate=True)
    if base64.b64encode(data).decode() != normalized:
        raise Refused("non-canonical base64 (trailing bits set)")
    return data


def _no_duplicates(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise Refused(f"duplicate JSON member {k!r}")
        obj[k] = v
    return obj


def _refuse_constant(name):
    raise Refused(f"JSON has the non-standard literal {name}")


def _check_strings(value):
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, list):
        for v in value:
            _check_strings(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_strings(k)
            _check_strings(v)


def loads_strict(data):
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        if text.startswith("\ufeff"):
            raise Refused("JSON starts with a byte order mark")
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
        _check_strings(value)
        return value
    except (UnicodeError, ValueError) as e:
        raise Refused(f"not strict JSON: {e}") from e


S, I, O, L = "string", "int64", "object", "array"
SCHEMAS = {  # member -> (kind, required, nested schema). Unknown members are refused; null means absent.
    "envelope": {"payloadType": (S, 1, None), "payload": (S, 1, None), "signatures": (L, 1, "signature"), "batch": (O, 0, "batch")},
    # batch-v1: a batched receipt's inclusion in a signed batch root.
    "batch": {"index": (I, 1, None), "treeSize": (I, 1, None), "proof": (L, 1, "hex"), "root": (O, 1, "envelope")},
    "batchroot": {"batchId": (S, 1, None), "treeSize": (I, 1, None), "rootHash": (S, 1, None), "keyId": (S, 1, None), "timestamp": (S, 1, None)},
    "signature": {"keyid": (S, 0, None), "sig": (S, 1, None)},
    "statement": {"_type": (S, 1, None), "subject": (L, 1, "resource"), "predicateType": (S, 1, None), "predicate": (O, 1, "predicate")},
    "resource": {"name": (S, 1, None), "digest": (O, 1, "digestset")},
    "predicate": {"model": (O, 1, "model"), "inputs": (O, 1, "tensorset"), "outputs": (O, 1, "tensorset"),
                  "session": (O, 1, "session"), "runtime": (O, 1, "runtime"), "method": (S, 0, None), "instance": (S, 1, None),
                  "sequence": (I, 1, None), "timestamp": (S, 1, None), "nonce": (S, 0, None), "audience": (S, 0, None)},
    "model": {"name": (S, 1, None), "digest": (O, 1, "digestset"), "signatureDigest": (O, 0, "digestset"), "publisherKeyId": (S, 0, None)},
    "tensorset": {"digest": (O, 1, "digestset"), "tensors": (L, 1, "tensor")},
    "tensor": {"name": (S, 1, None), "elementType": (S, 1, None), "shape": (L, 1, I), "digest": (O, 1, "digestset")},
    "session": {"config": (S, 1, None), "digest": (O, 1, "digestset")},
    "runtime": {m: (S, 1, None) for m in ("onnxRuntime", "executionProvider", "os", "architecture", "framework", "openVerify")},
    # mlnet-v1 §4: the ML.NET statement (no session configuration; the model has a format; the runtime names ML.NET).
    "mlstatement": {"_type": (S, 1, None), "subject": (L, 1, "resource"), "predicateType": (S, 1, None), "predicate": (O, 1, "mlpredicate")},
    "mlpredicate": {"model": (O, 1, "mlmodel"), "inputs": (O, 1, "tensorset"), "outputs": (O, 1, "tensorset"),
                    "runtime": (O, 1, "mlruntime"), "method": (S, 0, None), "instance": (S, 1, None),
                    "sequence": (I, 1, None), "timestamp": (S, 1, None), "nonce": (S, 0, None), "audience": (S, 0, None)},
    "mlmodel": {"name": (S, 1, None), "format": (S, 1, None), "digest": (O, 1, "digestset"), "signatureDigest": (O, 0, "digestset"),
                "publisherKeyId": (S, 0, None)},
    "mlruntime": {m: (S, 1, None) for m in ("mlNet", "os", "architecture", "framework", "openVerify")},
}


def _check_value(value, kind, nested, where):
    if kind == S and not isinstance(value, str) or kind == L and not isinstance(value, list):
        raise Refused(f"{where} is not a {kind}")
    if kind == I and (type(value) is not int or not -2**63 <= value <= INT64_MAX):
        raise Refused(f"{where} is not a 64-bit integer")
    if kind == O:
        validate(value, nested, where)
    if kind == L:
        for i, item in enumerate(value):
            if nested == I:
                _check_value(item, I, None, f"{where}[{i}]")
            elif nested == "hex":
                if not isinstance(item, str) or not re.fullmatch(r"[0-9a-f]{64}", item):
                    raise Refused(f"{where}[{i}] is not 64 lowercase hex digits")
            elif item is None or not isinstance(item, dict):
                raise Refused(f"{where}[{i}] is not an object")
            else:
                validate(item, nested, f"{where}[{i}]")


def validate(obj, schema, where="$"):
    if not isinstance(obj, dict):
        raise Refused(f"{where} is not an object")
    if schema == "digestset":
        if not all(isinstance(v, str) for v in obj.values()):
            raise Refused(f"{where} has a non-string digest")
        return obj
    members = SCHEMAS[schema]
    for name in obj:
        if name not in members:
            raise Refused(f"{where} has the unknown member {name!r}")
    for name, (kind, required, nested) in members.items():
        if obj.get(name) is None:
            if required:
                raise Refused(f"{where}.{name} is missing")
            continue
        _check_value(obj[name], kind, nested, f"{where}.{name}")
    return obj


# spec §2.4: the canonical session configuration, in v1 with the cpu provider only.
CONFIG_RE = re.compile(r"execution_mode=(sequential|parallel)\nexecution_provider=([^\n]*)\n"
                       r"graph_optimization_level=(disabled|basic|extended|all)\n"
                       r"inter_op_threads=(0|[1-9][0-9]*)\nintra_op_threads=(0|[1-9][0-9]*)\n")
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIMESTAMP_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,9})?Z")
INT32_MAX = 2**31 - 1


def check_form(st):
    """spec §7: the members with a format of their own."""
    pred = st["predicate"]
    model = pred["model"]
    if model.get("publisherKeyId") is not None and not re.fullmatch(r"sha256:[0-9a-f]{64}", model["publisherKeyId"]):
        raise Refused(f"publisherKeyId {model['publisherKeyId']!r} is not a key id")
    if model.get("signatureDigest") is not None:
        read_digest(model["signatureDigest"], "sha256")
    if not UUID_RE.fullmatch(pred["instance"]):
        raise Refused(f"instance {pred['instance']!r} is not a lowercase UUID")
    if pred["sequence"] < 1:
        raise Refused(f"sequence {pred['sequence']} is below 1")
    t = TIMESTAMP_RE.fullmatch(pred["timestamp"])
    try:
        if not t:
            raise ValueError(pred["timestamp"])
        datetime.datetime(*(int(g) for g in t.groups()[:6]))
    except ValueError as e:
        raise Refused(f"timestamp {pred['timestamp']!r} is not an RFC 3339 UTC time") from e


def check_config(pred):
    """spec §8 step 8: a canonical v1 configuration, with the cpu provider only (also in the runtime facts)."""
    m = CONFIG_RE.fullmatch(pred["session"]["config"])
    provider = re.search(r"(?:^|\n)execution_provider=([^\n]*)", pred["session"]["config"])
    if not provider or provider.group(1) != "cpu" or pred["runtime"]["executionProvider"] != "CPUExecutionProvider":
        return False, "v1 allows only the cpu execution provider"
    if not m or int(m.group(4)) > INT32_MAX or int(m.group(5)) > INT32_MAX:
        return False, "the configuration is not a canonical v1 configuration"
    return True, "the configuration text matches its digest"


def parse_statement(payload):
    st = validate(loads_strict(payload), "statement")
    if st["_type"] != STATEMENT_TYPE or st["predicateType"] != PREDICATE_TYPE:
        raise Refused("not an in-toto v1 statement with the OpenVerify inference predicate")
    check_form(st)
    return st


def parse_mlnet_statement(payload):
    """mlnet-v1 §4."""
    st = validate(loads_strict(payload), "mlstatement")
    if st["_type"] != STATEMENT_TYPE or st["predicateType"] != MLNET_PREDICATE_TYPE:
        raise Refused("not an in-toto v1 statement with the OpenVerify ML.NET prediction predicate")
    if st["predicate"]["model"]["format"] != MLNET_FORMAT:
        raise Refused(f"model format {st['predicate']['model']['format']!r} is not {MLNET_FORMAT!r}")
    if st["predicate"]["runtime"]["mlNet"] == "":
        raise Refused("runtime.mlNet is empty")
    check_form(st)
    return st


def read_digest(digest_set, key):
    """Exactly one member, `key`, holding 64 lowercase hex digits."""
    if list(digest_set) != [key] or not re.fullmatch(r"[0-9a-f]{64}", digest_set[key]):
        raise Refused(f"digest set {digest_set} is not exactly {{{key!r}: 64 lowercase hex}}")
    return bytes.fromhex(digest_set[key])


# ---- Merkle trees (batch-v1 §1: RFC 9162 §2.1) -------------------------------------------------------------------

def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index, size, leaf, proof, root):
    """RFC 9162 §2.1.3.2: index below size, and a proof of exactly the length the algorithm consumes."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


# ---- receipts (spec: "Verification") ---------------------------------------------------------------------------

def load_public_key(pem):
    key = serialization.load_pem_public_key(pem)
    if isinstance(key, ec.EllipticCurvePublicKey) and not isinstance(key.curve, ec.SECP256R1):
        raise Refused(f"EC key on {key.curve.name}; only P-256 is allowed")
    if not isinstance(key, (ed25519.Ed25519PublicKey, ec.EllipticCurvePublicKey)):
        raise Refused("only Ed25519 and ECDSA P-256 keys are allowed")
    return key


def signature_ok(key, data, sig):
    try:
        if isinstance(key, ed25519.Ed25519PublicKey):
            if len(sig) != 64:
                return False
            key.verify(sig, data)
        else:
            key.verify(sig, data, ec.ECDSA(hashes.SHA256()))  # DER-encoded (r, s)
        return True
    except InvalidSignature:
        return False


def recompute_set(tensor_set):
    entries = []
    for t in tensor_set["tensors"]:
        if t["elementType"] not in TYPES or any(d < 0 for d in t["shape"]):
            raise Refused(f"tensor {t['name']!r} has a bad element type or shape")
        element_count(t["shape"])  # refused as a tensor with data would be
        entries.append((t["name"], read_digest(t["digest"], TENSOR_KEY)))
    digest, _ = set_digest(entries)
    return digest, digest == read_digest(tensor_set["digest"], SET_KEY)


def verify_receipt(envelope_bytes, keys, expect, tensors=None):
    """Yields (check, passed, detail). `keys`: [(key id, key)]; `tensors`: {"inputs"/"outputs": {name: bytes}}."""
    try:
        env = validate(loads_strict(envelope_bytes), "envelope")
        payload = b64decode_strict(env["payload"])
        sigs = [(s.get("keyid") or "", b64decode_strict(s["sig"])) for s in env["signatures"]]
        batch = env.get("batch")
        if batch is not None:
            # batch-v1 §3: no signatures of its own; the root envelope is signed and not itself batched.
            if sigs:
                raise Refused("a batched envelope carries no signatures of its own")
            root_env = batch["root"]
            if root_env.get("batch") is not None:
                raise Refused("the batch root envelope is itself batched")
            root_payload = b64decode_strict(root_env["payload"])
            root_sigs = [(s.get("keyid") or "", b64decode_strict(s["sig"])) for s in root_env["signatures"]]
            if not root_sigs:
                raise Refused("the batch root has no signatures")
        elif not sigs:
            raise Refused("no signatures")
    except Refused as e:
        yield "envelope", False, str(e)
        return
    yield "envelope", True, "DSSE envelope"
    if env["payloadType"] not in (PAYLOAD_TYPE, MLNET_PAYLOAD_TYPE):
        yield "payload-type", False, env["payloadType"]
        return
    mlnet = env["payloadType"] == MLNET_PAYLOAD_TYPE  # each kind is parsed only by its own rules
    yield "payload-type", True, env["payloadType"]
    signed = pae(env["payloadType"], payload)  # verify before parsing: the payload is untrusted until here
    if batch is None:
        signer = next((kid for hint, sig in sigs for kid, key in sorted(keys, key=lambda k: k[0] != hint) if signature_ok(key, signed, sig)), None)
        yield "signature", signer is not None, f"verified by {signer}" if signer else "no given key verifies the signature"
        if signer is None:
            return
    else:
        # batch-v1 §3.1: the root's signature, its payload, then the receipt's inclusion proof under its root.
        if root_env["payloadType"] != BATCH_ROOT_TYPE:
            yield "signature", False, f"the batch root has payloadType {root_env['payloadType']!r}"
            return
        signed_root = pae(BATCH_ROOT_TYPE, root_payload)
        signer = next((kid for hint, sig in root_sigs for kid, key in sorted(keys, key=lambda k: k[0] != hint) if signature_ok(key, signed_root, sig)), None)
        if signer is None:
            yield "signature", False, "no given key verifies the batch root's signature"
            return
        try:
            root = validate(loads_strict(root_payload), "batchroot")
            if root["treeSize"] < 1 or not re.fullmatch(r"[0-9a-f]{64}", root["rootHash"]):
                raise Refused("the batch root has a tree size below 1 or a malformed rootHash")
            if root["keyId"] != signer:
                raise Refused(f"the batch root names key {root['keyId']}, but {signer} verified it")
        except Refused as e:
            yield "signature", False, str(e)
            return
        yield "signature", True, f"batch root {root['batchId']} ({root['treeSize']} receipts) verified by {signer}"
        proof = [bytes.fromhex(h) for h in batch["proof"]]
        ok = batch["treeSize"] == root["treeSize"] and verify_inclusion(
            batch["index"], batch["treeSize"], leaf_hash(signed), proof, bytes.fromhex(root["rootHash"]))
        yield "inclusion", ok, f"leaf {batch['index']} of {batch['treeSize']}, {len(proof)} proof hashes"
        if not ok:
            return
    try:
        st = parse_mlnet_statement(payload) if mlnet else parse_statement(payload)
    except Refused as e:
        yield "statement", False, str(e)
        return
    yield "statement", True, f"receipt id sha256:{hashlib.sha256(payload).hexdigest()}"
    pred = st["predicate"]
    try:
        model = read_digest(pred["model"]["digest"], "sha256")
        yield "model-digest", True, model.hex()
    except Refused as e:
        model = None
        yield "model-digest", False, str(e)
    sets = {}
    for which in ("inputs", "outputs"):
        try:
            sets[which], ok = recompute_set(pred[which])
            yield f"{which[:-1]}-set", ok, f"{len(pred[which]['tensors'])} tensors; recomputed {sets[which].hex()}"
        except Refused as e:
            yield f"{which[:-1]}-set", False, str(e)
    if "outputs" in sets:
        subj = st["subject"]
        ok = len(subj) == 1 and subj[0]["name"] == "outputs" and list(subj[0]["digest"]) == [SET_KEY] and subj[0]["digest"][SET_KEY] == sets["outputs"].hex()
        yield "subject", ok, "the subject is the output set" if ok else f"subject {subj} is not the output set"
    if not mlnet:
        cfg = pred["session"]
        ok = list(cfg["digest"]) == ["sha256"] and cfg["digest"]["sha256"] == config_digest(cfg["config"]).hex()
        yield ("session-config", *check_config(pred)) if ok else ("session-config", False, "configuration digest mismatch")
    if expect.get("modelSha256") is not None:
        yield "model", model is not None and model.hex() == expect["modelSha256"], f"expected {expect['modelSha256']}"
    for name in ("nonce", "audience"):
        if expect.get(name) is not None:
            yield name, pred.get(name) == expect[name], f"expected {expect[name]!r}, receipt has {pred.get(name)!r}"
    for which, given in (tensors or {}).items():
        for t in pred[which]["tensors"]:
            where = f"{which}/{t['name']}"
            if t["name"] not in given:
                yield where, False, "no data file"
                continue
            try:
                actual = tensor_digest(TYPES[t["elementType"]][0], t["shape"], given[t["name"]])
                ok = actual == read_digest(t["digest"], TENSOR_KEY)
                yield where, ok, f"{t['elementType']}{t['shape']} data {'matches' if ok else 'differs from'} the receipt"
            except (Refused, KeyError) as e:
                yield where, False, f"cannot encode: {e}"


def tensor_file_name(name):
    if re.fullmatch(r"[A-Za-z0-9_\-][A-Za-z0-9_.\-]*", name):
        return name + ".bin"
    return "hex-" + name.encode("utf-8").hex() + ".bin"


def read_tensor_folder(folder, envelope_bytes):
    """Maps each tensor the receipt names to its file's bytes (names are read unverified, only to find files)."""
    try:
        st = json.loads(b64decode_strict(json.loads(envelope_bytes)["payload"]))
        st["predicate"]["inputs"]["tensors"], st["predicate"]["outputs"]["tensors"]
    except (Refused, ValueError, KeyError, TypeError):
        return None  # the envelope checks report what is wrong
    result = {}
    for which in ("inputs", "outputs"):
        files = {}
        for t in st["predicate"][which]["tensors"]:
            path = folder / which / tensor_file_name(t["name"])
            if path.is_file():
                files[t["name"]] = path.read_bytes()
        result[which] = files
    return result


# ---- the two modes -----------------------------------------------------------------------------------------------

def check_vectors(path):
    v = json.loads(Path(path).read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)
    names = {code: name for name, (code, _) in TYPES.items()}
    digests = {}
    for t in v["tensors"]:
        data = bytes.fromhex(t["data"])
        ok = names.get(t["code"]) == t["elementType"] and (t.get("strings") is None or encode_strings(t["strings"]) == data)
        digests[t["name"]] = tensor_digest(t["code"], t["shape"], data)
        yield f"tensor {t['name']}", ok and digests[t["name"]].hex() == t["digest"], t["digest"]
    for t in v["refusedTensors"]:
        try:
            if "stringsUtf16Hex" in t:
                tensor_digest(t["code"], t["shape"], encode_strings(bytes.fromhex(h).decode("utf-16-be", "surrogatepass") for h in t["stringsUtf16Hex"]))
            else:
                tensor_digest(t["code"], t["shape"], bytes.fromhex(t["data"]))
            yield f"refused tensor {t['name']}", False, "accepted"
        except Refused as e:
            yield f"refused tensor {t['name']}", True, str(e)
    for s in v["tensorSets"]:
        entries = [(e["name"], bytes.fromhex(e["digest"])) for e in s["entries"]]
        try:
            digest, order = set_digest(entries)
            yield f"tensor set {s['name']}", not s.get("refused") and digest.hex() == s["digest"] and order == s["sortedNames"], s.get("digest", "")
        except Refused as e:
            yield f"tensor set {s['name']}", bool(s.get("refused")), str(e)
    for p in v["pae"]:
        out = pae(p["payloadType"], p["payload"].encode("utf-8"))
        yield f"pae {p['pae']!r}", out.hex() == p["paeHex"] and out.decode("utf-8") == p["pae"], p["paeHex"]
    for c in v["sessionConfigs"]:
        yield f"session config {c['config']!r}", config_digest(c["config"]).hex() == c["digest"], c["digest"]
    for b in v["base64"]:
        try:
            data = b64decode_strict(b["text"])
            yield f"base64 {b['text']!r}", not b.get("refused") and data.hex() == b["bytes"], data.hex()
        except Refused as e:
            yield f"base64 {b['text']!r}", bool(b.get("refused")), str(e)
    keys, private = {}, {}
    for name, k in v["keys"].items():
        private[name] = serialization.load_pem_private_key(k["privateKeyPem"].encode(), None)
        keys[name] = load_public_key(k["publicKeyPem"].encode())
        kid, spki = key_id(keys[name])
        derived = key_id(private[name].public_key())[0]
        yield f"key {name}", kid == k["keyId"] == derived and spki.hex() == k["spkiDer"], k["keyId"]
    models = {m["name"]: base64.b64decode(m["bytes"], validate=True) for m in v["modelFiles"]}
    for m in v["modelFiles"]:
        yield f"model file {m['name']}", hashlib.sha256(models[m["name"]]).hexdigest() == m["sha256"], m["sha256"]
    for r in v["receipts"]:
        envelope = json.dumps(r["envelope"]).encode()
        payload = b64decode_strict(r["envelope"]["payload"])
        expect = dict(r["expected"], modelSha256=hashlib.sha256(models[r["expected"]["model"]]).hexdigest())
        tensors = {w: {t["name"]: bytes.fromhex(t["data"]) for t in r["tensors"][w]} for w in ("inputs", "outputs")}
        for check, ok, detail in verify_receipt(envelope, [(r["envelope"]["signatures"][0]["keyid"], keys[r["key"]])], expect, tensors):
            yield f"receipt {r['name']}: {check}", ok, detail
        ids_ok = hashlib.sha256(payload).hexdigest() == r["payloadSha256"] and hashlib.sha256(pae(PAYLOAD_TYPE, payload)).hexdigest() == r["paeSha256"]
        yield f"receipt {r['name']}: ids", ids_ok, r["payloadSha256"]
        if r["signatureDeterministic"]:
            sig = private[r["key"]].sign(pae(PAYLOAD_TYPE, payload))
            yield f"receipt {r['name']}: signature reproduced", sig == b64decode_strict(r["envelope"]["signatures"][0]["sig"]), "Ed25519 is deterministic"
    for r in v["refusedReceipts"]:
        envelope = r["envelopeText"].encode("utf-8") if "envelopeText" in r else json.dumps(r["envelope"]).encode()
        key = keys[r["key"]]
        failed = next((c for c, ok, _ in verify_receipt(envelope, [(key_id(key)[0], key)], {}) if not ok), None)
        yield f"refused receipt {r['name']}", failed == r["check"], f"first failed check: {failed}, expected {r['check']}"
    for p in v["refusedPayloads"]:
        try:
            parse_statement(p["payload"].encode("utf-8"))
            yield f"refused payload {p['name']}", False, "accepted"
        except Refused as e:
            yield f"refused payload {p['name']}", True, str(e)


# ---- batch-v1 vectors: trees, batch roots, tree heads, logs (docs/spec/batch-v1.md) ----------------------------

TREE_HEAD_TYPE = "application/vnd.openverify.tree-head.v1+json"
LOG_PROOF_TYPE = "openverify-log-inclusion-v1"
SCHEMAS.update({
    "treehead": {"origin": (S, 1, None), "treeSize": (I, 1, None), "rootHash": (S, 1, None), "keyId": (S, 1, None), "timestamp": (S, 1, None)},
    "logreceipt": {"type": (S, 1, None), "index": (I, 1, None), "receipt": (O, 1, "envelope")},
    "loghead": {"type": (S, 1, None), "treeHead": (O, 1, "envelope")},
    "logproof": {"type": (S, 1, None), "index": (I, 1, None), "treeSize": (I, 1, None), "proof": (L, 1, "hex"),
                 "receipt": (O, 1, "envelope"), "treeHead": (O, 1, "envelope")},
})


def mth(leaves):
    """RFC 9162 §2.1.1 MTH over leaf hashes; the empty tree is SHA-256 of no bytes."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)  # the largest power of two smaller than n
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def inclusion_path(m, leaves):
    """RFC 9162 §2.1.3.1 PATH(m, D[n]), bottom-up."""
    if len(leaves) <= 1:
        return []
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    if m < k:
        return inclusion_path(m, leaves[:k]) + [mth(leaves[k:])]
    return inclusion_path(m - k, leaves[k:]) + [mth(leaves[:k])]


def consistency_proof(m, leaves):
    """RFC 9162 §2.1.4.1 PROOF(m, D[n]); empty for m = 0 and m = n."""
    def subproof(m, d, b):
        if m == len(d):
            return [] if b else [mth(d)]
        k = 1 << ((len(d) - 1).bit_length() - 1)
        if m <= k:
            return subproof(m, d[:k], b) + [mth(d[k:])]
        return subproof(m - k, d[k:], False) + [mth(d[:k])]
    return [] if m in (0, len(leaves)) else subproof(m, leaves, True)


def verify_consistency(first, second, first_root, second_root, proof):
    """RFC 9162 §2.1.4.2 for 0 < first < second; at the edges (batch-v1 §1): a size-0 root is SHA-256 of no bytes,
    equal sizes need equal roots and an empty proof, and from size 0 the proof is empty."""
    empty = hashlib.sha256(b"").digest()
    if first < 0 or second < first or (first == 0 and first_root != empty) or (second == 0 and second_root != empty):
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof
    if not proof:
        return False
    path = ([first_root] if first & (first - 1) == 0 else []) + list(proof)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root


def check_tree_head(envelope, log_keys, origin=None):
    """batch-v1 §5.1: the envelope's signature by a log key first, then the strict payload, whose keyId must be the
    verifying key's id. Returns the head; raises Refused."""
    env = validate(envelope, "envelope")
    if env["payloadType"] != TREE_HEAD_TYPE or env.get("batch") is not None:
        raise Refused(f"not a tree head envelope (payloadType {env['payloadType']!r})")
    payload = b64decode_strict(env["payload"])
    signed = pae(TREE_HEAD_TYPE, payload)
    sigs = [(s.get("keyid") or "", b64decode_strict(s["sig"])) for s in env["signatures"]]
    signer = next((kid for hint, sig in sigs for kid, key in sorted(log_keys, key=lambda k: k[0] != hint) if signature_ok(key, signed, sig)), None)
    if signer is None:
        raise Refused("no trusted log key verifies the tree head's signature")
    head = validate(loads_strict(payload), "treehead")  # parsed only now that the signature holds
    if head["treeSize"] < 0 or not re.fullmatch(r"[0-9a-f]{64}", head["rootHash"]):
        raise Refused("the tree head has a negative treeSize or a malformed rootHash")
    if head["keyId"] != signer:
        raise Refused(f"the tree head names key {head['keyId']}, but {signer} verified it")
    if origin is not None and head["origin"] != origin:
        raise Refused(f"the tree head is of the log {head['origin']!r}, not {origin!r}")
    return head


def check_head_against(head, leaves):
    """The head's signed root must be the root of the log's first treeSize receipts."""
    if head["treeSize"] > len(leaves):
        raise Refused(f"the head covers {head['treeSize']} receipts; the log holds {len(leaves)}")
    if mth(leaves[: head["treeSize"]]).hex() != head["rootHash"]:
        raise Refused("the head's signed root is not the root of the log's receipts")


def receipt_leaf(envelope):
    return leaf_hash(pae(envelope["payloadType"], b64decode_strict(envelope["payload"])))


def first_failure(checks):
    return next(((name, detail) for name, ok, detail in checks if not ok), None)


def check_log(lines, receipt_keys, log_keys, origin):
    """batch-v1 §5.5: every receipt verifies; every tree head verifies, is of this log, covers exactly the receipts
    before it, and its signed root is their root. Returns the leaf hashes; raises Refused."""
    leaves, heads = [], 0
    for number, line in enumerate(lines, 1):
        entry = loads_strict(line)
        if not isinstance(entry, dict):
            raise Refused(f"line {number} is not an object")
        if entry.get("type") == "receipt":
            validate(entry, "logreceipt")
            if entry["index"] != len(leaves):
                raise Refused(f"line {number}: receipt index {entry['index']}, expected {len(leaves)}")
            failed = first_failure(verify_receipt(json.dumps(entry["receipt"]).encode(), receipt_keys, {}))
            if failed:
                raise Refused(f"line {number}: receipt {len(leaves)}: {failed}")
            leaves.append(receipt_leaf(entry["receipt"]))
        elif entry.get("type") == "tree-head":
            validate(entry, "loghead")
            head = check_tree_head(entry["treeHead"], log_keys, origin)
            if head["treeSize"] != len(leaves):
                raise Refused(f"line {number}: the head covers {head['treeSize']} receipts, {len(leaves)} come before it")
            check_head_against(head, leaves)
            heads += 1
        else:
            raise Refused(f"line {number} is neither a receipt line nor a tree-head line")
    return leaves, heads


def check_log_proof(proof, receipt_keys, log_keys):
    """batch-v1 §5.6: the receipt's own checks, the head's signature (tree-head), then the inclusion (log-inclusion)."""
    p = validate(proof, "logproof")
    if p["type"] != LOG_PROOF_TYPE:
        return "envelope", f"type {p['type']!r}"
    failed = first_failure(verify_receipt(json.dumps(p["receipt"]).encode(), receipt_keys, {}))
    if failed:
        return failed
    try:
        head = check_tree_head(p["treeHead"], log_keys)
    except Refused as e:
        return "tree-head", str(e)
    ok = p["treeSize"] == head["treeSize"] and verify_inclusion(
        p["index"], p["treeSize"], receipt_leaf(p["receipt"]), [bytes.fromhex(h) for h in p["proof"]], bytes.fromhex(head["rootHash"]))
    return None if ok else ("log-inclusion", f"receipt {p['index']} is not under the head's root")


def check_batch_vectors(path):
    v = json.loads(Path(path).read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)
    keys = {}
    for name, k in v["keys"].items():
        key = load_public_key(k["publicKeyPem"].encode())
        derived = key_id(serialization.load_pem_private_key(k["privateKeyPem"].encode(), None).public_key())[0]
        keys[name] = [(key_id(key)[0], key)]
        yield f"key {name}", keys[name][0][0] == k["keyId"] == derived, k["keyId"]
    receipt_keys, log_keys = keys["receipt"], keys["log"]
    hexes = lambda items: [bytes.fromhex(h) for h in items]

    tree = v["tree"]
    leaves = [leaf_hash(bytes.fromhex(h)) for h in tree["leaves"]]
    for i, h in enumerate(tree["leafHashes"]):
        yield f"tree leaf {i}", leaves[i].hex() == h, h
    roots = {r["size"]: r["root"] for r in tree["roots"]}
    for size, root in roots.items():
        yield f"tree root {size}", mth(leaves[:size]).hex() == root, root
    for p in tree["inclusionProofs"]:
        i, n, proof = p["index"], p["size"], hexes(p["proof"])
        ok = proof == inclusion_path(i, leaves[:n]) and verify_inclusion(i, n, leaves[i], proof, bytes.fromhex(roots[n]))
        yield f"tree inclusion {i} in {n}", ok, f"{len(proof)} hashes"
    for p in tree["consistencyProofs"]:
        m, n, proof = p["first"], p["second"], hexes(p["proof"])
        ok = proof == consistency_proof(m, leaves[:n]) and verify_consistency(m, n, bytes.fromhex(roots[m]), bytes.fromhex(roots[n]), proof)
        yield f"tree consistency {m} -> {n}", ok, f"{len(proof)} hashes"
    for r in v["refusedInclusionProofs"]:
        accepted = verify_inclusion(r["index"], r["size"], bytes.fromhex(r["leafHash"]), hexes(r["proof"]), bytes.fromhex(r["root"]))
        yield f"refused inclusion proof {r['name']}", not accepted, r["reason"]
    for r in v["refusedConsistencyProofs"]:
        accepted = verify_consistency(r["first"], r["second"], bytes.fromhex(r["firstRoot"]), bytes.fromhex(r["secondRoot"]), hexes(r["proof"]))
        yield f"refused consistency proof {r['name']}", not accepted, r["reason"]

    batch = v["batch"]
    for r in batch["receipts"]:
        expect = {"modelSha256": batch["expected"]["modelSha256"], "nonce": r["nonce"]}
        checks = list(verify_receipt(json.dumps(r["envelope"]).encode(), receipt_keys, expect))
        ok = all(c[1] for c in checks) and any(c[0] == "inclusion" for c in checks) and r["envelope"]["batch"]["index"] == r["index"]
        yield f"batched receipt {r['index']}", ok, first_failure(checks) or f"{len(checks)} checks"
    for r in v["refusedBatchedReceipts"]:
        failed = first_failure(verify_receipt(json.dumps(r["envelope"]).encode(), receipt_keys, {}))
        yield f"refused batched receipt {r['name']}", failed is not None and failed[0] == r["failedCheck"], failed or "accepted"

    log = v["log"]
    try:
        log_leaves, heads = check_log(log["lines"], receipt_keys, log_keys, log["origin"])
        yield "log", heads > 0, f"{len(log_leaves)} receipts, {heads} tree heads"
        checkpoint = check_tree_head(log["checkpoint"], log_keys, log["origin"])
        check_head_against(checkpoint, log_leaves)
        yield "log checkpoint", True, f"size {checkpoint['treeSize']}"
    except Refused as e:
        yield "log", False, str(e)
        return
    for h in v["treeHeads"]:
        try:
            head = check_tree_head(h["envelope"], log_keys, log["origin"])
            check_head_against(head, log_leaves)
            yield f"tree head {h['name']}", head["treeSize"] == h["treeSize"] and head["rootHash"] == h["rootHash"], h["rootHash"]
        except Refused as e:
            yield f"tree head {h['name']}", False, str(e)
    for h in v["refusedTreeHeads"]:
        try:
            check_head_against(check_tree_head(h["envelope"], log_keys, log["origin"]), log_leaves)
            yield f"refused tree head {h['name']}", False, "accepted"
        except Refused as e:
            yield f"refused tree head {h['name']}", True, str(e)
    failed = check_log_proof(log["inclusionProof"], receipt_keys, log_keys)
    yield "log inclusion proof", failed is None, failed or f"receipt {log['inclusionProof']['index']}"
    for p in v["refusedLogInclusionProofs"]:
        failed = check_log_proof(p["proof"], receipt_keys, log_keys)
        yield f"refused log inclusion proof {p['name']}", failed is not None and failed[0] == p["failedCheck"], failed or "accepted"


# ---- C2SP signed notes and checkpoints (docs/spec/checkpoint-v1.md) ---------------------------------------------

def note_b64(text):
    """Standard padded base64, canonical, nothing else (checkpoint-v1 §2)."""
    if not text or len(text) % 4 or any(not (c.isascii() and (c.isalnum() or c in "+/=")) for c in text):
        raise Refused("not canonical standard base64")
    try:
        data = base64.b64decode(text, validate=True)
    except ValueError:
        raise Refused("not canonical standard base64")
    if base64.b64encode(data).decode() != text:
        raise Refused("not canonical standard base64")
    return data


def note_name_ok(name):
    return bool(name) and "+" not in name and not any(c.isspace() or ord(c) < 0x20 for c in name)


def note_key_id(name, public_key):
    return struct.unpack(">I", hashlib.sha256(name.encode() + b"\n\x01" + public_key).digest()[:4])[0]


def parse_vkey(vkey):
    parts = vkey.split("+", 2)
    if len(parts) != 3 or not note_name_ok(parts[0]) or len(parts[1]) != 8 or not re.fullmatch(r"[0-9a-fA-F]{8}", parts[1]):
        raise Refused("malformed vkey")
    key = note_b64(parts[2])
    if len(key) != 33 or key[0] != 1:
        raise Refused("not an Ed25519 vkey")
    if note_key_id(parts[0], key[1:]) != int(parts[1], 16):
        raise Refused("vkey id does not match")
    return parts[0], int(parts[1], 16), ed25519.Ed25519PublicKey.from_public_bytes(key[1:])


def open_note(data, vkeys):
    """Returns (text, verified key names) or raises Refused: verify before the text is used."""
    if len(data) > 1 << 20:
        raise Refused("note too large")
    try:
        note = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused("not UTF-8")
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise Refused("control character")
    split = note.rfind("\n\n")
    if split < 0:
        raise Refused("no blank line")
    text, sigs = note[:split + 1], note[split + 2:]
    if not sigs or not sigs.endswith("\n"):
        raise Refused("no signature lines or missing final newline")
    known = [parse_vkey(v) for v in vkeys]
    lines = sigs[:-1].split("\n")
    if len(lines) > 100:
        raise Refused("more than 100 signatures")
    verified = []
    for line in lines:
        if not line.startswith("\u2014 ") or " " not in line[2:]:
            raise Refused("not a signature line")
        name, b64 = line[2:].split(" ", 1)
        blob = note_b64(b64)
        if not note_name_ok(name) or len(blob) < 5:
            raise Refused("bad signature line")
        key_id_ = struct.unpack(">I", blob[:4])[0]
        for kname, kid, key in known:
            if kname == name and kid == key_id_:
                try:
                    key.verify(blob[4:], text.encode())
                except InvalidSignature:
                    raise Refused("a known key's signature does not verify")
                if (kname, kid) not in verified:
                    verified.append((kname, kid))
    if not verified:
        raise Refused("no signature from a known key")
    return text, verified


def parse_checkpoint(text):
    lines = text.split("\n")[:-1]
    if len(lines) < 3 or not lines[0]:
        raise Refused("fewer than three lines or empty origin")
    if not re.fullmatch(r"0|[1-9][0-9]{0,18}", lines[1]) or int(lines[1]) >= 1 << 63:
        raise Refused("bad tree size")
    root = note_b64(lines[2])
    if len(root) != 32 or any(not line for line in lines[3:]):
        raise Refused("bad root hash or empty extension line")
    return lines[0], int(lines[1]), root.hex(), lines[3:]


def check_checkpoint_vectors(path):
    v = json.loads(Path(path).read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)
    for name, k in v["keys"].items():
        computed = note_key_id(k["name"], bytes.fromhex(k["publicKey"]))
        yield f"note key {name}", f"{computed:08x}" == k["keyId"] and parse_vkey(k["vkey"])[1] == computed, k["keyId"]
    for a in v["accepted"]:
        try:
            text, verified = open_note(a["note"].encode(), a["vkeys"])
            ok = [f"{n}+{i:08x}" for n, i in verified] == [x.split("+")[0] + "+" + x.split("+")[1].lower() for x in a["verifiedBy"]]
            if a["checkpoint"] is not None:
                c = a["checkpoint"]
                ok = ok and parse_checkpoint(text) == (c["origin"], c["treeSize"], c["rootHash"], c["extensions"])
            yield f"accepted note: {a['name']}", ok, "opened"
        except Refused as e:
            yield f"accepted note: {a['name']}", False, f"refused: {e}"
    for r in v["refused"]:
        try:
            text, _ = open_note(r["note"].encode(), r["vkeys"])
            if r["level"] == "note":
                yield f"refused note: {r['name']}", False, "accepted"
                continue
            parse_checkpoint(text)
            yield f"refused note: {r['name']}", False, "checkpoint body accepted"
        except Refused as e:
            yield f"refused note: {r['name']}", True, f"refused ({e})"
    for r in v["refusedVerifierKeys"]:
        try:
            parse_vkey(r["vkey"])
            yield f"refused vkey: {r['name']}", False, "accepted"
        except Refused as e:
            yield f"refused vkey: {r['name']}", True, f"refused ({e})"


def check_mlnet_vectors(path):
    """docs/spec/mlnet-v1.md §7: rows as tensors, receipts, and receipts that must be refused."""
    v = json.loads(Path(path).read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)
    for c in v["cells"]:
        code = TYPES[c["elementType"]][0]
        data = encode_strings(c["strings"]) if c["elementType"] == "string" else bytes.fromhex(c["data"])
        yield f"cell {c['name']}", tensor_digest(code, c["shape"], data).hex() == c["digest"], f"{c['mlnetType']} -> {c['elementType']}{c['shape']}"
    for c in v["refusedTypes"]:
        yield f"refused type {c['mlnetType']}", c["mlnetType"] not in v["coveredTypes"], c["reason"]
    keys = {name: load_public_key(pem.encode()) for name, pem in v["keys"].items()}
    for r in v["receipts"]:
        key = keys[r["key"]]
        tensors = {w: {n: encode_strings(t["strings"]) if t["elementType"] == "string" else bytes.fromhex(t["data"])
                       for n, t in r[w].items()} for w in ("inputs", "outputs")}
        checks = list(verify_receipt(json.dumps(r["envelope"]).encode(), [(key_id(key)[0], key)], r["expected"], tensors))
        failed = [f"{c}: {d}" for c, ok, d in checks if not ok]
        payload = b64decode_strict(r["envelope"]["payload"])
        ids_ok = hashlib.sha256(payload).hexdigest() == r["payloadSha256"]
        yield f"mlnet receipt {r['name']}", not failed and ids_ok, "; ".join(failed) or f"{len(checks)} checks passed"
    for r in v["refusedReceipts"]:
        key = keys[r["key"]]
        checks = list(verify_receipt(json.dumps(r["envelope"]).encode(), [(key_id(key)[0], key)], {}))
        first = (first_failure(checks) or (None,))[0]
        yield f"refused mlnet receipt {r['name']}", first == r["check"], f"first failed check {first!r}, expected {r['check']!r}"
# ---- chat-v1 (docs/spec/chat-v1.md) ----------------------------------------------------------------------------

CHAT_PAYLOAD_TYPE = "application/vnd.in-toto.openverify-chat+json"
CHAT_PREDICATE_TYPE = "https://openverify.dev/attestation/chat/v1"
CHAT_SCHEMA = "openverify.chat-transcript/v1"
CHAT_FIELD_DEPTH = 3
SCHEMAS["chatstatement"] = {"_type": (S, 1, None), "subject": (L, 1, "resource"), "predicateType": (S, 1, None), "predicate": (O, 1, "chatpredicate")}
SCHEMAS["chatpredicate"] = {"schema": (S, 1, None), "operation": (S, 1, None), "transcript": (O, 1, "digestset"), "fields": (L, 1, "chatfield"),
                            "chain": (O, 0, "chatchain"), "truncated": ("bool", 1, None), "instance": (S, 1, None), "sequence": (I, 1, None), "timestamp": (S, 1, None)}
SCHEMAS["chatfield"] = {"path": (S, 1, None), "sha256": (S, 1, None)}
SCHEMAS["chatchain"] = {"conversation": (S, 1, None), "turn": (I, 1, None), "previous": (S, 0, None)}


def es_number(x):
    """ECMAScript Number::toString of a finite double (RFC 8785 section 3.2.2.3), from Python's shortest repr."""
    if x != x or x in (float("inf"), float("-inf")):
        raise Refused("NaN and infinities have no JSON form")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    r = repr(abs(float(x)))
    mantissa, _, exp = r.partition("e")
    exponent = int(exp) if exp else 0
    int_len = mantissa.index(".") if "." in mantissa else len(mantissa)
    digits = mantissa.replace(".", "")
    lead = 0
    while lead < len(digits) - 1 and digits[lead] == "0":
        lead += 1
    digits = digits[lead:].rstrip("0")
    k, n = len(digits), int_len + exponent - lead
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    e = n - 1
    return sign + digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e > 0 else "-") + str(abs(e))


def jcs_string(text):
    out = ['"']
    for c in text:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c in "\b\f\n\r\t":
            out.append({"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}[c])
        elif ord(c) < 0x20:
            out.append("\\u%04x" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def jcs(value):
    """RFC 8785 canonical JSON text: members sorted by UTF-16 code units, no whitespace."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return jcs_string(value)
    if isinstance(value, (int, float)):
        return es_number(float(value))
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(jcs_string(k) + ":" + jcs(value[k]) for k in keys) + "}"
    raise Refused(f"no JSON form for {type(value).__name__}")


def jcs_bytes(value):
    return jcs(value).encode("utf-8")


def chat_fields(value, path="", depth=0):
    """[(JSON pointer, hex digest)] in canonical order, split down to three path segments (spec section 3.3)."""
    if depth < CHAT_FIELD_DEPTH and isinstance(value, dict) and value:
        out = []
        for k in sorted(value, key=lambda k: k.encode("utf-16-be")):
            out += chat_fields(value[k], path + "/" + k.replace("~", "~0").replace("/", "~1"), depth + 1)
        return out
    if depth < CHAT_FIELD_DEPTH and isinstance(value, list) and value:
        out = []
        for i, v in enumerate(value):
            out += chat_fields(v, f"{path}/{i}", depth + 1)
        return out
    digest = hashlib.sha256(b"OpenVerify/chat-field/v1\0" + path.encode("utf-8") + b"\0" + jcs_bytes(value)).hexdigest()
    return [(path, digest)]


def first_field_difference(signed, given):
    for i in range(max(len(signed), len(given))):
        s = signed[i] if i < len(signed) else None
        g = given[i] if i < len(given) else None
        if s is None:
            return g[0]
        if g is None:
            return s[0]
        if s[0] != g[0]:
            return min(s[0], g[0], key=lambda p: p.encode("utf-16-be"))
        if s[1] != g[1]:
            return s[0]
    return None


CHAT_OPERATIONS = ("chat", "embeddings", "speech-to-text", "text-to-speech", "image-generation", "moderation")
MEDIA_MEMBERS = {"type", "mediaType", "sha256", "length", "name"}


def media_reference_problem(media, path):
    """None when media is {"type":"data","mediaType","sha256","length","name"?} (spec section 8.4), else what is wrong."""
    if not isinstance(media, dict) or media.get("type") != "data":
        return f"{path}/type must be \"data\"."
    if not isinstance(media.get("mediaType"), str) or not media["mediaType"]:
        return f"{path}/mediaType is missing: media is bound by media type, length and SHA-256."
    if not isinstance(media.get("sha256"), str) or re.fullmatch("[0-9a-f]{64}", media["sha256"]) is None:
        return f"{path}/sha256 is missing or not 64 lowercase hex digits: media is bound by its SHA-256 digest."
    length = media.get("length")
    if isinstance(length, bool) or not isinstance(length, (int, float)) or length != int(length) or length < 0:
        return f"{path}/length is missing or not a byte count (a whole number from 0)."
    extra = sorted(set(media) - MEDIA_MEMBERS)
    if extra:
        return f"{path}/{extra[0]} is not part of a media reference: media is never inline in a transcript."
    return None


def contents_problem(parent, name, path, required):
    items = parent.get(name)
    if not isinstance(items, list):
        return f"{path} is missing or not an array." if required else None
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            return f"{path}/{i} is not a content object with a type."
        if item["type"] == "data":
            problem = media_reference_problem(item, f"{path}/{i}")
            if problem:
                return problem
    return None


def moderation_problem(transcript):
    """None when a moderation transcript holds the texts sent and one verdict per input (spec section 9.2)."""
    request, response = transcript.get("request"), transcript.get("response")
    if not isinstance(request, dict) or not isinstance(response, dict):
        return "The transcript has no request or response object."
    if not isinstance(request.get("model"), str) or not request["model"]:
        return "/request/model is missing: a moderation transcript binds the model asked for."
    kind = request.get("inputKind")
    if kind not in ("text", "parts"):
        return "/request/inputKind must be \"text\" or \"parts\"."
    inputs = request.get("inputs")
    if not isinstance(inputs, list) or not inputs or any(not isinstance(i, str) for i in inputs):
        return "/request/inputs is missing, empty or holds something other than text: a moderation transcript binds the texts sent."
    results = response.get("results")
    if not isinstance(results, list):
        return "/response/results is missing or not an array."
    expected = len(inputs) if kind == "text" else 1
    if len(results) != expected:
        return f"/response/results has {len(results)} results for {expected} (one per input text, one for all parts)."
    for i, result in enumerate(results):
        where = f"/response/results/{i}"
        if not isinstance(result, dict) or not isinstance(result.get("flagged"), bool):
            return f"{where}/flagged is missing or not a boolean."
        categories = result.get("categories")
        if not isinstance(categories, dict) or any(not isinstance(v, bool) for v in categories.values()):
            return f"{where}/categories is missing or holds a flag that is not a boolean."
        scores = result.get("categoryScores")
        if not isinstance(scores, dict) or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in scores.values()):
            return f"{where}/categoryScores is missing or holds a score that is not a number."
    return None


def media_problem(transcript, operation):
    """None when a media transcript holds what its operation binds (spec section 8.4); chat and embeddings pass."""
    if operation in ("chat", "embeddings"):
        return None
    if operation == "moderation":
        return moderation_problem(transcript)
    request, response = transcript.get("request"), transcript.get("response")
    if not isinstance(request, dict) or not isinstance(response, dict):
        return "The transcript has no request or response object."
    if operation == "speech-to-text":
        problem = (media_reference_problem(request["audio"], "/request/audio") if isinstance(request.get("audio"), dict)
                   else "/request/audio is missing: a speech-to-text transcript binds the audio sent.")
    elif operation == "text-to-speech":
        problem = None if isinstance(request.get("text"), str) else "/request/text is missing: a text-to-speech transcript binds the text sent."
    elif not isinstance(request.get("prompt"), str) and not isinstance(request.get("originalImages"), list):
        problem = "/request/prompt is missing: an image-generation transcript binds the prompt sent."
    else:
        problem = contents_problem(request, "originalImages", "/request/originalImages", False)
    if problem is None and not isinstance(request.get("options"), dict):
        problem = "/request/options is missing (an empty object when no option was set)."
    return problem or contents_problem(response, "contents", "/response/contents", True)


def verify_chat(envelope_bytes, keys, transcript=None, operation=None):
    """Yields (check, ok, detail); the last item's detail carries the receipt id and predicate on success as a tuple
    in the 'result' pseudo-check (not printed)."""
    try:
        env = loads_strict(envelope_bytes)
        validate(env, "envelope")
        payload = b64decode_strict(env["payload"])
        sigs = [b64decode_strict(s["sig"]) for s in env["signatures"]]
    except Refused as e:
        yield "envelope", False, str(e)
        return
    if env["payloadType"] != CHAT_PAYLOAD_TYPE:
        kind = "an ONNX inference receipt" if env["payloadType"] == PAYLOAD_TYPE else "not an OpenVerify receipt"
        yield "payload-type", False, f"{env['payloadType']} is {kind}, not a chat receipt"
        return
    yield "payload-type", True, CHAT_PAYLOAD_TYPE
    if env.get("batch") is not None:
        yield "signature", False, "batched chat receipts are not checked by this verifier"
        return
    data = pae(env["payloadType"], payload)
    signer = next((kid for kid, key in keys for sig in sigs if signature_ok(key, data, sig)), None)
    yield "signature", signer is not None, f"verified by {signer}" if signer else "no given key verifies the signature"
    if signer is None:
        return
    try:
        st = loads_strict(payload)
        validate(st, "chatstatement")
        pred = st["predicate"]
        if st["_type"] != STATEMENT_TYPE or st["predicateType"] != CHAT_PREDICATE_TYPE or pred["schema"] != CHAT_SCHEMA:
            raise Refused("not an in-toto statement with the chat-v1 predicate and schema")
        if type(pred["truncated"]) is not bool:
            raise Refused("$.predicate.truncated is not a boolean")
        if pred["operation"] not in CHAT_OPERATIONS:
            raise Refused(f"the operation {pred['operation']!r} is not one this verifier knows ({', '.join(CHAT_OPERATIONS)}): refused")
        if (pred["operation"] == "chat") != ("chain" in pred and pred["chain"] is not None):
            raise Refused("operation and chain do not fit (a chat receipt has a chain, a receipt of any other operation none)")
    except Refused as e:
        yield "statement", False, str(e)
        return
    yield "statement", True, "chat-v1 statement"
    digest = pred["transcript"].get("sha256")
    subject_ok = (list(pred["transcript"]) == ["sha256"] and isinstance(digest, str) and re.fullmatch("[0-9a-f]{64}", digest) is not None
                  and len(st["subject"]) == 1 and st["subject"][0]["name"] == "transcript.json" and st["subject"][0]["digest"] == {"sha256": digest})
    yield "subject", subject_ok, "transcript.json with the transcript digest" if subject_ok else "the subject is not exactly transcript.json with the transcript digest"
    if operation is not None:
        yield "operation", pred["operation"] == operation, pred["operation"]
    if transcript is not None and subject_ok:
        try:
            value = loads_strict(transcript)
            canonical = jcs_bytes(value)
            given = chat_fields(value)
        except (Refused, RecursionError) as e:
            yield "transcript", False, f"not canonical JSON: {e}"
            return
        actual = hashlib.sha256(canonical).hexdigest()
        signed = [(f["path"], f["sha256"]) for f in pred["fields"]]
        if actual == digest:
            header_ok = isinstance(value, dict) and value.get("schema") == pred["schema"] and value.get("operation") == pred["operation"]
            problem = media_problem(value, pred["operation"]) if header_ok else None
            yield ("transcript", header_ok and problem is None,
                   f"sha256:{actual}" if header_ok and problem is None
                   else f"the {pred['operation']} transcript is malformed: {problem}" if header_ok
                   else "schema or operation differs from the receipt's")
            yield "fields", signed == given, f"{len(given)} field digests" if signed == given else "the receipt's field digests are not its transcript's"
        else:
            path = first_field_difference(signed, given)
            yield "transcript", False, f"the transcript differs from the one signed, first at {path}."
    yield "result", True, (hashlib.sha256(payload).hexdigest(), pred)


def chat_chain(items):
    """items: [(receipt id hex, predicate)] in the order given. Yields the chain check."""
    if not items:
        yield "chain", False, "no receipts"
        return
    first = items[0][1]["chain"]
    for i, (rid, pred) in enumerate(items):
        link = pred.get("chain")
        previous = None if i == 0 else "sha256:" + items[i - 1][0]
        if link is None or link["conversation"] != first["conversation"]:
            yield "chain", False, f"receipt {i + 1} belongs to another conversation: it was inserted"
            return
        if link["turn"] != i + 1 or link.get("previous") != previous:
            yield "chain", False, f"receipt {i + 1} is turn {link['turn']} naming {link.get('previous')}, where turn {i + 1} naming {previous} comes next: dropped, reordered or inserted"
            return
    yield "chain", True, f"{len(items)} turns of conversation {first['conversation']}"


def run_chat(envelope_bytes, keys, transcript=None, operation=None):
    """(checks without the result item, (id, predicate) or None)."""
    checks, result = [], None
    for check, ok, detail in verify_chat(envelope_bytes, keys, transcript, operation):
        if check == "result":
            result = detail
        else:
            checks.append((check, ok, detail))
    return checks, result if all(ok for _, ok, _ in checks) else None


def check_chat_vectors(path):
    v = json.loads(Path(path).read_text(encoding="utf-8"))
    for case in v["jcs"]:
        got = jcs(loads_strict(case["input"]))
        yield f"jcs {case['input'][:40]!r}", got == case["canonical"], got if got != case["canonical"] else "canonical"
    key = load_public_key(v["publicKeyPem"].encode())
    keys = [(key_id(key)[0], key)]
    by_name = {}
    for r in v["receipts"]:
        transcript = r["transcript"].encode("utf-8") if r["transcript"] is not None else None
        checks, result = run_chat(r["receipt"].encode("utf-8"), keys, transcript)
        by_name[r["name"]] = result
        expect = r["expect"]
        failed = next(((c, d) for c, ok, d in checks if not ok), None)
        ok = (failed is None) == expect["valid"]
        if expect.get("failure"):
            ok = ok and failed is not None and failed[0] == expect["failure"]
        if expect.get("path"):
            ok = ok and failed is not None and f"first at {expect['path']}." in failed[1]
        yield f"receipt {r['name']}", ok, "as expected" if ok else f"expected {expect}, got {failed}"
    for c in v["chains"]:
        items = [by_name[n] for n in c["receipts"]]
        verdict = all(i is not None for i in items) and all(ok for _, ok, _ in chat_chain(items))
        yield f"chain {c['name']}", verdict == c["valid"], "as expected" if verdict == c["valid"] else f"expected valid={c['valid']}"


def chat_jobs(folder):
    folder = Path(folder)
    keys = []
    for k in sorted(folder.glob("*.pub.pem")):
        key = load_public_key(k.read_bytes())
        keys.append((key_id(key)[0], key))
    chain = []
    for r in sorted(folder.glob("*.receipt.json")):
        stem = r.name[: -len(".receipt.json")]
        t = r.with_name(stem + ".transcript.json")
        checks, result = run_chat(r.read_bytes(), keys, t.read_bytes() if t.is_file() else None)
        for check, ok, detail in checks:
            yield r.name, (check, ok, detail)
        if result is not None and result[1]["operation"] == "chat":
            chain.append(result)
    if chain:
        for check in chat_chain(chain):
            yield folder.name, check


def receipt_jobs(args):
    """Yields (label, envelope bytes, keys, expect, tensors) from the command line."""
    keys, expect, tensors_dir, receipts = [], {}, None, []
    it = iter(args)
    for arg in it:
        if arg == "--key":
            keys.append(Path(next(it)))
        elif arg in ("--nonce", "--audience"):
            expect[arg[2:]] = next(it)
        elif arg == "--model":
            expect["modelSha256"] = hashlib.sha256(Path(next(it)).read_bytes()).hexdigest()
        elif arg == "--tensors":
            tensors_dir = Path(next(it))
        else:
            receipts.append(Path(arg))
    if len(receipts) == 1 and receipts[0].is_dir():
        folder = receipts[0]
        keys += sorted(folder.glob("*.pub.pem"))
        receipts = sorted(folder.glob("*.receipt.json"))
    loaded = []
    for k in keys:
        key = load_public_key(k.read_bytes())
        loaded.append((key_id(key)[0], key))
    for r in receipts:
        envelope = r.read_bytes()
        stem = r.name[: -len(".receipt.json")] if r.name.endswith(".receipt.json") else r.stem
        own = dict(expect)
        expect_file = r.with_name(stem + ".expect.json")
        if expect_file.is_file():
            e = json.loads(expect_file.read_text(encoding="utf-8"))
            if "model" in e:
                own["modelSha256"] = hashlib.sha256((r.parent / e.pop("model")).read_bytes()).hexdigest()
            own.update(e)
        folder = tensors_dir or r.with_name(stem + ".tensors")
        tensors = read_tensor_folder(folder, envelope) if folder.is_dir() else None
        yield r.name, envelope, loaded, own, tensors


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 2
    passed = failed = 0
    if argv[0] == "--vectors":
        results = ((None, check) for check in check_vectors(argv[1]))
    elif argv[0] == "--batch-vectors":
        results = ((None, check) for check in check_batch_vectors(argv[1]))
    elif argv[0] == "--mlnet-vectors":
        results = ((None, check) for check in check_mlnet_vectors(argv[1]))
    elif argv[0] == "--checkpoint-vectors":
        results = ((None, check) for check in check_checkpoint_vectors(argv[1]))
    elif argv[0] == "--chat-vectors":
        results = ((None, check) for check in check_chat_vectors(argv[1]))
    elif argv[0] == "--chat":
        results = chat_jobs(argv[1])
    else:
        results = ((label, check) for label, env, keys, expect, tensors in receipt_jobs(argv) for check in verify_receipt(env, keys, expect, tensors))
    try:
        for label, (check, ok, detail) in results:
            passed, failed = passed + ok, failed + (not ok)
            print(f"{'PASS' if ok else 'FAIL'} {label + ': ' if label else ''}{check}: {detail}")
    except Exception as e:  # fail closed: a check that cannot be completed is a failed check
        failed += 1
        print(f"FAIL could not complete the checks: {type(e).__name__}: {e}")
    print(f"summary: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
