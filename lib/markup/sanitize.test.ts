import { describe, expect, it } from "vitest";
import { isAllowedHref, isAllowedImageSrc, sanitizePostHtml } from "./sanitize";

// The renderer never produces these; the sanitizer must still refuse them if a bug ever did.
describe("sanitizePostHtml", () => {
  it("removes scripts, event handlers and unknown tags", () => {
    expect(
      sanitizePostHtml(
        '<p onclick="x()">a<script>alert(1)</script><iframe src="https://x"></iframe><style>p{}</style></p>',
      ),
    ).toBe("<p>a</p>");
    expect(sanitizePostHtml('<img src="https://x.example/a.png" onerror="alert(1)">')).toBe(
      '<img src="https://x.example/a.png" loading="lazy" />',
    );
  });

  it("unwraps links with refused URLs and adds rel to off-site ones", () => {
    expect(sanitizePostHtml('<a href="javascript:alert(1)">x</a>')).toBe("x");
    expect(sanitizePostHtml('<a href="java\nscript:alert(1)">x</a>')).toBe("x");
    expect(sanitizePostHtml('<a href="//evil.example">x</a>')).toBe("x");
    expect(sanitizePostHtml('<a href="/\\evil.example">x</a>')).toBe("x");
    expect(sanitizePostHtml('<a href="https://a.example" rel="opener" target="_blank">x</a>')).toBe(
      '<a href="https://a.example" rel="nofollow ugc noopener">x</a>',
    );
    expect(sanitizePostHtml('<a href="/posts/1" rel="x">x</a>')).toBe('<a href="/posts/1">x</a>');
  });

  it("drops images that do not load over http(s)", () => {
    expect(
      sanitizePostHtml('<p><img src="data:image/png;base64,AA" alt="a"><img src="/x.png"></p>'),
    ).toBe("<p></p>");
  });

  it("keeps only known classes and well-formed post ids", () => {
    expect(
      sanitizePostHtml('<div class="quote-body evil">x</div><span class="smilie admin">y</span>'),
    ).toBe('<div class="quote-body">x</div><span class="smilie">y</span>');
    expect(
      sanitizePostHtml('<blockquote class="quote" data-post-id="1 onmouseover=x">q</blockquote>'),
    ).toBe('<blockquote class="quote">q</blockquote>');
    expect(sanitizePostHtml('<span role="button" aria-label="a">b</span>')).toBe(
      '<span aria-label="a">b</span>',
    );
  });

  it("keeps the tags posts are made of", () => {
    const html =
      '<blockquote class="quote" data-post-id="3"><p class="quote-attribution"><a href="/posts/3">A said:</a></p>' +
      '<div class="quote-body"><p><strong>b</strong> <em>i</em> <s>s</s> <code>c</code></p></div></blockquote>' +
      '<details class="spoiler"><summary>Spoiler</summary><div class="spoiler-body"><ol start="2"><li>x</li></ol></div></details>' +
      '<h3>h</h3><pre><code class="language-ts">x</code></pre>';
    expect(sanitizePostHtml(html)).toBe(html);
    expect(sanitizePostHtml("<h1>a</h1><h2>b</h2><table><tr><td>c</td></tr></table>")).toBe("abc");
  });
});

describe("URL policy", () => {
  it("allows http(s), mailto and site paths only", () => {
    expect(
      [
        "https://a.example",
        "HTTP://a.example",
        "mailto:a@b.example",
        "/threads/1",
        "#post-2",
      ].every(isAllowedHref),
    ).toBe(true);
    expect(
      [
        "relative",
        "java\uFFFDscript:alert(1)",
        "javascript:alert(1)",
        "data:text/html,x",
        "ftp://a",
        "//a.example",
        "\\\\a.example",
        "vbscript:x",
      ].some(isAllowedHref),
    ).toBe(false);
    expect(isAllowedImageSrc("https://a.example/x.png")).toBe(true);
    expect(
      ["/x.png", "//a.example/x.png", "data:image/png;base64,AA", "https:///x"].some(
        isAllowedImageSrc,
      ),
    ).toBe(false);
  });
});
