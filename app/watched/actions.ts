"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { can } from "@/lib/permissions";
import { rowId } from "@/lib/row-id";
import { formDataOf, textField } from "@/lib/validation/form";
import { unwatchAllThreads, unwatchThread } from "@/lib/watching/watch";

// Only a visitor who is not signed in is sent to sign in. A member's id that names no thread (a
// hand-edited form, a thread gone since the page was drawn) changes nothing: the list stays as it is.
const unwatchForm = z.object({ threadId: rowId() });
const SIGN_IN = "/login?callbackUrl=/watched";

export async function unwatchAction(form: FormData): Promise<void> {
  const input = unwatchForm.safeParse({ threadId: textField(formDataOf(form), "threadId") });
  const viewer = await getViewer();
  if (!can(viewer, "keepReadingState")) redirect(SIGN_IN);
  if (!input.success) return;
  await unwatchThread(viewer, input.data.threadId);
  revalidatePath("/watched");
}

export async function unwatchAllAction(): Promise<void> {
  const viewer = await getViewer();
  if (!can(viewer, "keepReadingState")) redirect(SIGN_IN);
  await unwatchAllThreads(viewer);
  revalidatePath("/watched");
}
