// next/navigation for the islands (esbuild aliases it here: scripts/build-islands.ts). There is no
// client router on a page the islands run on: every navigation is a full page load, so the router
// is the browser's location and history, and refresh() reloads the page.

interface NavigateOptions {
  scroll?: boolean;
}

const router = {
  push: (href: string, _options?: NavigateOptions) => location.assign(href),
  replace: (href: string, _options?: NavigateOptions) => location.replace(href),
  refresh: () => location.reload(),
  back: () => history.back(),
  forward: () => history.forward(),
  prefetch: (_href: string) => {},
};

/** One object for the page's life, as Next's (effects may list it as a dependency). */
export function useRouter(): typeof router {
  return router;
}

export function usePathname(): string {
  return location.pathname;
}

let current: { search: string; params: URLSearchParams } | undefined;

/** The same object while the query is the same, as Next's. */
export function useSearchParams(): URLSearchParams {
  if (current?.search !== location.search)
    current = { search: location.search, params: new URLSearchParams(location.search) };
  return current.params;
}
