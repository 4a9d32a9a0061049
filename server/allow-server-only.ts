// server/ runs under plain Node (tsx), outside Next's bundler, and imports lib/ modules that mark
// themselves `import "server-only"`. That package throws unless resolved with React's
// "react-server" condition, which only Next's server bundles use. Here, on the server by definition,
// it resolves to nothing, as vitest.config.ts aliases it for the tests. Next's own bundles are built
// with the marker already resolved, and require() is not affected: only this process's ES imports.
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;

let registered = false;

export function allowServerOnlyImports(): void {
  if (registered) return;
  registered = true;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
