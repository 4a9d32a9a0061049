// The one shape lib functions answer in when a request may be refused: `ok: true` with what the
// caller needs next, or `ok: false` with the sentence the form shows. Refusals are ordinary answers
// (a member may not do this, a field is wrong), so they are returned, never thrown.

/** Per-field messages, for forms that check every field at once so one submit shows them all. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

export type Refusal<F extends string = never> = {
  ok: false;
  /** What the form shows, worded for the member. */
  error: string;
  /** The input the refusal is about, when it is about one (the form marks that field). */
  field?: F;
  /** Every field's message, when several were checked together; `error` is the first of them. */
  errors?: FieldErrors<F>;
};

export type Result<T extends object = Record<never, never>, F extends string = never> =
  ({ ok: true } & T) | Refusal<F>;

/** Success, with what the caller needs next. */
export function ok(): { ok: true };
export function ok<T extends object>(value: T): { ok: true } & T;
export function ok(value: object = {}) {
  return { ok: true, ...value };
}

/** A refusal in words, about one field when given. */
export function refuse<F extends string = never>(error: string, field?: F): Refusal<F> {
  return field === undefined ? { ok: false, error } : { ok: false, error, field };
}

/** A refusal naming every field that was wrong; `error` and `field` are the first of them. */
export function refuseFields<F extends string>(errors: FieldErrors<F>): Refusal<F> {
  const [field, error] = Object.entries(errors).find(([, message]) => message) as [F, string];
  return { ok: false, error, field, errors };
}

/** A refusal as per-field messages for a form: one not about a field goes under `form`. */
export function fieldErrorsOf<F extends string>(refusal: Refusal<F>): FieldErrors<F | "form"> {
  const errors: FieldErrors<string> = refusal.errors ?? {
    [refusal.field ?? "form"]: refusal.error,
  };
  return errors;
}

/** The sentence to show for an answer that says something either way. */
export function messageOf(result: Result<{ message: string }, string>): string {
  return result.ok ? result.message : result.error;
}
