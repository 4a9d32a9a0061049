// Integration: alert mails against the real Postgres and a real SMTP server in-process: the batching
// rule (one mail per thread until the member reads it again), who is mailed, and the unsubscribe
// link's token.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { db } from "@/db/client";
import { forums, settings, users } from "@/db/schema";
import { APPROVAL_SETTING, approvePost } from "../moderation/approval";
import { REQUEST_RATES } from "../limits/request-rates";
import { recordThreadRead } from "../reading/reads";
import {
  cleanUp,
  ignore,
  makeForum,
  makeMember,
  newThread,
  quoting,
  reply,
  resetApprovalSetting,
  type Member,
  type MemberOptions,
} from "../testing/factories";
import { linkIn, startSmtpInbox, type SmtpInbox } from "../testing/smtp-inbox";
import { watchThread } from "../watching/watch";
import { alertMailsSettled } from "./queue";
import { getAlertMailSetting, setAlertMail } from "./setting";
import { BAD_UNSUBSCRIBE_LINK, unsubscribe, unsubscribeLinkMember } from "./unsubscribe";
import { unsubscribeToken } from "./unsubscribe-token";

const ORIGIN = "http://forum.test";
let inbox: SmtpInbox;
let forumId: number;

beforeAll(async () => {
  process.env.AUTH_SECRET ||= "a test secret that is long enough to derive keys from";
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  process.env.SITE_URL = ORIGIN;
  forumId = (await makeForum()).id;
});

afterAll(async () => {
  await alertMailsSettled();
  delete process.env.SMTP_URL;
  delete process.env.SITE_URL;
  await inbox.close();
  await cleanUp();
  await db.$client.end();
});

type Reader = Member & { email: string };

/** A member with a confirmed address who asked for alert mail (unless told otherwise). */
async function reader(
  options: MemberOptions & { optedIn?: boolean; confirmed?: boolean } = {},
): Promise<Reader> {
  const member = await makeMember({ autoWatch: false, ...options });
  const email = `${member.name.toLowerCase()}@example.test`;
  await db
    .update(users)
    .set({
      email,
      emailVerified: options.confirmed === false ? null : new Date(),
      alertMail: options.optedIn ?? true,
    })
    .where(eq(users.id, member.id));
  return { ...member, email };
}

/** The mails `member` received (all of them: every address is new per test). */
async function mailsTo(member: { email: string }): Promise<ParsedMail[]> {
  await alertMailsSettled();
  return inbox.messages.filter((mail) =>
    (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) =>
      to?.value.some((v) => v.address === member.email),
    ),
  );
}

const unsubscribeAt = (path: string) => new RegExp(`^${ORIGIN}${path}\\?token=\\d+\\.[\\w-]{43}$`);

/** Reads the thread up to these posts, as the thread page records it after loading. */
const visit = (member: Member, threadId: number, postIds: number[]) =>
  recordThreadRead(member, threadId, postIds);

