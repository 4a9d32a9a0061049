// Live updates over real HTTP, as two instances would see them: each with its own hub and its own
// LISTEN connection to the one Postgres; a post or an alert written anywhere reaches the browsers
// following it on both, and nobody else.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { db } from "@/db/client";
import { threadWatches } from "@/db/schema";
import { LIVE_CHANNEL } from "@/lib/live/notices";
import { approvePost, setApprovalThreshold } from "@/lib/moderation/approval";
import {
  makeForum,
  makeMember,
  newThread,
  quoting,
  reply,
  resetApprovalSetting,
} from "@/lib/testing/factories";
import { SESSION_COOKIE } from "@/lib/session/session-cookie";
import { createLiveHub, type LiveHub } from "./live-updates";

const secret = "live-updates-test-secret-0123456789abcdef";
const instances: { hub: LiveHub; server: http.Server; base: string }[] = [];

beforeAll(async () => {
  process.env.AUTH_SECRET = secret;
  for (let i = 0; i < 2; i++) {
    const hub = createLiveHub(process.env.DATABASE_URL!, { maxStreams: 100 });
    const server = http.createServer((req, res) => hub.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    instances.push({
      hub,
      server,
      base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
  }
  // The hubs answer 204 until their LISTEN is in place.
  await new Promise((resolve) => setTimeout(resolve, 500));
});
afterAll(async () => {
  for (const { hub, server } of instances) {
    await hub.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await resetApprovalSetting();
  await db.$client.end();
});

const cookieFor = async (uid: string) =>
  `${SESSION_COOKIE}=${await encode({ token: { uid, sv: 0 }, secret, salt: SESSION_COOKIE })}`;

/** An open stream, and what it has received so far. */
async function open(base: string, query: string, cookie?: string) {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/live${query}`, {
    headers: cookie ? { cookie } : {},
    signal: controller.signal,
  });
  let text = "";
  if (response.status === 200) {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += value;
        }
      } catch {
        // Aborted at the end of the test.
      }
    })();
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    received: () => text,
    close: () => controller.abort(),
  };
}

async function eventually(check: () => boolean, ms = 3000) {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("GET /api/live", () => {
  it("tells both instances' readers of a thread about a reply, and not readers of another thread", async () => {
    const forum = await makeForum();
    const author = await makeMember();
    const thread = await newThread({ author, forumId: forum.id });
    const other = await newThread({ author, forumId: forum.id });
    const [a, b] = instances;
    const onA = await open(a!.base, `?thread=${thread.threadId}`);
    const onB = await open(b!.base, `?thread=${thread.threadId}`);
    const elsewhere = await open(b!.base, `?thread=${other.threadId}`);
    expect([onA.status, onB.status, elsewhere.status]).toEqual([200, 200, 200]);
    expect(onA.contentType).toContain("text/event-stream");

    const poster = await makeMember();
    const posted = await reply({ author: poster, threadId: thread.threadId });
    const event = `event: post\ndata: {"thread":${thread.threadId},"post":${posted.postId},"author":"${poster.id}"}`;
    expect(await eventually(() => onA.received().includes(event))).toBe(true);
    expect(await eventually(() => onB.received().includes(event))).toBe(true);
    await settle();
    expect(elsewhere.received()).not.toContain("event: post");
    for (const stream of [onA, onB, elsewhere]) stream.close();
  });

  it("tells a member, and only them, of a new alert (a quote), whichever instance they are on", async () => {
    const forum = await makeForum();
    const quoted = await makeMember();
    const bystander = await makeMember();
    const thread = await newThread({ author: quoted, forumId: forum.id });
    const mine = await open(instances[1]!.base, "", await cookieFor(quoted.id));
    const theirs = await open(instances[1]!.base, "", await cookieFor(bystander.id));
    expect([mine.status, theirs.status]).toEqual([200, 200]);

    await reply({
      author: await makeMember(),
      threadId: thread.threadId,
      message: quoting(thread.postId, quoted.name, "Opening post") + "\n\nQuite right.",
    });
    expect(await eventually(() => mine.received().includes("event: alert"))).toBe(true);
    await settle();
    expect(theirs.received()).not.toContain("event: alert");
    mine.close();
    theirs.close();
  });

  it("tells every watcher alerted by one reply, in notices of at most 100 members", async () => {
    const forum = await makeForum();
    const thread = await newThread({ author: await makeMember(), forumId: forum.id });
    const watchers = await Promise.all(Array.from({ length: 150 }, () => makeMember()));
    await db
      .insert(threadWatches)
      .values(watchers.map((w) => ({ userId: w.id, threadId: thread.threadId })));
    const [first, last] = [watchers[0]!, watchers[149]!];
    const streams = await Promise.all([
      open(instances[0]!.base, "", await cookieFor(first.id)),
      open(instances[1]!.base, "", await cookieFor(last.id)),
    ]);
    // What the channel carries, heard on a connection of the test's own.
    const heard: string[] = [];
    const listener = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await listener.listen(LIVE_CHANNEL, (payload) => heard.push(payload));

    await reply({ author: await makeMember(), threadId: thread.threadId });
    expect(
      await eventually(() => streams.every((s) => s.received().includes("event: alert"))),
    ).toBe(true);
    await settle();
    const batches = heard
      .map((payload) => JSON.parse(payload) as { members?: string[] })
      .filter((notice) => notice.members?.some((id) => watchers.some((w) => w.id === id)));
    expect(batches.length).toBe(2);
    expect(batches.every((b) => b.members!.length <= 100)).toBe(true);
    const told = new Set(batches.flatMap((b) => b.members));
    expect(watchers.every((w) => told.has(w.id))).toBe(true);
    for (const stream of streams) stream.close();
    await listener.end();
  });

  it("announces a post waiting for approval only once it is approved", async () => {
    const forum = await makeForum();
    const thread = await newThread({ author: await makeMember(), forumId: forum.id });
    const moderator = await makeMember({ role: "admin" });
    await setApprovalThreshold(moderator, 1);
    const newcomer = await makeMember({ imported: false });
    const stream = await open(instances[0]!.base, `?thread=${thread.threadId}`);
    const waiting = await reply({ author: newcomer, threadId: thread.threadId });
    await settle();
    expect(stream.received()).not.toContain("event: post");
    expect((await approvePost(moderator, waiting.postId)).ok).toBe(true);
    expect(await eventually(() => stream.received().includes(`"post":${waiting.postId}`))).toBe(
      true,
    );
    stream.close();
  });

  it("answers 204 (EventSource stops) when there is nothing to follow, and 400 for a bad thread id", async () => {
    const nothing = await open(instances[0]!.base, "");
    expect(nothing.status).toBe(204);
    const bad = await open(instances[0]!.base, "?thread=99999999999");
    expect(bad.status).toBe(400);
  });
});
