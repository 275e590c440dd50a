/**
 * Signing interactions exactly as Discord does: Ed25519 over `timestamp + body` with the
 * application's key pair, hex-encoded into `X-Signature-Ed25519`. Tests generate their own pair
 * and configure the app with its public key.
 */

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

export interface SigningKey {
  /** The public key as the Developer Portal shows it: 64 hex digits. */
  publicKeyHex: string;
  /** Hex signature of `timestamp + body`. */
  sign(timestamp: string, body: string | Uint8Array): Promise<string>;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const publicKeyHex = hex(await crypto.subtle.exportKey("raw", pair.publicKey));
  const encoder = new TextEncoder();
  return {
    publicKeyHex,
    async sign(timestamp, body) {
      const stamp = encoder.encode(timestamp);
      const bytes = typeof body === "string" ? encoder.encode(body) : body;
      const message = new Uint8Array(stamp.length + bytes.length);
      message.set(stamp);
      message.set(bytes, stamp.length);
      return hex(await crypto.subtle.sign("Ed25519", pair.privateKey, message));
    },
  };
}

/** The headers of a signed interaction POST. */
export async function signedHeaders(
  key: SigningKey,
  body: string | Uint8Array,
  timestampSeconds: number,
): Promise<Record<string, string>> {
  const timestamp = String(timestampSeconds);
  return {
    "content-type": "application/json",
    "x-signature-timestamp": timestamp,
    "x-signature-ed25519": await key.sign(timestamp, body),
  };
}
