// Types for the part of React's Flight client (Next's vendored browser build) that ./action-client.ts
// uses; the package ships none.
declare module "next/dist/compiled/react-server-dom-turbopack/client.browser" {
  type TemporaryReferenceSet = Map<string, unknown>;
  type CallServer = (id: string, args: unknown[]) => Promise<unknown>;
  export function createTemporaryReferenceSet(): TemporaryReferenceSet;
  export function encodeReply(
    value: unknown,
    options?: { temporaryReferences?: TemporaryReferenceSet; signal?: AbortSignal },
  ): Promise<string | FormData>;
  export function createFromFetch<T>(
    response: Promise<Response>,
    options?: { callServer?: CallServer; temporaryReferences?: TemporaryReferenceSet },
  ): Promise<T>;
}
