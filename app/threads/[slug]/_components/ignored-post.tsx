"use client";

import { useEffect, useRef, useState } from "react";

/** A post by a member the reader ignores: a one-line notice until they ask to see it, then the post
 * in place, without a reload. The post stays in the page (its article, its anchor) either way.
 *
 * The post's own parts are always rendered, hidden while folded, never drawn again: on a page served
 * without Next's runtime (app/_islands) they arrive as server HTML whose islands (its tools, its
 * dates, the card's buttons) are hydrated on their own, and HTML drawn afresh would be dead. Hidden
 * (`display: none`), they are out of sight and out of the accessibility tree as they were when left
 * out. */
export function IgnoredPost({
  postId,
  ignoring,
  children,
}: {
  postId: number;
  /** Whether the reader ignores the author now: when this turns false and true again, the post
   * folds again. */
  ignoring: boolean;
  children: React.ReactNode;
}) {
  const [shown, setShown] = useState(false);
  // Shown once stays shown only while they keep ignoring the author.
  const [wasIgnoring, setWasIgnoring] = useState(ignoring);
  if (ignoring !== wasIgnoring) {
    setWasIgnoring(ignoring);
    if (!ignoring) setShown(false);
  }
  const revealed = useRef(false);
  useEffect(() => {
    if (!shown) {
      revealed.current = false;
      return;
    }
    if (revealed.current) return;
    revealed.current = true;
    // The button is gone: keep keyboard and screen reader users where they were, on the post itself.
    const article = document.getElementById(`post-${postId}`);
    if (!article) return;
    article.tabIndex = -1;
    article.focus({ preventScroll: true });
  }, [shown, postId]);
  const folded = ignoring && !shown;
  return (
    <>
      {folded && (
        <div className="flex flex-1 flex-wrap items-center gap-x-3 gap-y-1 bg-slate-50 px-3 py-2 text-sm text-slate-600">
          <p>You are ignoring content by this member.</p>
          <button
            type="button"
            onClick={() => setShown(true)}
            className="rounded px-1 font-semibold text-link underline-offset-2 hover:underline"
          >
            Show ignored content
          </button>
        </div>
      )}
      {/* display: contents, so the card and the message stay the article's flex items; `hidden`
          wins over it (Tailwind's preflight: display: none !important). */}
      <div hidden={folded} className="contents">
        {children}
      </div>
    </>
  );
}
