"use server";

import { z } from "zod";
import { quotesMarkup } from "@/lib/forum/quoting";

const postIds = z.array(z.coerce.number().int().positive()).max(50);

/** Quote blocks for posts anyone can read: the Quote, + Quote and Insert quotes buttons use it. */
export async function quotesFor(ids: number[]): Promise<{ markup: string } | { error: string }> {
  const parsed = postIds.safeParse(ids);
  if (!parsed.success) return { error: "Choose posts to quote first." };
  return quotesMarkup(parsed.data);
}
