"use client";

import { useActionState, useEffect, useState } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { clearDraft } from "@/app/_components/editor/drafts";
import { PostEditor } from "@/app/_components/editor/post-editor";
import { replyToConversationAction, type ConversationReplyState } from "../actions";

/** The reply box: the post editor with its draft, and the server's idempotency key (renewed after
 * each message sent), so a double click sends one message. */
export function ConversationReplyForm({
  conversationId,
  idempotencyKey,
}: {
  conversationId: number;
  idempotencyKey: string;
}) {
  const draftKey = `parley:draft:conversation:${conversationId}`;
  const [key, setKey] = useState(idempotencyKey);
  const [message, setMessage] = useState("");
  const [state, action] = useActionState<ConversationReplyState, FormData>(
    replyToConversationAction,
    {},
  );
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
    // The new message is usually on this same page: only a reload (to its anchor) shows it.
    const target = new URL(state.url, window.location.href);
    if (target.pathname + target.search !== window.location.pathname + window.location.search)
      return window.location.assign(state.url);
    window.location.hash = target.hash;
    window.location.reload();
  }, [state, draftKey]);

  return (
    <form action={action} className="space-y-3" aria-labelledby="conversation-reply-heading">
      <h2 id="conversation-reply-heading" className="text-lg font-semibold">
        Reply
      </h2>
      {state.field === "form" && <FormMessage message={state.error} />}
      <input type="hidden" name="conversationId" value={conversationId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <PostEditor
        name="message"
        label="Message"
        draftKey={draftKey}
        value={message}
        onChange={setMessage}
        error={state.field === "message" ? state.error : undefined}
      />
      <SubmitButton>Send reply</SubmitButton>
    </form>
  );
}
