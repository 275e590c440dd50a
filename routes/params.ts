/** Validating path, query and body values with zod: a bad value is a 400 naming it. */
import type { z } from "zod";
import { ApiError } from "./errors.ts";

export function parseParam<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = [name, ...issue.path].join(".");
    throw new ApiError(400, "invalid_parameter", `${where}: ${issue.message}`);
  }
  return parsed.data;
}
