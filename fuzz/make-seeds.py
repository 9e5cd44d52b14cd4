#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/ from the spec vectors (docs/spec/vectors), the spec's examples,
small ONNX models (the vectors' models and Debian's libonnx-testdata when installed) and hand-made .npy files. The seeds
that need fresh signatures (logs, proofs, tree heads, batches) come from `OpenVerify.Fuzz seeds`, which run.sh
calls when it builds. Seeds are kept small: afl mutates faster on small inputs.

usage: fuzz/make-seeds.py [CORPUS]   (default fuzz/corpus)
"""
import base64
import glob
import json
import os
import re
import struct
import sys

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, "fuzz", "corpus")


def write(target, name, data):
    folder = os.path.join(corpus, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, re.sub(r"[^A-Za-z0-9_.-]", "_", name)), "wb") as f:
        f.write(data)


def spec_blocks(name):
    text = open(os.path.join(repo, "docs", "spec", name), encoding="utf-8").read()
    return re.findall(r"```(?:json)?\n(.*?)```", text, re.S)


receipts = json.load(open(os.path.join(repo, "docs/spec/vectors/receipt-v1-vectors.json"), encoding="utf-8"))
signature = json.load(open(os.path.join(repo, "docs/spec/vectors/model-signature-v1.json"), encoding="utf-8"))

# Receipts: the envelopes as written, and their statements.
for r in receipts["receipts"]:
    write("envelope", r["name"] + ".json", json.dumps(r["envelope"], separators=(",", ":")))
    write("statement", r["name"] + ".json", base64.b64decode(r["envelope"]["payload"]))
# Statements the spec refuses (each for one reason).
for p in receipts["refusedPayloads"]:
    write("statement", "refused-" + p["name"] + ".json", p["payload"])
# The differential target (the verifier's statement reader against the strict one) starts from the same statements.
for r in receipts["receipts"]:
    write("statementdiff", r["name"] + ".json", base64.b64decode(r["envelope"]["payload"]))
for p in receipts["refusedPayloads"]:
    write("statementdiff", "refused-" + p["name"] + ".json", p["payload"])

# ML.NET prediction statements (docs/spec/mlnet-v1.md): the receipts' statements, and the refused ones.
mlnet = json.load(open(os.path.join(repo, "docs/spec/vectors/mlnet-v1-vectors.json"), encoding="utf-8"))
for r in mlnet["receipts"] + mlnet["refusedReceipts"]:
    write("mlnetstatement", r["name"] + ".json", base64.b64decode(r["envelope"]["payload"]))

# Keys: PEM (public and private) and the DER inside.
for name, key in receipts["keys"].items():
    write("pem", name + "-public.pem", key["publicKeyPem"])
    write("pem", name + "-private.pem", key["privateKeyPem"])
    write("pem", name + "-spki.der", bytes.fromhex(key["spkiDer"]))
write("pem", "model-publisher-public.pem", signature["publicKey"])

# Model signatures: the vector bundles (the fuzz target trusts the vector's key for the vector's model).
write("modelsig", "bundle.sig", signature["bundle"])
write("modelsig", "bundle-openssf-style.sig", signature["bundleOpenSsfStyle"])

# ONNX: the vectors' models, then small Debian test models of different shapes (functions, subgraphs, sequences,
# optional and sparse values, strings, training attributes).
for m in receipts["modelFiles"]:
    write("onnx", m["name"], base64.b64decode(m["bytes"]))
testdata = "/usr/share/libonnx-testdata/data"
for case in ["node/test_add", "node/test_if", "node/test_loop11", "node/test_scan9_sum", "node/test_sequence_insert_at_back",
             "node/test_optional_get_element_sequence", "node/test_identity_opt", "node/test_string_concat",
             "node/test_softmax_example_expanded", "node/test_castlike_FLOAT_to_BFLOAT16_expanded",
             "node/test_range_float_type_positive_delta_expanded", "node/test_gradient_of_add",
             "node/test_dropout_default_mask", "node/test_constant", "node/test_ai_onnx_ml_label_encoder_string_int",
             "node/test_split_variable_parts_1d_opset18", "simple/test_sequence_model1", "simple/test_expand_shape_model1",
             "node/test_reshape_reduced_dims", "node/test_cast_FLOAT_to_STRING"]:
    path = os.path.join(testdata, case, "model.onnx")
    if os.path.exists(path) and os.path.getsize(path) <= 8192:
        write("onnx", case.replace("/", "-") + ".onnx", open(path, "rb").read())

# Gate files: the spec's examples, and variants that reach the optional members.
for i, block in enumerate(spec_blocks("lockfile.md")):
    write("lockfile", "spec-%d.json" % i, block.replace("…", "0" * 60))
write("lockfile", "empty-models.json", '{"version":1,"models":[]}')
write("lockfile", "one-model.json", json.dumps({"version": 1, "models": [{
    "path": "models/vector-model.onnx", "digest": signature["modelDigest"], "size": 37,
    "ioSignature": signature["modelDigest"], "publisherKeyId": signature["keyId"]}]}, indent=2))
for i, block in enumerate(spec_blocks("trust-policy.md")):
    write("policy", "spec-%d.json" % i, block)
write("policy", "minimal.json", '{"version":1,"keys":[],"models":[]}')
write("policy", "receipt-and-log-keys.json", json.dumps({"version": 1, "keys": [
    {"keyId": k["keyId"], "role": role, "publicKey": k["publicKeyPem"]}
    for k, role in [(receipts["keys"]["ed25519"], "receipt-signer"), (receipts["keys"]["p256"], "log")]],
    "revoked": [receipts["keys"]["p256"]["keyId"]], "models": [{"match": ["**"], "signature": "optional"}]}, indent=2))

# Model manifest: the spec's example, and lines with escapes, symbols, unknown ranks and signatures.
for i, block in enumerate(spec_blocks("model-manifest.md")):
    write("manifest", "spec-%d.txt" % i, block)
write("manifest", "variants.txt",
      "# openverify-model-manifest v1\n"
      "model\tpath=models/a%3Bb.onnx\tdigest=sha256:00\ttarget=out/a.onnx\tresource=OpenVerify.Models/models/a.onnx\t"
      "inputs=x%3A1:float[?batch,3,?];y:string[]\toutputs=z:sequence*;w:int64[0]\t"
      "signature=sha256:11\tpublisher=sha256:22\n"
      "model\tpath=m.onnx\tdigest=sha256:33\tinputs=\toutputs=o:bfloat16[1]\n"
      "future\tkey=value\n")

# .npy: every dtype OpenVerify reads, both header versions, scalars, empty and Fortran-ordered arrays.
def npy(descr, shape, data, fortran=False, version=(1, 0)):
    shape_text = "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, "True" if fortran else "False", shape_text)
    length_size = 2 if version == (1, 0) else 4
    padding = 64 - (6 + 2 + length_size + len(header) + 1) % 64
    header = header + " " * (padding % 64) + "\n"
    length = struct.pack("<H" if length_size == 2 else "<I", len(header))
    return b"\x93NUMPY" + bytes(version) + length + header.encode("latin-1") + data


write("npy", "f4-2x2.npy", npy("<f4", [2, 2], struct.pack("<4f", 1, -0.0, float("inf"), float("nan"))))
write("npy", "f8-scalar.npy", npy("<f8", [], struct.pack("<d", 3.5)))
write("npy", "f2-3.npy", npy("<f2", [3], struct.pack("<3e", 1, 2, 65504)))
write("npy", "bf16-void-2.npy", npy("<V2", [2], b"\x80\x3f\x00\x40"))
write("npy", "bf16-pipe-void-2.npy", npy("|V2", [2], b"\x80\x3f\x00\x40"))
write("npy", "i1.npy", npy("|i1", [3], b"\x01\xff\x7f"))
write("npy", "i8-be.npy", npy(">i8", [1], struct.pack(">q", -2)))
write("npy", "i4-fortran-2x3.npy", npy("<i4", [2, 3], struct.pack("<6i", 1, 2, 3, 4, 5, 6), fortran=True))
write("npy", "u8-empty.npy", npy("<u8", [0, 4], b""))
write("npy", "u1-v2.npy", npy("|u1", [4], b"\x00\x01\x02\xff", version=(2, 0)))
write("npy", "u2.npy", npy("<u2", [2], struct.pack("<2H", 1, 65535)))
write("npy", "b1.npy", npy("|b1", [3], b"\x00\x01\x00"))
write("npy", "U3-2.npy", npy("<U3", [2], "ab\0é🙂\0".encode("utf-32-le")))
print("seeds written to", corpus)

# Dictionaries (fuzz/dict/TARGET.dict, afl's -x): the tokens of each format, so that afl can splice in member names,
# keywords and large numbers that random byte flips rarely produce. JSON targets take every member name of their seeds.
dictionaries = os.path.join(os.path.dirname(corpus), "dict")
os.makedirs(dictionaries, exist_ok=True)


def token(text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return '"' + "".join(chr(b) if 0x20 <= b < 0x7f and chr(b) not in '"\\' else "\\x%02x" % b for b in data) + '"'


def json_names(value, names):
    if isinstance(value, dict):
        for k, v in value.items():
            names.add(k)
            json_names(v, names)
    elif isinstance(value, list):
        for v in value:
            json_names(v, names)


numbers = ["0", "-1", "1", "-0", "1e308", "9223372036854775807", "9223372036854775808", "18446744073709551616",
           "2147483648", "999999999999", "0.5"]
json_tokens = ["{", "}", "[", "]", ":", ",", '""', "null", "true", "false", "\\u0000", "\\ud800", "\\\\", "sha256:", "\xef\xbb\xbf"]
for target in ["envelope", "statement", "statementdiff", "payload", "log", "logproof", "lockfile", "policy", "modelsig"]:
    names = set()
    for path in sorted(glob.glob(os.path.join(corpus, target, "*"))):
        for line in open(path, "rb").read().splitlines() or [b""]:
            try:
                json_names(json.loads(line), names)
            except ValueError:
                pass
        try:
            json_names(json.loads(open(path, "rb").read()), names)
        except ValueError:
            pass
    tokens = json_tokens + numbers + ['"%s"' % n for n in sorted(names)]
    with open(os.path.join(dictionaries, target + ".dict"), "w") as f:
        f.writelines("t%d=%s\n" % (i, token(t)) for i, t in enumerate(tokens))

other = {
    "npy": [b"\x93NUMPY", b"\x01\x00", b"\x02\x00", "{'descr': ", "'fortran_order': ", "'shape': (", "), }", ",)", "True", "False",
            "<f4", "<f8", "<f2", "<V2", "|V2", "|b1", "|u1", "|i1", "<i8", "<u8", "<U", "|O", ">", "="] + numbers,
    "manifest": ["# openverify-model-manifest v1\n", "model\t", "\tpath=", "\tdigest=sha256:", "\ttarget=", "\tresource=",
                 "\tinputs=", "\toutputs=", "\tsignature=", "\tpublisher=", ":float[", ":string*", "]", ";", ",", "?", "%3A", "%"] + numbers,
    "pem": ["-----BEGIN PUBLIC KEY-----\n", "-----END PUBLIC KEY-----\n", "-----BEGIN PRIVATE KEY-----\n",
            "-----END PRIVATE KEY-----\n", "-----BEGIN EC PRIVATE KEY-----\n", "=", "\r\n",
            bytes.fromhex("06072a8648ce3d0201"), bytes.fromhex("06082a8648ce3d030107"), bytes.fromhex("06032b6570")],
}
for target, tokens in other.items():
    with open(os.path.join(dictionaries, target + ".dict"), "w") as f:
        f.writelines("t%d=%s\n" % (i, token(t)) for i, t in enumerate(tokens))
print("dictionaries written to", dictionaries)
