// Who may keep threads in order. Merged into the one permissions module (./index.ts).
import { isSignedIn, isStaff, type Role, type Viewer } from "./viewer";
import type { ShownPostTarget } from "./posting";
import { mayViewForum } from "./forums";

export interface BanTarget {
  id: string;
  role: Role;
}

const activeMember = (viewer: Viewer) => isSignedIn(viewer) && !viewer.isBanned;
const activeStaff = (viewer: Viewer) => activeMember(viewer) && isStaff(viewer);
const admin = (viewer: Viewer) => activeMember(viewer) && viewer.role === "admin";

function mayBan(viewer: Viewer, target: BanTarget): boolean {
  return (
    activeStaff(viewer) &&
    target.id !== viewer.id &&
    (target.role === "member" || (viewer.role === "admin" && target.role === "moderator"))
  );
}

export const moderationRules = {
  /** Lock, stick, move, rename, soft-delete, restore, merge and split threads. */
  moderateThreads: activeStaff,
  /** Deleting a thread for good cannot be undone: administrators only. */
  hardDeleteThread: admin,
  /** Soft-delete, restore and move posts, alone or in bulk; read deleted content greyed. */
  moderatePosts: activeStaff,
  viewDeleted: activeStaff,
  /** Any active member may report someone else's visible post (approved: no one else sees the others). */
  report: (viewer: Viewer, post: ShownPostTarget) =>
    activeMember(viewer) &&
    mayViewForum(viewer, post.thread.forum) &&
    post.approvalState === "approved" &&
    post.deletedAt === null &&
    post.authorId !== viewer.id,
  handleReports: activeStaff,
  /** Moderators ban members; administrators also ban moderators; no one bans an administrator or
   * themself. Lifting a ban follows the same rule, so a moderator cannot undo an admin's ban of a moderator. */
  ban: mayBan,
  unban: mayBan,
  /** Warn a member for a post (lib/moderation/warnings.ts). Staff are not warned: their conduct is
   * an administrator's business, and enough points ban, which a moderator may not do to a moderator. */
  warnMember: (viewer: Viewer, target: BanTarget) =>
    activeStaff(viewer) && target.id !== viewer.id && target.role === "member",
  /** A warning's reason and points: the warned member and staff. Everyone sees that a post was warned. */
  viewWarning: (viewer: Viewer, target: { memberId: string | null }) =>
    activeStaff(viewer) || (isSignedIn(viewer) && target.memberId === viewer.id),
  /** A member's warning history, on their profile. */
  viewWarningHistory: activeStaff,
  /** Approve or reject posts waiting in the approval queue. */
  approvePosts: activeStaff,
  /** Forum-wide settings such as how many first posts wait for approval. */
  changeSettings: admin,
  viewModLog: activeStaff,
};
