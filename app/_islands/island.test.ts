// The islands' server wrapper as HTML: the props as JSON beside the component's markup, server
// children in a slot, props that would not survive JSON refused. (That a name goes with its
// component is checked by island()'s type, against ./registry.ts.)
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WarningNotice } from "@/app/threads/[slug]/_components/warning-notice";
import { HeaderMenu } from "@/app/_components/header/header-menu";
import { LocalTime } from "@/app/_components/time/local-time";
import { IgnoredPost } from "@/app/threads/[slug]/_components/ignored-post";
import { PollBox } from "@/app/threads/[slug]/_components/poll/poll-box";
import type { PollView } from "@/lib/polls/types";
import { island } from "./island";

const attribute = (html: string, name: string) => {
  const value = new RegExp(`${name}="([^"]*)"`).exec(html)?.[1];
  return value
    ?.replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
};

describe("island()", () => {
  it("writes the component's name and props beside its markup", () => {
    const Notice = island("WarningNotice", WarningNotice);
    const html = renderToStaticMarkup(
      createElement(Notice, { postId: 7, authorName: `O'Brien <"the bold">` }),
    );
    expect(html).toMatch(/^<parley-island data-c="WarningNotice" data-p="[^"]*"><div role="note"/);
    expect(html).toContain("O&#x27;Brien &lt;&quot;the bold&quot;&gt; was warned for this post.");
    expect(JSON.parse(attribute(html, "data-p")!)).toEqual({
      postId: 7,
      authorName: `O'Brien <"the bold">`,
    });
    // No children given: no slot.
    expect(html).not.toContain("parley-slot");
  });

  it("makes every date an island of its own, with its UTC text as the props", () => {
    const at = new Date("2020-02-03T04:05:06.000Z");
    const html = renderToStaticMarkup(createElement(LocalTime, { at, style: "date" }));
    expect(html).toMatch(/^<parley-island data-c="LocalisedTime" data-p="[^"]*"><time /);
    expect(html).toContain('dateTime="2020-02-03T04:05:06.000Z"');
    expect(JSON.parse(attribute(html, "data-p")!)).toEqual({
      iso: "2020-02-03T04:05:06.000Z",
      style: "date",
      fallback: expect.any(String),
      fallbackTitle: expect.stringContaining("UTC"),
    });
  });

  it("puts server children in a slot, left out of the props", () => {
    const Menu = island("HeaderMenu", HeaderMenu);
    const html = renderToStaticMarkup(
      createElement(Menu, {} as { children: ReactNode }, createElement("nav", null, "Links")),
    );
    expect(html).toMatch(
      /^<parley-island data-c="HeaderMenu" data-p="\{\}"><div class="contents">/,
    );
    expect(html).toContain("<parley-slot><nav>Links</nav></parley-slot>");
  });

  // IgnoredWhen's part: the post is hidden, not left out (an island never draws its children again).
  it("keeps an ignored post's parts in the page, hidden, after the notice", () => {
    const post = (ignoring: boolean) =>
      renderToStaticMarkup(
        createElement(
          IgnoredPost,
          { postId: 3, ignoring } as { postId: number; ignoring: boolean; children: ReactNode },
          createElement("parley-slot", null, createElement("p", null, "The post")),
        ),
      );
    expect(post(false)).toBe(
      '<div class="contents"><parley-slot><p>The post</p></parley-slot></div>',
    );
    expect(post(true)).toMatch(
      /^<div [^>]*><p>You are ignoring content by this member.<\/p><button type="button"[^>]*>Show ignored content<\/button><\/div><div hidden="" class="contents"><parley-slot><p>The post<\/p><\/parley-slot><\/div>$/,
    );
  });

  it("refuses props that JSON would change", () => {
    const Poll = island("PollBox", PollBox);
    const poll: PollView = {
      id: 1,
      question: "Which?",
      multipleChoice: false,
      allowVoteChange: true,
      resultsBeforeVoting: true,
      closesAt: new Date(0) as unknown as string,
      isClosed: false,
      voters: 0,
      answers: [],
    };
    expect(() => renderToStaticMarkup(createElement(Poll, { poll }))).toThrow(
      "Island prop PollBox.poll.closesAt is not plain JSON ([object Date])",
    );
    expect(() =>
      renderToStaticMarkup(createElement(Poll, { poll: { ...poll, closesAt: null, voters: NaN } })),
    ).toThrow("Island prop PollBox.poll.voters is not plain JSON");
  });
});
