"use server";

import { readableRules } from "@/lib/forum/forum-access";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { unreadAlertCount } from "@/lib/alerts/list";
import { markAlertRead, markAlertsRead, markAllAlertsRead } from "@/lib/alerts/mark-read";
import { can } from "@/lib/permissions";
import { rowId } from "@/lib/row-id";
import { formDataOf, textField } from "@/lib/validation/form";

// The alerts page and the header's count are re-rendered with the answer: the form needs no state.
// Only a visitor who is not signed in is sent to sign in; a member's id that names none of their
// alerts (a hand-edited form) changes nothing.
const markReadForm = z.object({ alertId: rowId() });
const SIGN_IN = "/login?callbackUrl=/alerts";

export async function markAlertReadAction(form: FormData): Promise<void> {
  const input = markReadForm.safeParse({ alertId: textField(formDataOf(form), "alertId") });
  const viewer = await getViewer();
  if (!can(viewer, "keepReadingState")) redirect(SIGN_IN);
  if (!input.success) return;
  await markAlertRead(viewer, input.data.alertId);
  revalidatePath("/alerts");
}

export async function markAllAlertsReadAction(): Promise<void> {
  const viewer = await getViewer();
  if (!can(viewer, "keepReadingState")) redirect(SIGN_IN);
  await markAllAlertsRead(viewer);
  revalidatePath("/alerts");
}

/** The alerts page's unread alerts, read after a moment on it; answers the bell's new count (null:
 * nothing was marked). The page itself is not drawn again: the highlights stay for this visit. */
export async function markShownAlertsReadAction(alertIds: unknown): Promise<number | null> {
  const viewer = await getViewer();
  const result = await markAlertsRead(viewer, alertIds);
  if (!result.ok || !viewer.id) return null;
  return unreadAlertCount(viewer.id, readableRules(viewer));
}
