// The rules an account must follow, as zod schemas shared by sign-up, settings and the tests.
import { z } from "zod";
import { isCommonPassword } from "./common-passwords";
import type { FieldErrors } from "../result";

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 10;
/** argon2 hashes anything, but a megabyte of "password" is a denial of service, not a password. */
export const PASSWORD_MAX = 256;
export const LOCATION_MAX = 50;

export const usernameSchema = z
  .string()
  .transform((s) => s.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(USERNAME_MIN, `Usernames are at least ${USERNAME_MIN} characters long.`)
      .max(USERNAME_MAX, `Usernames are at most ${USERNAME_MAX} characters long.`)
      .regex(/^[\p{L}\p{M}\p{N} _.\-]+$/u, "Use letters, digits, spaces, _ - and . only.")
      .regex(/^(?!.* {2})/, "Use single spaces between words."),
  );

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter a valid email address.").max(254, "That email address is too long."));

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Passwords are at least ${PASSWORD_MIN} characters long.`)
  .max(PASSWORD_MAX, `Passwords are at most ${PASSWORD_MAX} characters long.`)
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
  identifier: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX),
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
