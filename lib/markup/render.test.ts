import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { quotedPostIds, quoteMarkup } from "./quote";
import { renderPost } from "./render";

const members = new Map([
  ["no smoking", "/members/2-no-smoking"],
  ["no", "/members/3-no"],
  ["razor", "/members/1-razor"],
]);

describe("quotes", () => {
  it("renders a quote with a linked attribution inside a blockquote", () => {
    const html = renderPost(
      "::: quote 123 Razor\nAlmost certainly Russia-China relations will grow stronger.\n:::",
    );
    expect(html).toBe(
      '<blockquote class="quote" data-post-id="123">' +
        '<p class="quote-attribution"><a href="/posts/123">Razor said:</a></p>' +
        '<div class="quote-body">\n<p>Almost certainly Russia-China relations will grow stronger.</p>\n</div>' +
        "</blockquote>\n",
    );
  });

  it("writes the attribution as plain text without a post id, and leaves it out without an author", () => {
    expect(renderPost("::: quote - no smoking\nhi\n:::")).toContain(
      '<blockquote class="quote"><p class="quote-attribution">no smoking said:</p><div class="quote-body">',
    );
    expect(renderPost("::: quote -\nhi\n:::")).toBe(
      '<blockquote class="quote"><div class="quote-body">\n<p>hi</p>\n</div></blockquote>\n',
    );
    expect(renderPost("::: quote 7\nhi\n:::")).toBe(
      '<blockquote class="quote" data-post-id="7"><div class="quote-body">\n<p>hi</p>\n</div></blockquote>\n',
    );
  });

  it("reads a hand-typed quote without an id as author only", () => {
    expect(renderPost("::: quote Razor\nhi\n:::")).toContain(
      '<p class="quote-attribution">Razor said:</p>',
    );
  });

  it("escapes the author name", () => {
    const html = renderPost('::: quote 5 <script>alert(1)</script> "x" onmouseover=y\nhi\n:::');
    expect(html).toContain(
      '<a href="/posts/5">&lt;script&gt;alert(1)&lt;/script&gt; "x" onmouseover=y said:</a>',
    );
    expect(html).not.toContain("<script");
  });

  it("keeps Unicode author names", () => {
    expect(renderPost("::: quote 9 Дмитрий 日本 🐻\nhi\n:::")).toContain(
      '<a href="/posts/9">Дмитрий 日本 🐻 said:</a>',
    );
  });

  it("nests quotes built by quoteMarkup inside each other", () => {
    const inner = quoteMarkup({ author: "Aepsilons", postId: 1 }, "Japan-Russia relations.");
    const outer = quoteMarkup({ author: "no smoking", postId: 2 }, `${inner}\nI agree.`);
    const html = renderPost(`${outer}\nMe too.`);
    expect(html).toBe(
      '<blockquote class="quote" data-post-id="2"><p class="quote-attribution"><a href="/posts/2">no smoking said:</a></p><div class="quote-body">\n' +
        '<blockquote class="quote" data-post-id="1"><p class="quote-attribution"><a href="/posts/1">Aepsilons said:</a></p><div class="quote-body">\n' +
        "<p>Japan-Russia relations.</p>\n" +
        "</div></blockquote>\n" +
        "<p>I agree.</p>\n" +
        "</div></blockquote>\n" +
        "<p>Me too.</p>\n",
    );
  });

  it("does not let a colon line inside quoted code close the quote", () => {
    const source = quoteMarkup({ author: "Razor", postId: 3 }, "```\n:::\n```\nstill quoted");
    const html = renderPost(`${source}\nafter`);
    expect(html).toMatch(
      /<div class="quote-body">\n<pre><code>:::\n<\/code><\/pre>\n<p>still quoted<\/p>\n<\/div><\/blockquote>\n<p>after<\/p>/,
    );
  });
});

describe("spoilers", () => {
  it("renders a titled spoiler as details/summary", () => {
    expect(renderPost("::: spoiler Ending of *the film*\nThe bear wins.\n:::")).toBe(
      '<details class="spoiler"><summary>Spoiler: Ending of *the film*</summary><div class="spoiler-body">\n' +
        "<p>The bear wins.</p>\n</div></details>\n",
    );
  });

  it("says just Spoiler without a title and escapes titles", () => {
    expect(renderPost("::: spoiler\nx\n:::")).toContain("<summary>Spoiler</summary>");
    expect(renderPost("::: spoiler <img src=x onerror=alert(1)>\nx\n:::")).toContain(
      "<summary>Spoiler: &lt;img src=x onerror=alert(1)&gt;</summary>",
    );
  });
});

