import { MEMBER_HINT_COOKIE } from "./types";

/** Runs before the first paint (app/layout.tsx): a browser holding the member hint hides the guest
 * links until the personal answer says who is signed in (globals.css), so members never see
 * "Sign in" flash by. The Content-Security-Policy allows it by its hash
 * (server/security-headers.ts), so it must stay one constant string. */
export const MEMBER_HINT_SCRIPT = `document.cookie.split("; ").indexOf("${MEMBER_HINT_COOKIE}=1")>=0&&document.documentElement.setAttribute("data-member","")`;
