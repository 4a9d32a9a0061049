// Integration: /search against the real Postgres, through runSearch as the page calls it. The
// members, forums, threads and posts are this file's own, with words made up for this run, so the
// other files sharing the database neither see nor disturb them; all of it is removed afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { categories, forums, ignoredMembers, posts, threads } from "@/db/schema";
import { deletePosts } from "../moderation/posts";
import { ANONYMOUS, type Viewer } from "../permissions";
import { MAX_RESULTS, MESSAGES } from "./query";
import { runSearch, searchMessages, type SearchOutcome } from "./search";
import { choosePlan } from "./search-plan";
import { searchPosts, type SearchFilter } from "./search-posts";
import { cleanUp, makeMember, newThread, reply } from "../testing/factories";

// Letters only: the English stemmer leaves such made-up words whole, and they match nothing else.
const tag = Array.from({ length: 7 }, () =>
  String.fromCharCode(97 + Math.floor(Math.random() * 26)),
).join("");
const word = (name: string) => `${name}${tag}`;
const W = {
  common: word("zorblat"),
  bob: word("quindle"),
  title: word("harbourtitle"),
  xss: word("scriptish"),
  deleted: word("gonepost"),
  pending: word("waitpost"),
  hiddenThread: word("waitthread"),
  deletedThread: word("gonethread"),
  ignored: word("shunned"),
  dated: word("datedpost"),
  many: word("plentiful"),
  cap: word("overflowing"),
  older: word("bygoneword"),
  inReply: word("replyonly"),
  titleAndPost: word("bothplaces"),
  markup: word("formatted"),
};

const made = { forums: [] as number[], category: 0 };
function results(outcome: SearchOutcome) {
  if (outcome.state !== "results")
    throw new Error(`expected results, got ${JSON.stringify(outcome)}`);
  return outcome.results;
}
const hitIds = (outcome: SearchOutcome) => results(outcome).hits.map((h) => h.postId);
const errorsOf = (outcome: SearchOutcome) => (outcome.state === "invalid" ? outcome.errors : {});

let alice: Viewer, bob: Viewer, carol: Viewer, dave: Viewer, reader: Viewer, moderator: Viewer;
let forumA: { id: number; slug: string; title: string },
  forumB: { id: number; slug: string; title: string };
const ids = {} as Record<
  | "aliceOpening"
  | "bobReply"
  | "carolOpening"
  | "xss"
  | "deleted"
  | "pending"
  | "ignored"
  | "dated2020"
  | "dated2021"
  | "titleOpening"
  | "titleReply"
  | "titleAndPostOpening"
  | "titleAndPostMention"
  | "markup",
  number
>;
let mainThreadId: number;

