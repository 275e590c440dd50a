/**
 * Buttons and select menus carry everything needed to answer a click in their `custom_id` (at most
 * 100 characters): which view, of what, which page. No state is kept between requests, so any
 * instance answers any click, even after a restart.
 *
 * `session:overview:<id>`, `session:graphs:<id>`, `session:maps:<id>:<page>`,
 * `sessions:page:<offset>`, `sessions:open` (a select menu whose value is the session id).
 */

export type ComponentAction =
  | { kind: "session_overview"; sessionId: number }
  | { kind: "session_graphs"; sessionId: number }
  | { kind: "session_maps"; sessionId: number; page: number }
  | { kind: "sessions_page"; offset: number }
  | { kind: "sessions_open" };

const MAX_ID = 2 ** 31 - 1;
const MAX_PAGE = 100_000;
const MAX_OFFSET = 1_000_000;

export function encodeCustomId(action: ComponentAction): string {
  switch (action.kind) {
    case "session_overview":
      return `session:overview:${action.sessionId}`;
    case "session_graphs":
      return `session:graphs:${action.sessionId}`;
    case "session_maps":
      return `session:maps:${action.sessionId}:${action.page}`;
    case "sessions_page":
      return `sessions:page:${action.offset}`;
    case "sessions_open":
      return "sessions:open";
  }
}

/** A whole number in [min, max] written without sign or leading zeros; null otherwise. */
function whole(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^(0|[1-9]\d{0,9})$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/** The action of a `custom_id`; null for anything we did not write. */
export function decodeCustomId(customId: string): ComponentAction | null {
  const [scope, view, first, second, ...rest] = customId.split(":");
  if (rest.length > 0) return null;
  if (scope === "session") {
    const sessionId = whole(first, 1, MAX_ID);
    if (sessionId === null) return null;
    if (view === "overview" && second === undefined) return { kind: "session_overview", sessionId };
    if (view === "graphs" && second === undefined) return { kind: "session_graphs", sessionId };
    const page = whole(second, 0, MAX_PAGE);
    if (view === "maps" && page !== null) return { kind: "session_maps", sessionId, page };
    return null;
  }
  if (scope === "sessions") {
    if (view === "open" && first === undefined) return { kind: "sessions_open" };
    const offset = whole(first, 0, MAX_OFFSET);
    if (view === "page" && offset !== null && second === undefined) {
      return { kind: "sessions_page", offset };
    }
  }
  return null;
}
