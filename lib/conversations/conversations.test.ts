// Integration: conversations against the real Postgres. Every permission rule as the write and read
// functions apply it (who may start, read, reply, quote, invite, leave, lock, report), and the
// counters: reply counts, each member's unread count and the list's unread flags, exact.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { conversationMessages, conversations, users } from "@/db/schema";
import { POSTING } from "../forum/posting-rules";
import { CONVERSATION_RECIPIENTS } from "../limits/sizes";
import { ANONYMOUS } from "../permissions";
import { personalAnswer } from "../personal/answer";
import { runSearch } from "../search/search";
import { cleanUp, ignore, makeMember, type Member } from "../testing/factories";
import { inviteToConversation, leaveConversation, setConversationLocked } from "./participants";
import {
  closeConversationReport,
  listOpenConversationReports,
  reportConversationMessage,
} from "./reports";
import { conversationPage, listConversations, unreadConversationCount } from "./read";
import { replyToConversation, startConversation } from "./write";

let alice: Member;
let bob: Member;
let carol: Member;
let outsider: Member;
let moderator: Member;
let banned: Member;
const started: number[] = [];

beforeAll(async () => {
  [alice, bob, carol, outsider, moderator, banned] = await Promise.all([
    makeMember({ prefix: "alice" }),
    makeMember({ prefix: "bob" }),
    makeMember({ prefix: "carol" }),
    makeMember({ prefix: "out" }),
    makeMember({ prefix: "mod", role: "moderator" }),
    makeMember({ prefix: "ban", banned: true }),
  ]);
});
afterAll(async () => {
  if (started.length) await db.delete(conversations).where(inArray(conversations.id, started));
  await cleanUp();
  await db.$client.end();
});

async function start(
  starter: Member,
  recipients: Member[],
  message = "Hello there",
  key = randomUUID(),
) {
  const result = await startConversation(starter, {
    recipients: recipients.map((r) => r.name).join(", "),
    title: "A private word",
    message,
    idempotencyKey: key,
  });
  if (result.ok && !started.includes(result.conversationId)) started.push(result.conversationId);
  return result;
}

async function started_(starter: Member, recipients: Member[], message?: string) {
  const result = await start(starter, recipients, message);
  if (!result.ok) throw new Error(result.error);
  return result.conversationId;
}

const reply = (who: Member, conversationId: number, message = "A reply", key = randomUUID()) =>
  replyToConversation(who, { conversationId, message, idempotencyKey: key });

const counters = async (id: number) => {
  const [row] = await db
    .select({
      messageCount: conversations.messageCount,
      lastMessageId: conversations.lastMessageId,
    })
    .from(conversations)
    .where(eq(conversations.id, id));
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversationMessages)
    .where(eq(conversationMessages.conversationId, id));
  return { ...row!, actual: n };
};

