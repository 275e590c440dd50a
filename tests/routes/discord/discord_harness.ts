/**
 * The real app with Discord configured against a fake Discord API, and builders for interactions
 * as Discord sends them (signed with a generated key pair). Tests call `command`, `click` and
 * `autocomplete`, then await `settled()` for deferred work before reading `fake.requests`.
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { PNG } from "pngjs";
import type { Db } from "../../../db/client.ts";
import type { InteractionOption } from "../../../routes/discord/interaction_schema.ts";
import { createDiscordDeps, type DiscordDeps } from "../../../routes/discord/discord_deps.ts";
import type { DiscordConfig } from "../../../routes/discord/discord_config.ts";
import {
  type FakeDiscord,
  type RecordedRequest,
  startFakeDiscord,
} from "../../helpers/fake_discord.ts";
import {
  generateSigningKey,
  signedHeaders,
  type SigningKey,
} from "../../helpers/discord_signing.ts";
import { loadSampleSet } from "../../helpers/fixtures.ts";
import { DEFAULT_INGEST_SETTINGS, loadIngestContext } from "../../../ingest/context.ts";
import { generateCorpus } from "../../../ingest/corpus/generate_corpus.ts";
import { ingestFiles } from "../../../ingest/pipeline.ts";
import { type TestApp, testApp } from "../../helpers/test_app.ts";

export const APP_ID = "100000000000000001";
export const GUILD_ID = "200000000000000002";
export const ADMIN_ROLE_ID = "300000000000000003";
export const EPHEMERAL = 64;

export interface DiscordUser {
  id: string;
  username: string;
  global_name: string | null;
}

export const ALICE: DiscordUser = {
  id: "400000000000000004",
  username: "alice",
  global_name: "Alice",
};
export const BOB: DiscordUser = { id: "500000000000000005", username: "bob", global_name: null };
export const CAROL: DiscordUser = {
  id: "600000000000000006",
  username: "carol",
  global_name: "Carol",
};

/** Who sends an interaction: a guild member with permissions and roles, or a user in a DM. */
export interface Sender {
  user: DiscordUser;
  permissions?: string;
  roles?: string[];
  dm?: boolean;
}

/** Manage Server. */
export const MANAGE_SERVER = "32";

/** An option value: text, a number, a boolean, or a user (sent as its id, resolved). */
export type OptionValue = string | number | boolean | { user: DiscordUser };

export interface LogEntry {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}

export interface Answer {
  status: number;
  // deno-lint-ignore no-explicit-any -- asserted on field by field
  body: any;
  /** The interaction token: deferred work edits `/webhooks/{app}/{token}/messages/@original`. */
  token: string;
}

export interface DiscordHarness {
  t: TestApp;
  db: Db;
  fake: FakeDiscord;
  discord: DiscordDeps;
  key: SigningKey;
  logs: LogEntry[];
  /** POSTs raw bytes to /interactions with the given headers. */
  post(body: string | Uint8Array, headers: Record<string, string>): Promise<Response>;
  /** POSTs a payload signed as Discord signs it (at the app's clock unless told otherwise). */
  send(payload: unknown, timestampSeconds?: number): Promise<Answer>;
  command(name: string, options?: Record<string, OptionValue>, as?: Sender): Promise<Answer>;
  subcommand(
    name: string,
    sub: string,
    options?: Record<string, OptionValue>,
    as?: Sender,
  ): Promise<Answer>;
  autocomplete(
    name: string,
    focused: [string, string],
    options?: { others?: Record<string, OptionValue>; sub?: string; as?: Sender },
  ): Promise<Answer>;
  click(
    customId: string,
    options?: { values?: string[]; as?: Sender; componentType?: number },
  ): Promise<Answer>;
  /** Waits for every deferred response to be sent. */
  settled(): Promise<void>;
  /** The requests that edited the original response of `token`. */
  editsOf(token: string): RecordedRequest[];
  /** The follow-ups sent for `token`. */
  followupsOf(token: string): RecordedRequest[];
  close(): Promise<void>;
}

