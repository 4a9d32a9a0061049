"use client";

// One live-update stream per page view (server/live-updates.ts): on a thread page, its new replies;
// for a member, their new alerts, which reload the personal answer and so the bell. A browser
// without EventSource, or a server that answers 204, simply gets no live updates.
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { MEMBER_HINT_COOKIE } from "@/lib/personal/types";
import { readPageScope } from "./personal-scope";
import { announcePost, followThread } from "./live-store";
import { reloadPersonal, usePersonal } from "./store";

const signedInHint = () => document.cookie.split("; ").includes(`${MEMBER_HINT_COOKIE}=1`);

export function LiveUpdates() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const me = usePersonal()?.viewer?.id ?? null;
  // Read when a notice arrives: the answer landing after the stream opened must not reopen it.
  const meRef = useRef(me);
  useEffect(() => {
    meRef.current = me;
  }, [me]);

  useEffect(() => {
    const thread = readPageScope().thread ?? null;
    followThread(thread);
    if ((thread === null && !signedInHint()) || typeof EventSource === "undefined") return;
    const source = new EventSource(thread === null ? "/api/live" : `/api/live?thread=${thread}`);
    source.addEventListener("post", (event) => {
      const notice = JSON.parse((event as MessageEvent<string>).data) as {
        thread: number;
        post: number;
        author: string | null;
      };
      // The reader's own reply, or a post the page already shows, is no news.
      if (notice.author !== null && notice.author === meRef.current) return;
      if (document.getElementById(`post-${notice.post}`)) return;
      announcePost(notice.thread, notice.post);
    });
    source.addEventListener("alert", () => void reloadPersonal());
    return () => source.close();
  }, [pathname, search]);
  return null;
}
