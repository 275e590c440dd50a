/**
 * Card element tree → Satori → SVG → resvg → PNG. Two resvg back-ends behind one function: the
 * native addon (`@resvg/resvg-js`, fastest) and WebAssembly (`@resvg/resvg-wasm`, for hosts that
 * cannot load native addons). `auto` tries native and falls back to wasm when it cannot load.
 */
import { createRequire } from "node:module";
import satori from "satori";
import type { Element } from "./jsx/jsx-runtime.ts";
import { fonts } from "./fonts.ts";
import { encodePng } from "./png_encode.ts";

export type RendererChoice = "auto" | "native" | "wasm";
export type RendererBackend = "native" | "wasm";

interface ResvgLike {
  render(): { pixels: Uint8Array; width: number; height: number };
}
type ResvgConstructor = new (
  svg: string,
  options: { fitTo: { mode: "zoom"; value: number }; font: { loadSystemFonts: false } },
) => ResvgLike;

export interface RenderedPng {
  png: Uint8Array;
  width: number;
  height: number;
}

export interface Renderer {
  backend: RendererBackend;
  /** Renders `element` at `width` CSS px (height follows the content) and `scale` device px per px. */
  render(element: Element, size: { width: number; height?: number; scale?: number }): Promise<
    RenderedPng
  >;
}

async function loadNative(): Promise<ResvgConstructor> {
  const module = await import("@resvg/resvg-js");
  return module.Resvg as unknown as ResvgConstructor;
}

let wasmReady: Promise<ResvgConstructor> | null = null;

function loadWasm(): Promise<ResvgConstructor> {
  wasmReady ??= (async () => {
    const module = await import("@resvg/resvg-wasm");
    const require = createRequire(import.meta.url);
    await module.initWasm(Deno.readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
    return module.Resvg as unknown as ResvgConstructor;
  })();
  return wasmReady;
}

/** Loads the chosen back-end; `auto` falls back to wasm (and says so) when native cannot load. */
export async function createRenderer(choice: RendererChoice = "auto"): Promise<Renderer> {
  let backend: RendererBackend = choice === "wasm" ? "wasm" : "native";
  let Resvg: ResvgConstructor;
  if (backend === "native") {
    try {
      Resvg = await loadNative();
    } catch (error) {
      if (choice === "native") throw error;
      console.error(JSON.stringify({
        level: "warn",
        msg: "native resvg unavailable; using the wasm renderer",
        error: String(error),
      }));
      backend = "wasm";
      Resvg = await loadWasm();
    }
  } else {
    Resvg = await loadWasm();
  }
  return {
    backend,
    async render(element, { width, height, scale = 1 }) {
      const svg = await satori(element as unknown as Parameters<typeof satori>[0], {
        width,
        height,
        fonts: fonts(),
      });
      const image = new Resvg(svg, {
        fitTo: { mode: "zoom", value: scale },
        font: { loadSystemFonts: false },
      }).render();
      return {
        png: encodePng(image.width, image.height, image.pixels),
        width: image.width,
        height: image.height,
      };
    },
  };
}
