import { COLOR_SCHEME_STORAGE_KEY } from "./color-scheme";

/** Runs in <head> before the first paint (app/layout.tsx): the page is one rendering for everyone,
 * so the reader's scheme is put on <html data-theme> here, not by the server, and a dark reader never
 * sees a light page flash by. The Content-Security-Policy allows it by its hash
 * (server/security-headers.ts), so it must stay one constant string. */
export const COLOR_SCHEME_SCRIPT = `(function(){var c=null;try{c=localStorage.getItem("${COLOR_SCHEME_STORAGE_KEY}")}catch(e){}var d=c==="dark"||(c!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.setAttribute("data-theme",d?"dark":"light")})()`;
