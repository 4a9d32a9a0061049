// The RSS feeds against the real Postgres: the output is parsed by a strict XML parser (saxes, which
// rejects anything not well-formed XML 1.0, such as a bare "&" or a control character), and what it
// lists is only what a guest may read.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { SaxesParser } from "saxes";
import { db } from "@/db/client";
import { posts, threads } from "@/db/schema";
import { cleanUp, makeForum, makeMember, newThread } from "@/lib/testing/factories";
import { plainExcerpt } from "../markup/excerpt";
import { FEED_ITEMS, forumFeed, siteFeed } from "./latest-threads";
import { requestOrigin, rssResponse } from "./response";
import { escapeXml, renderRss } from "./rss";

interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

/** Parses strictly (namespaces checked) into a small tree; throws on the first well-formedness error. */
function parseXml(xml: string): Node {
  const parser = new SaxesParser({ xmlns: true });
  const root: Node = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  let failure: Error | null = null;
  parser.on("error", (error) => {
    failure ??= error;
  });
  parser.on("opentag", (tag) => {
    const node: Node = {
      name: tag.name,
      attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, a]) => [k, a.value])),
      children: [],
      text: "",
    };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on("text", (text) => {
    stack.at(-1)!.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (failure) throw failure;
  return root;
}

const child = (node: Node, name: string) => node.children.find((c) => c.name === name);
const textOf = (node: Node, name: string) => child(node, name)?.text;

function channelOf(xml: string) {
  const rss = parseXml(xml).children[0]!;
  expect(rss.name).toBe("rss");
  expect(rss.attributes.version).toBe("2.0");
  const channel = child(rss, "channel")!;
  const items = channel.children
    .filter((c) => c.name === "item")
    .map((i) => ({
      title: textOf(i, "title"),
      link: textOf(i, "link"),
      guid: textOf(i, "guid"),
      creator: textOf(i, "dc:creator"),
      category: textOf(i, "category"),
      description: textOf(i, "description"),
      pubDate: textOf(i, "pubDate"),
    }));
  return { channel, items };
}

const ORIGIN = "http://forum.test:8080";
const TRICKY_TITLE = `Tanks <&> "armour" & 'doctrine' ${randomUUID().slice(0, 6)}`;
let forum: { id: number; slug: string; title: string };
let kept: { threadId: number };
let authorName: string;
let deletedTitle: string;
let pendingTitle: string;

beforeAll(async () => {
  forum = await makeForum();
  const author = await makeMember();
  authorName = author.name;
  const start = (title: string, message: string) =>
    newThread({ author, forumId: forum.id, title, message });
  deletedTitle = `Deleted thread ${randomUUID().slice(0, 6)}`;
  pendingTitle = `Pending thread ${randomUUID().slice(0, 6)}`;
  const deleted = await start(deletedTitle, "Gone");
  await db.update(threads).set({ deletedAt: new Date() }).where(eq(threads.id, deleted.threadId));
  const pending = await start(pendingTitle, "Waiting");
  await db.update(posts).set({ approvalState: "pending" }).where(eq(posts.id, pending.postId));
  kept = await start(
    TRICKY_TITLE,
    "Raw <script>alert(1)</script> & **bold** words\u0001 from Srinivas_K",
  );
});
afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

describe("RSS feeds", () => {
  it("a forum's feed is well-formed RSS 2.0 with escaped titles and only what guests may read", async () => {
    const feed = await forumFeed(ORIGIN, forum.slug);
    const xml = renderRss(feed!);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"')).toBe(true);
    expect(xml).toContain("Tanks &lt;&amp;&gt; &quot;armour&quot; &amp; &apos;doctrine&apos;");
    const { channel, items } = channelOf(xml);

    expect(textOf(channel, "title")).toBe(`${forum.title} | Parley`);
    expect(textOf(channel, "link")).toBe(`${ORIGIN}/forums/${forum.slug}`);
    expect(child(channel, "atom:link")!.attributes).toEqual({
      href: `${ORIGIN}/forums/${forum.slug}/rss`,
      rel: "self",
      type: "application/rss+xml",
    });

    expect(items.map((i) => i.title)).toEqual([TRICKY_TITLE]);
    const [item] = items;
    expect(item!.link).toMatch(
      new RegExp(`^${ORIGIN}/threads/${kept.threadId}-tanks-armour-doctrine-`),
    );
    expect(item!.guid).toBe(item!.link);
    expect(item!.category).toBe(forum.title);
    expect(item!.creator).toBe(authorName);
    expect(new Date(item!.pubDate!).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Plain text, HTML-escaped inside the XML: a reader rendering it as HTML shows the words, runs nothing.
    expect(item!.description).toBe(
      "Raw &lt;script&gt;alert(1)&lt;/script&gt; &amp; bold words from Srinivas_K",
    );
    expect(xml).not.toContain(deletedTitle);
    expect(xml).not.toContain(pendingTitle);
  });

  it("the site feed lists the newest threads across forums, at most a page of them", async () => {
    const { channel, items } = channelOf(renderRss(await siteFeed(ORIGIN)));
    expect(textOf(channel, "link")).toBe(`${ORIGIN}/`);
    expect(child(channel, "atom:link")!.attributes.href).toBe(`${ORIGIN}/rss`);
    expect(items.length).toBeLessThanOrEqual(FEED_ITEMS);
    expect(items[0]!.title).toBe(TRICKY_TITLE);
    const titles = items.map((i) => i.title);
    expect(titles).not.toContain(deletedTitle);
    expect(titles).not.toContain(pendingTitle);
    const dates = items.map((i) => new Date(i.pubDate!).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("has no feed for a forum that does not exist", async () => {
    expect(await forumFeed(ORIGIN, `no-such-forum-${randomUUID()}`)).toBeNull();
  });

  it("the parser used above does reject what is not well-formed", () => {
    expect(() => parseXml("<rss><title>Tanks & armour</title></rss>")).toThrow();
    expect(() => parseXml("<rss><title>a\u0001b</title></rss>")).toThrow();
    expect(() => parseXml("<rss><atom:link/></rss>")).toThrow();
    expect(
      parseXml(`<rss><title>${escapeXml("a\u0001<&>\"'\uD800b")}</title></rss>`).children[0]!
        .children[0]!.text,
    ).toBe("a<&>\"'b");
  });
});

describe("feed responses", () => {
  it("are RSS with a cache lifetime, and 304 for a reader who holds the same bytes", async () => {
    const channel = (await forumFeed(ORIGIN, forum.slug))!;
    const first = rssResponse(new Request(`${ORIGIN}/rss`), channel);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(first.headers.get("cache-control")).toBe(
      "public, max-age=300, stale-while-revalidate=600",
    );
    const etag = first.headers.get("etag")!;
    expect(await first.text()).toBe(renderRss(channel));

    const again = rssResponse(
      new Request(`${ORIGIN}/rss`, { headers: { "if-none-match": `"other", W/${etag}` } }),
      channel,
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const changed = rssResponse(
      new Request(`${ORIGIN}/rss`, { headers: { "if-none-match": etag } }),
      { ...channel, title: "Renamed" },
    );
    expect(changed.status).toBe(200);
  });
});

describe("feed links", () => {
  it("are built on the host the reader asked for, when it is a plain host name", () => {
    const at = (host: string | null) =>
      requestOrigin(new Request("http://localhost:3000/rss", { headers: host ? { host } : {} }));
    expect(at("127.0.0.1:3514")).toBe("http://127.0.0.1:3514");
    expect(at("forum.example")).toBe("http://forum.example");
    expect(at("[::1]:8080")).toBe("http://[::1]:8080");
    expect(at("evil.example/x?")).toBe("http://localhost:3000");
    expect(at("a b")).toBe("http://localhost:3000");
  });

  it("use SITE_URL when the forum's address is configured, whatever the Host header says", () => {
    const saved = process.env.SITE_URL;
    process.env.SITE_URL = "https://forum.example/";
    try {
      expect(
        requestOrigin(
          new Request("http://localhost:3000/rss", { headers: { host: "evil.example" } }),
        ),
      ).toBe("https://forum.example");
    } finally {
      if (saved === undefined) delete process.env.SITE_URL;
      else process.env.SITE_URL = saved;
    }
  });
});

describe("plain excerpts", () => {
  it("keeps a post's own words: no quotes, spoilers or Markdown marks", () => {
    const source =
      "::: quote 12 Razor\nquoted words\n:::\n# Heading\n> aside\n**Bold** and [a link](https://x.test) ![img](/a.png)\n\n::: spoiler Ending\nsecret\n:::\nlast `code` line";
    expect(plainExcerpt(source)).toBe("Heading aside Bold and a link img last code line");
    expect(plainExcerpt("word ".repeat(100), 20)).toBe("word word word word…");
    expect(plainExcerpt("Japan&apos;s &amp; Russia&#8217;s \\[sic]")).toBe(
      "Japan's & Russia’s [sic]",
    );
  });
});