describe("starting a conversation", () => {
  it("makes it, counts one message, and flags it unread for the recipient only", async () => {
    const before = await unreadConversationCount(bob.id);
    const id = await started_(alice, [bob]);
    expect(await counters(id)).toMatchObject({ messageCount: 1, actual: 1 });
    expect(await unreadConversationCount(bob.id)).toBe(before + 1);
    const list = await listConversations(bob, 1);
    expect(list!.items.find((c) => c.id === id)).toMatchObject({ unread: true, replyCount: 0 });
    const mine = await listConversations(alice, 1);
    expect(mine!.items.find((c) => c.id === id)).toMatchObject({ unread: false });
  });

  it("is idempotent: the same form sent twice starts one conversation", async () => {
    const key = randomUUID();
    const first = await start(alice, [bob], "Once only", key);
    const second = await start(alice, [bob], "Once only", key);
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.conversationId).toBe(first.conversationId);
    expect(await counters(first.conversationId)).toMatchObject({ messageCount: 1, actual: 1 });
  });

  it("refuses guests, banned members, unknown names, oneself and too many recipients", async () => {
    expect(await start(ANONYMOUS as Member, [bob])).toMatchObject({ ok: false, field: "form" });
    expect(await start(banned, [bob])).toMatchObject({ ok: false, error: /banned/ });
    const unknown = await startConversation(alice, {
      recipients: "nobody-by-this-name-xyz",
      title: "Hello",
      message: "Hi",
      idempotencyKey: randomUUID(),
    });
    expect(unknown).toMatchObject({
      ok: false,
      field: "recipients",
      error: "No member is called “nobody-by-this-name-xyz”.",
    });
    expect(await start(alice, [alice, bob])).toMatchObject({ ok: false, field: "recipients" });
    const many = Array.from({ length: CONVERSATION_RECIPIENTS.max + 1 }, (_, i) => `n${i}`);
    const tooMany = await startConversation(alice, {
      recipients: many.join(","),
      title: "Hello",
      message: "Hi",
      idempotencyKey: randomUUID(),
    });
    expect(tooMany).toMatchObject({ ok: false, error: CONVERSATION_RECIPIENTS.tooMany });
    const empty = await startConversation(alice, {
      recipients: " , ",
      title: "Hello",
      message: "Hi",
      idempotencyKey: randomUUID(),
    });
    expect(empty).toMatchObject({ ok: false, field: "recipients" });
  });

  it("respects 'staff only' and ignore lists for members, not for staff, in one sentence", async () => {
    const private_ = await makeMember({ prefix: "priv" });
    await db.update(users).set({ conversationsFrom: "staff" }).where(eq(users.id, private_.id));
    expect(await start(alice, [private_])).toMatchObject({
      ok: false,
      field: "recipients",
      error: `${private_.name} does not take conversations from you.`,
    });
    expect((await start(moderator, [private_])).ok).toBe(true);

    const ignoring = await makeMember({ prefix: "ign" });
    await ignore(ignoring, alice);
    expect(await start(alice, [ignoring])).toMatchObject({
      ok: false,
      error: `${ignoring.name} does not take conversations from you.`,
    });
    expect((await start(bob, [ignoring])).ok).toBe(true);
  });

  it("holds to the posting rate", async () => {
    const hasty = await makeMember({ prefix: "hasty" });
    const id = await started_(hasty, [bob]);
    await db.insert(conversationMessages).values(
      Array.from({ length: POSTING.perMinute }, () => ({
        conversationId: id,
        authorId: hasty.id,
        authorName: hasty.name,
        source: "x",
        html: "<p>x</p>",
      })),
    );
    expect(await reply(hasty, id)).toMatchObject({ ok: false, error: /too fast/ });
    expect(await start(hasty, [bob])).toMatchObject({ ok: false, error: /too fast/ });
  });
});

describe("reading", () => {
  it("shows a conversation to its participants only: outsiders, staff and guests get nothing", async () => {
    const id = await started_(alice, [bob], "secretword" + "zq");
    expect(await conversationPage(alice, id, 1)).not.toBeNull();
    expect(await conversationPage(bob, id, 1)).not.toBeNull();
    expect(await conversationPage(outsider, id, 1)).toBeNull();
    expect(await conversationPage(moderator, id, 1)).toBeNull();
    expect(await conversationPage(ANONYMOUS, id, 1)).toBeNull();
    expect((await listConversations(outsider, 1))!.items.some((c) => c.id === id)).toBe(false);
    expect(await reply(outsider, id)).toMatchObject({ ok: false, error: /does not exist/ });
  });

  it("finds no conversation message in search", async () => {
    await started_(alice, [bob], "quuxplorbium is a private word");
    const outcome = await runSearch(alice, { q: "quuxplorbium" });
    expect(outcome.state === "results" ? outcome.results.total : 0).toBe(0);
  });

  it("moves the read mark: reading clears the unread count, a reply sets it for the others", async () => {
    const id = await started_(alice, [bob, carol]);
    const bobBefore = await unreadConversationCount(bob.id);
    await conversationPage(bob, id, 1);
    expect(await unreadConversationCount(bob.id)).toBe(bobBefore - 1);

    const result = await reply(bob, id, "Answering");
    expect(result.ok).toBe(true);
    expect(await counters(id)).toMatchObject({ messageCount: 2, actual: 2 });
    expect(await unreadConversationCount(bob.id)).toBe(bobBefore - 1);
    const page = await conversationPage(alice, id, 1);
    expect(page!.replyCount).toBe(1);
    expect(page!.messages.map((m) => m.canQuote)).toEqual([true, true]);
    expect(page!.messages.map((m) => m.canReport)).toEqual([false, true]);
  });

  it("the personal answer counts unread conversations exactly", async () => {
    const id = await started_(alice, [carol]);
    const session = { uid: carol.id, sv: carol.sessionVersion, sid: null };
    const scope = { thread: null, posts: [], threads: [] };
    const before = await personalAnswer({ session, scope, isPageView: true } as never);
    expect(before.inbox).toBe(await unreadConversationCount(carol.id));
    await conversationPage(carol, id, 1);
    const after = await personalAnswer({ session, scope, isPageView: true } as never);
    expect(after.inbox).toBe(before.inbox - 1);
  });

  it("a reply sent twice with one key is one message", async () => {
    const id = await started_(alice, [bob]);
    const key = randomUUID();
    const first = await reply(bob, id, "Twice", key);
    const second = await reply(bob, id, "Twice", key);
    expect(first.ok && second.ok && first.messageId === second.messageId).toBe(true);
    expect(await counters(id)).toMatchObject({ messageCount: 2, actual: 2 });
  });
});

