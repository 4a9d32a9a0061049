"use server";
// Placeholder for the lead's implementation (who may quote what is decided there).
import { quotesMarkup } from "@/lib/forum/quoting";

export async function quotesFor(postIds: number[]): Promise<{ markup: string } | { error: string }> {
  const ids = Array.isArray(postIds) ? postIds.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0) : [];
  return quotesMarkup(ids);
}