beforeAll(async () => {
  const [category] = await db
    .insert(categories)
    .values({ title: `Search tests ${tag}` })
    .returning();
  made.category = category!.id;
  const forumRows = await db
    .insert(forums)
    .values([
      { categoryId: category!.id, slug: `search-a-${tag}`, title: `Search A ${tag}` },
      { categoryId: category!.id, slug: `search-b-${tag}`, title: `Search B ${tag}` },
    ])
    .returning();
  [forumA, forumB] = [forumRows[0]!, forumRows[1]!];
  made.forums.push(forumA.id, forumB.id);
  [alice, bob, carol, dave, reader, moderator] = [
    await makeMember(),
    await makeMember(),
    await makeMember(),
    await makeMember(),
    await makeMember(),
    await makeMember({ role: "moderator" }),
  ];

  const main = await newThread({
    author: alice,
    forumId: forumA.id,
    title: "Harbour news",
    message: `The ${W.common} frigate sailed at dawn.`,
  });
  mainThreadId = main.threadId;
  ids.aliceOpening = main.postId;
  ids.bobReply = (
    await reply({
      author: bob,
      threadId: main.threadId,
      message: `More ${W.common} news, and ${W.bob} besides.`,
    })
  ).postId;
  ids.xss = (
    await reply({
      author: alice,
      threadId: main.threadId,
      message: `Look: <script>alert(1)</script> and <img src=x onerror=alert(2)> say ${W.xss} & "so on".`,
    })
  ).postId;
  ids.deleted = (
    await reply({
      author: bob,
      threadId: main.threadId,
      message: `This ${W.deleted} post goes away.`,
    })
  ).postId;
  ids.pending = (
    await reply({
      author: carol,
      threadId: main.threadId,
      message: `This ${W.pending} post waits for a moderator.`,
    })
  ).postId;
  ids.ignored = (
    await reply({
      author: dave,
      threadId: main.threadId,
      message: `Dave says ${W.ignored} things.`,
    })
  ).postId;
  ids.dated2020 = (
    await reply({ author: carol, threadId: main.threadId, message: `An old ${W.dated} post.` })
  ).postId;
  ids.dated2021 = (
    await reply({ author: dave, threadId: main.threadId, message: `A newer ${W.dated} post.` })
  ).postId;
  ids.carolOpening = (
    await newThread({
      author: carol,
      forumId: forumB.id,
      title: "Elsewhere",
      message: `${W.common} in another forum.`,
    })
  ).postId;
  ids.titleOpening = (
    await newThread({
      author: bob,
      forumId: forumB.id,
      title: `Report on the ${W.title}`,
      message: "An opening post without the title's words.",
    })
  ).postId;
  const titled = await newThread({
    author: carol,
    forumId: forumB.id,
    title: `Then ${W.titleAndPost}`,
    message: "The opening post says nothing of it.",
  });
  ids.titleAndPostOpening = titled.postId;
  ids.titleAndPostMention = (
    await reply({
      author: dave,
      threadId: titled.threadId,
      message: `A passing mention of ${W.titleAndPost} in a long reply about other things entirely.`,
    })
  ).postId;
  ids.titleReply = (
    await reply({
      author: alice,
      threadId: titled.threadId,
      message: `Only a reply says ${W.inReply}.`,
    })
  ).postId;
  ids.markup = (
    await reply({
      author: alice,
      threadId: titled.threadId,
      message: `The **Type 26** [b]${W.markup}[/b] [url=https://example.com/x]the [i]link[/i][/url] ![a chart](https://example.com/c.png)\n\n> ## Quoted heading\n\n[quote="Razor, post: 1, member: 2"][color=red]red words[/color][/quote]`,
    })
  ).postId;
  const hidden = await newThread({
    author: carol,
    forumId: forumA.id,
    title: "Waiting thread",
    message: `A ${W.hiddenThread} thread.`,
  });
  const gone = await newThread({
    author: carol,
    forumId: forumA.id,
    title: "Deleted thread",
    message: `A ${W.deletedThread} thread.`,
  });

  const deleted = await deletePosts(moderator, [ids.deleted], "test");
  if (!deleted.ok) throw new Error(deleted.error);
  // Set directly: the approval queue and thread deletion have tests of their own; here only the
  // states matter.
  await db
    .update(posts)
    .set({ approvalState: "pending" })
    .where(inArray(posts.id, [ids.pending, hidden.postId]));
  await db.update(threads).set({ deletedAt: new Date() }).where(eq(threads.id, gone.threadId));
  await db
    .update(posts)
    .set({ createdAt: new Date("2020-03-15T12:00:00Z") })
    .where(eq(posts.id, ids.dated2020));
  await db
    .update(posts)
    .set({ createdAt: new Date("2021-06-01T08:00:00Z") })
    .where(eq(posts.id, ids.dated2021));
  await db.insert(ignoredMembers).values({ userId: reader.id!, ignoredId: dave.id! });
});

afterAll(async () => {
  await db.delete(threads).where(inArray(threads.forumId, made.forums));
  await db.delete(forums).where(inArray(forums.id, made.forums));
  await db.delete(categories).where(eq(categories.id, made.category));
  await cleanUp();
  await db.$client.end();
});

