// What a server action receives is whatever the request encoded: React decodes strings, numbers,
// plain objects, arrays, Maps and FormData alike, so an action bound to a form can be called with
// any of them by a crafted request. These read the arguments without trusting their shape; a wrong
// one is answered like an empty form (a message), never with an exception (a 500).
import { z } from "zod";

export const formDataSchema = z.instanceof(FormData, {
  message: "That request was not understood.",
});

/** The FormData a form posts, or an empty one for anything else, so every field reads as missing. */
export function formDataOf(argument: unknown): FormData {
  const parsed = formDataSchema.safeParse(argument);
  return parsed.success ? parsed.data : new FormData();
}

/** A text field's value: undefined when missing, or when a crafted request sent a file. */
export function textField(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** Several text fields at once, for a z.object schema. */
export function textFields<K extends string>(form: FormData, ...names: K[]) {
  return Object.fromEntries(names.map((name) => [name, textField(form, name)])) as Record<
    K,
    string | undefined
  >;
}

/** A counter the form keeps in its state (a version, a sequence) as the client sent it back;
 * anything but a small whole number starts again from 0. */
export function counterOf(previous: unknown, key: string): number {
  const parsed = z
    .object({
      [key]: z
        .number()
        .int()
        .min(0)
        .max(Number.MAX_SAFE_INTEGER - 1),
    })
    .safeParse(previous);
  return parsed.success ? (parsed.data[key] as number) : 0;
}
