import type { User } from "@/db/schema";

export type Role = User["role"];

/** Who is asking: read from the database on every request, never trusted from the session alone. */
export interface Viewer {
  id: string | null;
  number: number | null;
  name: string | null;
  role: Role | null;
  /** Banned members can read but not act. */
  isBanned: boolean;
  /** Set (by loadViewer) only while a ban is in force, so the member can be told why and until when. */
  banReason?: string | null;
  /** When the ban in force ends; null: permanent. */
  banEndsAt?: Date | null;
  /** A moderator or administrator whose role waits until they turn on two-step verification, which
   * the administrators require of staff; `role` is "member" meanwhile. */
  awaitingTwoFactor?: boolean;
  /** A member whose email address is not confirmed yet, while the administrators require a confirmed
   * one to post (lib/accounts/email-verification.ts): they may read and react, not post. */
  awaitingEmailVerification?: boolean;
}

export const ANONYMOUS: Viewer = Object.freeze({
  id: null,
  number: null,
  name: null,
  role: null,
  isBanned: false,
});

export const isSignedIn = (
  viewer: Viewer,
): viewer is Viewer & { id: string; name: string; role: Role } => viewer.id !== null;
export const isStaff = (viewer: Viewer) => viewer.role === "moderator" || viewer.role === "admin";

/** Staff roles, each with one shared rendering of the reading pages. */
export type StaffRole = "moderator" | "admin";

// The id of a rendering's viewer, never a member's: member ids are generated without a colon. Every
// query made with it finds nothing of anyone's, and any write with it fails its foreign key.
const ROLE_RENDER_ID = "role-render:";

/** The viewer of a reading page rendered once for every staff member of a role and shared by them
 * (server/guest-page-cache.ts): the role's powers, nobody's identity. What is a member's own (their
 * reactions, watches, ignore list, read marks, edit rights) comes from their personal answer, as it
 * does for members on the guests' rendering. */
export function roleRenderViewer(role: StaffRole): Viewer {
  return Object.freeze({
    id: `${ROLE_RENDER_ID}${role}`,
    number: null,
    name: role === "admin" ? "Administrator" : "Moderator",
    role,
    isBanned: false,
  });
}

export const isRoleRender = (viewer: Viewer) => viewer.id?.startsWith(ROLE_RENDER_ID) ?? false;

/** The viewer whose own things a page may draw on the server: nobody (a guest) on a rendering shared
 * by a role, whose readers each get theirs from the personal answer. */
export const ownerOf = (viewer: Viewer): Viewer => (isRoleRender(viewer) ? ANONYMOUS : viewer);

/** The role whose shared rendering this viewer may be given: active staff only (a banned moderator
 * keeps the role but not its powers; one still awaiting two-step verification is a member). */
export function sharedRenderRole(viewer: Viewer): StaffRole | null {
  if (!isSignedIn(viewer) || viewer.isBanned || isRoleRender(viewer)) return null;
  return viewer.role === "moderator" || viewer.role === "admin" ? viewer.role : null;
}
