// Auth.js answers a callbackUrl it cannot parse as an http(s) URL (`javascript:`, `http://[`) with a
// 500 before its redirect callback is asked. Its routes get the request with the callbackUrl (query
// parameter and cookie) already replaced by what safeAuthRedirect keeps.
import { NextRequest } from "next/server";
import { safeAuthRedirect } from "./safe-redirect";

const CALLBACK_COOKIE = /^(?:__Secure-)?authjs\.callback-url$/;

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
}

/** The request, or a copy of it whose callback URLs stay on this site. */
export function withSafeCallbackUrl(request: NextRequest): NextRequest {
  const url = new URL(request.url);
  const baseUrl = url.origin;
  let changed = false;
  const target = url.searchParams.get("callbackUrl");
  if (target !== null) {
    const safe = safeAuthRedirect({ url: target, baseUrl });
    if (safe !== target || url.searchParams.getAll("callbackUrl").length > 1) {
      url.searchParams.set("callbackUrl", safe);
      changed = true;
    }
  }
  const headers = new Headers(request.headers);
  const cookie = headers.get("cookie");
  if (cookie?.includes("callback-url")) {
    const kept = cookie.split(/;\s*/).map((part) => {
      const eq = part.indexOf("=");
      if (eq === -1 || !CALLBACK_COOKIE.test(part.slice(0, eq))) return part;
      const value = decoded(part.slice(eq + 1));
      const safe = safeAuthRedirect({ url: value, baseUrl });
      return safe === value ? part : `${part.slice(0, eq)}=${encodeURIComponent(safe)}`;
    });
    const rewritten = kept.join("; ");
    if (rewritten !== cookie) {
      headers.set("cookie", rewritten);
      changed = true;
    }
  }
  if (!changed) return request;
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new NextRequest(url, {
    method: request.method,
    headers,
    body: hasBody ? request.body : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  });
}
