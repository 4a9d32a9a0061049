// Integration: which alerts posting, approving and reacting create, against the real Postgres.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, settings, users } from "@/db/schema";
import { editPost } from "../forum/posting";
import { APPROVAL_SETTING, approvePost } from "../moderation/approval";
import { watchThread } from "../watching/watch";
import {
  ignore,
  makeForum,
  makeMember,
  newThread,
  quoting,
  react,
  reply,
} from "@/lib/testing/factories";
import { alertsAbout, alertsOf } from "@/lib/testing/inspect";

let forumId: number;
beforeAll(async () => {
  forumId = (await makeForum()).id;
});
const approvalOff = () => db.delete(settings).where(eq(settings.key, APPROVAL_SETTING));
afterEach(approvalOff);
afterAll(async () => {
  await approvalOff();
  await db.$client.end();
});

describe("alert causes", () => {
  it("alerts a quoted member, with the quoting member as the actor", async () => {
    const [author, quoter] = [await makeMember(), await makeMember()];
    const thread = await newThread({ author, forumId });
    const answer = await reply({
      author: quoter,
      threadId: thread.threadId,
      message: quoting(thread.postId, author.name, "I disagree."),
    });
    expect(await alertsAbout(answer.postId)).toEqual([{ userId: author.id, kind: "quote" }]);
    expect((await alertsOf(author))[0]).toEqual({
      kind: "quote",
      actorId: quoter.id,
      postId: answer.postId,
    });
  });

  it("alerts a mentioned member who does not watch the thread", async () => {
    const [opener, writer, named] = [
      await makeMember({ autoWatch: false }),
      await makeMember(),
      await makeMember(),
    ];
    const thread = await newThread({ author: opener, forumId });
    const answer = await reply({
      author: writer,
      threadId: thread.threadId,
      message: `What do you think, @${named.name}?`,
    });
    expect(await alertsAbout(answer.postId)).toEqual([{ userId: named.id, kind: "mention" }]);
  });

  it("alerts every watcher of the thread once per reply, never the reply's author", async () => {
    const [opener, watcher, writer, bystander] = [
      await makeMember(),
      await makeMember(),
      await makeMember(),
      await makeMember(),
    ];
    const thread = await newThread({ author: opener, forumId });
    expect(await watchThread(watcher, thread.threadId)).toEqual({ ok: true, watching: true });
    const first = await reply({
      author: writer,
      threadId: thread.threadId,
      message: "First answer",
    });
    expect(new Map((await alertsAbout(first.postId)).map((a) => [a.userId, a.kind]))).toEqual(
      new Map([
        [opener.id, "reply"],
        [watcher.id, "reply"],
      ]),
    );
    // The writer now watches too (auto-watch); the watcher's own reply alerts the others only.
    const second = await reply({
      author: watcher,
      threadId: thread.threadId,
      message: "Second answer",
    });
    expect((await alertsAbout(second.postId)).map((a) => a.userId).sort()).toEqual(
      [opener.id, writer.id].sort(),
    );
    expect(await alertsOf(bystander)).toEqual([]);
  });

  it("does not alert the thread's starter when they turned auto-watch off", async () => {
    const [opener, writer] = [await makeMember({ autoWatch: false }), await makeMember()];
    const thread = await newThread({ author: opener, forumId });
    const answer = await reply({ author: writer, threadId: thread.threadId });
    expect(await alertsAbout(answer.postId)).toEqual([]);
  });

  it("gives each member one alert per post, for the strongest reason: quote, then mention, then watched reply", async () => {
    const [opener, quotedAndNamed, namedWatcher, writer] = [
      await makeMember(),
      await makeMember(),
      await makeMember(),
      await makeMember(),
    ];
    const thread = await newThread({ author: opener, forumId });
    const earlier = await reply({
      author: quotedAndNamed,
      threadId: thread.threadId,
      message: "Worth quoting",
    });
    await watchThread(namedWatcher, thread.threadId);
    const message = quoting(
      earlier.postId,
      quotedAndNamed.name,
      `Right, @${quotedAndNamed.name}. And @${namedWatcher.name}, @${opener.name}?`,
    );
    const answer = await reply({ author: writer, threadId: thread.threadId, message });
    const got = await alertsAbout(answer.postId);
    expect(got).toHaveLength(3);
    expect(new Map(got.map((a) => [a.userId, a.kind]))).toEqual(
      new Map([
        [quotedAndNamed.id, "quote"],
        [namedWatcher.id, "mention"],
        [opener.id, "mention"],
      ]),
    );
  });

  it("never alerts members about their own quotes, mentions or replies", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    const own = await reply({
      author,
      threadId: thread.threadId,
      message: quoting(thread.postId, author.name, `Me again, @${author.name}.`),
    });
    expect(await alertsAbout(own.postId)).toEqual([]);
    expect(await alertsOf(author)).toEqual([]);
  });

  it("alerts a post's author of a reaction once, keeps it when the reaction changes and withdraws it with the reaction", async () => {
    const [author, fan] = [await makeMember(), await makeMember()];
    const thread = await newThread({ author, forumId });
    const reactionAlerts = async () =>
      (await alertsOf(author)).filter((a) => a.kind === "reaction");

    expect(await react(fan, thread.postId, "like")).toBe("like");
    expect(await reactionAlerts()).toEqual([
      { kind: "reaction", actorId: fan.id, postId: thread.postId },
    ]);
    expect(await react(fan, thread.postId, "love")).toBe("love");
    expect(await reactionAlerts()).toHaveLength(1);
    expect(await react(fan, thread.postId, "love")).toBeNull();
    expect(await reactionAlerts()).toEqual([]);
    // Toggling on and off again never piles alerts up.
    await react(fan, thread.postId, "like");
    await react(fan, thread.postId, "like");
    await react(fan, thread.postId, "like");
    expect(await reactionAlerts()).toHaveLength(1);
  });
});

