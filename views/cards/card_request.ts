/** What a caller (HTTP route, Discord command, automatic post) asks the card renderer for. */
export type CardRequest =
  | { kind: "session"; sessionId: number }
  | { kind: "session_graphs"; sessionId: number }
  | { kind: "player"; guid: string }
  | { kind: "compare"; guidA: string; guidB: string }
  | { kind: "leaderboard"; category: string; period: string }
  | { kind: "round"; roundId: number };

/** A rendered card: PNG bytes plus an ETag derived from the input data and card version. */
export interface RenderedCard {
  png: Uint8Array;
  etag: string;
  /** A file name for attachments, e.g. `session-12.png`. */
  fileName: string;
  width: number;
  height: number;
}
