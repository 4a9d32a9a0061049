// The permission matrix through the functions the server actions call, against Postgres: every
// role tries every moderator and admin action on real rows. Allowed ones succeed and leave a log
// line; refused ones change nothing and log nothing, whatever request a role crafts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { posts, reports, threads } from "@/db/schema";
import { setCustomTitle, setMemberRole } from "../members/roles";
import { ANONYMOUS, type Viewer } from "../permissions";
import { approvePost, rejectPost, setApprovalThreshold } from "./approval";
import { banMember, unbanMember } from "./bans";
import { deletePosts, restorePosts } from "./posts";
import { rejectReport, reportPost, resolveReport } from "./reports";
import { cleanUp, makeForum, makeMember, makeThread } from "@/lib/testing/factories";
import { logCount } from "@/lib/testing/inspect";
import {
  deleteThread,
  hardDeleteThread,
  lockThread,
  mergeThreads,
  moveThread,
  renameThread,
  restoreThread,
  splitPosts,
  stickThread,
  unlockThread,
  unstickThread,
} from "./threads";

type Who = "anonymous" | "member" | "banned member" | "moderator" | "admin";
const WHO: Who[] = ["anonymous", "member", "banned member", "moderator", "admin"];
const STAFF: Who[] = ["moderator", "admin"];
const ADMIN: Who[] = ["admin"];

let viewers: Record<Who, Viewer>;
let admin: Viewer;
let forumIds: { a: number; b: number };

beforeAll(async () => {
  const [member, banned, moderator, adminViewer] = await Promise.all([
    makeMember(),
    makeMember(),
    makeMember({ role: "moderator" }),
    makeMember({ role: "admin" }),
  ]);
  admin = adminViewer;
  viewers = {
    anonymous: ANONYMOUS,
    member,
    "banned member": { ...banned, isBanned: true },
    moderator,
    admin: adminViewer,
  };
  const [a, b] = [await makeForum(), await makeForum()];
  forumIds = { a: a.id, b: b.id };
});
afterAll(async () => {
  await setApprovalThreshold(admin, 0);
  await cleanUp();
  await db.$client.end();
});

const thread = () =>
  makeThread({ forumId: forumIds.a, messages: ["Opening post", "A reply", "Another reply"] });
async function pendingPost() {
  const t = await thread();
  const [row] = await db
    .insert(posts)
    .values({
      threadId: t.threadId,
      authorId: t.opener.id,
      authorName: t.opener.name!,
      position: 4,
      source: "waiting",
      html: "<p>waiting</p>",
      approvalState: "pending",
    })
    .returning({ id: posts.id });
  return row!.id;
}
async function openReport() {
  const t = await thread();
  const reporter = await makeMember();
  const result = await reportPost(reporter, t.postIds[1]!, "Spam");
  if (!result.ok) throw new Error(result.error);
  const [report] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.postId, t.postIds[1]!), eq(reports.state, "open")));
  return report!.id;
}

