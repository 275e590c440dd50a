/**
 * A minimal JSX runtime producing the element objects Satori reads (`{ type, props }`).
 * Function components are called at once, so a card's tree holds only intrinsic elements.
 */
export type Child = Element | string | number | boolean | null | undefined | readonly Child[];

export interface Element {
  type: string;
  props: Record<string, unknown>;
  key: null;
}

/** CSS as Satori accepts it (camelCase properties, numbers as px). */
export type Style = Record<string, string | number | undefined>;

type Component<P> = (props: P) => Element;

export function jsx<P extends Record<string, unknown>>(
  type: string | Component<P>,
  props: P,
): Element {
  if (typeof type === "function") return type(props);
  return { type, props, key: null };
}

export const jsxs = jsx;

export function Fragment(props: { children?: Child }): Element {
  return {
    type: "div",
    props: { style: { display: "flex" }, children: props.children },
    key: null,
  };
}

export declare namespace JSX {
  type Element = import("./jsx-runtime.ts").Element;
  interface IntrinsicElements {
    [name: string]: { style?: Style; children?: Child; [attribute: string]: unknown };
  }
  interface ElementChildrenAttribute {
    children: unknown;
  }
}
