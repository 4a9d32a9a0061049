// Islands: on the shared copy of a reading page (server/guest-page-cache.ts) the browser gets no Next
// runtime, only a small bundle (app/_islands/client.tsx) that hydrates each client component on its
// own. For that, each client component the page uses is wrapped here: its props are written into the
// page as JSON beside its server-rendered HTML, and a `children` it is given (server HTML) is marked
// as a slot, which the browser takes back from the DOM as it is. Pages still served by Next's runtime
// (staff copies, renders for one member) hydrate the same markup as usual: the wrappers are
// `display: contents` and change nothing there.
//
// What this asks of a component made an island (app/_islands/registry.ts lists them):
// - it is hydrated as a root of its own, with another identifierPrefix than the server's: no useId
//   in what the server renders (ids from props instead);
// - it never unmounts and draws again the `children` it was given (the slot's HTML is re-used as a
//   string, and islands inside it are hydrated separately: drawn again they would be dead HTML).
//   Hide them instead (`hidden` on a wrapper), as IgnoredWhen does;
// - it is not rendered by another client component (that one's bundle draws it: no wrapper there).
import type { ComponentProps, ComponentType, ReactNode } from "react";
import type { IslandName, islands } from "./registry";

/** Props must survive JSON as they are (a Date would arrive as a string): checked at render. */
function assertJson(value: unknown, path: string): void {
  if (value === null || value === undefined) return;
  switch (typeof value) {
    case "string":
    case "boolean":
      return;
    case "number":
      if (Number.isFinite(value)) return;
      break;
    case "object":
      if (Array.isArray(value)) return value.forEach((v, i) => assertJson(v, `${path}[${i}]`));
      if (Object.getPrototypeOf(value) === Object.prototype) {
        for (const [k, v] of Object.entries(value)) assertJson(v, `${path}.${k}`);
        return;
      }
  }
  throw new Error(
    `Island prop ${path} is not plain JSON (${Object.prototype.toString.call(value)})`,
  );
}

/** The client component, as a server component that writes its props for the islands runtime. The
 * name is the component's key in the registry, and its type checks that the two go together. */
export function island<N extends IslandName>(name: N, Component: (typeof islands)[N]) {
  const Inner = Component as ComponentType<Record<string, unknown>>;
  function Island(props: ComponentProps<(typeof islands)[N]>) {
    const { children, ...rest } = props as { children?: ReactNode } & Record<string, unknown>;
    assertJson(rest, name);
    const inner = children === undefined ? undefined : <parley-slot>{children}</parley-slot>;
    return (
      <parley-island data-c={name} data-p={JSON.stringify(rest)}>
        <Inner {...rest}>{inner}</Inner>
      </parley-island>
    );
  }
  Island.displayName = `Island(${name})`;
  return Island;
}