describe("hostile source", () => {
  it("does not link javascript: URLs", () => {
    const html = renderPost(
      "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) <javascript:alert(1)>",
    );
    expect(html).not.toContain("<a");
    expect(html).toBe(
      "<p>[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) &lt;javascript:alert(1)&gt;</p>\n",
    );
  });

  it("shows raw HTML as text", () => {
    expect(renderPost('<img src=x onerror="alert(1)"> <script>alert(2)</script>')).toBe(
      '<p>&lt;img src=x onerror="alert(1)"&gt; &lt;script&gt;alert(2)&lt;/script&gt;</p>\n',
    );
  });

  it("keeps links to other schemes and protocol-relative URLs as text only", () => {
    expect(renderPost("[a](ftp://x.org) [b](//evil.example) [c](data:text/html,hi)")).toBe(
      "<p>a b [c](data:text/html,hi)</p>\n",
    );
  });

  it("cannot inject attributes through a code fence info string", () => {
    const html = renderPost('```js" onclick="alert(1)\ncode\n```');
    expect(html).toBe("<pre><code>code\n</code></pre>\n");
  });

  it("does not load images from data: or relative URLs", () => {
    expect(renderPost("![pic](data:image/png;base64,AAAA) ![me](/avatar.png)")).toBe(
      "<p>pic me</p>\n",
    );
  });
});

describe("links", () => {
  it("marks off-site links nofollow ugc noopener, and leaves site paths alone", () => {
    expect(
      renderPost("[ISN](https://isn.example/a) https://b.example/x [rules](/threads/1-rules)"),
    ).toBe(
      '<p><a href="https://isn.example/a" rel="nofollow ugc noopener">ISN</a> ' +
        '<a href="https://b.example/x" rel="nofollow ugc noopener">https://b.example/x</a> ' +
        '<a href="/threads/1-rules">rules</a></p>\n',
    );
  });
});

describe("mentions", () => {
  it("links the longest known name, spaces included, as typed", () => {
    expect(renderPost("thanks @No Smoking, and @no.", { members })).toBe(
      '<p>thanks <a class="mention" href="/members/2-no-smoking">@No Smoking</a>, and ' +
        '<a class="mention" href="/members/3-no">@no</a>.</p>\n',
    );
  });

  it("shows unknown names as an unlinked mention", () => {
    expect(renderPost("@vostok , @senheiser , --- your input ?", { members })).toBe(
      '<p><span class="mention">@vostok</span> , <span class="mention">@senheiser</span> , --- your input ?</p>\n',
    );
    expect(renderPost("ask @Razorback.", { members })).toBe(
      '<p>ask <span class="mention">@Razorback</span>.</p>\n',
    );
    expect(renderPost("спросите @Дмитрий")).toBe(
      '<p>спросите <span class="mention">@Дмитрий</span></p>\n',
    );
  });

  it("ignores mentions in code, links, e-mail addresses and escapes", () => {
    expect(
      renderPost("`@razor` [@razor](https://x.example) mail a@b.com \\@razor", { members }),
    ).toBe(
      '<p><code>@razor</code> <a href="https://x.example" rel="nofollow ugc noopener">@razor</a> mail ' +
        '<a href="mailto:a@b.com" rel="nofollow ugc noopener">a@b.com</a> @razor</p>\n',
    );
  });

  it("does not link a member URL with a refused scheme", () => {
    const hostile = new Map([["eve", "javascript:alert(1)"]]);
    expect(renderPost("@eve", { members: hostile })).toBe(
      '<p><span class="mention">@eve</span></p>\n',
    );
  });
});

