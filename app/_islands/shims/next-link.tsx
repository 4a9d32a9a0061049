// next/link for the islands (esbuild aliases it here: scripts/build-islands.ts): a plain <a>, as
// Next's Link renders it on the server. Without a client router a click is a full page load, so
// the props that steer Next's navigation (prefetch, scroll, replace and the like) are dropped.
import type { AnchorHTMLAttributes, ReactNode, Ref } from "react";
import type { UrlObject } from "url";

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  href: string | UrlObject;
  as?: string | UrlObject;
  prefetch?: boolean | "auto" | null;
  scroll?: boolean;
  replace?: boolean;
  shallow?: boolean;
  passHref?: boolean;
  locale?: string | false;
  legacyBehavior?: boolean;
  onNavigate?: (event: { preventDefault: () => void }) => void;
  transitionTypes?: string[];
  unstable_dynamicOnHover?: boolean;
  children?: ReactNode;
  ref?: Ref<HTMLAnchorElement>;
};

export default function Link({
  href,
  as: _as,
  prefetch: _prefetch,
  scroll: _scroll,
  replace: _replace,
  shallow: _shallow,
  passHref: _passHref,
  locale: _locale,
  legacyBehavior: _legacyBehavior,
  onNavigate: _onNavigate,
  transitionTypes: _transitionTypes,
  unstable_dynamicOnHover: _dynamicOnHover,
  ...rest
}: LinkProps) {
  return <a {...rest} href={typeof href === "string" ? href : formatUrl(href)} />;
}

/** Nothing is ever pending: a click leaves the page. */
export function useLinkStatus(): { pending: boolean } {
  return { pending: false };
}

/** An href object as a string, as Next's formatUrl (next/dist/shared/lib/router/utils/
 * format-url.js) writes it; that one, with its helpers, would be 1.5 KB gzip of first visit. */
export function formatUrl(url: UrlObject): string {
  const { auth, hostname, port, query } = url;
  let protocol = url.protocol ?? "";
  let pathname = url.pathname ?? "";
  let hash = url.hash ?? "";
  let host: string | false = false;
  const credentials = auth ? encodeURIComponent(auth).replace(/%3A/i, ":") + "@" : "";
  if (url.host) host = credentials + url.host;
  else if (hostname) {
    host = credentials + (hostname.includes(":") ? `[${hostname}]` : hostname);
    if (port) host += ":" + port;
  }
  let search = url.search || "";
  if (!search && query) {
    const text =
      typeof query === "string"
        ? query
        : String(
            new URLSearchParams(
              Object.entries(query).flatMap(([key, value]) =>
                (Array.isArray(value) ? value : [value]).map((item) => [key, queryValue(item)]),
              ),
            ),
          );
    if (text) search = `?${text}`;
  }
  if (protocol && !protocol.endsWith(":")) protocol += ":";
  if (url.slashes || ((!protocol || /https?|ftp|gopher|file/.test(protocol)) && host !== false)) {
    host = "//" + (host || "");
    if (pathname && pathname[0] !== "/") pathname = "/" + pathname;
  } else if (!host) host = "";
  if (hash && hash[0] !== "#") hash = "#" + hash;
  if (search && search[0] !== "?") search = "?" + search;
  pathname = pathname.replace(/[?#]/g, encodeURIComponent);
  search = search.replace("#", "%23");
  return `${protocol}${host}${pathname}${search}${hash}`;
}

function queryValue(value: unknown): string {
  if (typeof value === "string") return value;
  if ((typeof value === "number" && !isNaN(value)) || typeof value === "boolean")
    return String(value);
  return "";
}
