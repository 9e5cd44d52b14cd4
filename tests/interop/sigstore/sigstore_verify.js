// Checks OpenVerify's Sigstore bundles with the official Sigstore JavaScript verifier (@sigstore/verify), code
// OpenVerify did not write, with a key-based trust root (no Fulcio, no Rekor, no timestamps), and writes a bundle the
// way Sigstore tools do (empty keyid) for OpenVerify to read. Run by tests/OpenVerify.Cli.Tests/SigstoreBundleTests.cs
// with NODE_PATH pointing at the folder .ci/run installs @sigstore/verify into (artifacts/npm/node_modules).
//
//   node sigstore_verify.js verify <bundle.json> <public key PEM> <hint>
//       prints "OK" and exits 0 when @sigstore/verify accepts the bundle; prints the error and exits 1 otherwise
//   node sigstore_verify.js sign <private key PEM> <payload type> <payload file> <hint> <bundle out>
//       signs the payload's DSSE PAE with Node's crypto, writes a v0.3 bundle, and checks it with @sigstore/verify
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const { bundleFromJSON } = require('@sigstore/bundle');
const { toSignedEntity, toTrustMaterial, Verifier } = require('@sigstore/verify');

function keyDetails(key) {
  if (key.asymmetricKeyType === 'ed25519') return 'PKIX_ED25519';
  if (key.asymmetricKeyType === 'ec') return 'PKIX_ECDSA_P256_SHA_256';
  throw new Error(`unsupported key type ${key.asymmetricKeyType}`);
}

function verify(bundleJson, publicKeyPem, hint) {
  const key = crypto.createPublicKey(publicKeyPem);
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [],
  };
  const keys = {
    [hint]: {
      rawBytes: key.export({ type: 'spki', format: 'der' }),
      keyDetails: keyDetails(key),
      validFor: { start: new Date(0) },
    },
  };
  const material = toTrustMaterial(trustedRoot, keys);
  const verifier = new Verifier(material, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  verifier.verify(toSignedEntity(bundleFromJSON(bundleJson)));
}

function pae(type, payload) {
  const t = Buffer.from(type, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${t.length} `), t, Buffer.from(` ${payload.length} `), payload]);
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'verify' && args.length === 3) {
    verify(JSON.parse(fs.readFileSync(args[0], 'utf8')), fs.readFileSync(args[1], 'utf8'), args[2]);
    console.log('OK');
  } else if (command === 'sign' && args.length === 5) {
    const [keyPath, type, payloadPath, hint, out] = args;
    const key = crypto.createPrivateKey(fs.readFileSync(keyPath, 'utf8'));
    const payload = fs.readFileSync(payloadPath);
    const ed = key.asymmetricKeyType === 'ed25519';
    const sig = crypto.sign(ed ? null : 'sha256', pae(type, payload), key);
    const bundle = {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: { publicKey: { hint }, tlogEntries: [] },
      dsseEnvelope: { payload: payload.toString('base64'), payloadType: type, signatures: [{ sig: sig.toString('base64'), keyid: '' }] },
    };
    verify(bundle, crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' }), hint);
    fs.writeFileSync(out, JSON.stringify(bundle));
    console.log('OK');
  } else {
    console.error('usage: sigstore_verify.js verify <bundle> <key.pub> <hint> | sign <key> <type> <payload> <hint> <out>');
    process.exit(2);
  }
} catch (e) {
  console.log(`REFUSED ${e.code || ''} ${e.message}`);
  process.exit(1);
}