describe("smilies", () => {
  it("renders smilies as titled emoji spans", () => {
    expect(renderPost("Nice :thumb: ;) :LOL:")).toBe(
      '<p>Nice <span class="smilie" title=":thumb:">👍</span> <span class="smilie" title=";)">😉</span> ' +
        '<span class="smilie" title=":LOL:">😆</span></p>\n',
    );
  });

  it("leaves code, URLs and words alone", () => {
    expect(
      renderPost(
        "`:) :thumb:`\n\n```\n:D\n```\n\nhttp://x.example/:D/:cool: note:D www.x.example/:p",
      ),
    ).toBe(
      "<p><code>:) :thumb:</code></p>\n<pre><code>:D\n</code></pre>\n" +
        '<p><a href="http://x.example/:D/:cool:" rel="nofollow ugc noopener">http://x.example/:D/:cool:</a> note:D www.x.example/:p</p>\n',
    );
  });
});

describe("attachments and images", () => {
  it("renders a missing attachment placeholder", () => {
    expect(renderPost("![042-043.jpg](attachment:042-043.jpg)")).toBe(
      '<p><span class="attachment-missing" role="img" aria-label="Image 042-043.jpg (file not kept)">🖼 042-043.jpg</span></p>\n',
    );
  });

  it("renders http(s) images lazily", () => {
    expect(renderPost('![a bear](https://img.example/bear.jpg "Bear")')).toBe(
      '<p><img alt="a bear" title="Bear" loading="lazy" src="https://img.example/bear.jpg" /></p>\n',
    );
  });
});

describe("prose", () => {
  it("turns single newlines into breaks and blank lines into paragraphs", () => {
    expect(
      renderPost(
        "If US want sanction on Russia, Japan will surely follow..\nThere is no solution...\n\nNext",
      ),
    ).toBe(
      "<p>If US want sanction on Russia, Japan will surely follow..<br />\nThere is no solution...</p>\n<p>Next</p>\n",
    );
  });

  it("clamps headings to h3-h6", () => {
    expect(renderPost("# One\n## Two\n### Three\n#### Four")).toBe(
      "<h3>One</h3>\n<h4>Two</h4>\n<h5>Three</h5>\n<h6>Four</h6>\n",
    );
  });

  it("does not turn a line above --- into a heading", () => {
    expect(renderPost("Reference:\n---\nISN")).toBe("<p>Reference:</p>\n<hr />\n<p>ISN</p>\n");
  });

  it("keeps pipes as text (tables are off)", () => {
    expect(renderPost("a | b\n--|--\n1 | 2")).toBe("<p>a | b<br />\n--|--<br />\n1 | 2</p>\n");
  });

  it("renders a seed document without losing its words", () => {
    const path = fileURLToPath(
      new URL("../../db/seed/documents/000_68ffb54545db6918.txt", import.meta.url),
    );
    const source = readFileSync(path, "utf8");
    const html = renderPost(source);
    const phrases = [
      "Japan-Russia Relations: Toward a Peace Treaty and Beyond",
      "Trade relations between Russia and Japan hit $32 billion in 2013",
      "became disputed territory between Japan and the USSR. [2]",
      "(March 2014 to present).[8]",
      "--- your input ? Spasebo!",
      "Japan will surely follow..<br />",
      'The time for "мир" is nigh.',
      "4d426f3bdb3ba77a907b964beb3f6118.jpg",
    ];
    expect(phrases.filter((phrase) => !html.includes(phrase))).toEqual([]);
    expect(html).toContain('<span class="mention">@SvenSvensonov</span>');
    expect(html).not.toMatch(/<(ol|ul|h\d|pre|a)\b/);
  });
});

describe("forged quote attributions", () => {
  it("shows the quoted post's real author, whatever the source claims", () => {
    const html = renderPost("::: quote 5 Razor\nI never said this\n:::\n", {
      quotedPosts: new Map([[5, "amoy"]]),
    });
    expect(html).toContain('<a href="/posts/5">amoy said:</a>');
    expect(html).not.toContain("Razor said:");
  });

  it("drops the link of a quote whose post does not exist", () => {
    const html = renderPost("::: quote 999 Razor\ntext\n:::\n", { quotedPosts: new Map() });
    expect(html).not.toContain("/posts/999");
    expect(html).toContain("Razor said:");
  });

  it("finds every quoted post id, nested ones too", () => {
    expect(
      quotedPostIds(":::: quote 12 A\n::: quote 7 B\nx\n:::\n::::\n::: quote - C\ny\n:::"),
    ).toEqual([12, 7]);
  });
});
