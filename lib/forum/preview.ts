import "server-only";
import { db } from "@/db/client";
import { renderPost } from "../markup/render";
import { messageSchema } from "./posting-rules";
import { renderFacts } from "./render-context";

/** Exactly what the post will look like: the same checks, lookups and renderer as posting. */
export async function previewHtml(source: string): Promise<{ html: string } | { error: string }> {
  const message = messageSchema.safeParse(source);
  if (!message.success) return { error: message.error.issues[0]!.message };
  const facts = await renderFacts(db, message.data);
  return { html: renderPost(message.data, facts.ctx) };
}
