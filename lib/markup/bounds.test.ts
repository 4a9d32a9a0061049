// What one post may expand to (issue 13, finding 1): 20 posts of ":) " × 16,600 rendered to 14 times
// their source each (a 35 MB page once Next had serialized it twice), and nothing bounded the rest.
// Before the caps, the worst cases below rendered to 14× (smilies), 15× (known mentions), 26× (nested
// block quotes), 7× (quote fences) and 6.5× (attachment placeholders) of their source.
import { describe, expect, it } from "vitest";
import {
  POST_IMAGES,
  POST_MENTIONS,
  POST_NESTING,
  POST_SMILIES,
  RENDERED_POST,
  renderedPostBudget,
} from "../limits/sizes";
import { codePointLength, plainTextHtml } from "./bounds";
import { renderPost, renderPostChecked } from "./render";

const markupRefusal = (source: string) => renderPostChecked(source).exceeded[0] ?? null;

const SOURCE_MAX = 50_000;
const fill = (unit: string) => unit.repeat(Math.floor(SOURCE_MAX / unit.length));
const count = (html: string, needle: string) => html.split(needle).length - 1;

const members = new Map([["ann", "/members/ann.1"]]);
const quotedPosts = new Map([[1, "Ann"]]);

const WORST_CASES: Record<string, string> = {
  "smilies (the reported page)": ":) ".repeat(16_600),
  "smilies on their own lines": fill(":)\n"),
  "named smilies": fill(":rofl: "),
  "unknown mentions": fill("@a "),
  "known mentions": fill("@ann "),
  "nested block quotes": fill(">".repeat(99) + "\n\n"),
  "empty block quotes": fill(">\n\n"),
  "nested lists": fill("- ".repeat(40) + "a\n\n"),
  "empty list items": fill("-\n"),
  "quote fences": fill("::: quote 1 Ann\n:::\n\n"),
  "nested quote fences": fill(
    "::::: quote 1 Ann\n:::: quote 1 Ann\n::: quote 1 Ann\nx\n:::\n::::\n:::::\n",
  ),
  spoilers: fill("::: spoiler\n:::\n\n"),
  images: fill("![](http://a) "),
  "attachment placeholders": fill("![](attachment:) "),
  ampersands: fill("&"),
  "less-than signs": fill("<"),
  "line breaks": fill("a\n"),
  "empty headings": fill("#\n"),
  autolinks: fill("<http://a> "),
  "stacked emphasis": fill("*".repeat(50) + "a" + "*".repeat(50) + " "),
};

describe("a post renders within its budget whatever its source", () => {
  for (const [name, source] of Object.entries(WORST_CASES)) {
    it(name, () => {
      const html = renderPost(source, { members, quotedPosts });
      expect(codePointLength(html)).toBeLessThanOrEqual(renderedPostBudget(source.length));
      // The budget's slack is for short posts; a long one stays near the ratio.
      expect(html.length / source.length).toBeLessThan(RENDERED_POST.ratio + 0.25);
    });
  }

  it("the reported page's post is now barely larger than its source", () => {
    const source = WORST_CASES["smilies (the reported page)"]!;
    const html = renderPost(source);
    expect(count(html, 'class="smilie"')).toBe(POST_SMILIES.max);
    expect(html.length / source.length).toBeLessThan(1.25);
  });
});

