/**
 * Discord signs every interaction it POSTs: `X-Signature-Ed25519` is the hex Ed25519 signature of
 * `X-Signature-Timestamp` (Unix seconds) followed by the raw body, under the application's public
 * key. Checked with WebCrypto before the body is even parsed; a timestamp more than five minutes
 * from our clock is refused too, so a captured request cannot be replayed later.
 */

export const TIMESTAMP_WINDOW_SECONDS = 300;

export type SignatureFailure = {
  code: "missing_signature" | "invalid_signature" | "stale_timestamp";
  message: string;
};

export interface SignedRequest {
  signature: string | null;
  timestamp: string | null;
  body: Uint8Array;
}

/** Checks one request's signature and timestamp against a public key. */
export type SignatureVerifier = (
  request: SignedRequest,
  nowMs: number,
) => Promise<SignatureFailure | null>;

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** A verifier for the hex public key; the key is imported once, on first use. */
export function createSignatureVerifier(publicKeyHex: string): SignatureVerifier {
  let key: Promise<CryptoKey> | null = null;
  const importKey = () => {
    const raw = hexBytes(publicKeyHex);
    if (!raw || raw.length !== 32) {
      return Promise.reject(new Error("DISCORD_PUBLIC_KEY is not a 32-byte hex key"));
    }
    return crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
  };
  const encoder = new TextEncoder();

  return async ({ signature, timestamp, body }, nowMs) => {
    if (!signature || !timestamp) {
      return {
        code: "missing_signature",
        message: "X-Signature-Ed25519 and X-Signature-Timestamp are required",
      };
    }
    const signatureBytes = hexBytes(signature);
    if (!signatureBytes || signatureBytes.length !== 64 || !/^\d{1,12}$/.test(timestamp)) {
      return { code: "invalid_signature", message: "the signature does not match the request" };
    }
    const stamp = encoder.encode(timestamp);
    const message = new Uint8Array(stamp.length + body.length);
    message.set(stamp);
    message.set(body, stamp.length);
    key ??= importKey();
    if (!await crypto.subtle.verify("Ed25519", await key, signatureBytes, message)) {
      return { code: "invalid_signature", message: "the signature does not match the request" };
    }
    if (Math.abs(nowMs / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS) {
      return {
        code: "stale_timestamp",
        message: `the timestamp is more than ${TIMESTAMP_WINDOW_SECONDS} s from the server's clock`,
      };
    }
    return null;
  };
}
