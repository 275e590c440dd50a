/**
 * Upload authentication. A token is `etl_<id>_<secret>`; only SHA-256 of the whole token is
 * stored. A game server proves itself either with `Authorization: Bearer <token>`, or by signing
 * each request: `X-Etl-Token-Id`, `X-Etl-Timestamp` (Unix seconds) and `X-Etl-Signature`, the hex
 * HMAC-SHA256 keyed with SHA-256(token) over `<timestamp>\n<X-Stats-Filename>\n<body>`. When the
 * request carries `X-Etl-Round-Meta`, the signature must cover it too:
 * `v2\n<timestamp>\n<X-Stats-Filename>\n<X-Etl-Round-Meta>\n<body>`. The `v2` line keeps the two
 * forms apart (a plain message starts with the digits of the timestamp), so a signed request with
 * meta can never pass as one without it whose body begins with the meta. Signatures older or newer
 * than five minutes are refused; every comparison is constant-time.
 */
import { Buffer } from "node:buffer";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/client.ts";
import { findActiveToken, insertUploadToken } from "../db/queries/servers.ts";

export const SIGNATURE_WINDOW_SECONDS = 300;
const TOKEN_PATTERN = /^etl_(\d{1,9})_([A-Za-z0-9_-]{20,100})$/;

export type AuthError = {
  code: "missing_credentials" | "invalid_token" | "invalid_signature" | "stale_signature";
  message: string;
};

export interface AuthenticatedServer {
  serverId: number;
  tokenId: number;
  timeZone: string;
}

export interface UploadCredentials {
  authorization: string | null;
  tokenId: string | null;
  timestamp: string | null;
  signature: string | null;
}

function sha256(text: string | Uint8Array): Buffer {
  return createHash("sha256").update(text).digest();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Creates an upload token for a server; the token itself is returned once and never stored. */
export async function issueUploadToken(
  db: Db,
  serverId: number,
): Promise<{ id: number; token: string }> {
  const secret = randomBytes(32).toString("base64url");
  // The id is only known after the insert, so the hash covers a token built with it.
  return await db.transaction(async (tx) => {
    const placeholder = new Uint8Array(randomBytes(32));
    const id = await insertUploadToken(tx, serverId, placeholder);
    const token = `etl_${id}_${secret}`;
    await tx.query("update upload_tokens set secret_hash = $2 where id = $1", [id, sha256(token)]);
    return { id, token };
  });
}

/** The HMAC key a signing client derives from its token (hex SHA-256 of the token). */
export function signingKeyOf(token: string): string {
  return sha256(token).toString("hex");
}

/** What a signature covers before the body: the plain form, or `v2` with the round meta. */
function signedPrefix(timestamp: number, fileName: string, roundMeta: string | null): string {
  return roundMeta === null
    ? `${timestamp}\n${fileName}\n`
    : `v2\n${timestamp}\n${fileName}\n${roundMeta}\n`;
}

/**
 * The signature a client sends for a request (used by tests and documented for uploaders);
 * `roundMeta` is the `X-Etl-Round-Meta` header value exactly as sent, when there is one.
 */
export function signUpload(
  token: string,
  timestamp: number,
  fileName: string,
  body: Uint8Array,
  roundMeta: string | null = null,
): string {
  return createHmac("sha256", sha256(token))
    .update(signedPrefix(timestamp, fileName, roundMeta))
    .update(body)
    .digest("hex");
}

/**
 * Checks the request's credentials; `body`, `fileName` and `roundMeta` (the `X-Etl-Round-Meta`
 * value, when sent) are what a signature covers.
 */
export async function authenticateUpload(
  db: Db,
  credentials: UploadCredentials,
  request: { fileName: string; body: Uint8Array; nowSeconds: number; roundMeta?: string | null },
): Promise<{ ok: true; server: AuthenticatedServer } | { ok: false; error: AuthError }> {
  const invalidToken = {
    ok: false as const,
    error: { code: "invalid_token" as const, message: "the upload token is not valid" },
  };
  const bearer = /^Bearer\s+(\S+)$/i.exec(credentials.authorization ?? "")?.[1];
  if (bearer) {
    const match = TOKEN_PATTERN.exec(bearer);
    if (!match) return invalidToken;
    const stored = await findActiveToken(db, Number(match[1]));
    if (!stored || !sameBytes(sha256(bearer), stored.secretHash)) return invalidToken;
    return {
      ok: true,
      server: { serverId: stored.serverId, tokenId: stored.id, timeZone: stored.timeZone },
    };
  }

  if (
    credentials.tokenId !== null || credentials.signature !== null || credentials.timestamp !== null
  ) {
    const badSignature = (message: string) => ({
      ok: false as const,
      error: { code: "invalid_signature" as const, message },
    });
    if (!/^\d{1,9}$/.test(credentials.tokenId ?? "")) {
      return badSignature("X-Etl-Token-Id must be a token id");
    }
    if (!/^\d{1,12}$/.test(credentials.timestamp ?? "")) {
      return badSignature("X-Etl-Timestamp must be Unix seconds");
    }
    if (!/^[0-9a-fA-F]{64}$/.test(credentials.signature ?? "")) {
      return badSignature("X-Etl-Signature must be 64 hex digits (HMAC-SHA256)");
    }
    const timestamp = Number(credentials.timestamp);
    if (Math.abs(request.nowSeconds - timestamp) > SIGNATURE_WINDOW_SECONDS) {
      return {
        ok: false,
        error: {
          code: "stale_signature",
          message:
            `X-Etl-Timestamp is more than ${SIGNATURE_WINDOW_SECONDS} s away from the server's clock`,
        },
      };
    }
    const stored = await findActiveToken(db, Number(credentials.tokenId));
    const expected = stored
      ? createHmac("sha256", stored.secretHash)
        .update(signedPrefix(timestamp, request.fileName, request.roundMeta ?? null))
        .update(request.body)
        .digest()
      : randomBytes(32);
    const given = Buffer.from(credentials.signature!, "hex");
    if (!stored || !sameBytes(expected, given)) {
      return badSignature("the request signature does not match");
    }
    return {
      ok: true,
      server: { serverId: stored.serverId, tokenId: stored.id, timeZone: stored.timeZone },
    };
  }

  return {
    ok: false,
    error: {
      code: "missing_credentials",
      message: "send Authorization: Bearer <token>, or sign the request with X-Etl-Token-Id, " +
        "X-Etl-Timestamp and X-Etl-Signature",
    },
  };
}
