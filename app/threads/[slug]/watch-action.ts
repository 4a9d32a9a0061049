"use server";

// The thread page's Watch / Unwatch button: lib/watching checks who is asking and writes. The button
// shows the answer itself, so nothing else on the page needs re-rendering.
import { getViewer } from "@/lib/auth/viewer";
import { unwatchThread, watchThread } from "@/lib/watching/watch";

export interface WatchState {
  watching: boolean;
  error?: string;
}

export async function toggleWatchAction(previous: WatchState, form: FormData): Promise<WatchState> {
  const viewer = await getViewer();
  const threadId = form.get("threadId");
  const result =
    form.get("watch") === "1"
      ? await watchThread(viewer, threadId)
      : await unwatchThread(viewer, threadId);
  return result.ok
    ? { watching: result.watching }
    : { watching: previous.watching, error: result.error };
}
