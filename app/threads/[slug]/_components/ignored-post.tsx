"use client";

import { useEffect, useRef, useState } from "react";

/** A post by a member the reader ignores: a one-line notice until they ask to see it, then the post
 * in place, without a reload. The post stays in the page (its article, its anchor) either way. */
export function IgnoredPost({ postId, children }: { postId: number; children: React.ReactNode }) {
  const [shown, setShown] = useState(false);
  const revealed = useRef(false);
  useEffect(() => {
    if (!shown || revealed.current) return;
    revealed.current = true;
    // The button is gone: keep keyboard and screen reader users where they were, on the post itself.
    const article = document.getElementById(`post-${postId}`);
    if (!article) return;
    article.tabIndex = -1;
    article.focus({ preventScroll: true });
  }, [shown, postId]);
  if (shown) return <>{children}</>;
  return (
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
  );
}
