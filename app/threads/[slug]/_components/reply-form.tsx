"use client";

import { useActionState, useEffect, useState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { clearDraft } from "@/app/_components/editor/drafts";
import { PostEditor } from "@/app/_components/editor/post-editor";
import { replyAction, type PostFormState } from "../actions";
import { repliesUrl, sendJson } from "./send-json";

/** The reply as the thread page's box sends it (JavaScript is on there: the box is drawn from the
 * personal answer): to the reply route, which answers with where the new post is. */
async function replyOverRoute(_previous: PostFormState, form: FormData): Promise<PostFormState> {
  const sent = await sendJson<{ url: string }>(repliesUrl(Number(form.get("threadId"))), {
    message: form.get("message"),
    idempotencyKey: form.get("idempotencyKey"),
  });
  if (!sent.ok) return { field: sent.field === "message" ? "message" : "form", error: sent.error };
  return { url: sent.url };
}

/** The reply box at the bottom of a thread. The text survives failed submits and reloads (drafts);
 * a double click or retry posts once (the idempotency key only changes after a success). */
export function ReplyForm({
  threadId,
  idempotencyKey,
  via = "action",
}: {
  threadId: number;
  idempotencyKey: string;
  /** "action": the server action, which also works without JavaScript (the plain reply page). */
  via?: "action" | "route";
}) {
  const draftKey = `parley:draft:reply:${threadId}`;
  // From the server, so a reply sent before this script has loaded is valid too.
  const [key, setKey] = useState(idempotencyKey);
  const [message, setMessage] = useState("");
  // The server action itself, not a wrapper, where JavaScript may be off: the form still posts.
  const [state, action] = useActionState<PostFormState, FormData>(
    via === "route" ? replyOverRoute : replyAction,
    {},
  );
  // A reply was posted: the next one starts empty, under a new key. Noted while rendering the answer
  // (React re-renders at once), so the box never shows the sent text with a spent key.
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (state.url) {
      setMessage("");
      setKey(crypto.randomUUID());
    }
  }
  useEffect(() => {
    if (!state.url) return;
    clearDraft(draftKey);
    window.location.assign(state.url);
  }, [state, draftKey]);

  return (
    <form action={action} className="space-y-3" aria-labelledby="reply-heading">
      <h2 id="reply-heading" className="text-lg font-semibold">
        Reply to this thread
      </h2>
      {state.field === "form" && <FormMessage message={state.error} />}
      {state.url && (
        // Shown when the form was posted without JavaScript (the page is drawn again, not left).
        <p role="status" className="rounded bg-green-50 px-3 py-2 text-green-900">
          Your reply is posted. <a href={state.url}>See it in the thread</a>
        </p>
      )}
      <input type="hidden" name="threadId" value={threadId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <PostEditor
        name="message"
        label="Message"
        draftKey={draftKey}
        value={message}
        onChange={setMessage}
        threadId={threadId}
        error={state.field === "message" ? state.error : undefined}
      />
      <SubmitButton>Post reply</SubmitButton>
    </form>
  );
}
