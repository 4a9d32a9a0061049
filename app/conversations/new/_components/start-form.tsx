"use client";

import { useActionState, useEffect, useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { clearDraft } from "@/app/_components/editor/drafts";
import { PostEditor } from "@/app/_components/editor/post-editor";
import { startConversationAction, type StartConversationState } from "../actions";
import { RecipientsField } from "./recipients-field";

const DRAFT_KEY = "parley:draft:conversation:new";

/** Recipients, title and the first message, in the post editor (drafts, preview, @mentions). The key
 * is the server's, so a double click starts one conversation. */
export function StartConversationForm({
  to,
  titleHint,
  idempotencyKey,
}: {
  to: string;
  titleHint: string;
  idempotencyKey: string;
}) {
  const [key] = useState(idempotencyKey);
  const [message, setMessage] = useState("");
  const [state, action] = useActionState<StartConversationState, FormData>(
    startConversationAction,
    { recipients: to, title: "" },
  );
  useEffect(() => {
    if (!state.url) return;
    clearDraft(DRAFT_KEY);
    window.location.assign(state.url);
  }, [state]);

  return (
    <form action={action} className="space-y-4">
      {state.field === "form" && <FormMessage message={state.error} />}
      <input type="hidden" name="idempotencyKey" value={key} />
      <RecipientsField
        defaultValue={state.recipients}
        error={state.field === "recipients" ? state.error : undefined}
      />
      <Field
        label="Title"
        name="title"
        defaultValue={state.title}
        key={state.title}
        error={state.field === "title" ? state.error : undefined}
        hint={titleHint}
        required
      />
      <PostEditor
        name="message"
        label="Message"
        draftKey={DRAFT_KEY}
        value={message}
        onChange={setMessage}
        error={state.field === "message" ? state.error : undefined}
      />
      <SubmitButton>Start conversation</SubmitButton>
    </form>
  );
}
