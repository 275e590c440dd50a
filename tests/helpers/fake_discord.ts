/**
 * A fake Discord REST API on loopback (port 0) that records every request: method, path, headers,
 * the JSON body or the multipart parts (`payload_json` decoded, files as bytes) and when it
 * arrived. It answers like Discord: the message for webhook edits, follow-ups and channel
 * messages, the command list (with ids) for a bulk overwrite, 404 otherwise. Tests point
 * DISCORD_API_BASE_URL at `baseUrl`.
 */

export interface RecordedPart {
  name: string;
  fileName: string | null;
  contentType: string | null;
  bytes: Uint8Array;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  query: string;
  headers: Headers;
  /** `performance.now()` when it arrived. */
  receivedAt: number;
  /** The JSON body, or the decoded `payload_json` of a multipart body. */
  // deno-lint-ignore no-explicit-any -- asserted on field by field
  payload: any;
  /** Multipart parts in order; null for a JSON body. */
  parts: RecordedPart[] | null;
}

export interface FakeDiscord {
  /** e.g. `http://127.0.0.1:41234/api/v10` */
  baseUrl: string;
  requests: RecordedRequest[];
  /** The next `count` requests are answered with this status and a Discord-style error. */
  failNext(status: number, count?: number): void;
  /** Resolves when `count` requests have arrived (rejects after `timeoutMs`). */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

const API_PREFIX = "/api/v10";

async function readRequest(request: Request): Promise<Pick<RecordedRequest, "payload" | "parts">> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await request.formData();
    const parts: RecordedPart[] = [];
    let payload = null;
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") {
        parts.push({
          name,
          fileName: null,
          contentType: null,
          bytes: new TextEncoder().encode(value),
        });
        if (name === "payload_json") payload = JSON.parse(value);
      } else {
        parts.push({
          name,
          fileName: value.name,
          contentType: value.type || null,
          bytes: new Uint8Array(await value.arrayBuffer()),
        });
      }
    }
    return { payload, parts };
  }
  const text = await request.text();
  return { payload: text === "" ? null : JSON.parse(text), parts: null };
}

let nextId = 900_000_000_000_000_000n;
const snowflake = () => String(nextId++);

function answer(method: string, path: string, payload: unknown): Response {
  const route = path.slice(API_PREFIX.length);
  if (/^\/webhooks\/\d+\/[^/]+(\/messages\/@original)?$/.test(route)) {
    if (method === "PATCH" || method === "POST") {
      return Response.json({ id: snowflake(), ...(payload as object) });
    }
  }
  if (/^\/channels\/\d+\/messages$/.test(route) && method === "POST") {
    return Response.json({ id: snowflake(), ...(payload as object) });
  }
  if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(route) && method === "PUT") {
    const commands = payload as { name: string }[];
    return Response.json(commands.map((command) => ({ id: snowflake(), ...command })));
  }
  return Response.json({ message: "404: Not Found", code: 0 }, { status: 404 });
}

export function startFakeDiscord(): FakeDiscord {
  const requests: RecordedRequest[] = [];
  const failures: number[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    async (request) => {
      const url = new URL(request.url);
      const { payload, parts } = await readRequest(request);
      requests.push({
        method: request.method,
        path: url.pathname,
        query: url.search,
        headers: request.headers,
        receivedAt: performance.now(),
        payload,
        parts,
      });
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const failure = failures.shift();
      if (failure !== undefined) {
        return Response.json({ message: "fake failure", code: 50035 }, { status: failure });
      }
      return answer(request.method, url.pathname, payload);
    },
  );
  return {
    baseUrl: `http://127.0.0.1:${server.addr.port}${API_PREFIX}`,
    requests,
    failNext(status, count = 1) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    waitForRequests(count, timeoutMs = 5_000) {
      if (requests.length >= count) return Promise.resolve(requests.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fake Discord got ${requests.length} of ${count} requests`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(requests.slice());
          },
        });
      });
    },
    close: () => server.shutdown(),
  };
}
