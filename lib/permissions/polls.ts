// Who may vote in a poll and who may close it. Merged into the one permissions module (./index.ts).
import { isSignedIn, isStaff, type Viewer } from "./viewer";
import { mayViewForum, meetsPostRule } from "./forums";
import type { ThreadTarget } from "./posting";

export interface PollTarget {
  /** Closed by staff, or past its close date. */
  isClosed: boolean;
  allowVoteChange: boolean;
  /** The viewer has voted in it already. */
  hasVoted: boolean;
  thread: ThreadTarget;
}

const activeMember = (viewer: Viewer) => isSignedIn(viewer) && !viewer.isBanned;

export const pollRules = {
  /** Active members who may reply in the thread's forum vote while the poll is open and the thread
   * readable and unlocked; a second time only when the poll lets votes be changed. */
  votePoll: (viewer: Viewer, poll: PollTarget) =>
    activeMember(viewer) &&
    mayViewForum(viewer, poll.thread.forum) &&
    meetsPostRule(viewer, poll.thread.forum.replyRule) &&
    !poll.isClosed &&
    poll.thread.deletedAt === null &&
    !poll.thread.isLocked &&
    (!poll.hasVoted || poll.allowVoteChange),
  /** Closing and reopening a poll is a moderator's tool, like locking its thread. */
  closePoll: (viewer: Viewer) => activeMember(viewer) && isStaff(viewer),
};
