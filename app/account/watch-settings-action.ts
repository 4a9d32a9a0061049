"use server";

import { getViewer } from "@/lib/auth/viewer";
import { setAutoWatch } from "@/lib/watching/auto-watch";

export interface WatchSettingsState {
  autoWatch: boolean;
  error?: string;
  saved?: boolean;
}

export async function saveWatchSettingsAction(
  previous: WatchSettingsState,
  form: FormData,
): Promise<WatchSettingsState> {
  // An unticked checkbox is simply absent from the form.
  const result = await setAutoWatch(await getViewer(), form.get("autoWatch") === "on");
  if (!result.ok) return { autoWatch: previous.autoWatch, error: result.error };
  return { autoWatch: result.autoWatch, saved: true };
}