describe("each cap leaves the rest as typed", () => {
  it("smilies past the cap stay text", () => {
    const html = renderPost(":) ".repeat(POST_SMILIES.max) + ":rofl: :) the end");
    expect(count(html, 'class="smilie"')).toBe(POST_SMILIES.max);
    expect(html).toContain(":rofl: :) the end");
  });

  it("mentions past the cap stay text, known or not", () => {
    const html = renderPost("@ann ".repeat(POST_MENTIONS.max) + "@ann @bob", { members });
    expect(count(html, 'class="mention"')).toBe(POST_MENTIONS.max);
    expect(html).toContain(" @ann @bob");
  });

  it("images past the cap show their alt text", () => {
    const html = renderPost(
      "![a](http://img.example/a.png) ".repeat(POST_IMAGES.max - 1) +
        "![file](attachment:file.jpg) ![last one](http://img.example/z.png)",
    );
    expect(count(html, "<img ")).toBe(POST_IMAGES.max - 1);
    expect(count(html, 'class="attachment-missing"')).toBe(1);
    expect(html).toContain("last one");
    expect(html).not.toContain("z.png");
  });

  it("block quotes nest to the cap, and what the deeper ones held is kept", () => {
    const html = renderPost(">".repeat(POST_NESTING.max + 5) + " deep down\n\nafter");
    expect(count(html, "<blockquote>")).toBe(POST_NESTING.max);
    expect(html).toContain("deep down");
    expect(html).toContain("<p>after</p>");
  });

  it("lists and quote fences count together, and the items of a list left out stay apart", () => {
    const fences = Array.from({ length: 6 }, (_, i) => ":".repeat(9 - i) + " quote - Ann\n").join(
      "",
    );
    const closes = Array.from({ length: 6 }, (_, i) => ":".repeat(4 + i) + "\n").join("");
    const list = Array.from({ length: 5 }, (_, i) => "  ".repeat(i) + `- level ${i}\n`).join("");
    const html = renderPost(`${fences}${list}${closes}`);
    expect(count(html, "<blockquote") + count(html, "<ul>")).toBe(POST_NESTING.max);
    for (let i = 0; i < 5; i++) expect(html).toContain(`level ${i}`);
    expect(html).toContain("<p>level 4</p>");
  });

  it("a post whose formatting is still too large is shown as plain text, cut to the budget", () => {
    const source = "& ".repeat(10_000) + "\n" + "&".repeat(30_000);
    const html = renderPost(source);
    expect(codePointLength(html)).toBeLessThanOrEqual(renderedPostBudget(source.length));
    expect(html).toMatch(/^<p>&amp; &amp; /);
    expect(html).toContain("<br>\n&amp;&amp;");
    expect(html.endsWith("<p><em>This post is too long to show in full.</em></p>")).toBe(true);
    expect(html.replace(/<\/?(?:p|br|em)>/g, "")).not.toMatch(/[<>]/);
  });

  it("plain text escapes everything and keeps a post that fits whole", () => {
    expect(plainTextHtml('<script>"x" & y\nz')).toBe('<p>&lt;script&gt;"x" &amp; y<br>\nz</p>');
  });
});

describe("what a writer is told", () => {
  it("names the first cap the message goes past", () => {
    expect(markupRefusal(":) ".repeat(POST_SMILIES.max))).toBeNull();
    expect(markupRefusal(":) ".repeat(POST_SMILIES.max + 1))).toBe(
      "A post may show at most 200 smilies.",
    );
    expect(markupRefusal("@x ".repeat(POST_MENTIONS.max + 1))).toBe(POST_MENTIONS.tooMany);
    expect(markupRefusal("![](http://a.example/i.png)".repeat(POST_IMAGES.max + 1))).toBe(
      POST_IMAGES.tooMany,
    );
    expect(markupRefusal(">".repeat(POST_NESTING.max + 1) + " x")).toBe(POST_NESTING.tooMany);
    expect(markupRefusal(">".repeat(POST_NESTING.max) + " x")).toBeNull();
    expect(markupRefusal(fill(">\n\n"))).toBe(RENDERED_POST.tooLarge);
  });

  it("reports every cap met, and ordinary posts meet none", () => {
    const { exceeded } = renderPostChecked(":) ".repeat(300) + "@x ".repeat(60));
    expect(exceeded).toEqual([POST_SMILIES.tooMany, POST_MENTIONS.tooMany]);
    expect(renderPostChecked("Hello @x :) see ![pic](http://a.example/p.png)").exceeded).toEqual(
      [],
    );
  });
});
