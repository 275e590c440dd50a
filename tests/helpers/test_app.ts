/** The real HTTP app on a test database, with a game server and its upload token. */
import type { Db } from "../../db/client.ts";
import { createServer } from "../../db/queries/servers.ts";
import { issueUploadToken, signUpload } from "../../ingest/auth.ts";
import { DEFAULT_INGEST_SETTINGS, type IngestSettings } from "../../ingest/context.ts";
import { type AppDeps, createApp } from "../../routes/app.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  db: Db;
  token: string;
  serverId: number;
  /** Current time of the app (ms); tests may move it. */
  clock: { now: number };
  /** Uploads raw bytes with the server's bearer token. */
  upload(fileName: string, bytes: Uint8Array, headers?: Record<string, string>): Promise<Response>;
  /** Uploads with an HMAC signature made at `timestampSeconds` (default: the app's now). */
  uploadSigned(fileName: string, bytes: Uint8Array, timestampSeconds?: number): Promise<Response>;
  /** GET a path and parse its JSON. */
  // deno-lint-ignore no-explicit-any -- response bodies are asserted on field by field
  get(path: string): Promise<{ status: number; body: any }>;
}

export async function testApp(
  db: Db,
  options: { ingest?: Partial<IngestSettings>; timeZone?: string; deps?: Partial<AppDeps> } = {},
): Promise<TestApp> {
  const server = await createServer(db, "test-server", options.timeZone ?? "Europe/Berlin");
  const { token } = await issueUploadToken(db, server!.id);
  const clock = { now: Date.parse("2025-09-10T12:00:00Z") };
  const app = createApp({
    db,
    version: "test",
    ingest: { ...DEFAULT_INGEST_SETTINGS, ...options.ingest },
    adminToken: ADMIN_TOKEN,
    now: () => clock.now,
    logRequests: false,
    ...options.deps,
  });
  return {
    app,
    db,
    token,
    serverId: server!.id,
    clock,
    upload: (fileName, bytes, headers = {}) =>
      Promise.resolve(app.request("/api/v1/stats-files", {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "x-stats-filename": fileName,
          "content-type": "application/octet-stream",
          ...headers,
        },
        body: bytes as Uint8Array<ArrayBuffer>,
      })),
    uploadSigned: (fileName, bytes, timestampSeconds = Math.floor(clock.now / 1000)) => {
      const tokenId = token.split("_")[1]!;
      return Promise.resolve(app.request("/api/v1/stats-files", {
        method: "POST",
        headers: {
          "x-etl-token-id": tokenId,
          "x-etl-timestamp": String(timestampSeconds),
          "x-etl-signature": signUpload(token, timestampSeconds, fileName, bytes),
          "x-stats-filename": fileName,
          "content-type": "application/octet-stream",
        },
        body: bytes as Uint8Array<ArrayBuffer>,
      }));
    },
    get: async (path) => {
      const res = await app.request(path);
      return { status: res.status, body: await res.json() };
    },
  };
}
