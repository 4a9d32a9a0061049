"use client";

import { useEffect } from "react";

const COLLAPSED_CLASS = "quote-collapsed";
const MAX_HEIGHT_PX = 240;

/** Long quotes collapse with "Click to expand", as on XenForo. Quotes are server-rendered HTML, so
 * this enhances them after load: without JavaScript every quote is simply shown in full. */
function collapseLongQuotes(root: ParentNode) {
  for (const body of root.querySelectorAll<HTMLElement>("blockquote.quote > .quote-body")) {
    if (body.dataset.expander || body.scrollHeight <= MAX_HEIGHT_PX + 40) continue;
    body.dataset.expander = "1";
    body.classList.add(COLLAPSED_CLASS);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "quote-expand";
    button.textContent = "Click to expand";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", () => {
      body.classList.remove(COLLAPSED_CLASS);
      button.remove();
    });
    body.after(button);
  }
}

export function QuoteExpander() {
  useEffect(() => {
    collapseLongQuotes(document);
    const observer = new MutationObserver(() => collapseLongQuotes(document));
    observer.observe(document.getElementById("content") ?? document.body, {
      childList: true,
      subtree: true,
    });
    return () => observer.disconnect();
  }, []);
  return null;
}