describe("managing a conversation", () => {
  it("only staff in it invite; the invited member then reads it, unread", async () => {
    const id = await started_(alice, [bob, moderator]);
    expect(await inviteToConversation(alice, id, carol.name)).toMatchObject({
      ok: false,
      error: "Only staff can invite members into a conversation.",
    });
    const outsiderMod = await makeMember({ prefix: "mod2", role: "moderator" });
    expect(await inviteToConversation(outsiderMod, id, carol.name)).toMatchObject({
      ok: false,
      error: /does not exist/,
    });
    expect(await inviteToConversation(moderator, id, bob.name)).toMatchObject({
      ok: false,
      error: `${bob.name} is in this conversation already.`,
    });
    const before = await unreadConversationCount(carol.id);
    expect(await inviteToConversation(moderator, id, carol.name)).toMatchObject({ ok: true });
    expect(await conversationPage(carol, id, 1)).not.toBeNull();
    expect(await unreadConversationCount(carol.id)).toBe(before);
  });

  it("a participant leaves: the conversation is gone for them and counts no more", async () => {
    const id = await started_(alice, [bob]);
    const before = await unreadConversationCount(bob.id);
    expect(await leaveConversation(outsider, id)).toMatchObject({ ok: false });
    expect(await leaveConversation(bob, id)).toMatchObject({ ok: true });
    expect(await unreadConversationCount(bob.id)).toBe(before - 1);
    expect(await conversationPage(bob, id, 1)).toBeNull();
    expect((await listConversations(bob, 1))!.items.some((c) => c.id === id)).toBe(false);
    expect(await reply(bob, id)).toMatchObject({ ok: false, error: /no longer in it/ });
    // A reply after they left does not count for them either.
    await reply(alice, id);
    expect(await unreadConversationCount(bob.id)).toBe(before - 1);
  });

  it("the starter (or staff in it) locks it; then nobody replies; a banned member still reads", async () => {
    // A starter of its own: alice has used up her posting rate above.
    const dora = await makeMember({ prefix: "dora" });
    const id = await started_(dora, [bob, moderator, banned]);
    expect(await setConversationLocked(bob, id, true)).toMatchObject({
      ok: false,
      error: "Only the member who started this conversation can lock it.",
    });
    expect(await setConversationLocked(dora, id, true)).toMatchObject({ ok: true });
    expect(await reply(bob, id)).toMatchObject({ ok: false, error: /locked/ });
    expect(await reply(moderator, id)).toMatchObject({ ok: false, error: /locked/ });
    expect((await conversationPage(bob, id, 1))!.canReply).toBe(false);
    expect(await conversationPage(banned, id, 1)).not.toBeNull();
    expect(await setConversationLocked(moderator, id, false)).toMatchObject({ ok: true });
    expect((await reply(bob, id)).ok).toBe(true);
    expect(await reply(banned, id)).toMatchObject({ ok: false, error: /banned/ });
  });
});

describe("reporting a message", () => {
  it("a participant reports another's message; staff see that message only and close it", async () => {
    const erin = await makeMember({ prefix: "erin" });
    const id = await started_(erin, [bob], "The reported words");
    await reply(erin, id, "Another private message");
    const page = await conversationPage(bob, id, 1);
    const [first] = page!.messages;
    expect(await reportConversationMessage(erin, first!.id, "Mine")).toMatchObject({
      ok: false,
      error: "You cannot report your own message.",
    });
    expect(await reportConversationMessage(outsider, first!.id, "Nosy")).toMatchObject({
      ok: false,
      error: /no longer in its conversation/,
    });
    expect(await reportConversationMessage(bob, first!.id, "")).toMatchObject({
      ok: false,
      field: "reason",
    });
    expect(await reportConversationMessage(bob, first!.id, "Rude")).toMatchObject({ ok: true });
    const open = await listOpenConversationReports();
    const mine = open.find((r) => r.message.html.includes("The reported words"));
    expect(mine).toMatchObject({ reason: "Rude", reporterName: bob.name });
    expect(JSON.stringify(open)).not.toContain("Another private message");
    expect(JSON.stringify(mine)).not.toContain("A private word");

    expect(await closeConversationReport(bob, mine!.id, "resolved", "")).toMatchObject({
      ok: false,
    });
    expect(await closeConversationReport(moderator, mine!.id, "resolved", "")).toMatchObject({
      ok: true,
    });
    expect((await listOpenConversationReports()).some((r) => r.id === mine!.id)).toBe(false);
  });
});
