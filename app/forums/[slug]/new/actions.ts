"use server";

import { saving } from "@/app/_components/saving";
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/viewer";
import { createThread, type PostingField } from "@/lib/forum/posting";
import { forumIdSchema } from "@/lib/moderation/inputs";
import { parsePoll, pollFormValues, type PollFormValues } from "@/lib/polls/input";
import { formDataOf, textFields } from "@/lib/validation/form";

export interface NewThreadState {
  url?: string;
  field?: PostingField | "poll";
  error?: string;
  title: string;
  /** The poll as typed, kept on a refusal. */
  poll?: PollFormValues;
}

export const newThreadAction = saving(
  (error, _previous: NewThreadState, form: FormData): NewThreadState => ({
    title: textFields(formDataOf(form), "title").title?.slice(0, 1000) ?? "",
    poll: pollFormValues(formDataOf(form)),
    field: "form",
    error,
  }),
  async function newThreadAction(
    _previous: NewThreadState,
    form: FormData,
  ): Promise<NewThreadState> {
    const data = formDataOf(form);
    const fields = textFields(data, "forumId", "title", "message", "idempotencyKey");
    const title = fields.title?.slice(0, 1000) ?? "";
    const pollValues = pollFormValues(data);
    const forumId = forumIdSchema.safeParse(fields.forumId);
    if (!forumId.success)
      return { title, poll: pollValues, field: "form", error: "This forum does not exist." };
    const poll = parsePoll(pollValues);
    if (!poll.ok) return { title, poll: pollValues, field: "poll", error: poll.error };
    const result = await createThread(await getViewer(), {
      forumId: forumId.data,
      title,
      message: fields.message,
      idempotencyKey: fields.idempotencyKey,
      poll: poll.poll,
    });
    if (!result.ok) return { title, poll: pollValues, field: result.field, error: result.error };
    revalidatePath("/", "layout");
    return { title, url: result.url };
  },
);
