// The pagination bar as HTML: "Go to page" appears when some pages have no link of their own, as a
// plain GET form to the list's address that keeps its other parameters.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Pagination } from "./pagination";

const bar = (page: number, pageCount: number, hrefFor: (p: number) => string) =>
  renderToStaticMarkup(createElement(Pagination, { page, pageCount, hrefFor }));

describe("jump to page", () => {
  it("is offered when pages are skipped, keeping the list's other parameters", () => {
    const html = bar(1, 12, (p) => `/moderation/log?action=thread&page=${p}`);
    const form = /<form[^>]*>.*<\/form>/.exec(html)?.[0] ?? "";
    expect(form).toMatch(/action="\/moderation\/log" method="get"/);
    expect(form).toContain('<input type="hidden" name="action" value="thread"/>');
    expect(form).toMatch(
      /Go to page<input type="number" min="1" max="12" required=""[^>]*name="page"/,
    );
  });

  it("is left out when every page has a link, or when pages are not ?page= addresses", () => {
    expect(bar(1, 4, (p) => `/forums/x?page=${p}`)).not.toContain("Go to page");
    expect(bar(1, 12, (p) => `/whats-new/${p}`)).not.toContain("Go to page");
  });
});
