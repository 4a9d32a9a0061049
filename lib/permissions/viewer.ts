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