describe("finding posts", () => {
  it("finds a post by a word of its text, linked to its permalink, with the match marked", async () => {
    const found = results(await runSearch(ANONYMOUS, { q: W.bob }));
    expect(found).toMatchObject({ total: 1, capped: false, pageCount: 1 });
    const [hit] = found.hits;
    expect(hit).toMatchObject({
      postId: ids.bobReply,
      url: `/posts/${ids.bobReply}`,
      titleHtml: "Harbour news",
      author: {
        name: bob.name,
        url: expect.stringMatching(new RegExp(`^/members/${bob.number}-`)),
      },
      forum: { title: forumA.title, url: `/forums/${forumA.slug}` },
    });
    expect(hit!.snippetHtml).toContain(`<mark>${W.bob}</mark>`);
    expect(hit!.snippetHtml).not.toContain(`<mark>${W.common}</mark>`);
  });

  it("filters by forum, member and both", async () => {
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.common })).sort()).toEqual(
      [ids.aliceOpening, ids.bobReply, ids.carolOpening].sort(),
    );
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.common, forum: forumA.slug })).sort()).toEqual(
      [ids.aliceOpening, ids.bobReply].sort(),
    );
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.common, forum: forumB.slug }))).toEqual([
      ids.carolOpening,
    ]);
    // Usernames match whatever their case.
    expect(
      hitIds(await runSearch(ANONYMOUS, { q: W.common, member: bob.name!.toUpperCase() })),
    ).toEqual([ids.bobReply]);
    expect(
      hitIds(await runSearch(ANONYMOUS, { q: W.common, member: carol.name!, forum: forumA.slug })),
    ).toEqual([]);
  });

  it("filters by date, both ends inclusive, in UTC", async () => {
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.dated })).sort()).toEqual(
      [ids.dated2020, ids.dated2021].sort(),
    );
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.dated, from: "2021-01-01" }))).toEqual([
      ids.dated2021,
    ]);
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.dated, to: "2020-12-31" }))).toEqual([
      ids.dated2020,
    ]);
    expect(
      hitIds(await runSearch(ANONYMOUS, { q: W.dated, from: "2020-03-15", to: "2020-03-15" })),
    ).toEqual([ids.dated2020]);
    expect(
      hitIds(await runSearch(ANONYMOUS, { q: W.dated, from: "2020-03-16", to: "2021-05-31" })),
    ).toEqual([]);
  });

  it("finds a word only in a thread title without Titles only, as the opening post", async () => {
    const found = results(await runSearch(ANONYMOUS, { q: W.title }));
    expect(found.hits.map((h) => h.postId)).toEqual([ids.titleOpening]);
    expect(found.hits[0]!.titleHtml).toBe(`Report on the <mark>${W.title}</mark>`);
    expect(found.hits[0]!.snippetHtml).toContain("An opening post");
    // With a word in a reply too, both are found, and the title's thread once.
    const both = hitIds(await runSearch(ANONYMOUS, { q: `${W.title} or ${W.inReply}` }));
    expect(both.sort()).toEqual([ids.titleOpening, ids.titleReply].sort());
    // Other filters apply to title matches as to posts.
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.title, forum: forumA.slug }))).toEqual([]);
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.title, member: alice.name! }))).toEqual([]);
  });

  it("ranks a title match above a post that only mentions the word", async () => {
    const found = hitIds(await runSearch(ANONYMOUS, { q: W.titleAndPost }));
    expect(found).toEqual([ids.titleAndPostOpening, ids.titleAndPostMention]);
  });

  it("searches thread titles only when asked, linking to the opening post", async () => {
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.inReply, titles: "1" }))).toEqual([]);
    const found = results(await runSearch(ANONYMOUS, { q: W.title, titles: "1" }));
    expect(found.hits.map((h) => h.postId)).toEqual([ids.titleOpening]);
    expect(found.hits[0]!.titleHtml).toBe(`Report on the <mark>${W.title}</mark>`);
    expect(found.hits[0]!.author.name).toBe(bob.name);
    expect(found.hits[0]!.snippetHtml).toContain("An opening post");
  });

  it("orders by relevance or by date", async () => {
    // By date: newest first. By relevance: the post with both words first.
    const byDate = hitIds(await runSearch(ANONYMOUS, { q: W.common, order: "date" }));
    expect(byDate).toEqual([ids.carolOpening, ids.bobReply, ids.aliceOpening]);
    const byRelevance = hitIds(await runSearch(ANONYMOUS, { q: `${W.common} or ${W.bob}` }));
    expect(byRelevance[0]).toBe(ids.bobReply);
  });
});

