/** What every card is, and the renderer that turns a card and its input into a cached PNG. */
import type { Element } from "../jsx/jsx-runtime.ts";
import { CardCache, cardHash } from "../card_cache.ts";
import { TEXT_FONT } from "../fonts.ts";
import type { Renderer } from "../render.ts";
import type { RenderedCard } from "./card_request.ts";

export interface CardDefinition<Input> {
  name: string;
  /** Bump when the picture changes for the same input: it is part of the ETag and cache key. */
  version: number;
  /** Layout width in CSS px; height follows the content. */
  width: number;
  element(input: Input): Element;
  fileName(input: Input): string;
}

/** Device pixels per CSS pixel (1: the 150 ms budget of the recap leaves no room for 1.5). */
export const CARD_SCALE = 1;

export class CardRenderer {
  readonly cache: CardCache;

  constructor(
    readonly renderer: Renderer,
    capacity = 200,
    /** Told the duration of every render that missed the cache (metrics). */
    private readonly onRender: (card: string, seconds: number) => void = () => {},
  ) {
    this.cache = new CardCache(capacity);
  }

  /** The ETag of a card for `input`, without rendering it. */
  async etag<Input>(card: CardDefinition<Input>, input: Input): Promise<string> {
    return `"${(await cardHash(card.name, card.version, input)).slice(0, 32)}"`;
  }

  /** Parses the fonts and compiles Satori's layout engine, so the first real card is fast. */
  async warm(): Promise<void> {
    await this.renderer.render({
      type: "div",
      props: { style: { display: "flex", fontFamily: TEXT_FONT }, children: "warm 0123 Жж" },
      key: null,
    }, { width: 200 });
  }

  /** Renders (or reuses) the card; pass the `etag` when the caller has already computed it. */
  async render<Input>(
    card: CardDefinition<Input>,
    input: Input,
    etag?: string,
  ): Promise<RenderedCard> {
    etag ??= await this.etag(card, input);
    let image = this.cache.get(etag);
    if (!image) {
      const started = performance.now();
      image = await this.renderer.render(card.element(input), {
        width: card.width,
        scale: CARD_SCALE,
      });
      this.onRender(card.name, (performance.now() - started) / 1000);
      this.cache.set(etag, image);
    }
    return { ...image, etag, fileName: card.fileName(input) };
  }
}
