// The reply and reaction routes over real HTTP, with session cookies sealed by Auth.js's own encoder.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { pollAnswers, polls, posts, rateLimits, threads } from "@/db/schema";
import { REQUEST_RATES } from "@/lib/limits/request-rates";
import { MESSAGE, POST_SMILIES } from "@/lib/limits/sizes";
import { createThread } from "@/lib/forum/posting";
import { makeForum, makeMember, newThread } from "@/lib/testing/factories";
import { SESSION_COOKIE } from "@/lib/session/session-cookie";
import { memberUrl } from "@/lib/urls";
import { handleWrite, isWriteRoute } from "./write-routes";

const secret = "write-routes-test-secret-0123456789abcdef";
let server: http.Server;
let origin: string;
let forumId: number;

beforeAll(async () => {
  process.env.AUTH_SECRET = secret;
  server = http.createServer((req, res) => {
    const path = req.url!.split("?", 1)[0]!;
    if (isWriteRoute(path)) void handleWrite(req, res, { path, trustProxy: false });
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  forumId = (await makeForum()).id;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.$client.end();
});

const cookieFor = async (member: { id: string }, sv = 0) =>
  `${SESSION_COOKIE}=${await encode({ token: { uid: member.id, sv }, secret, salt: SESSION_COOKIE })}`;

async function post(
  path: string,
  body: unknown,
  options: { cookie?: string; origin?: string; type?: string } = {},
) {
  const response = await fetch(`${origin}${path}`, {
    method: "POST",
    headers: {
      "content-type": options.type ?? "application/json",
      origin: options.origin ?? origin,
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      error?: string;
      field?: string;
      reaction?: string | null;
      url?: string;
      postId?: number;
      votedFor?: number[];
      isClosed?: boolean;
      colorScheme?: string | null;
    },
  };
}

async function reactionCount(postId: number) {
  const [row] = await db
    .select({ count: posts.reactionCount })
    .from(posts)
    .where(eq(posts.id, postId));
  return row!.count;
}

describe("POST /api/posts/:id/reaction", () => {
  it("toggles the member's reaction and answers with what they now have, counters exact", async () => {
    const author = await makeMember();
    const reader = await makeMember();
    const thread = await newThread({ author, forumId });
    const cookie = await cookieFor(reader);
    const path = `/api/posts/${thread.postId}/reaction`;

    const reactor = { name: reader.name, url: memberUrl(reader) };
    expect(await post(path, { kind: "like" }, { cookie })).toEqual({
      status: 200,
      body: { reaction: "like", reactor },
    });
    expect(await reactionCount(thread.postId)).toBe(1);
    expect((await post(path, { kind: "love" }, { cookie })).body).toEqual({
      reaction: "love",
      reactor,
    });
    expect(await reactionCount(thread.postId)).toBe(1);
    expect((await post(path, { kind: "love" }, { cookie })).body).toEqual({
      reaction: null,
      reactor,
    });
    expect(await reactionCount(thread.postId)).toBe(0);
  });

  it("refuses guests, revoked sessions, own posts and unknown kinds in words", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    const path = `/api/posts/${thread.postId}/reaction`;
    const guest = await post(path, { kind: "like" });
    expect(guest.status).toBe(401);
    expect(guest.body.error).toMatch(/sign in/i);
    expect(
      (await post(path, { kind: "like" }, { cookie: await cookieFor(author, 3) })).status,
    ).toBe(401);
    const own = await post(path, { kind: "like" }, { cookie: await cookieFor(author) });
    expect(own).toEqual({ status: 403, body: { error: "You cannot react to your own post." } });
    const reader = await cookieFor(await makeMember());
    const unknown = await post(path, { kind: "meh" }, { cookie: reader });
    expect(unknown).toEqual({
      status: 400,
      body: { error: "That reaction is not available.", field: "form" },
    });
    expect(
      (await post(`/api/posts/abc/reaction`, { kind: "like" }, { cookie: reader })).status,
    ).toBe(404);
    expect(await reactionCount(thread.postId)).toBe(0);
  });

  it(`refuses more than ${REQUEST_RATES.reactionsPerMinute} toggles a minute from one member, saying when to try again`, async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    const reader = await makeMember();
    const cookie = await cookieFor(reader);
    const path = `/api/posts/${thread.postId}/reaction`;
    for (let i = 0; i < REQUEST_RATES.reactionsPerMinute; i++)
      expect((await post(path, { kind: "like" }, { cookie })).status).toBe(200);
    const refused = await post(path, { kind: "like" }, { cookie });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(
      /^You are reacting too fast \(\d+ a minute at most\)\. Try again in \d+ seconds\.$/,
    );
    // An even number of toggles: the member's like is off again, and the count says so.
    expect(await reactionCount(thread.postId)).toBe(0);
    // Once the minute is over, the member may react again.
    await db
      .update(rateLimits)
      .set({ expire: new Date(Date.now() - 1000) })
      .where(eq(rateLimits.key, `reaction:${reader.id}`));
    expect((await post(path, { kind: "like" }, { cookie })).status).toBe(200);
    expect(await reactionCount(thread.postId)).toBe(1);
  });

  it("refuses requests another site could make: a foreign origin, or a body that is not JSON", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    const cookie = await cookieFor(await makeMember());
    const path = `/api/posts/${thread.postId}/reaction`;
    const foreign = await post(path, { kind: "like" }, { cookie, origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    const form = await post(path, "kind=like", {
      cookie,
      type: "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect(await reactionCount(thread.postId)).toBe(0);
  });
});

describe("POST /api/threads/:id/replies", () => {
  it("posts a reply once per idempotency key and answers with where it is", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    const cookie = await cookieFor(await makeMember());
    const body = { message: "A reply over the route.", idempotencyKey: crypto.randomUUID() };
    const path = `/api/threads/${thread.threadId}/replies`;
    const first = await post(path, body, { cookie });
    expect(first.status).toBe(200);
    expect(first.body.url).toBe(`/posts/${first.body.postId}`);
    const again = await post(path, body, { cookie });
    expect(again.body.postId).toBe(first.body.postId);
    const [row] = await db
      .select({ replies: threads.replyCount })
      .from(threads)
      .where(eq(threads.id, thread.threadId));
    expect(row!.replies).toBe(1);
  });

  it("explains a refused reply: empty, too long, locked, signed out", async () => {
    const author = await makeMember();
    const thread = await newThread({ author, forumId });
    const cookie = await cookieFor(await makeMember());
    const path = `/api/threads/${thread.threadId}/replies`;
    const key = () => crypto.randomUUID();

    const empty = await post(path, { message: "   ", idempotencyKey: key() }, { cookie });
    expect(empty.status).toBe(422);
    expect(empty.body.field).toBe("message");
    const tooLong = await post(
      path,
      { message: "x".repeat(MESSAGE.max + 1), idempotencyKey: key() },
      { cookie },
    );
    expect(tooLong).toEqual({ status: 422, body: { error: MESSAGE.tooLong, field: "message" } });
    const smilies = await post(
      path,
      { message: ":) ".repeat(POST_SMILIES.max + 1), idempotencyKey: key() },
      { cookie },
    );
    expect(smilies).toEqual({
      status: 422,
      body: { error: POST_SMILIES.tooMany, field: "message" },
    });
    const huge = await post(
      path,
      { message: "😀".repeat(MESSAGE.max * 3), idempotencyKey: key() },
      { cookie },
    );
    expect(huge.status).toBe(413);

    const signedOut = await post(path, { message: "Hello", idempotencyKey: key() });
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.error).toMatch(/sign in/i);

    await db.update(threads).set({ isLocked: true }).where(eq(threads.id, thread.threadId));
    const locked = await post(path, { message: "Hello", idempotencyKey: key() }, { cookie });
    expect(locked.status).toBe(403);
    expect(locked.body.error).toMatch(/locked/i);
  });
});

describe("POST /api/polls/:id/votes and /state", () => {
  it("takes a member's vote, refuses a wrong shape with 400 and a guest with 401, and lets staff close", async () => {
    const author = await makeMember();
    const made = await createThread(author, {
      forumId,
      title: "A poll over HTTP",
      message: "Vote.",
      idempotencyKey: crypto.randomUUID(),
      poll: {
        question: "Yes or no?",
        answers: ["Yes", "No"],
        multipleChoice: false,
        allowVoteChange: false,
        resultsBeforeVoting: true,
        closeAfterDays: null,
      },
    });
    if (!made.ok) throw new Error(made.error);
    const [poll] = await db.select().from(polls).where(eq(polls.threadId, made.threadId));
    const [yes] = await db.select().from(pollAnswers).where(eq(pollAnswers.pollId, poll!.id));
    const votes = `/api/polls/${poll!.id}/votes`;
    const cookie = await cookieFor(await makeMember());

    expect((await post(votes, { answers: "yes" }, { cookie })).status).toBe(400);
    expect((await post(votes, { answers: ["x"] }, { cookie })).status).toBe(400);
    expect((await post(votes, { answers: [yes!.id] })).status).toBe(401);
    const voted = await post(votes, { answers: [yes!.id] }, { cookie });
    expect(voted).toMatchObject({ status: 200, body: { votedFor: [yes!.id] } });
    expect((await post(votes, { answers: [yes!.id] }, { cookie })).status).toBe(403);

    const state = `/api/polls/${poll!.id}/state`;
    expect((await post(state, { closed: "yes" }, { cookie })).status).toBe(400);
    expect((await post(state, { closed: true }, { cookie })).status).toBe(403);
    const staff = await cookieFor(await makeMember({ role: "moderator" }));
    expect(await post(state, { closed: true }, { cookie: staff })).toMatchObject({
      status: 200,
      body: { isClosed: true },
    });
  });
});

describe("POST /api/account/color-scheme", () => {
  it("saves a member's choice, refuses guests and unknown schemes", async () => {
    const member = await makeMember();
    const cookie = await cookieFor(member);
    const path = "/api/account/color-scheme";
    expect(await post(path, { scheme: "dark" }, { cookie })).toEqual({
      status: 200,
      body: { colorScheme: "dark" },
    });
    expect(await post(path, { scheme: "system" }, { cookie })).toEqual({
      status: 200,
      body: { colorScheme: null },
    });
    expect((await post(path, { scheme: "pink" }, { cookie })).status).toBe(400);
    expect((await post(path, { scheme: "dark" })).status).toBe(401);
    expect(
      (await post(path, { scheme: "dark" }, { cookie, origin: "https://evil.test" })).status,
    ).toBe(403);
  });
});
