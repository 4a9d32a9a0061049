// The ~49,000 most common passwords from zxcvbn-ts's maintained list.
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | null = null;

export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