describe("batching", () => {
  it("mails once per thread until the member reads it again, then mails again", async () => {
    const [watcher, writer] = [await reader(), await makeMember()];
    const thread = await newThread({
      author: writer,
      forumId,
      title: "Sonar <b>trials</b> & more",
    });
    await watchThread(watcher, thread.threadId);

    const first = await reply({ author: writer, threadId: thread.threadId, message: "First." });
    const [mail] = await mailsTo(watcher);
    expect(await mailsTo(watcher)).toHaveLength(1);
    expect(mail!.subject).toBe("New reply in “Sonar <b>trials</b> & more”");
    expect(mail!.text).toContain(`${writer.name} replied in the thread`);
    expect(mail!.text).toContain("“First.”");
    expect(linkIn(mail!, `${ORIGIN}/posts/`)).toBe(`${ORIGIN}/posts/${first.postId}`);
    expect(mail!.html).toContain("Sonar &lt;b&gt;trials&lt;/b&gt; &amp; more");
    expect(mail!.html).not.toContain("<b>trials");
    // Mail clients' own Unsubscribe button (RFC 8058).
    expect(mail!.headers.get("list")).toEqual({
      unsubscribe: { url: expect.stringMatching(unsubscribeAt("/unsubscribe/one-click")) },
      "unsubscribe-post": { name: "List-Unsubscribe=One-Click" },
    });
    expect(linkIn(mail!, `${ORIGIN}/unsubscribe?`)).toMatch(unsubscribeAt("/unsubscribe"));
    expect(mail!.html).toContain(`>Unsubscribe</a>`);

    // Two more replies before a visit: nothing more.
    const second = await reply({ author: writer, threadId: thread.threadId, message: "Second." });
    await reply({ author: await makeMember(), threadId: thread.threadId, message: "Third." });
    expect(await mailsTo(watcher)).toHaveLength(1);

    // Reading only up to a post before the mailed one is not catching up.
    await visit(watcher, thread.threadId, [thread.postId]);
    await reply({ author: writer, threadId: thread.threadId, message: "Fourth." });
    expect(await mailsTo(watcher)).toHaveLength(1);

    // Back on the thread, read to the mailed reply and past it: the next reply mails again, once.
    await visit(watcher, thread.threadId, [first.postId, second.postId]);
    const fifth = await reply({ author: writer, threadId: thread.threadId, message: "Fifth." });
    await reply({ author: writer, threadId: thread.threadId, message: "Sixth." });
    const mails = await mailsTo(watcher);
    expect(mails).toHaveLength(2);
    expect(linkIn(mails[1]!, `${ORIGIN}/posts/`)).toBe(`${ORIGIN}/posts/${fifth.postId}`);
  });

  it("counts per thread: a reply in another watched thread mails too", async () => {
    const [watcher, writer] = [await reader(), await makeMember()];
    const one = await newThread({ author: writer, forumId });
    const two = await newThread({ author: writer, forumId });
    await watchThread(watcher, one.threadId);
    await watchThread(watcher, two.threadId);
    await reply({ author: writer, threadId: one.threadId });
    await reply({ author: writer, threadId: one.threadId });
    await reply({ author: writer, threadId: two.threadId });
    expect(await mailsTo(watcher)).toHaveLength(2);
  });
});

describe("recipients", () => {
  it("mails watchers who asked and can get it, never the poster, and not those who ignore them", async () => {
    const writer = await reader();
    const mailed = await reader();
    const optedOut = await reader({ optedIn: false });
    const unconfirmed = await reader({ confirmed: false });
    const banned = await reader({ banned: true });
    const banOver = await reader({ banned: { endsAt: new Date(Date.now() - 60_000) } });
    const ignoring = await reader();
    await ignore(ignoring, writer);
    const thread = await newThread({ author: writer, forumId });
    const everyone = [writer, mailed, optedOut, unconfirmed, banned, banOver, ignoring];
    for (const member of everyone) await watchThread(member, thread.threadId);

    await reply({ author: writer, threadId: thread.threadId });
    const counts = await Promise.all(everyone.map(async (m) => (await mailsTo(m)).length));
    expect(counts).toEqual([0, 1, 0, 0, 0, 1, 0]);
  });

  it("mails no one about a forum they may no longer read", async () => {
    const forum = await makeForum();
    const [member, moderator, writer] = [
      await reader(),
      await reader({ role: "moderator" }),
      await makeMember({ role: "admin" }),
    ];
    const thread = await newThread({ author: writer, forumId: forum.id });
    await watchThread(member, thread.threadId);
    await watchThread(moderator, thread.threadId);
    await db.update(forums).set({ viewRule: "staff" }).where(eq(forums.id, forum.id));
    await reply({ author: writer, threadId: thread.threadId });
    expect(await mailsTo(member)).toHaveLength(0);
    expect(await mailsTo(moderator)).toHaveLength(1);
  });

  it("mails quoted and mentioned members who do not watch the thread, saying why", async () => {
    const [quoted, named, writer] = [await reader(), await reader(), await makeMember()];
    const thread = await newThread({ author: quoted, forumId, title: "Convoy escorts" });
    await reply({
      author: writer,
      threadId: thread.threadId,
      message: quoting(thread.postId, quoted.name, `Not so, and @${named.name} agrees.`),
    });
    const [toQuoted] = await mailsTo(quoted);
    const [toNamed] = await mailsTo(named);
    expect(toQuoted?.subject).toBe(`${writer.name} quoted you in “Convoy escorts”`);
    expect(toNamed?.subject).toBe(`${writer.name} mentioned you in “Convoy escorts”`);
    // The quoted words are not the reply's own.
    expect(toNamed?.text).toContain(`“Not so, and @${named.name} agrees.”`);
  });
});

