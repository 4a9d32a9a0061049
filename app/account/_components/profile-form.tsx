"use client";

import { useActionState, useState } from "react";
import { Avatar } from "@/app/_components/avatar";
import { Field, FormMessage, SubmitButton } from "@/app/_components/form";
import { CheckboxField, FileField, TextareaField } from "@/app/_components/form-controls";
import { saveProfileAction } from "../actions";
import { CountryPicker, type CountryOption } from "./country-picker";
import type { ProfileState } from "./state";

export interface UploadRules {
  /** What the server can receive at all; larger files are refused here, before sending. */
  transportLimitBytes: number;
  tooLargeMessage: string;
  hint: string;
}

/** Avatar, country, location and signature, saved together: a refused part changes nothing. */
export function ProfileForm({
  name,
  initial,
  countries,
  upload,
}: {
  name: string;
  initial: ProfileState;
  countries: CountryOption[];
  upload: UploadRules;
}) {
  const [state, action] = useActionState<ProfileState, FormData>(saveProfileAction, initial);
  const [tooLarge, setTooLarge] = useState(false);
  const avatarError = tooLarge ? upload.tooLargeMessage : state.errors.avatar;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        // Files beyond what a request may carry would fail before reaching the server's own check.
        const input = event.currentTarget.elements.namedItem("avatar");
        const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
        const refuse = !!file && file.size > upload.transportLimitBytes;
        setTooLarge(refuse);
        if (refuse) event.preventDefault();
      }}
      className="space-y-5"
      noValidate
    >
      <FormMessage message={state.errors.form} />
      {state.saved && !tooLarge && <FormMessage tone="success" message="Your profile was saved." />}
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <Avatar name={name} url={state.avatarUrl} size={96} />
        <div className="min-w-0 flex-1 space-y-3">
          <FileField
            label="Avatar"
            name="avatar"
            accept="image/png,image/jpeg,image/webp,image/gif"
            error={avatarError}
            hint={upload.hint}
            onChange={() => setTooLarge(false)}
          />
          {state.avatarUrl && (
            <CheckboxField key={state.version} label="Remove avatar" name="removeAvatar" />
          )}
        </div>
      </div>
      <CountryPicker
        key={state.version}
        countries={countries}
        defaultCode={state.values.countryCode || null}
        error={state.errors.countryCode}
      />
      <Field
        label="Location"
        name="location"
        autoComplete="off"
        defaultValue={state.values.location}
        error={state.errors.location}
        hint="Your town or region, 50 characters at most."
      />
      <TextareaField
        label="Signature"
        name="signature"
        rows={4}
        defaultValue={state.values.signature}
        error={state.errors.signature}
        hint="Shown on your profile. 500 characters at most, with the same markup as posts."
      />
      <SubmitButton>Save</SubmitButton>
    </form>
  );
}
