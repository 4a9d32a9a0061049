"use client";

import { useFormStatus } from "react-dom";
import { controlClass, describedBy, HintAndError } from "./form-controls";

type InputProps = React.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input whose error is announced with it (aria-describedby) and shown beside it. */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: InputProps & { label: string; name: string; error?: string; hint?: string }) {
  const id = `field-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={controlClass}
        {...input}
      />
      <HintAndError id={id} error={error} hint={hint} />
    </div>
  );
}

export function SubmitButton({
  children,
  className = "",
}: {
  children: React.ReactNode;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className={`rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60 ${className}`}
    >
      {children}
    </button>
  );
}

export function FormMessage({
  message,
  tone = "error",
}: {
  message?: string;
  tone?: "error" | "success";
}) {
  if (!message) return null;
  const style =
    tone === "error"
      ? "border-red-300 bg-red-50 text-red-800"
      : "border-green-300 bg-green-50 text-green-800";
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      className={`rounded border px-3 py-2 text-sm ${style}`}
    >
      {message}
    </p>
  );
}
