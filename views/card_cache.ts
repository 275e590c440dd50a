/** A bounded LRU of rendered cards, keyed by a hash of card name, card version and input data. */
import type { RenderedPng } from "./render.ts";

export class CardCache {
  readonly #entries = new Map<string, RenderedPng>();

  constructor(readonly capacity: number) {}

  get(key: string): RenderedPng | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: RenderedPng): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.capacity) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Hex SHA-256 of the card's identity and data: the ETag and the cache key. */
export async function cardHash(name: string, version: number, input: unknown): Promise<string> {
  const text = `${name}\n${version}\n${JSON.stringify(input)}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
