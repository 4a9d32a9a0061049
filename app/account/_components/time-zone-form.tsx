"use client";

// The account's time zone: every date on the forum is shown in it. A member who never chose one
// sees their browser's zone chosen (the one their dates are already shown in).
import { useActionState, useEffect, useSyncExternalStore } from "react";
import { FormMessage, SubmitButton } from "@/app/_components/form";
import { controlClass, describedBy, HintAndError } from "@/app/_components/form-controls";
import { updatePersonal } from "@/app/_components/personal/store";
import { browserZone } from "@/app/_components/time/reader-zone";
import { saveTimeZoneAction, type TimeZoneState } from "../actions";

const noSubscription = () => () => {};
const ID = "field-timeZone";

export function TimeZoneForm({ stored, choices }: { stored: string | null; choices: string[] }) {
  const [state, action] = useActionState<TimeZoneState, FormData>(saveTimeZoneAction, {
    timeZone: stored,
  });
  const detected = useSyncExternalStore(noSubscription, browserZone, () => null);
  const shown = state.timeZone ?? detected ?? "UTC";
  const options = choices.includes(shown) ? choices : [shown, ...choices];

  useEffect(() => {
    // The dates on screen follow at once; the next personal answer says the same.
    const saved = state.saved ? state.timeZone : null;
    if (saved)
      updatePersonal((current) =>
        current.viewer ? { ...current, viewer: { ...current.viewer, timeZone: saved } } : current,
      );
  }, [state]);

  const hint = state.timeZone === null ? "Not chosen yet: your browser's zone is used." : undefined;
  return (
    <form action={action} className="space-y-4">
      <FormMessage message={state.error} />
      {state.saved && (
        <FormMessage
          tone="success"
          message={`Saved: times are shown in ${shown.replaceAll("_", " ")}.`}
        />
      )}
      <div className="space-y-1">
        <label htmlFor={ID} className="block text-sm font-semibold text-slate-800">
          Time zone
        </label>
        <select
          key={shown}
          id={ID}
          name="timeZone"
          defaultValue={shown}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={describedBy(ID, undefined, hint)}
          className={controlClass}
        >
          {options.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
        <HintAndError id={ID} hint={hint} />
      </div>
      <SubmitButton>Save time zone</SubmitButton>
    </form>
  );
}
