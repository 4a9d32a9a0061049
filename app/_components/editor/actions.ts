"use server";

import { saving } from "@/app/_components/saving";
import { getViewer } from "@/lib/auth/viewer";
import { previewHtml } from "@/lib/forum/preview";
import { previewRate, REQUEST_RATES } from "@/lib/limits/request-rates";
import { can, isSignedIn } from "@/lib/permissions";
import { postingRefusal } from "@/lib/permissions/posting";
import { z } from "zod";
import { quotesMarkup } from "@/lib/forum/quoting";
import { readableRules } from "@/lib/forum/forum-access";
import { rowId } from "@/lib/row-id";

/** The preview renders exactly as posting would; only members who can post need it. */
export const previewPost = saving(
  (error) => ({ error }),
  async function previewPost(source: string): Promise<{ html: string } | { error: string }> {
    const text = z.string().safeParse(source);
    if (!text.success) return { error: "Write something to preview first." };
    const viewer = await getViewer();
    if (!isSignedIn(viewer) || !can(viewer, "previewPost"))
      return { error: postingRefusal(viewer, "preview") };
    const rate = await previewRate.take(viewer.id);
    if (!rate.ok) {
      return {
        error: `You are previewing too often (${REQUEST_RATES.previewsPerMinute} previews a minute at most). Try again in ${rate.retryAfterSeconds} seconds; your text is kept.`,
      };
    }
    return previewHtml(text.data);
  },
);

const postIds = z.array(rowId()).max(50);

/** Quote blocks for posts the viewer can read: the Quote, + Quote and Insert quotes buttons use it. */
export async function quotesFor(ids: number[]): Promise<{ markup: string } | { error: string }> {
  const parsed = postIds.safeParse(ids);
  if (!parsed.success) return { error: "Choose posts to quote first." };
  return quotesMarkup(parsed.data, readableRules(await getViewer()));
}
