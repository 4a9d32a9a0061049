"use server";

import { saving } from "@/app/_components/saving";
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/viewer";
import { createThread, type PostingField } from "@/lib/forum/posting";
import { forumIdSchema } from "@/lib/moderation/inputs";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface NewThreadState {
  url?: string;
  field?: PostingField;
  error?: string;
  title: string;
}

export const newThreadAction = saving(
  (error, _previous: NewThreadState, form: FormData): NewThreadState => ({
    title: textFields(formDataOf(form), "title").title?.slice(0, 1000) ?? "",
    field: "form",
    error,
  }),
  async function newThreadAction(
    _previous: NewThreadState,
    form: FormData,
  ): Promise<NewThreadState> {
    const fields = textFields(formDataOf(form), "forumId", "title", "message", "idempotencyKey");
    const title = fields.title?.slice(0, 1000) ?? "";
    const forumId = forumIdSchema.safeParse(fields.forumId);
    if (!forumId.success) return { title, field: "form", error: "This forum does not exist." };
    const result = await createThread(await getViewer(), {
      forumId: forumId.data,
      title,
      message: fields.message,
      idempotencyKey: fields.idempotencyKey,
    });
    if (!result.ok) return { title, field: result.field, error: result.error };
    revalidatePath("/", "layout");
    return { title, url: result.url };
  },
);
