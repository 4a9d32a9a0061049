// A server action as the islands call it. esbuild replaces every "use server" module the islands
// import by stubs (scripts/build-islands.ts): `export const name = serverReference("<action id>")`.
// The client that calls it (./action-client.ts, with React's Flight client) loads on the first call.

/** The action, as a function a component can call or hand to `<form action>` / useActionState. */
export function serverReference(id: string) {
  return async function serverAction(...args: unknown[]): Promise<unknown> {
    const { callServer } = await import("./action-client");
    return callServer(id, args);
  };
}
