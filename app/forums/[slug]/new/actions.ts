"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { createThread, type PostingField } from "@/lib/forum/posting";

export interface NewThreadState {
  url?: string;
  field?: PostingField;
  error?: string;
  title: string;
}

export async function newThreadAction(
  _previous: NewThreadState,
  form: FormData,
): Promise<NewThreadState> {
  const title = String(form.get("title") ?? "").slice(0, 1000);
  const forumId = z.coerce.number().int().positive().safeParse(form.get("forumId"));
  if (!forumId.success) return { title, field: "form", error: "This forum does not exist." };
  const result = await createThread(await getViewer(), {
    forumId: forumId.data,
    title,
    message: form.get("message"),
    idempotencyKey: form.get("idempotencyKey"),
  });
  if (!result.ok) return { title, field: result.field, error: result.error };
  revalidatePath("/", "layout");
  return { title, url: result.url };
}