describe("what a search leaves out", () => {
  it("leaves out deleted posts and threads, and posts and threads awaiting approval", async () => {
    for (const word of [W.deleted, W.pending, W.hiddenThread, W.deletedThread]) {
      expect(hitIds(await runSearch(ANONYMOUS, { q: word })), word).toEqual([]);
      expect(hitIds(await runSearch(moderator, { q: word })), word).toEqual([]);
    }
  });

  it("shows authors their own posts and threads awaiting approval, as thread pages do", async () => {
    expect(hitIds(await runSearch(carol, { q: W.pending }))).toEqual([ids.pending]);
    expect(results(await runSearch(carol, { q: W.hiddenThread })).total).toBe(1);
    expect(hitIds(await runSearch(bob, { q: W.pending }))).toEqual([]);
  });

  it("leaves out the posts of members the viewer ignores, for that viewer only", async () => {
    expect(hitIds(await runSearch(reader, { q: W.ignored }))).toEqual([]);
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.ignored }))).toEqual([ids.ignored]);
    expect(hitIds(await runSearch(alice, { q: W.ignored }))).toEqual([ids.ignored]);
  });
});

describe("snippets", () => {
  it("show the post's words, not its Markdown or BBCode", async () => {
    const [hit] = results(await runSearch(ANONYMOUS, { q: W.markup })).hits;
    expect(hit!.postId).toBe(ids.markup);
    expect(hit!.snippetHtml).toBe(
      `The Type 26 <mark>${W.markup}</mark> the link a chart Quoted heading red words`,
    );
  });

  it("escapes the post's text and marks only the matches", async () => {
    // "script" only in the snippet: Postgres's parser indexes nothing inside what looks like a tag.
    const [hit] = results(await runSearch(ANONYMOUS, { q: `${W.xss} or script` })).hits;
    const html = hit!.snippetHtml;
    expect(html).toContain(`<mark>${W.xss}</mark>`);
    expect(html).toContain("<mark>script</mark>&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toContain("&amp; &quot;so on&quot;");
    // Nothing but <mark> and </mark> is markup.
    expect(html.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  });
});

describe("a member's content", () => {
  it("lists a member's visible posts newest first, with no words needed", async () => {
    const found = await runSearch(ANONYMOUS, { member: bob.name! });
    expect(found.state === "results" && found.memberName).toBe(bob.name);
    // Bob's deleted reply is not there; his thread (newest) comes first.
    expect(hitIds(found)).toEqual([ids.titleOpening, ids.bobReply]);
    expect(results(found).hits[1]!.snippetHtml).toContain(W.bob);
    expect(hitIds(await runSearch(ANONYMOUS, { member: bob.name!, titles: "1" }))).toEqual([
      ids.titleOpening,
    ]);
  });
});

describe("bad input", () => {
  const expectError = async (
    raw: Record<string, string>,
    field: string,
    message: string | RegExp,
  ) => {
    const errors = errorsOf(await runSearch(ANONYMOUS, raw)) as Record<string, string>;
    if (typeof message === "string") expect(errors[field], JSON.stringify(raw)).toBe(message);
    else expect(errors[field], JSON.stringify(raw)).toMatch(message);
  };

  it("asks for words when there are none and no member", async () => {
    await expectError({ q: "" }, "q", MESSAGES.empty);
    await expectError({ q: "   ", forum: forumA.slug }, "q", MESSAGES.empty);
    expect((await runSearch(ANONYMOUS, {})).state).toBe("idle");
  });

  it("refuses searches over 200 characters", async () => {
    await expectError({ q: "a".repeat(201) }, "q", MESSAGES.tooLong);
    expect(
      (await runSearch(ANONYMOUS, { q: `${W.bob} ${"a".repeat(199 - W.bob.length)}` })).state,
    ).not.toBe("invalid");
  });

  it("says when nothing in the words can be searched for: operators, symbols, stop words, only exclusions", async () => {
    for (const q of ["-", '"" OR', "!!!", "&|!()"])
      await expectError({ q }, "q", /no searchable words.*symbols/);
    await expectError({ q: "the and of" }, "q", /no searchable words.*very common words/);
    await expectError({ q: "-frigate" }, "q", searchMessages.onlyExclusions);
  });

  it("names an unknown forum or member", async () => {
    await expectError(
      { q: W.common, forum: "no-such-forum" },
      "forum",
      searchMessages.unknownForum("no-such-forum"),
    );
    await expectError(
      { q: W.common, member: `nobody${tag}` },
      "member",
      searchMessages.unknownMember(`nobody${tag}`),
    );
    await expectError({ member: "x".repeat(500) }, "member", MESSAGES.memberTooLong);
  });

  it("checks dates: their shape, that they exist, and their order", async () => {
    await expectError({ q: W.dated, from: "yesterday" }, "from", MESSAGES.date);
    await expectError({ q: W.dated, to: "2021-13-01" }, "to", MESSAGES.noSuchDate);
    await expectError({ q: W.dated, from: "2021-02-30" }, "from", MESSAGES.noSuchDate);
    await expectError(
      { q: W.dated, from: "2021-06-02", to: "2021-06-01" },
      "to",
      MESSAGES.fromAfterTo,
    );
  });

  it("answers a page past the last with how many there are and the first page's address", async () => {
    expect(
      await runSearch(ANONYMOUS, { q: W.common, forum: forumA.slug, page: "7" }),
    ).toMatchObject({
      state: "past-end",
      page: 7,
      pageCount: 1,
      firstPageUrl: `/search?q=${W.common}&forum=${forumA.slug}`,
    });
    await expectError({ q: W.common, page: "abc" }, "page", MESSAGES.page);
    await expectError({ q: W.common, page: "0" }, "page", MESSAGES.page);
    await expectError({ q: W.common, order: "sideways" }, "order", MESSAGES.order);
  });

  it("ignores parameters it does not know, control characters and repeated parameters", async () => {
    expect(hitIds(await runSearch(ANONYMOUS, { q: W.bob, utm_source: "mail", sort: "x" }))).toEqual(
      [ids.bobReply],
    );
    expect(hitIds(await runSearch(ANONYMOUS, { q: `${W.bob}\u0000` }))).toEqual([ids.bobReply]);
    expect(
      hitIds(await runSearch(ANONYMOUS, { q: [W.bob, "other"] as unknown as string })),
    ).toEqual([ids.bobReply]);
  });
});

describe("pages and the cap", () => {
  it("pages 20 results at a time", async () => {
    const writers = [await makeMember(), await makeMember(), await makeMember()];
    const made: number[] = [];
    for (let i = 0; i < 23; i++)
      made.push(
        (
          await reply({
            author: writers[i % 3]!,
            threadId: mainThreadId,
            message: `Number ${i}: ${W.many}.`,
          })
        ).postId,
      );
    const first = results(await runSearch(ANONYMOUS, { q: W.many, order: "date" }));
    expect(first).toMatchObject({ total: 23, pageCount: 2 });
    const second = results(await runSearch(ANONYMOUS, { q: W.many, order: "date", page: "2" }));
    expect([...first.hits, ...second.hits].map((h) => h.postId)).toEqual([...made].reverse());
  });

  it(`lists at most ${MAX_RESULTS} matches, the newest, and says there are more`, async () => {
    // Written in one statement: a thousand replies through the posting code would take minutes.
    await db.execute(sql`
      insert into posts (thread_id, author_id, author_name, position, source, html, created_at)
      select ${mainThreadId}, ${alice.id}, ${alice.name}, 10000 + g, ${`Filler ${W.cap} post`} || ' ' || g, '', now() - g * interval '1 minute'
      from generate_series(1, ${MAX_RESULTS + 5}) g`);
    const found = results(await runSearch(ANONYMOUS, { q: W.cap }));
    expect(found).toMatchObject({ total: MAX_RESULTS, capped: true, pageCount: MAX_RESULTS / 20 });
    const last = results(
      await runSearch(ANONYMOUS, { q: W.cap, order: "date", page: String(MAX_RESULTS / 20) }),
    );
    // The newest thousand: the oldest listed is the thousandth, "… post 1000".
    expect(last.hits.at(-1)!.snippetHtml).toContain(`post ${MAX_RESULTS}`);
    expect(
      (await runSearch(ANONYMOUS, { q: W.cap, page: String(MAX_RESULTS / 20 + 1) })).state,
    ).toBe("past-end");
  });

  it("finds the same with every plan, and picks the walk for common words and the index for rare ones", async () => {
    const filter = (words: string, extra: Partial<SearchFilter> = {}): SearchFilter => ({
      words,
      forumId: null,
      authorId: null,
      from: null,
      before: null,
      titlesOnly: false,
      order: "relevance",
      page: 1,
      ...extra,
    });
    for (const f of [
      filter(W.common),
      filter(W.common, { forumId: forumA.id }),
      filter(W.cap, { page: 3 }),
      filter(W.dated, { authorId: carol.id }),
      filter(`${W.titleAndPost} or ${W.inReply}`, { forumId: forumB.id }),
    ]) {
      const [newest, forum, index] = await Promise.all(
        (["newest", "forum", "index"] as const).map(async (plan) =>
          (await searchPosts(reader.id, f, plan)).hits.map((h) => h.postId),
        ),
      );
      expect(forum).toEqual(newest);
      expect(index).toEqual(newest);
    }
    // The thousand filler posts are the newest posts in the database: the walk finds them at once.
    expect(await choosePlan({ words: W.cap, forumId: null, authorId: null })).toBe("newest");
    expect(await choosePlan({ words: W.bob, forumId: null, authorId: null })).toBe("index");
  });

  it("does not trust the newest posts alone: a word in many older posts is walked to, not fetched match by match", async () => {
    // Many older posts use the word; a burst of newer ones (the whole sample of the newest) does not.
    await db.execute(sql`
      insert into posts (thread_id, author_id, author_name, position, source, html, created_at)
      select ${mainThreadId}, ${alice.id}, ${alice.name}, 20000 + g, ${`Older ${W.older} post`} || ' ' || g, '', now() - interval '400 days' - g * interval '1 minute'
      from generate_series(1, 3000) g`);
    await db.execute(sql`
      insert into posts (thread_id, author_id, author_name, position, source, html, created_at)
      select ${mainThreadId}, ${alice.id}, ${alice.name}, 30000 + g, 'Burst post ' || g, '', now() - g * interval '1 second'
      from generate_series(1, 2500) g`);
    await db.execute(sql`analyze posts`);
    expect(await choosePlan({ words: W.older, forumId: null, authorId: null })).toBe("newest");
    // A word no post uses still goes to the index.
    expect(await choosePlan({ words: word("nowhereword"), forumId: null, authorId: null })).toBe(
      "index",
    );
  });
});
