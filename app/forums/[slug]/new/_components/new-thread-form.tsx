"use client";

import { useActionState, useEffect, useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { clearDraft } from "@/app/_components/editor/drafts";
import { PostEditor } from "@/app/_components/editor/post-editor";
import { newThreadAction, type NewThreadState } from "../actions";
import { PollFields } from "./poll-fields";

export function NewThreadForm({
  forumId,
  titleHint,
  idempotencyKey,
}: {
  forumId: number;
  titleHint: string;
  idempotencyKey: string;
}) {
  const draftKey = `parley:draft:thread:${forumId}`;
  // From the server, so a thread sent before this script has loaded is valid too.
  const [key] = useState(idempotencyKey);
  const [message, setMessage] = useState("");
  const [state, action] = useActionState<NewThreadState, FormData>(newThreadAction, { title: "" });
  useEffect(() => {
    if (!state.url) return;
    clearDraft(draftKey);
    window.location.assign(state.url);
  }, [state, draftKey]);

  return (
    <form action={action} className="space-y-4">
      {state.field === "form" && <FormMessage message={state.error} />}
      <input type="hidden" name="forumId" value={forumId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <Field
        label="Title"
        name="title"
        defaultValue={state.title}
        key={state.title}
        error={state.field === "title" ? state.error : undefined}
        hint={titleHint}
        required
        autoFocus
      />
      <PostEditor
        name="message"
        label="Message"
        draftKey={draftKey}
        value={message}
        onChange={setMessage}
        error={state.field === "message" ? state.error : undefined}
      />
      <PollFields
        key={JSON.stringify(state.poll ?? null)}
        values={state.poll}
        error={state.field === "poll" ? state.error : undefined}
      />
      <SubmitButton>Post thread</SubmitButton>
    </form>
  );
}
