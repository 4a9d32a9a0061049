// The rules an account must follow, as zod schemas shared by sign-up, settings and the tests.
import { z } from "zod";
import { EMAIL_MAX, PASSWORD, USERNAME } from "../limits/sizes";
import { isCommonPassword } from "./common-passwords";
import { invisibleCodePoints, isSingleScript } from "./username-skeleton";
import type { FieldErrors } from "../result";
import { plainText } from "../validation/text";

export const usernameSchema = plainText("single")
  .superRefine((s, ctx) => {
    const invisible = invisibleCodePoints(s);
    if (invisible.length > 0)
      ctx.addIssue({
        code: "custom",
        message: `Usernames cannot contain invisible characters (${invisible.join(", ")}).`,
      });
  })
  // NFKC: fullwidth letters, ligatures and mathematical letters are stored as the letters they show.
  .transform((s) => s.normalize("NFKC").trim())
  .pipe(
    z
      .string()
      .min(USERNAME.min, USERNAME.tooShort)
      .max(USERNAME.max, USERNAME.tooLong)
      .regex(/^[\p{L}\p{M}\p{N} _.\-]+$/u, "Use letters, digits, spaces, _ - and . only.")
      .regex(/^(?!.* {2})/, "Use single spaces between words.")
      .refine(
        isSingleScript,
        "Use letters of one script (Latin, Cyrillic, Greek…); digits, spaces, _ - and . go with any.",
      ),
  );

export const emailSchema = plainText("single")
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.email("Enter a valid email address.").max(EMAIL_MAX, "That email address is too long."));

export const newPasswordSchema = z
  .string()
  .min(PASSWORD.min, PASSWORD.tooShort)
  .max(PASSWORD.max, PASSWORD.tooLong)
  .refine(
    (p) => !isCommonPassword(p),
    "This password is one of the most common ones: choose another.",
  );

export const signUpSchema = z
  .object({ username: usernameSchema, email: emailSchema, password: newPasswordSchema })
  .refine((v) => v.password.toLowerCase() !== v.username.toLowerCase(), {
    path: ["password"],
    message: "Your password cannot be your username.",
  });

export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  identifier: plainText("single").pipe(z.string().trim().min(1).max(EMAIL_MAX)),
  password: z.string().min(1).max(PASSWORD.max),
});

export type { FieldErrors };

export function fieldErrors<K extends string>(error: z.ZodError): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form") as K;
    errors[key] ??= issue.message;
  }
  return errors;
}
