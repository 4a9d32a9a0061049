// What the ignore forms and their server actions exchange.
export interface IgnoreState {
  status: "idle" | "success" | "error";
  message: string;
  /** When the server answered: a new answer re-renders the form (and clears the typed name). */
  at?: number;
  /** The name typed on the list page, shown again after a refusal (React resets the form). */
  typed?: string;
  /** After Ignore / Unignore: whether the member is ignored now. */
  ignoring?: boolean;
}

export const IDLE: IgnoreState = { status: "idle", message: "" };
