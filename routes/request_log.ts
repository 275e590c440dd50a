/**
 * One structured JSON log line per request, with a request id that is also returned in
 * `X-Request-Id` (an incoming id of up to 64 safe characters is kept, so a proxy's id carries
 * through).
 */
import type { MiddlewareHandler } from "hono";
import { metrics } from "./metrics.ts";

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export type LogLevel = "info" | "warn" | "error";

/** Writes one JSON object per line: info on stdout, warnings and errors on stderr. */
export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "info") console.log(line);
  else console.error(line);
}

export function requestLog(options: { quiet?: boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId" as never, requestId as never);
    const start = performance.now();
    await next();
    c.header("x-request-id", requestId);
    const status = c.res.status;
    metrics.httpRequests.inc({ method: c.req.method, status: String(status) });
    if (options.quiet) return;
    log(status >= 500 ? "error" : "info", "request", {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - start) * 10) / 10,
    });
  };
}
