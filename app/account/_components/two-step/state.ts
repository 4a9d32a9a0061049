// What the two-step verification forms and their action exchange.
export interface TwoStepState {
  /** While setting up: the new secret, as text and as a QR code (SVG markup made by `qrcode`). */
  setup?: { secret: string; qrSvg: string };
  /** Shown once, right after they are made. */
  recoveryCodes?: string[];
  errors: Partial<Record<"form" | "code" | "password", string>>;
  /** Which form the errors belong to. */
  intent?: Intent;
  message?: string;
}

export type Intent = "start" | "confirm" | "regenerate" | "disable";
