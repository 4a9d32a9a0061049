// Who is asking, from a raw Cookie header: the session read with node:crypto (session-cookie.ts),
// the member re-read from Postgres (loadViewer), so a ban, a role change, a password change or
// sign-out counts from the very next request. Used by the routes server/serve.ts answers without
// Next (the personal answer, replies, reactions), where Auth.js's auth() is not available.
import "server-only";
import { loadViewer, loadViewerWith, type Alongside } from "../permissions/load-viewer";
import { ANONYMOUS, sharedRenderRole, type StaffRole, type Viewer } from "../permissions/viewer";
import { readSession, type SessionClaims } from "./session-cookie";

/** The session in the header, under either of Auth.js's cookie names (https first). */
export function sessionOf(cookieHeader: string | undefined): SessionClaims | null {
  return (
    readSession(cookieHeader, { secure: true }) ?? readSession(cookieHeader, { secure: false })
  );
}

export async function viewerOf(cookieHeader: string | undefined): Promise<Viewer> {
  const session = sessionOf(cookieHeader);
  return session ? loadViewer(session.uid, session.sv, { sessionId: session.sid }) : ANONYMOUS;
}

/** viewerOf, with `alongside` read in the member's statement (null for a guest): see loadViewerWith. */
export async function viewerOfWith<T>(
  cookieHeader: string | undefined,
  alongside: Alongside,
): Promise<{ viewer: Viewer; alongside: T | null }> {
  const session = sessionOf(cookieHeader);
  return session
    ? loadViewerWith<T>(session.uid, session.sv, alongside, { sessionId: session.sid })
    : { viewer: ANONYMOUS, alongside: null };
}

/** The staff role whose shared rendering of the reading pages this member may be given
 * (server/guest-page-cache.ts), or null: not signed in, not staff, banned. */
export async function staffRoleOf(cookieHeader: string | undefined): Promise<StaffRole | null> {
  return sharedRenderRole(await viewerOf(cookieHeader));
}
