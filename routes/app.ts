import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";

/** Everything the HTTP app needs from the outside world. */
export interface AppDeps {
  version: string;
}

/** An error a route raises on purpose: its status and the `{error: {code, message}}` body. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 500 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Builds the Hono app; `main.ts` serves it and tests call `app.request()` on it. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();

  app.get("/health", (c) => c.json({ status: "ok", version: deps.version }));

  app.notFound((c) =>
    c.json(
      { error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}` } },
      404,
    )
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      return c.json({ error: { code: error.code, message: error.message } }, error.status);
    }
    if (error instanceof HTTPException) {
      return c.json(
        { error: { code: "http_error", message: error.message || "request failed" } },
        error.status,
      );
    }
    console.error(JSON.stringify({ level: "error", msg: "unhandled", error: String(error) }));
    return c.json({ error: { code: "internal_error", message: "internal server error" } }, 500);
  });
  return app;
}
