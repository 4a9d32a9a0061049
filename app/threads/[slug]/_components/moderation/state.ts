/** What a moderation form shows after the server answered. */
export interface ModState {
  status: "idle" | "success" | "error";
  message: string;
  /** Where to go next, when the thread moved (renamed, merged, split off, deleted for good). */
  url?: string;
  /** A page worth opening next (the thread posts were split into), offered as a link. */
  link?: string;
  /** The form field a refusal is about, when it is about one. */
  field?: string;
  /** Distinguishes two identical answers in a row, so each one is acted on. */
  at?: number;
}

export const IDLE: ModState = { status: "idle", message: "" };
