// Who may read a forum, and who may start threads or reply in it (issue 15), and who manages the
// forums. Merged into the one permissions module (./index.ts); the posting rules ask viewForum and
// the forum's posting rules for every thread target, so a rule set here holds wherever a thread is.
import type { Forum } from "@/db/schema";
import { isSignedIn, isStaff, type Viewer } from "./viewer";

export type ForumViewRule = Forum["viewRule"];
export type ForumPostRule = Forum["startThreadRule"];

/** A forum's rules, as every thread and post target carries them. */
export interface ForumAccess {
  viewRule: ForumViewRule;
  startThreadRule: ForumPostRule;
  replyRule: ForumPostRule;
}

/** A forum anyone may read and any member may post in: what every forum was before the rules. */
export const OPEN_FORUM: ForumAccess = Object.freeze({
  viewRule: "everyone",
  startThreadRule: "members",
  replyRule: "members",
});

const activeMember = (viewer: Viewer) => isSignedIn(viewer) && !viewer.isBanned;
/** A banned moderator keeps the role but not its powers, staff-only forums included. */
const activeStaff = (viewer: Viewer) => activeMember(viewer) && isStaff(viewer);
const admin = (viewer: Viewer) => activeMember(viewer) && viewer.role === "admin";

/** The view rules whose forums this viewer may read: what listings, search and feeds filter on. */
export function visibleViewRules(viewer: Viewer): ForumViewRule[] {
  if (activeStaff(viewer)) return ["everyone", "members", "staff"];
  if (isSignedIn(viewer)) return ["everyone", "members"];
  return ["everyone"];
}

export function mayViewForum(viewer: Viewer, forum: Pick<ForumAccess, "viewRule">): boolean {
  return visibleViewRules(viewer).includes(forum.viewRule);
}

/** "members" or "staff": may this viewer (already allowed to post at all) post under that rule? */
export function meetsPostRule(viewer: Viewer, rule: ForumPostRule): boolean {
  return rule === "members" || activeStaff(viewer);
}

export const forumRules = {
  /** Categories, forums and their rules, and the site settings: administrators only. */
  manageForums: admin,
  viewForum: (viewer: Viewer, forum: ForumAccess) => mayViewForum(viewer, forum),
  /** Being mailed about a post in the forum (lib/alert-mail): a member who may read it and is not
   * banned. A ban or a forum closed to them since they watched stops the mail, as it stops reading. */
  receiveAlertMail: (viewer: Viewer, forum: Pick<ForumAccess, "viewRule">) =>
    activeMember(viewer) && mayViewForum(viewer, forum),
};
