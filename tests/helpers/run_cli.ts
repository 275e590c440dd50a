/** Runs one of the project's command-line scripts as a real subprocess. */
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `deno run <permissions> <script> <args>` from the project root, with the project's config. */
export async function runScript(
  script: string,
  args: string[],
  options: { permissions?: string[]; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliRun> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--config",
      `${PROJECT_ROOT}deno.json`,
      ...(options.permissions ?? ["--allow-read"]),
      `${PROJECT_ROOT}${script}`,
      ...args,
    ],
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { NO_COLOR: "1", ...options.env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}
