/**
 * Who may use /admin: members with Manage Server or Administrator in the channel (Discord sends the
 * computed bit set with every interaction), or with the configured admin role. Never anyone in a
 * DM, where there is no membership to check.
 */
import type { InteractionMember } from "./interaction_schema.ts";

export const ADMINISTRATOR = 1n << 3n;
export const MANAGE_GUILD = 1n << 5n;

/** `default_member_permissions` of /admin: Discord hides it from members without Manage Server. */
export const ADMIN_DEFAULT_PERMISSIONS = String(MANAGE_GUILD);

export function isAdmin(member: InteractionMember | null, adminRoleId: string | null): boolean {
  if (!member) return false;
  const permissions = BigInt(member.permissions);
  if ((permissions & (MANAGE_GUILD | ADMINISTRATOR)) !== 0n) return true;
  return adminRoleId !== null && member.roles.includes(adminRoleId);
}
