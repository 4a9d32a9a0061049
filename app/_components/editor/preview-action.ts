"use server";

import { getViewer } from "@/lib/auth/viewer";
import { previewHtml } from "@/lib/forum/preview";
import { isSignedIn } from "@/lib/permissions";

/** The preview renders exactly as posting would; only members who can post need it. */
export async function previewPost(source: string): Promise<{ html: string } | { error: string }> {
  if (!isSignedIn(await getViewer())) return { error: "Sign in to preview your post." };
  return previewHtml(String(source));
}
