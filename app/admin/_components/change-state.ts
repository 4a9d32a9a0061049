/** What an admin panel form shows after a submit: the answer, and on an error what was typed. */
export interface ChangeState {
  status: "idle" | "success" | "error";
  message: string;
  /** Counts submits, so a repeated answer is announced again. */
  seq: number;
  typed?: { title?: string; description?: string };
}

export const IDLE: ChangeState = { status: "idle", message: "", seq: 0 };
