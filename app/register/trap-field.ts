/** The sign-up form's hidden bot trap: a name a form-filling script fills and a browser does not
 * autofill. In its own file because a "use server" file may export only actions. */
export const SIGN_UP_TRAP_FIELD = "referral_code";