const OPTION_TYPE = { string: 3, number: 4, boolean: 5, user: 6 } as const;

function optionsOf(values: Record<string, OptionValue>, focused?: [string, string]) {
  const users: Record<string, DiscordUser> = {};
  const options: InteractionOption[] = Object.entries(values).map(([name, value]) => {
    if (typeof value === "object") {
      users[value.user.id] = value.user;
      return { name, type: OPTION_TYPE.user, value: value.user.id };
    }
    return { name, type: OPTION_TYPE[typeof value as "string" | "number" | "boolean"], value };
  });
  if (focused) options.push({ name: focused[0], type: 3, value: focused[1], focused: true });
  return { options, users };
}

export async function discordHarness(
  db: Db,
  options: { seed?: boolean; config?: Partial<DiscordConfig> } = {},
): Promise<DiscordHarness> {
  const fake = startFakeDiscord();
  const key = await generateSigningKey();
  const logs: LogEntry[] = [];
  const discord = createDiscordDeps({
    publicKey: key.publicKeyHex,
    applicationId: APP_ID,
    botToken: "test-bot-token-0123456789",
    apiBaseUrl: fake.baseUrl,
    guildId: null,
    adminRoleId: ADMIN_ROLE_ID,
    adminGuildIds: [GUILD_ID],
    ...options.config,
  }, { log: (level, msg, fields = {}) => logs.push({ level, msg, fields }) });
  const t = await testApp(db, { deps: { discord } });
  if (options.seed) await seedCleanSamples(t);
  let counter = 0;

  const post = (body: string | Uint8Array, headers: Record<string, string>) =>
    Promise.resolve(t.app.request("/interactions", {
      method: "POST",
      headers,
      body: body as BodyInit,
    }));

  const send = async (payload: unknown, timestampSeconds = Math.floor(t.clock.now / 1000)) => {
    const body = JSON.stringify(payload);
    const res = await post(body, await signedHeaders(key, body, timestampSeconds));
    const text = await res.text();
    return {
      status: res.status,
      body: text ? JSON.parse(text) : null,
      token: (payload as { token?: string }).token ?? "",
    };
  };

  const base = (type: number, as: Sender) => {
    counter++;
    const caller = as.dm ? { user: as.user } : {
      guild_id: GUILD_ID,
      member: { user: as.user, roles: as.roles ?? [], permissions: as.permissions ?? "0" },
    };
    return {
      id: `7000000000000${String(counter).padStart(5, "0")}`,
      application_id: APP_ID,
      type,
      token: `interaction-token-${counter}`,
      version: 1,
      channel_id: "800000000000000008",
      ...caller,
    };
  };

  const commandPayload = (
    type: 2 | 4,
    name: string,
    values: Record<string, OptionValue>,
    as: Sender,
    sub?: string,
    focused?: [string, string],
  ) => {
    const { options, users } = optionsOf(values, focused);
    return {
      ...base(type, as),
      data: {
        id: "900000000000000009",
        name,
        type: 1,
        options: sub ? [{ name: sub, type: 1, options }] : options,
        ...(Object.keys(users).length > 0 ? { resolved: { users } } : {}),
      },
    };
  };

  const requestsOf = (token: string, method: string, suffix: string) =>
    fake.requests.filter((r) =>
      r.method === method && r.path === `/api/v10/webhooks/${APP_ID}/${token}${suffix}`
    );

  return {
    t,
    db,
    fake,
    discord,
    key,
    logs,
    post,
    send,
    command: (name, values = {}, as = { user: ALICE }) => send(commandPayload(2, name, values, as)),
    subcommand: (name, sub, values = {}, as = { user: ALICE, permissions: MANAGE_SERVER }) =>
      send(commandPayload(2, name, values, as, sub)),
    autocomplete: (name, focused, opts = {}) =>
      send(
        commandPayload(4, name, opts.others ?? {}, opts.as ?? { user: ALICE }, opts.sub, focused),
      ),
    click: (customId, opts = {}) =>
      send({
        ...base(3, opts.as ?? { user: ALICE }),
        data: {
          custom_id: customId,
          component_type: opts.componentType ?? (opts.values ? 3 : 2),
          ...(opts.values ? { values: opts.values } : {}),
        },
        message: { id: "910000000000000010" },
      }),
    settled: () => discord.background.settled(),
    editsOf: (token) => requestsOf(token, "PATCH", "/messages/@original"),
    followupsOf: (token) => requestsOf(token, "POST", ""),
    close: () => fake.close(),
  };
}

