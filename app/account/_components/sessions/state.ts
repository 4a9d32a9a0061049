// What the Sessions section's forms and their server action exchange.

/** One sign-in as the list shows it, its times already in words (the server's clock decides "now"). */
export interface SessionRow {
  id: string;
  device: string;
  clientAddress: string | null;
  signedIn: React.ReactNode;
  lastActive: React.ReactNode;
  isThisDevice: boolean;
}

export interface SessionsState {
  error?: string;
  done?: string;
}
