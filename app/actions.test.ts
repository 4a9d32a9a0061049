// Every server action under app/, called the way a crafted request can call it: with no arguments,
// with strings, plain objects and arrays where FormData belongs, with row ids past Postgres's
// integer, and with FormData whose text fields hold NUL and other control characters next to real
// row ids (so the text reaches the queries). Whoever calls, an action answers with a state, does
// nothing, or redirects; it never throws, since a thrown error is a 500.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { reports } from "@/db/schema";
import { ANONYMOUS, type Viewer } from "@/lib/permissions";
import { reportPost } from "@/lib/moderation/reports";
import { cleanUp, makeForum, makeMember, makeThread } from "@/lib/testing/factories";
import type * as NextServer from "next/server";

const as = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: () => Promise.resolve(as.viewer) }));
// Outside a request, Next's cache and Auth.js have no request to work on; what they would do
// (refresh pages, set cookies) is not what this file tests.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers()) }));
// `after` (mail sent once the answer is out) needs a request too: run the work at once instead.
vi.mock("next/server", async (original) => ({
  ...(await original<typeof NextServer>()),
  after: (work: () => unknown) => void Promise.resolve().then(work),
}));
vi.mock("@/lib/auth/auth", () => ({
  signIn: () => Promise.resolve(),
  signOut: () => Promise.resolve(),
  auth: () => Promise.resolve(null),
  TwoFactorRequired: class TwoFactorRequired extends Error {},
}));

vi.mock("next-auth", () => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError {
    code = "credentials";
  }
  return { AuthError, CredentialsSignin };
});

type Action = (...args: unknown[]) => Promise<unknown>;

/** Every exported function of every app/**\/actions.ts, by "file: name". */
async function allActions(): Promise<[string, Action][]> {
  const root = path.resolve(import.meta.dirname);
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "actions.ts")
    .sort();
  const found: [string, Action][] = [];
  for (const file of files) {
    const exports = (await import(path.join(root, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports))
      if (typeof value === "function") found.push([`${file}: ${name}`, value as Action]);
  }
  return found;
}

/** Next's redirect(), notFound() and forbidden() throw on purpose: Next answers them itself. */
const isNextAnswer = (error: unknown) =>
  typeof error === "object" &&
  error !== null &&
  /^NEXT_(REDIRECT|HTTP_ERROR_FALLBACK)/.test(String((error as { digest?: unknown }).digest));

const HUGE = "99999999999";
const NUL_TEXT = "a\u0000b\u0001c\u007f\u0085d\u009f";

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  return data;
}

const FIELDS = [
  "forumId",
  "threadId",
  "postId",
  "reportId",
  "alertId",
  "memberId",
  "title",
  "message",
  "newTitle",
  "reason",
  "note",
  "signature",
  "location",
  "countryCode",
  "username",
  "email",
  "identifier",
  "password",
  "currentPassword",
  "newPassword",
  "callbackUrl",
  "value",
  "target",
  "role",
  "endsOn",
  "decision",
  "tool",
  "splitTo",
  "ignore",
  "watch",
  "autoWatch",
  "provider",
  "idempotencyKey",
] as const;

/** Every field an action reads, all with the same hostile value. */
const everyField = (value: string) => form(Object.fromEntries(FIELDS.map((f) => [f, value])));

let viewers: Record<string, Viewer>;
let rows: { forumId: number; threadId: number; postId: number; reportId: number; memberId: string };

beforeAll(async () => {
  const [member, admin, target] = await Promise.all([
    makeMember(),
    makeMember({ role: "admin" }),
    makeMember(),
  ]);
  viewers = { anonymous: ANONYMOUS, member, admin };
  const forum = await makeForum();
  const thread = await makeThread({ forumId: forum.id, messages: ["Opening", "A reply"] });
  const reported = await reportPost(member, thread.postIds[1]!, "Spam");
  if (!reported.ok) throw new Error(reported.error);
  const [report] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(eq(reports.postId, thread.postIds[1]!));
  rows = {
    forumId: forum.id,
    threadId: thread.threadId,
    postId: thread.postIds[1]!,
    reportId: report!.id,
    memberId: target.id,
  };
});
afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

/** Real rows, so the hostile text reaches Postgres: each tool of the moderation forms in turn. */
function nulForms(): FormData[] {
  const base = {
    ...Object.fromEntries(FIELDS.map((f) => [f, NUL_TEXT])),
    forumId: String(rows.forumId),
    threadId: String(rows.threadId),
    postId: String(rows.postId),
    reportId: String(rows.reportId),
    alertId: "1",
    memberId: rows.memberId,
    role: "member",
    decision: "reject",
    ignore: "1",
    watch: "1",
    endsOn: "",
    splitTo: "new",
    provider: "github",
    idempotencyKey: randomUUID(),
  };
  return ["rename", "lock", "move", "merge", "split", "delete"].map((tool) =>
    form({ ...base, tool, idempotencyKey: randomUUID() }),
  );
}

function hostileArgumentLists(): unknown[][] {
  const shapes: unknown[] = [
    undefined,
    null,
    "__proto__",
    {},
    { get: 1 },
    [HUGE],
    Number(HUGE),
    everyField(HUGE),
    everyField("__proto__"),
  ];
  const lists: unknown[][] = [[]];
  for (const shape of shapes) lists.push([shape], [undefined, shape], [{}, shape], [shape, shape]);
  for (const nul of nulForms()) lists.push([nul], [{ seq: 0, version: 0 }, nul]);
  lists.push([Number(HUGE), NUL_TEXT], [rows.postId, NUL_TEXT], [NUL_TEXT]);
  return lists;
}

describe("every server action, called with hostile arguments", async () => {
  const actions = await allActions();
  it("finds the actions", () => expect(actions.length).toBeGreaterThan(25));

  for (const [name, action] of actions)
    it(`${name} answers, never throws`, async () => {
      // One line per distinct error, with the first call that threw it.
      const failures = new Map<string, string>();
      for (const [who, viewer] of Object.entries(viewers)) {
        as.viewer = viewer;
        for (const args of hostileArgumentLists()) {
          try {
            await action(...args);
          } catch (error) {
            const message = String(error).slice(0, 200);
            if (!isNextAnswer(error) && !failures.has(message))
              failures.set(message, `${who} ${describeArgs(args)}`);
          }
        }
      }
      expect([...failures].map(([error, call]) => `${error} (${call})`)).toEqual([]);
    });
});

function describeArgs(args: unknown[]): string {
  const shown = args.map((a) => (a instanceof FormData ? Object.fromEntries(a.entries()) : a));
  return JSON.stringify(shown).slice(0, 300);
}
