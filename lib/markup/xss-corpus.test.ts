// A corpus of injection payloads, as they could arrive in any text a member controls (messages,
// signatures, and the names, titles and locations that a post's markup may mention or quote).
// Whatever the payload, the stored HTML may hold no script, event handler, or dangerous URL.
import { describe, expect, it } from "vitest";
import { quoteMarkup } from "./quote";
import { renderPost } from "./render";

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<svg onload="alert(1)"><script>alert(2)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](java\u0000script:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "![x](javascript:alert(1))",
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '[x](https://example.com/"onmouseover="alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<style>body{display:none}</style>",
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<form action="https://evil.example"><input name=a></form>',
  "<meta http-equiv=refresh content=0;url=https://evil.example>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```",
  "::: quote 1 <img src=x onerror=alert(1)>\nforged\n:::",
  '::: quote 1" onmouseover="alert(1)\nx\n:::',
  "::: spoiler <script>alert(1)</script>\nhidden\n:::",
  ":::: quote\n::: quote\nunbalanced",
  "@<script>alert(1)</script>",
  "<<script>script>alert(1)<</script>/script>",
  '<a href="/\\evil.example">x</a>',
  "[x](//evil.example)",
];

const DANGEROUS_MARKUP = [
  /<script/i,
  /<style/i,
  /<iframe/i,
  /<object/i,
  /<embed/i,
  /<form/i,
  /<meta/i,
  /<svg/i,
  /<math/i,
  /\son\w+\s*=/i,
  /\sstyle\s*=/i,
];
const SAFE_URL = /^(?:https?:\/\/|mailto:|\/(?![\/\\])|#)/i;

describe("markup injection corpus", () => {
  it.each(PAYLOADS)("renders %j harmlessly", (payload) => {
    const members = new Map([["<script>alert(1)</script>", "/members/1-x"]]);
    for (const source of [
      payload,
      quoteMarkup({ author: payload, postId: 1 }, payload),
      `**${payload}**`,
      `- ${payload}`,
    ]) {
      const html = renderPost(source, { members, quotedPosts: new Map([[1, payload]]) });
      // Text and attribute values may spell out a payload as words; what matters is which tags,
      // attribute names and link targets the HTML really has.
      const tags = [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
      const tagsOnly = tags.join("").replace(/="[^"]*"/g, '=""');
      for (const pattern of DANGEROUS_MARKUP)
        expect(tagsOnly, `${pattern} in ${html}`).not.toMatch(pattern);
      for (const tag of tags)
        for (const [, url] of tag.matchAll(/\s(?:href|src)="([^"]*)"/g))
          expect(url, html).toMatch(SAFE_URL);
    }
  });
});
