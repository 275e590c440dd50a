/**
 * `POST /api/v1/stats-files`: a game server uploads one round stats file, optionally with what the
 * game saw of the round in `X-Etl-Round-Meta` (domain/round_meta.ts).
 */
import { Hono } from "hono";
import { z } from "zod";
import { parseRoundMetaHeader, type RoundMeta } from "../domain/round_meta.ts";
import { authenticateUpload } from "../ingest/auth.ts";
import { metrics } from "./metrics.ts";
import { loadIngestContext } from "../ingest/context.ts";
import { ingestFiles, type IngestOutcome, MAX_FILE_BYTES } from "../ingest/pipeline.ts";
import type { AppDeps } from "./app.ts";
import { readBody } from "./body.ts";
import { ApiError } from "./errors.ts";

/** Room for multipart framing around a file of the largest accepted size. */
const MULTIPART_OVERHEAD = 16 * 1024;

const fileNameHeader = z.string().trim().min(1).max(255);

/** Content types a raw upload (body = the file, name in X-Stats-Filename) may carry. */
const RAW_TYPES = new Set([
  "",
  "application/octet-stream",
  "text/plain",
  "application/x-www-form-urlencoded",
]);

async function fileFromRequest(
  request: Request,
): Promise<
  { fileName: string; bytes: Uint8Array; signedName: string; body: Uint8Array<ArrayBuffer> }
> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") {
    const body = await readBody(request, MAX_FILE_BYTES + MULTIPART_OVERHEAD);
    let form: FormData;
    try {
      form = await new Response(body, {
        headers: { "content-type": request.headers.get("content-type")! },
      })
        .formData();
    } catch {
      throw new ApiError(400, "malformed_multipart", "the multipart body could not be read");
    }
    const file = form.get("file");
    if (!(file instanceof File)) {
      throw new ApiError(400, "missing_file", 'the multipart body needs a file field named "file"');
    }
    if (file.size > MAX_FILE_BYTES) {
      throw new ApiError(
        413,
        "payload_too_large",
        `the file is larger than ${MAX_FILE_BYTES} bytes`,
      );
    }
    const fileName = fileNameHeader.safeParse(file.name.split(/[/\\]/).pop() ?? "");
    if (!fileName.success) {
      throw new ApiError(400, "missing_file_name", "the uploaded file has no name");
    }
    return {
      fileName: fileName.data,
      bytes: new Uint8Array(await file.arrayBuffer()),
      signedName: "",
      body,
    };
  }
  // curl --data-binary sends application/x-www-form-urlencoded unless told otherwise.
  if (!RAW_TYPES.has(type)) {
    throw new ApiError(
      415,
      "unsupported_media_type",
      `send the file as application/octet-stream (with X-Stats-Filename) or multipart/form-data, not ${type}`,
    );
  }
  const header = fileNameHeader.safeParse(request.headers.get("x-stats-filename") ?? "");
  if (!header.success) {
    throw new ApiError(
      400,
      "missing_file_name",
      "the X-Stats-Filename header is required for a raw upload",
    );
  }
  const body = await readBody(request, MAX_FILE_BYTES);
  return { fileName: header.data, bytes: body, signedName: header.data, body };
}

function respond(outcome: IngestOutcome): { status: 200 | 201; body: unknown } {
  switch (outcome.status) {
    case "imported":
    case "orphan_r2":
      return { status: 201, body: outcome };
    case "duplicate":
    case "ignored":
      return { status: 200, body: outcome };
    case "failed":
      throw new ApiError(422, outcome.error.code, outcome.error.message, {
        rawFileId: outcome.rawFileId,
      });
    case "rejected": {
      const status = outcome.error.code === "file_name_conflict"
        ? 409
        : outcome.error.code === "file_too_large"
        ? 413
        : 400;
      throw new ApiError(status, outcome.error.code, outcome.error.message);
    }
  }
}

export function uploadRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.post("/api/v1/stats-files", async (c) => {
    const started = performance.now();
    try {
      const outcome = await receiveUpload(c.req.raw);
      metrics.uploads.inc({ outcome: outcome.status });
      deps.onImported?.(outcome);
      const { status, body } = respond(outcome);
      return c.json(body, status);
    } catch (error) {
      metrics.uploads.inc({ outcome: error instanceof ApiError ? error.code : "internal_error" });
      throw error;
    } finally {
      metrics.importDuration.observe({}, (performance.now() - started) / 1000);
    }
  });

  /** Authenticates, validates and ingests one upload; ApiError for anything refused. */
  async function receiveUpload(request: Request): Promise<IngestOutcome> {
    const credentials = {
      authorization: request.headers.get("authorization"),
      tokenId: request.headers.get("x-etl-token-id"),
      timestamp: request.headers.get("x-etl-timestamp"),
      signature: request.headers.get("x-etl-signature"),
    };
    if (!credentials.authorization && !credentials.tokenId && !credentials.signature) {
      throw new ApiError(
        401,
        "missing_credentials",
        "send Authorization: Bearer <upload token>, or sign the request",
      );
    }
    const file = await fileFromRequest(request);
    const metaHeader = request.headers.get("x-etl-round-meta");
    const auth = await authenticateUpload(deps.db, credentials, {
      fileName: file.signedName,
      body: file.body,
      nowSeconds: Math.floor(deps.now() / 1000),
      roundMeta: metaHeader,
    });
    if (!auth.ok) throw new ApiError(401, auth.error.code, auth.error.message);
    let roundMeta: RoundMeta | null = null;
    if (metaHeader !== null) {
      const meta = parseRoundMetaHeader(metaHeader);
      if (!meta.ok) throw new ApiError(400, meta.error.code, meta.error.message);
      roundMeta = meta.value;
    }
    const context = await loadIngestContext(deps.db, deps.ingest);
    const [outcome] = await ingestFiles(
      deps.db,
      {
        id: auth.server.serverId,
        timeZone: auth.server.timeZone,
      },
      [{
        fileName: file.fileName,
        bytes: file.bytes,
        roundMeta,
        receivedAt: new Date(deps.now()).toISOString(),
      }],
      context,
    );
    return outcome!;
  }
  return app;
}
