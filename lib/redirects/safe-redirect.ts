// The one check for every redirect target that comes from a request (a callbackUrl, a form field,
// Auth.js's callback URL): it must stay on this site. Browsers forgive a lot when they read a
// Location header (they drop tabs and newlines, read "\" as "/"), so anything a browser might
// reinterpret is refused rather than cleaned, and the answer is the fallback, never an error.

/** Longer targets are not a page of this forum. */
const MAX_TARGET_LENGTH = 2000;
/** Control characters (C0, DEL, C1) and backslashes: a browser drops or rewrites them. */
const REINTERPRETED = /[\u0000-\u001f\u007f-\u009f\\]/;
const BASE = "http://parley.invalid";

/** A path on this site ("/threads/1-a?page=2#post-3") for a redirect target from user input, or
 * `fallback`. The answer is ASCII (the URL parser percent-encodes the rest), so it is always a
 * valid Location header. */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target.length > MAX_TARGET_LENGTH) return fallback;
  if (!target.startsWith("/") || target.startsWith("//")) return fallback;
  if (REINTERPRETED.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//host" resolves to the path "//host", which a browser would read as another site.
  return path.startsWith("//") ? fallback : path;
}

/** Auth.js's `callbacks.redirect`: `url` is a path or an absolute URL; only this site's are kept,
 * as an absolute URL on `baseUrl` (which Auth.js takes from the request). */
export function safeAuthRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return "/";
  }
  const home = base.origin;
  if (typeof url !== "string" || REINTERPRETED.test(url)) return home;
  let path: string = url;
  if (!url.startsWith("/")) {
    let absolute: URL;
    try {
      absolute = new URL(url);
    } catch {
      return home;
    }
    if (absolute.origin !== home) return home;
    path = absolute.pathname + absolute.search + absolute.hash;
  }
  const safe = safeRedirect(path, "");
  return safe === "" ? home : home + safe;
}
