"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { unwatchAllThreads, unwatchThread } from "@/lib/watching/watch";

export async function unwatchAction(form: FormData): Promise<void> {
  const result = await unwatchThread(await getViewer(), form.get("threadId"));
  if (!result.ok) redirect("/login?callbackUrl=/watched");
  revalidatePath("/watched");
}

export async function unwatchAllAction(): Promise<void> {
  const result = await unwatchAllThreads(await getViewer());
  if (!result.ok) redirect("/login?callbackUrl=/watched");
  revalidatePath("/watched");
}
