import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import type { BundleSignature, BundleSigner, BundleVerifier } from "../load/rules-bundle.js";

// Ed25519 signatures of rules bundles with node:crypto (no dependency). Keys are PEM text:
// a PKCS#8 private key to sign (`openssl genpkey -algorithm ed25519`), SPKI public keys to trust
// (`openssl pkey -in key.pem -pubout`). SECURITY.md says how to keep them.

/** Which key: the first 16 hex digits of the SHA-256 of the public key in SPKI DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

/** Every PEM block of a text (a trust file may hold several public keys). */
export function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g) ?? [];
}

/**
 * A signer with an Ed25519 private key (PEM). Throws a plain Error naming the problem when the
 * text is not an Ed25519 private key.
 */
export function ed25519Signer(privateKeyPem: string): BundleSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    throw new Error("the signing key is not a PEM private key");
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`the signing key is ${key.asymmetricKeyType ?? "not asymmetric"}, not Ed25519`);
  }
  const keyId = keyIdOf(createPublicKey(key));
  return (text: string): BundleSignature => ({
    algorithm: "ed25519",
    keyId,
    value: sign(null, Buffer.from(text, "utf8"), key).toString("base64"),
  });
}

/**
 * A verifier trusting the given Ed25519 public keys (PEM). Throws a plain Error when one is not
 * an Ed25519 public key, so that a mistyped trust file is never read as "trust nothing".
 */
export function ed25519Verifier(publicKeysPem: readonly string[]): BundleVerifier {
  const trusted = new Map<string, KeyObject>();
  for (const pem of publicKeysPem) {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new Error("a trusted key is not a PEM public key");
    }
    if (key.type !== "public" || key.asymmetricKeyType !== "ed25519") {
      throw new Error("a trusted key is not an Ed25519 public key");
    }
    trusted.set(keyIdOf(key), key);
  }
  return (text, signature) => {
    const key = trusted.get(signature.keyId);
    if (key === undefined) return "unknown-key";
    let ok = false;
    try {
      ok = verify(null, Buffer.from(text, "utf8"), key, Buffer.from(signature.value, "base64"));
    } catch {
      ok = false;
    }
    return ok ? "ok" : "bad-signature";
  };
}
