// Calls a server action the way Next's own client does (next/dist/client/components/router-reducer/
// reducers/server-action-reducer.js, fetchServerAction): a POST to the page's URL with the action's
// id in `Next-Action`, the arguments encoded by React's Flight client, and the answer decoded by it.
// Loaded on the first call only (./server-reference.ts).
//
// Next builds with Turbopack, so its server decodes with react-server-dom-turbopack; this is the
// browser build of the same vendored copy.
import {
  createFromFetch,
  createTemporaryReferenceSet,
  encodeReply,
} from "next/dist/compiled/react-server-dom-turbopack/client.browser";

/** An action's id says which of its first six parameters it uses (its first byte: Next's
 * shared/lib/server-reference-info.js); Next sends only those and so does this. */
export function usedArgs(id: string, args: unknown[]): unknown[] {
  const info = parseInt(id.slice(0, 2), 16);
  const used = (index: number) => (index < 6 ? (info >> (6 - index)) & 1 : info & 1) === 1;
  const kept = new Array<unknown>(args.length);
  let length = 0;
  args.forEach((arg, index) => {
    if (used(index)) {
      kept[index] = arg;
      length = index + 1;
    }
  });
  kept.length = length;
  return kept;
}

export async function callServer(id: string, args: unknown[]): Promise<unknown> {
  const temporaryReferences = createTemporaryReferenceSet();
  const body = await encodeReply(usedArgs(id, args), { temporaryReferences });
  const response = await fetch(location.pathname + location.search, {
    method: "POST",
    headers: {
      Accept: "text/x-component",
      "Next-Action": id,
      // Next's own mark of an action its server forwarded from another page's worker. The answer
      // then carries the action's result alone: without it, an action that called revalidatePath
      // is answered with a render of the whole page for Next's router, which this page has not (18
      // KB and a page's worth of queries for "mark all read"). Nor is the call forwarded again:
      // the action must be one of this page's, which an island on this page always calls.
      "x-action-forwarded": "1",
    },
    body,
  });
  if (response.headers.get("x-nextjs-action-not-found") === "1")
    throw new Error(`Server Action "${id}" was not found on the server.`);

  // redirect() in the action: "<url>;<push|replace>". Without a client router that is a page load;
  // the call never settles, so the form stays pending until the page goes.
  const redirect = response.headers.get("x-action-redirect");
  if (redirect) {
    void response.body?.cancel();
    const [url = "/", type] = redirect.split(";");
    if (type === "replace") location.replace(url);
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- no router here
    else location.assign(url);
    return new Promise(() => {});
  }

  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("text/x-component")) {
    throw new Error(
      response.status >= 400 && type.startsWith("text/plain")
        ? await response.text()
        : "An unexpected response was received from the server.",
    );
  }
  // { a: the action's result (a promise: it rejects with what the action threw), … }.
  const root = await createFromFetch<{ a: Promise<unknown> }>(Promise.resolve(response), {
    callServer,
    temporaryReferences,
  });
  return root.a;
}