describe("ignoring", () => {
  it("sends nothing from a member the recipient ignores: no quote, mention, watched-reply or reaction alert", async () => {
    const [host, pest, friend] = [await makeMember(), await makeMember(), await makeMember()];
    await ignore(host, pest);
    const thread = await newThread({ author: host, forumId });
    const fromPest = await reply({
      author: pest,
      threadId: thread.threadId,
      message: quoting(thread.postId, host.name, `Listen, @${host.name}!`),
    });
    await react(pest, thread.postId, "angry");
    expect(await alertsOf(host)).toEqual([]);
    // The same from someone else does alert, and the ignorer's ignore list only affects them.
    const fromFriend = await reply({
      author: friend,
      threadId: thread.threadId,
      message: quoting(thread.postId, host.name, "Agreed."),
    });
    expect(await alertsAbout(fromFriend.postId)).toEqual(
      expect.arrayContaining([
        { userId: host.id, kind: "quote" },
        { userId: pest.id, kind: "reply" },
      ]),
    );
    expect(await alertsAbout(fromPest.postId)).toEqual([]);

    // Staff cannot be ignored: once promoted, the ignored member's words alert again.
    await db.update(users).set({ role: "moderator" }).where(eq(users.id, pest.id));
    const fromModerator = await reply({
      author: { ...pest, role: "moderator" },
      threadId: thread.threadId,
      message: `Noted, @${host.name}.`,
    });
    expect(await alertsAbout(fromModerator.postId)).toEqual(
      expect.arrayContaining([{ userId: host.id, kind: "mention" }]),
    );
  });
});

describe("approval and repeats", () => {
  it("alerts nobody while a post waits for approval, once on approval, and never again on edits or resubmits", async () => {
    const [opener, named, moderator] = [
      await makeMember(),
      await makeMember(),
      await makeMember({ role: "moderator" }),
    ];
    const thread = await newThread({ author: opener, forumId });
    await db
      .insert(settings)
      .values({ key: APPROVAL_SETTING, value: "1" })
      .onConflictDoUpdate({ target: settings.key, set: { value: "1" } });
    const newbie = await makeMember();
    const key = randomUUID();
    const waiting = await reply({
      author: newbie,
      threadId: thread.threadId,
      message: `Hello @${named.name}`,
      idempotencyKey: key,
    });
    expect(await alertsAbout(waiting.postId)).toEqual([]);

    expect(await approvePost(moderator, waiting.postId)).toMatchObject({ ok: true });
    const sent = new Map((await alertsAbout(waiting.postId)).map((a) => [a.userId, a.kind]));
    expect(sent).toEqual(
      new Map([
        [named.id, "mention"],
        [opener.id, "reply"],
      ]),
    );
    expect(await approvePost(moderator, waiting.postId)).toMatchObject({ ok: false });
    // The same form sent again (double click, retry) is the same post: nothing new.
    expect(
      (
        await reply({
          author: newbie,
          threadId: thread.threadId,
          message: `Hello @${named.name}`,
          idempotencyKey: key,
        })
      ).postId,
    ).toBe(waiting.postId);
    // Editing in a quote and another mention does not alert.
    const third = await makeMember();
    expect(
      await editPost(newbie, {
        postId: waiting.postId,
        message: quoting(thread.postId, opener.name, `Hello @${named.name} and @${third.name}`),
      }),
    ).toMatchObject({ ok: true });
    expect(await alertsAbout(waiting.postId)).toHaveLength(2);
    expect(await db.select().from(alerts).where(eq(alerts.userId, third.id))).toEqual([]);
  });
});
