"use server";

import { saving } from "@/app/_components/saving";
// "Mark forum read" and "Mark all read": parse, ask who is asking, let lib/reading check and write,
// refresh the lists so the bold goes at once.
import { rowId } from "@/lib/row-id";
import { formDataOf, textField } from "@/lib/validation/form";
import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import { markAllRead, markForumRead } from "@/lib/reading/reads";

export interface MarkReadState {
  status?: "done" | "error";
  message?: string;
  /** Lets the form announce the same message again after a second click. */
  at?: number;
}

const SIGN_IN_FIRST: MarkReadState = {
  status: "error",
  message: "Sign in to keep track of what you have read.",
};
const forumIdSchema = rowId();

export const markForumReadAction = saving(
  (message): MarkReadState => ({ status: "error", message, at: Date.now() }),
  async function markForumReadAction(
    _previous: MarkReadState,
    form: FormData,
  ): Promise<MarkReadState> {
    const forumId = forumIdSchema.safeParse(textField(formDataOf(form), "forumId"));
    if (!forumId.success)
      return { status: "error", message: "This forum does not exist.", at: Date.now() };
    const viewer = await getViewer();
    if (!can(viewer, "keepReadingState")) return { ...SIGN_IN_FIRST, at: Date.now() };
    if (!(await markForumRead(viewer, forumId.data)))
      return { status: "error", message: "This forum does not exist.", at: Date.now() };
    revalidatePath("/", "layout");
    return {
      status: "done",
      message: "Every thread in this forum is marked read.",
      at: Date.now(),
    };
  },
);

export async function markAllReadAction(
  _previous: MarkReadState,
  _form: FormData,
): Promise<MarkReadState> {
  const viewer = await getViewer();
  if (!can(viewer, "keepReadingState")) return { ...SIGN_IN_FIRST, at: Date.now() };
  await markAllRead(viewer);
  revalidatePath("/", "layout");
  return { status: "done", message: "Every thread is marked read.", at: Date.now() };
}
