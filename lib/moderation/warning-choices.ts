// How long a warning's points count, as the warn form offers it and the server accepts it. Pure:
// the form in the browser imports it too.

/** Days, 0 for never, with the form's words. */
export const WARNING_EXPIRY_CHOICES: readonly (readonly [days: number, label: string])[] = [
  [7, "In a week"],
  [30, "In a month"],
  [90, "In three months"],
  [365, "In a year"],
  [0, "Never"],
];
export const WARNING_EXPIRY_DEFAULT_DAYS = 30;
