import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { ANONYMOUS, type Viewer } from "../permissions";
import { loadViewer } from "../permissions/load-viewer";
import { roleRenderViewer } from "../permissions/viewer";
import { ROLE_RENDER_HEADER, roleOfRenderHeader } from "../session/role-render";
import { auth } from "./auth";

/** The member making this request, re-read from Postgres (see loadViewer): a stale session version
 * (after a ban or password change) makes them anonymous at once, and their role is always the one
 * the database holds now. Cached for one request. A reading page rendered for a staff role (a request
 * without cookies that server/serve.ts marked, see lib/session/role-render.ts) has that role's
 * viewer, who is nobody in particular. */
export const getViewer = cache(async (): Promise<Viewer> => {
  const role = roleOfRenderHeader((await headers()).get(ROLE_RENDER_HEADER));
  if (role) return roleRenderViewer(role);
  const session = (await auth()) as { uid?: string; sv?: number; sid?: string } | null;
  if (!session?.uid) return ANONYMOUS;
  return loadViewer(session.uid, session.sv ?? 0, { sessionId: session.sid ?? null });
});

/** This request's sign-in id (the token's `sid`), which tells this device from the member's others;
 * null for a token from before sign-in ids. */
export const getSessionId = cache(async (): Promise<string | null> => {
  const session = (await auth()) as { sid?: string } | null;
  return session?.sid ?? null;
});
