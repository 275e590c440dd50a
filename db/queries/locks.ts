/** Advisory locks that serialise writers. */
import type { Db, Statement } from "../client.ts";

/** Serialises everything that writes one server's rounds (held until the transaction ends). */
export async function lockServer(tx: Db, serverId: number): Promise<void> {
  await tx.query("select pg_advisory_xact_lock(7315, $1)", [serverId]);
}

/** The statement of {@link lockServer}, to send with others. */
export function lockServerStatement(serverId: number): Statement {
  return { text: "select pg_advisory_xact_lock(7315, $1)", params: [serverId] };
}
