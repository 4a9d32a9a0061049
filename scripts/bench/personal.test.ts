// The bench must ask for the personal JSON exactly as the browser does: the scope read from the
// element React renders, turned into the query by the app's own scopeQuery.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PersonalScope } from "@/app/_components/personal/personal-scope";
import { embeddedScope, personalPath, personalProblem } from "./personal";

const page = (scope: Parameters<typeof PersonalScope>[0]) =>
  `<html><body><main>…</main>${renderToStaticMarkup(createElement(PersonalScope, scope))}</body></html>`;

describe("the personal JSON of a page", () => {
  it("reads the scope a thread page embeds and asks for it as the loader does", () => {
    const scope = embeddedScope(page({ thread: 7, posts: [41, 42, 43] }));
    expect(scope).toEqual({ thread: 7, posts: [41, 42, 43] });
    expect(personalPath(scope)).toBe("/api/personal?thread=7&posts=41%2C42%2C43");
  });

  it("reads a list's threads", () => {
    expect(personalPath(embeddedScope(page({ threads: [3, 9] })))).toBe(
      "/api/personal?threads=3%2C9",
    );
  });

  it("asks with an empty scope when the page embeds none, as the browser's pageScope() does", () => {
    expect(personalPath(embeddedScope("<html><body>home</body></html>"))).toBe("/api/personal?");
  });

  it("counts a guest's answer as a failure, a member's as none", () => {
    expect(personalProblem(200, '{"viewer":null,"alerts":0}')).toMatch(/no signed-in member/);
    expect(personalProblem(200, '{"viewer":{"id":"u1"},"alerts":0}')).toBeNull();
  });
});