/** Runs `fn` with a harness and always stops its fake Discord. */
export async function withHarness(
  db: Db,
  options: { seed?: boolean; config?: Partial<DiscordConfig> },
  fn: (h: DiscordHarness) => Promise<void>,
): Promise<void> {
  const h = await discordHarness(db, options);
  try {
    await fn(h);
  } finally {
    await h.settled();
    await h.close();
  }
}

/** The clean sample set (3 sessions, 16 maps, 6 players) uploaded through the real API. */
export async function seedCleanSamples(t: TestApp): Promise<void> {
  const { truth, bytes } = loadSampleSet("clean");
  for (const file of truth.files) {
    const res = await t.upload(file.file, bytes.get(file.file)!);
    assert.equal(res.status, 201, file.file);
  }
}

/** A generated corpus (`sessions` evenings of `maps` maps) imported into the test server. */
export async function seedCorpus(t: TestApp, sessions: number, maps: number): Promise<void> {
  const corpus = generateCorpus({ sessions, mapsPerSession: maps, seed: 11, start: "2025-06-02" });
  const encoder = new TextEncoder();
  const outcomes = await ingestFiles(
    t.db,
    { id: t.serverId, timeZone: "Europe/Berlin" },
    corpus.files.map((f) => ({ fileName: f.name, bytes: encoder.encode(f.text) })),
    await loadIngestContext(t.db, DEFAULT_INGEST_SETTINGS),
  );
  assert.ok(outcomes.every((o) => o.status === "imported"));
}

/** An immediate ephemeral text answer (type 4, flags 64) matching `pattern`. */
export function assertEphemeral(answer: Answer, pattern: RegExp): void {
  assert.equal(answer.status, 200);
  assert.equal(answer.body.type, 4, JSON.stringify(answer.body));
  assert.equal(answer.body.data.flags & EPHEMERAL, EPHEMERAL, "ephemeral");
  assert.match(answer.body.data.content, pattern);
}

/** Decodes a PNG fully (signature, chunks, CRCs, zlib) and returns its size. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const image = PNG.sync.read(Buffer.from(bytes));
  return { width: image.width, height: image.height };
}

/**
 * The single edit of a deferred card response: multipart with `payload_json` and one PNG in
 * `files[0]`, referenced by the embed and the attachments list. Returns the payload and the PNG.
 */
export function cardEdit(h: DiscordHarness, token: string) {
  const edits = h.editsOf(token);
  assert.equal(edits.length, 1, `one edit of ${token}: ${h.fake.requests.map((r) => r.path)}`);
  const edit = edits[0]!;
  assert.ok(edit.parts, "multipart body");
  assert.deepEqual(edit.parts.map((p) => p.name), ["files[0]", "payload_json"]);
  const file = edit.parts[0]!;
  assert.equal(file.contentType, "image/png");
  const payload = edit.payload;
  assert.deepEqual(payload.attachments, [{ id: 0, filename: file.fileName }]);
  assert.equal(payload.embeds[0].image.url, `attachment://${file.fileName}`);
  return { payload, png: file.bytes, fileName: file.fileName! };
}
