/**
 * Who may use /admin: in one of the community's own Discord servers (`DISCORD_ADMIN_GUILD_IDS`,
 * else `DISCORD_GUILD_ID`), members with Manage Server or Administrator in the channel (Discord
 * sends the computed bit set with every interaction), or with the configured admin role. Never in
 * another server (anyone can add a public bot to a server they own) and never in a DM.
 */
import type { InteractionMember } from "./interaction_schema.ts";

export const ADMINISTRATOR = 1n << 3n;
export const MANAGE_GUILD = 1n << 5n;

/** `default_member_permissions` of /admin: Discord hides it from members without Manage Server. */
export const ADMIN_DEFAULT_PERMISSIONS = String(MANAGE_GUILD);

export function isAdmin(
  caller: { member: InteractionMember | null; guildId: string | null },
  config: { adminGuildIds: readonly string[]; adminRoleId: string | null },
): boolean {
  const { member } = caller;
  if (!member || caller.guildId === null || !config.adminGuildIds.includes(caller.guildId)) {
    return false;
  }
  const adminRoleId = config.adminRoleId;
  const permissions = BigInt(member.permissions);
  if ((permissions & (MANAGE_GUILD | ADMINISTRATOR)) !== 0n) return true;
  return adminRoleId !== null && member.roles.includes(adminRoleId);
}