type Act = (v: Viewer) => Promise<{ ok: boolean }>;
/** Each case first arranges fresh rows (as the admin fixture), then returns the action to attempt. */
const CASES: { action: string; allowed: Who[]; arrange: () => Promise<Act> }[] = [
  {
    action: "lock a thread",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      return (v) => lockThread(v, { threadId: t.threadId });
    },
  },
  {
    action: "unlock a thread",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      await db.update(threads).set({ isLocked: true }).where(eq(threads.id, t.threadId));
      return (v) => unlockThread(v, { threadId: t.threadId });
    },
  },
  {
    action: "stick a thread",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      return (v) => stickThread(v, { threadId: t.threadId });
    },
  },
  {
    action: "unstick a thread",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      await db.update(threads).set({ isSticky: true }).where(eq(threads.id, t.threadId));
      return (v) => unstickThread(v, { threadId: t.threadId });
    },
  },
  {
    action: "rename a thread",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      return (v) => renameThread(v, { threadId: t.threadId, title: "A better title" });
    },
  },
  {
    action: "move a thread",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      return (v) => moveThread(v, { threadId: t.threadId, forumId: forumIds.b });
    },
  },
  {
    action: "delete a thread",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      return (v) => deleteThread(v, { threadId: t.threadId, reason: "off topic" });
    },
  },
  {
    action: "restore a thread",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      if (!(await deleteThread(admin, { threadId: t.threadId })).ok) throw new Error("setup");
      return (v) => restoreThread(v, { threadId: t.threadId });
    },
  },
  {
    action: "delete a thread permanently",
    allowed: ADMIN,
    arrange: async () => {
      const t = await thread();
      return (v) => hardDeleteThread(v, { threadId: t.threadId });
    },
  },
  {
    action: "merge two threads",
    allowed: STAFF,
    arrange: async () => {
      const [source, target] = [await thread(), await thread()];
      return (v) => mergeThreads(v, { sourceId: source.threadId, targetId: target.threadId });
    },
  },
  {
    action: "split posts out",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      return (v) => splitPosts(v, { postIds: [t.postIds[2]], newTitle: "Split off" });
    },
  },
  {
    action: "delete a post",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      return (v) => deletePosts(v, [t.postIds[1]], "rude");
    },
  },
  {
    action: "restore a post",
    allowed: STAFF,
    arrange: async () => {
      const t = await thread();
      if (!(await deletePosts(admin, [t.postIds[1]], "rude")).ok) throw new Error("setup");
      return (v) => restorePosts(v, [t.postIds[1]]);
    },
  },
  {
    action: "resolve a report",
    allowed: STAFF,
    arrange: async () => {
      const id = await openReport();
      return (v) => resolveReport(v, id);
    },
  },
  {
    action: "reject a report",
    allowed: STAFF,
    arrange: async () => {
      const id = await openReport();
      return (v) => rejectReport(v, id);
    },
  },
  {
    action: "approve a post",
    allowed: STAFF,
    arrange: async () => {
      const id = await pendingPost();
      return (v) => approvePost(v, id);
    },
  },
  {
    action: "reject a post",
    allowed: STAFF,
    arrange: async () => {
      const id = await pendingPost();
      return (v) => rejectPost(v, id);
    },
  },
  {
    action: "change the approval setting",
    allowed: ADMIN,
    // Put back at once: other tests post as new members.
    arrange: async () => async (v) => {
      const result = await setApprovalThreshold(v, 2);
      if (result.ok) await setApprovalThreshold(admin, 0);
      return result;
    },
  },
  {
    action: "ban a member",
    allowed: STAFF,
    arrange: async () => {
      const m = await makeMember();
      return (v) => banMember(v, { userId: m.id!, reason: "spam" });
    },
  },
  {
    action: "unban a member",
    allowed: STAFF,
    arrange: async () => {
      const m = await makeMember();
      if (!(await banMember(admin, { userId: m.id!, reason: "spam" })).ok) throw new Error("setup");
      return (v) => unbanMember(v, { userId: m.id! });
    },
  },
  {
    action: "ban a moderator",
    allowed: ADMIN,
    arrange: async () => {
      const m = await makeMember({ role: "moderator" });
      return (v) => banMember(v, { userId: m.id!, reason: "abuse" });
    },
  },
  {
    action: "ban an administrator",
    allowed: [],
    arrange: async () => {
      const m = await makeMember({ role: "admin" });
      return (v) => banMember(v, { userId: m.id!, reason: "abuse" });
    },
  },
  {
    action: "make a member moderator",
    allowed: ADMIN,
    arrange: async () => {
      const m = await makeMember();
      return (v) => setMemberRole({ actor: v, targetId: m.id!, role: "moderator" });
    },
  },
  {
    action: "grant a custom title",
    allowed: STAFF,
    arrange: async () => {
      const m = await makeMember();
      return (v) => setCustomTitle({ actor: v, targetId: m.id!, title: "Old hand" });
    },
  },
];

describe.each(CASES)("$action", ({ allowed, arrange }) => {
  it.each(WHO)("%s", async (who) => {
    const act = await arrange();
    const before = await logCount();
    const result = await act(viewers[who]);
    const logged = (await logCount()) - before;
    expect(result.ok).toBe(allowed.includes(who));
    if (result.ok) expect(logged).toBeGreaterThanOrEqual(1);
    else expect(logged).toBe(0);
  });
});
