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
import { IgnoredRows, MembersOnly, ThreadTitle } from "@/app/_components/personal/list-marks";
import { PollBox } from "@/app/threads/[slug]/_components/poll/poll-box";
import type { PollView } from "@/lib/polls/types";
import { rowAuthors } from "@/app/_components/personal/row-authors";
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

  // The lists' parts (forum pages, What's new, search, home) keep the server HTML they are given.
  it("keeps member-only parts in the page, hidden until a member is known", () => {
    const Only = island("MembersOnly", MembersOnly);
    const html = (signedIn: boolean) =>
      renderToStaticMarkup(
        createElement(
          Only,
          { signedIn } as { signedIn: boolean; children: ReactNode },
          createElement("form"),
        ),
      );
    expect(html(false)).toBe(
      '<parley-island data-c="MembersOnly" data-p="{&quot;signedIn&quot;:false}"><div hidden="" class="contents"><parley-slot><form></form></parley-slot></div></parley-island>',
    );
    expect(html(true)).toContain('<div class="contents"><parley-slot><form></form>');
  });

  it("hides ignored members' rows from around their list: each <li> stays the list's child", () => {
    const Rows = island("IgnoredRows", IgnoredRows);
    const list = createElement("ul", null, createElement("li", { "data-authors": "m1 m2" }, "Row"));
    expect(renderToStaticMarkup(createElement(Rows, {} as { children: ReactNode }, list))).toBe(
      '<parley-island data-c="IgnoredRows" data-p="{}"><div class="contents"><parley-slot><ul><li data-authors="m1 m2">Row</li></ul></parley-slot></div></parley-island>',
    );
    expect(rowAuthors("m1", null, "m2")).toBe("m1 m2");
    expect(rowAuthors(null)).toBeUndefined();
  });

  it("draws a thread title around the link it is given", () => {
    const Title = island("ThreadTitle", ThreadTitle);
    const html = renderToStaticMarkup(
      createElement(
        Title,
        { threadId: 4, unreadUrl: "/threads/4-a/unread" } as {
          threadId: number;
          unreadUrl: string | null;
          children: ReactNode;
        },
        createElement("a", { href: "/threads/4-a" }, "A"),
      ),
    );
    expect(html).toContain(
      '<h2 class=" font-bold"><span class="sr-only">Unread: </span><parley-slot><a href="/threads/4-a">A</a></parley-slot></h2>',
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
