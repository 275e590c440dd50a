/**
 * The interactions Discord sends us, validated with zod: PING, slash commands, component clicks
 * (buttons, select menus) and autocomplete. Anything else (modals, unknown types, missing fields)
 * is refused with 400 and a message saying which field is wrong. Only the fields we read are kept.
 */
import { z } from "zod";

const snowflake = z.string().regex(/^\d{1,20}$/, "must be a Discord id");

const user = z.object({
  id: snowflake,
  username: z.string().min(1).max(64),
  global_name: z.string().max(64).nullish(),
});

const member = z.object({
  user: user,
  roles: z.array(snowflake).max(1000),
  /** The member's permissions in the channel, a decimal bit set. */
  permissions: z.string().regex(/^\d{1,40}$/, "must be a permission bit set"),
});

/** An option of a slash command as sent: a value, or a sub-command with its own options. */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InteractionOption[];
}

const option: z.ZodType<InteractionOption> = z.lazy(() =>
  z.object({
    name: z.string().min(1).max(32),
    type: z.number().int().min(1).max(11),
    value: z.union([z.string().max(6000), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(option).max(25).optional(),
  })
);

const commandData = z.object({
  id: snowflake,
  name: z.string().min(1).max(32),
  options: z.array(option).max(25).optional(),
  resolved: z.object({ users: z.record(snowflake, user).optional() }).optional(),
});

/** Fields every interaction from a user carries. */
const fromUser = {
  id: snowflake,
  application_id: snowflake,
  token: z.string().min(1).max(1000),
  guild_id: snowflake.optional(),
  channel_id: snowflake.optional(),
  /** Present in a guild… */
  member: member.optional(),
  /** …and in a DM instead. */
  user: user.optional(),
};

const hasCaller = (i: { member?: unknown; user?: unknown }) =>
  i.member !== undefined || i.user !== undefined;
const callerRule = { message: "member or user is required", path: ["member"] };

const ping = z.object({ type: z.literal(1), id: snowflake, application_id: snowflake });

const command = z.object({ ...fromUser, type: z.literal(2), data: commandData })
  .refine(hasCaller, callerRule);

const component = z.object({
  ...fromUser,
  type: z.literal(3),
  data: z.object({
    custom_id: z.string().min(1).max(100),
    component_type: z.number().int().min(1).max(20),
    values: z.array(z.string().max(100)).max(25).optional(),
  }),
}).refine(hasCaller, callerRule);

const autocomplete = z.object({ ...fromUser, type: z.literal(4), data: commandData })
  .refine(hasCaller, callerRule);

export type PingInteraction = z.output<typeof ping>;
export type CommandInteraction = z.output<typeof command>;
export type ComponentInteraction = z.output<typeof component>;
export type AutocompleteInteraction = z.output<typeof autocomplete>;
export type Interaction =
  | PingInteraction
  | CommandInteraction
  | ComponentInteraction
  | AutocompleteInteraction;
export type InteractionUser = z.output<typeof user>;
export type InteractionMember = z.output<typeof member>;

const SCHEMAS = { 1: ping, 2: command, 3: component, 4: autocomplete } as const;

export type InteractionParseError = {
  code: "unknown_interaction_type" | "invalid_interaction";
  message: string;
};

/** Validates a decoded JSON body as an interaction we handle. */
export function parseInteraction(
  body: unknown,
): { ok: true; interaction: Interaction } | { ok: false; error: InteractionParseError } {
  const type = (body as { type?: unknown } | null)?.type;
  const schema = typeof type === "number" ? SCHEMAS[type as keyof typeof SCHEMAS] : undefined;
  if (!schema) {
    return {
      ok: false,
      error: {
        code: "unknown_interaction_type",
        message: `unsupported interaction type ${JSON.stringify(type ?? null)}; ` +
          "handled: 1 (ping), 2 (command), 3 (component), 4 (autocomplete)",
      },
    };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      ok: false,
      error: {
        code: "invalid_interaction",
        message: `${["interaction", ...issue.path].join(".")}: ${issue.message}`,
      },
    };
  }
  return { ok: true, interaction: parsed.data };
}
