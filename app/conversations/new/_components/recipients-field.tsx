"use client";

// The recipients box: names separated by commas, completed from the @mention suggester's endpoint
// (GET /api/members/suggest) through a datalist, so the browser offers the names accessibly.
import { useEffect, useId, useRef, useState } from "react";
import { describedBy, HintAndError, controlClass } from "@/app/_components/form-controls";
import { CONVERSATION_RECIPIENTS } from "@/lib/limits/sizes";

const SUGGEST_DELAY = 150;

export function RecipientsField({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const id = "field-recipients";
  const listId = useId();
  const [value, setValue] = useState(defaultValue);
  const [options, setOptions] = useState<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const parts = value.split(",");
    const typing = parts.at(-1)!.trim().replace(/^@/, "");
    if (timer.current) clearTimeout(timer.current);
    if (!typing) return;
    const controller = new AbortController();
    timer.current = setTimeout(() => {
      fetch(`/api/members/suggest?q=${encodeURIComponent(typing)}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : { members: [] }))
        .then((body: { members?: { name: string }[] }) => {
          // Each option is the whole box with the last name completed, as a datalist completes it.
          const before = parts
            .slice(0, -1)
            .map((p) => p.trim())
            .filter(Boolean);
          setOptions((body.members ?? []).slice(0, 8).map((m) => [...before, m.name].join(", ")));
        })
        .catch(() => {});
    }, SUGGEST_DELAY);
    return () => controller.abort();
  }, [value]);

  const hint = `Member names separated by commas, at most ${CONVERSATION_RECIPIENTS.max}.`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        Recipients
      </label>
      <input
        id={id}
        name="recipients"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        list={listId}
        autoComplete="off"
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={controlClass}
      />
      <datalist id={listId}>
        {options.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
      <HintAndError id={id} error={error} hint={hint} />
    </div>
  );
}
