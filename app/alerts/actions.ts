"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { markAlertRead, markAllAlertsRead } from "@/lib/alerts/mark-read";

// The alerts page and the header's count are re-rendered with the answer: the form needs no state.
export async function markAlertReadAction(form: FormData): Promise<void> {
  const result = await markAlertRead(await getViewer(), form.get("alertId"));
  if (!result.ok) redirect("/login?callbackUrl=/alerts");
  revalidatePath("/alerts");
}

export async function markAllAlertsReadAction(): Promise<void> {
  const result = await markAllAlertsRead(await getViewer());
  if (!result.ok) redirect("/login?callbackUrl=/alerts");
  revalidatePath("/alerts");
}
