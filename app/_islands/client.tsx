// The islands runtime: the one script of a page served without Next's client runtime (built by
// scripts/build-islands.ts). Each <parley-island data-c="Name" data-p='{…}'> that ./island.tsx
// wrote is hydrated as a React root of its own, with the component ./registry.ts lists by that name
// (a name it does not list stays server HTML). A `children` the server gave the component is its
// slot, taken back from the page as HTML; islands inside a slot are roots of their own.
import { Component, createElement, type ComponentType, type ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";
import { islands } from "./registry";

/** An island that throws while rendering goes blank; the others go on (React logs the error). */
class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? null : this.props.children;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each island has its own props
const registry: Record<string, ComponentType<any> | undefined> = islands;
const elements = [...document.querySelectorAll<HTMLElement>("parley-island")];

// Each island's own slot: the first <parley-slot> whose nearest island is that one. Read before any
// root hydrates, while the page is still the server's HTML.
const slots = new Map<Element, string>();
for (const slot of document.querySelectorAll("parley-slot")) {
  const owner = slot.parentElement?.closest("parley-island");
  if (owner && !slots.has(owner)) slots.set(owner, slot.innerHTML);
}

elements.forEach((element, n) => {
  const name = element.dataset.c ?? "";
  const Island = registry[name];
  if (!Island) return;
  try {
    const props = JSON.parse(element.dataset.p ?? "{}") as Record<string, unknown>;
    const slot = slots.get(element);
    if (slot !== undefined)
      props.children = createElement("parley-slot", { dangerouslySetInnerHTML: { __html: slot } });
    hydrateRoot(
      element,
      <Boundary>
        <Island {...props} />
      </Boundary>,
      {
        identifierPrefix: `i${n}-`,
        onRecoverableError: (error) => console.error(`Island ${name}:`, error),
      },
    );
  } catch (error) {
    console.error(`Island ${name}:`, error);
  }
});
