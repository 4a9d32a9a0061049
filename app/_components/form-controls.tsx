// More form controls in the style of form.tsx's Field: a label, the control, a hint, and an error
// announced with the control (aria-describedby) and shown beside it.

type Described = { label: string; name: string; error?: string; hint?: string };

export const controlClass =
  "block w-full rounded border border-slate-300 bg-surface px-3 py-2 text-base shadow-sm aria-invalid:border-red-600";

export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ") || undefined;
}

export function HintAndError({
  id,
  error,
  hint,
}: {
  id: string;
  error?: string;
  hint?: React.ReactNode;
}) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}

export function TextareaField({
  label,
  name,
  error,
  hint,
  ...textarea
}: React.TextareaHTMLAttributes<HTMLTextAreaElement> & Described) {
  const id = `field-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={`${controlClass} min-h-24 resize-y`}
        {...textarea}
      />
      <HintAndError id={id} error={error} hint={hint} />
    </div>
  );
}

export function FileField({
  label,
  name,
  error,
  hint,
  ...input
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & Described) {
  const id = `field-${name}`;
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="file"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className="block w-full max-w-full text-sm text-slate-700 file:mr-3 file:cursor-pointer file:rounded file:border file:border-slate-300 file:bg-slate-50 file:px-3 file:py-2 file:font-semibold file:text-slate-800 hover:file:bg-slate-100 aria-invalid:text-red-700"
        {...input}
      />
      <HintAndError id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxField({
  label,
  name,
  ...input
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; name: string }) {
  const id = `field-${name}`;
  return (
    <div className="flex items-center gap-2">
      <input id={id} name={name} type="checkbox" className="size-4 accent-brand-700" {...input} />
      <label htmlFor={id} className="text-sm text-slate-800">
        {label}
      </label>
    </div>
  );
}
