// The colour scheme: light, dark, or whatever the device prefers. Not server-only: the header's
// toggle and the head script (./scheme-script.ts) share these names with the server. Nothing here
// may import zod: this module is in every page's first-visit JavaScript (issue 12); the server's
// check of a choice is lib/accounts/color-scheme.ts.

export const COLOR_SCHEME_CHOICES = ["light", "dark", "system"] as const;
export type ColorSchemeChoice = (typeof COLOR_SCHEME_CHOICES)[number];
/** What a member's row keeps: "system" is stored as null, so the device decides. */
export type StoredColorScheme = Exclude<ColorSchemeChoice, "system"> | null;

/** Where the browser keeps the choice (guests, and members between page views). localStorage, not a
 * cookie: a cookie would ride along with every request, and reading pages are the same for everyone. */
export const COLOR_SCHEME_STORAGE_KEY = "parley-color-scheme";

/** Where a member's choice is saved (server/write-routes.ts): a JSON POST of `{ scheme }`. */
export const COLOR_SCHEME_PATH = "/api/account/color-scheme";

export const storedScheme = (choice: ColorSchemeChoice): StoredColorScheme =>
  choice === "system" ? null : choice;
export const choiceOf = (stored: StoredColorScheme): ColorSchemeChoice => stored ?? "system";
