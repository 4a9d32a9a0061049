"use client";

import { useEffect } from "react";

const NOTICE = "You are ignoring content by this member.";

/** Quotes of members the reader ignores, inside other members' posts, collapse like their posts do.
 * Post bodies are server-rendered HTML, so this works on the DOM after load, and again whenever a
 * body is re-rendered (an edit): the same way QuoteExpander treats long quotes. */
function collapseQuotes(root: ParentNode, postIds: Set<string>) {
  for (const quote of root.querySelectorAll<HTMLElement>(
    "article .post-body blockquote.quote[data-post-id]",
  )) {
    if (quote.dataset.ignored || !postIds.has(quote.dataset.postId ?? "")) continue;
    quote.dataset.ignored = "1";
    const hidden = [...quote.children].filter(
      (c): c is HTMLElement =>
        c instanceof HTMLElement && !c.classList.contains("quote-attribution"),
    );
    for (const part of hidden) part.hidden = true;

    const notice = document.createElement("p");
    notice.className = "quote-ignored text-sm text-slate-600";
    notice.append(`${NOTICE} `);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "font-semibold text-link hover:underline";
    button.textContent = "Show ignored content";
    button.addEventListener("click", () => {
      for (const part of hidden) part.hidden = false;
      notice.remove();
      // Keep keyboard users inside the quote they opened, not back at the top of the page.
      quote.tabIndex = -1;
      quote.focus({ preventScroll: true });
    });
    notice.append(button);
    const attribution = quote.querySelector(":scope > .quote-attribution");
    if (attribution) attribution.after(notice);
    else quote.prepend(notice);
  }
}

export function IgnoredQuotes({ postIds }: { postIds: number[] }) {
  const key = postIds.join(",");
  useEffect(() => {
    const ids = new Set(key.split(","));
    collapseQuotes(document, ids);
    const observer = new MutationObserver(() => collapseQuotes(document, ids));
    observer.observe(document.getElementById("content") ?? document.body, {
      childList: true,
      subtree: true,
    });
    return () => observer.disconnect();
  }, [key]);
  return null;
}