describe("posts waiting for approval", () => {
  it("mail nobody until a moderator approves them", async () => {
    const [watcher, opener, moderator] = [
      await reader(),
      await makeMember(),
      await makeMember({ role: "moderator" }),
    ];
    const thread = await newThread({ author: opener, forumId });
    await watchThread(watcher, thread.threadId);
    await db
      .insert(settings)
      .values({ key: APPROVAL_SETTING, value: "1" })
      .onConflictDoUpdate({ target: settings.key, set: { value: "1" } });
    try {
      const waiting = await reply({ author: await makeMember(), threadId: thread.threadId });
      expect(await mailsTo(watcher)).toHaveLength(0);
      expect(await approvePost(moderator, waiting.postId)).toMatchObject({ ok: true });
      const [mail] = await mailsTo(watcher);
      expect(linkIn(mail!, `${ORIGIN}/posts/`)).toBe(`${ORIGIN}/posts/${waiting.postId}`);
    } finally {
      await resetApprovalSetting();
    }
  });
});

describe("the setting and the unsubscribe link", () => {
  it("is off by default, saved by the member, and says when no mail could come", async () => {
    const member = await makeMember();
    expect(await getAlertMailSetting(member.id)).toEqual({
      enabled: false,
      obstacle: "Your account has no email address: add one above.",
    });
    expect(await setAlertMail(member, true)).toEqual({ ok: true, enabled: true });
    expect((await getAlertMailSetting(member.id)).enabled).toBe(true);
    for (const bad of ["on", 1, null])
      expect(await setAlertMail(member, bad)).toMatchObject({ ok: false });
    const confirmed = await reader();
    expect(await getAlertMailSetting(confirmed.id)).toEqual({ enabled: true, obstacle: null });
  });

  it("turns the mail off with the mailed token only, without signing in", async () => {
    const [watcher, writer] = [await reader(), await makeMember()];
    const thread = await newThread({ author: writer, forumId });
    await watchThread(watcher, thread.threadId);
    await reply({ author: writer, threadId: thread.threadId });
    const [mail] = await mailsTo(watcher);
    const token = new URL(linkIn(mail!, `${ORIGIN}/unsubscribe?token=`)).searchParams.get("token");

    // Opening the link changes nothing.
    expect(await unsubscribeLinkMember(token)).toEqual({
      id: watcher.id,
      name: watcher.name,
      alertMail: true,
    });
    expect((await getAlertMailSetting(watcher.id)).enabled).toBe(true);

    // Someone else's number with this signature, a cut or altered token, garbage: refused.
    const other = await reader();
    const [, mac] = token!.split(".");
    for (const bad of [
      `${other.number}.${mac}`,
      token!.slice(0, -1),
      `${token!.slice(0, -1)}${token!.endsWith("A") ? "B" : "A"}`,
      "",
      null,
      42,
      `${watcher.number}`,
      "../../etc",
    ]) {
      expect(await unsubscribeLinkMember(bad)).toBeNull();
      expect(await unsubscribe(bad, "10.1.2.3")).toEqual({
        ok: false,
        error: BAD_UNSUBSCRIBE_LINK,
        field: "token",
      });
    }
    expect((await getAlertMailSetting(other.id)).enabled).toBe(true);

    expect(await unsubscribe(token, "10.1.2.3")).toMatchObject({ ok: true, name: watcher.name });
    expect((await getAlertMailSetting(watcher.id)).enabled).toBe(false);
    // Twice is fine; no more mail comes.
    expect(await unsubscribe(token, "10.1.2.3")).toMatchObject({ ok: true });
    await visit(watcher, thread.threadId, [thread.postId]);
    await reply({ author: writer, threadId: thread.threadId });
    expect(await mailsTo(watcher)).toHaveLength(1);
  });

  it("holds one address to the rate, refusing without naming the token", async () => {
    const address = `10.7.${Date.now() % 250}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < REQUEST_RATES.unsubscribesPerMinute; i++)
      expect(await unsubscribe("nope", address)).toMatchObject({ field: "token" });
    const refused = await unsubscribe("nope", address);
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Too many requests/),
    });
    expect(refused).not.toHaveProperty("field");
  });

  it("stops working once the member's address changes", async () => {
    const member = await reader();
    const token = unsubscribeToken({ id: member.id, number: member.number, email: member.email });
    expect(await unsubscribeLinkMember(token)).not.toBeNull();
    expect(
      await unsubscribeLinkMember(
        unsubscribeToken({ ...member, email: member.email.toUpperCase() }),
      ),
    ).not.toBeNull();
    await db
      .update(users)
      .set({ email: `new-${member.email}` })
      .where(eq(users.id, member.id));
    expect(await unsubscribeLinkMember(token)).toBeNull();
  });
});
