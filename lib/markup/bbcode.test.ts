// BBCode beside Markdown (issue 17): XenForo members' tags render as the same HTML the Markdown
// syntax gives, through the same link checks, caps and sanitizer; anything unpaired stays as typed.
import { describe, expect, it } from "vitest";
import { POST_NESTING, RENDERED_POST, renderedPostBudget } from "../limits/sizes";
import { codePointLength } from "./bounds";
import { plainExcerpt } from "./excerpt";
import { quotedPostIds, quoteMarkup, stripQuotes } from "./quote";
import { renderPost, renderPostChecked } from "./render";

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe("BBCode tags", () => {
  it.each([
    ["[b]bold[/b]", "<p><strong>bold</strong></p>\n"],
    ["[I]italic[/I]", "<p><em>italic</em></p>\n"],
    ["[u]under[/u]", "<p><u>under</u></p>\n"],
    ["[s]struck[/s]", "<p><s>struck</s></p>\n"],
    ["[icode]a [b]b[/b][/icode]", "<p><code>a [b]b[/b]</code></p>\n"],
    ["[color=Red]red[/color]", '<p><span style="color:red">red</span></p>\n'],
    ["[color=#1a2B3c]hex[/color]", '<p><span style="color:#1a2b3c">hex</span></p>\n'],
    ["[size=7]big[/size]", '<p><span style="font-size:32px">big</span></p>\n'],
    ["[size=12px]px[/size]", '<p><span style="font-size:12px">px</span></p>\n'],
    ["[user=45]@Razor[/user]", '<p><span class="mention">@Razor</span></p>\n'],
    [
      "[url=https://example.com/a]the [b]site[/b][/url]",
      '<p><a href="https://example.com/a" rel="nofollow ugc noopener">the <strong>site</strong></a></p>\n',
    ],
    [
      "[url]https://example.com/a_b_c[/url]",
      '<p><a href="https://example.com/a_b_c" rel="nofollow ugc noopener">https://example.com/a_b_c</a></p>\n',
    ],
    [
      "[url=www.example.com]www[/url]",
      '<p><a href="http://www.example.com" rel="nofollow ugc noopener">www</a></p>\n',
    ],
    ["[url=/threads/1-a]here[/url]", '<p><a href="/threads/1-a">here</a></p>\n'],
    [
      "[img]https://example.com/p.png[/img]",
      '<p><img alt="" loading="lazy" src="https://example.com/p.png" /></p>\n',
    ],
    [
      "[media=youtube]dQw4w9WgXcQ[/media]",
      '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="nofollow ugc noopener">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>\n',
    ],
    ["[center]middle[/center]", '<div style="text-align:center">\n<p>middle</p>\n</div>\n'],
    [
      "[spoiler=The end]he dies[/spoiler]",
      '<details class="spoiler"><summary>Spoiler: The end</summary><div class="spoiler-body">\n<p>he dies</p>\n</div></details>\n',
    ],
    [
      "[code=php]<?php echo '[b]x[/b]'; ?>[/code]",
      "<pre><code class=\"language-php\">&lt;?php echo '[b]x[/b]'; ?&gt;\n</code></pre>\n",
    ],
    ["[list][*]one[*]two[/list]", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"],
    ["[list=1][*]one[*]two[/list]", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"],
  ])("%s", (source, html) => {
    expect(renderPost(source)).toBe(html);
  });

  it("nests lists, with several lines in an item", () => {
    expect(renderPost("[list][*]a\nmore[list=1][*]b[/list][*]c[/list]after")).toBe(
      "<ul>\n<li>a<br />\nmore\n<ol>\n<li>b</li>\n</ol>\n</li>\n<li>c</li>\n</ul>\n<p>after</p>\n",
    );
  });

  it("mixes with Markdown in one post", () => {
    expect(renderPost("**md** and [b]bb[/b], [i]*both*[/i]")).toBe(
      "<p><strong>md</strong> and <strong>bb</strong>, <em><em>both</em></em></p>\n",
    );
  });

  it("pairs nested tags of the same name", () => {
    expect(renderPost("[color=red]a [color=blue]b[/color] c[/color]")).toBe(
      '<p><span style="color:red">a <span style="color:blue">b</span> c</span></p>\n',
    );
  });
});

describe("XenForo quotes", () => {
  const xenforo = '[quote="Razor, post: 123, member: 45"]Russia and China.[/quote]I agree.';

  it("render exactly as the Markdown quote of the same post does", () => {
    const markdown = `${quoteMarkup({ author: "Razor", postId: 123 }, "Russia and China.")}I agree.`;
    expect(renderPost(xenforo)).toBe(renderPost(markdown));
    expect(renderPost(xenforo)).toContain(
      '<blockquote class="quote" data-post-id="123"><p class="quote-attribution"><a href="/posts/123">Razor said:</a></p>',
    );
  });

  it("are checked against the real posts, as Markdown quotes are", () => {
    expect(quotedPostIds(xenforo)).toEqual([123]);
    const real = renderPost(xenforo, { quotedPosts: new Map([[123, "RealAuthor"]]) });
    expect(real).toContain('<a href="/posts/123">RealAuthor said:</a>');
    const missing = renderPost(xenforo, { quotedPosts: new Map() });
    expect(missing).toContain('<p class="quote-attribution">Razor said:</p>');
    expect(missing).not.toContain("data-post-id");
  });

  it("read [quote], [quote=Name] and nested quotes", () => {
    expect(renderPost("[quote]plain[/quote]")).toBe(
      '<blockquote class="quote"><div class="quote-body">\n<p>plain</p>\n</div></blockquote>\n',
    );
    const nested = renderPost("[quote=Outer][quote=Inner]deep[/quote]outer[/quote]");
    expect(nested).toMatch(
      /^<blockquote class="quote"><p class="quote-attribution">Outer said:<\/p><div class="quote-body">\n<blockquote class="quote"><p class="quote-attribution">Inner said:<\/p>/,
    );
    expect(count(nested, "</blockquote>")).toBe(2);
  });

  it("are left out when the post is quoted again, and of excerpts", () => {
    expect(stripQuotes(`${xenforo}\n[quote=A][quote=B]x[/quote]y[/quote]Mine.`)).toBe(
      "I agree.\nMine.",
    );
    expect(plainExcerpt("[b]Bold[/b] [url=https://a.b]link[/url] [img]https://a/p.png[/img]")).toBe(
      "Bold link",
    );
  });
});

describe("hostile BBCode", () => {
  it.each([
    "[url=javascript:alert(1)]x[/url]",
    "[url]javascript:alert(1)[/url]",
    "[url=JaVaScRiPt:alert(1)]x[/url]",
    "[url=data:text/html;base64,PHNjcmlwdD4=]x[/url]",
    "[url=//evil.example]x[/url]",
    "[media=youtube]javascript:alert(1)[/media]",
  ])("refuses the link in %s", (source) => {
    const html = renderPost(source);
    expect(html).not.toContain("<a");
    expect(html).not.toMatch(/href/i);
  });

  it("refuses images from anywhere but http(s)", () => {
    for (const src of ["javascript:alert(1)", "data:image/png;base64,AAAA", "/local.png"])
      expect(renderPost(`[img]${src}[/img]`)).not.toContain("<img");
  });

  it("writes only safe colours and sizes, dropping the formatting otherwise", () => {
    for (const colour of ["red;background:url(x)", "expression(alert(1))", "#12345g", '"red"x'])
      expect(renderPost(`[color=${colour}]t[/color]`)).not.toContain("style");
    for (const size of ["999", "200px", "1em;position:fixed"])
      expect(renderPost(`[size=${size}]t[/size]`)).not.toContain("style");
    expect(renderPost("[color=red]t[/color]")).toContain('style="color:red"');
  });

  it("escapes quote authors and spoiler titles", () => {
    const html = renderPost(
      '[quote="<img src=x onerror=alert(1)>, post: 5"]q[/quote][spoiler=<script>x</script>]s[/spoiler]',
    );
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; said:");
  });

  it("leaves unclosed, stray, crossed and unknown tags as typed", () => {
    expect(renderPost("[b]open [/i] stray [foo]x[/foo]")).toBe(
      "<p>[b]open [/i] stray [foo]x[/foo]</p>\n",
    );
    expect(renderPost("[quote]never closed\n\n[list][*]a")).toBe(
      "<p>[quote]never closed</p>\n<p>[list][*]a</p>\n",
    );
    expect(renderPost("[b]a [i]b[/b] c[/i]")).toBe("<p><strong>a [i]b</strong> c[/i]</p>\n");
    expect(renderPost("[code]no end")).toBe("<p>[code]no end</p>\n");
  });

  it("is text inside Markdown code", () => {
    expect(renderPost("`[b]x[/b]`")).toBe("<p><code>[b]x[/b]</code></p>\n");
    expect(renderPost("```\n[quote]x[/quote]\n```")).toBe(
      "<pre><code>[quote]x[/quote]\n</code></pre>\n",
    );
  });

  it("keeps a colon line in a quote from closing it", () => {
    const html = renderPost("[quote=A]:::\n::::\nstill[/quote]after");
    expect(html).toMatch(
      /<div class="quote-body">\n<p>:::<br \/>\n::::<br \/>\nstill<\/p>\n<\/div><\/blockquote>\n<p>after<\/p>/,
    );
  });
});

describe("BBCode stays within the render caps", () => {
  // A quadratic path would show as the test's timeout; a recursive one as a stack overflow.
  const within = (source: string) => {
    const checked = renderPostChecked(source);
    expect(codePointLength(checked.html)).toBeLessThanOrEqual(renderedPostBudget(source.length));
    return checked;
  };

  it("nests quotes, spoilers and lists no deeper than POST_NESTING", () => {
    for (const [open, close, tag] of [
      ["[quote=A]", "[/quote]", "<blockquote"],
      ["[spoiler]", "[/spoiler]", "<details"],
      ["[list][*]", "[/list]", "<ul"],
    ] as const) {
      const depth = 5_000;
      const { html, exceeded } = within(`${open.repeat(depth)}deep${close.repeat(depth)}`);
      expect(count(html, tag)).toBe(POST_NESTING.max);
      expect(html).toContain("deep");
      expect(exceeded).toContain(POST_NESTING.tooMany);
    }
  });

  it("handles thousands of nested or unclosed inline tags", () => {
    const nested = within(`${"[b]".repeat(8_000)}x${"[/b]".repeat(8_000)}`);
    expect(nested.html.length / 56_000).toBeLessThan(RENDERED_POST.ratio + 0.25);
    within("[b]".repeat(16_000));
    within("[color=nope]".repeat(3_000) + "x" + "[/color]".repeat(3_000));
    within("[quote]".repeat(7_000));
    within("[/quote][quote]".repeat(3_000));
    within("` [b] ".repeat(8_000));
  });

  it("caps images written with [img] like Markdown images", () => {
    const { html } = within("[img]https://a.example/p.png[/img] ".repeat(150));
    expect(count(html, "<img")).toBe(100);
  });
});

describe("BBCode in excerpts", () => {
  it("leaves out spoilers and embeds, also when thousands are never closed", () => {
    expect(plainExcerpt("Seen [spoiler=End]he dies[/spoiler] it [media=youtube]abc[/media]")).toBe(
      "Seen it",
    );
    // Unclosed, they are text, as on the page (the [spoiler] tags themselves are dropped).
    expect(plainExcerpt("[spoiler]x [img]".repeat(10_000), 16)).toBe("x [img] x [img]…");
  });
});
