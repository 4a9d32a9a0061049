// next/dynamic for the islands (esbuild aliases it here: scripts/build-islands.ts): React.lazy, in a
// chunk of its own that loads when first rendered. The Suspense boundary is where Next's own puts
// it (next/dist/shared/lib/lazy-dynamic/loadable.js: only with `loading` or `ssr: false`), so the
// islands hydrate the same markup Next rendered.
import { Fragment, lazy, Suspense, type ComponentType, type ReactNode } from "react";

type Loaded<P> = ComponentType<P> | { default: ComponentType<P> };

interface Options {
  loading?: (props: { isLoading: boolean; pastDelay: boolean; error: null }) => ReactNode;
  ssr?: boolean;
}

export default function dynamic<P extends object>(
  load: () => Promise<Loaded<P>>,
  options: Options = {},
): ComponentType<P> {
  const Lazy = lazy(async () => {
    const loaded = await load();
    return { default: "default" in loaded ? loaded.default : loaded };
  });
  const Loading = options.loading;
  const boundary = options.ssr === false || Loading !== undefined;
  function Dynamic(props: P) {
    const inner = <Lazy {...props} />;
    if (!boundary) return <Fragment>{inner}</Fragment>;
    const fallback = Loading ? <Loading isLoading pastDelay error={null} /> : null;
    return <Suspense fallback={fallback}>{inner}</Suspense>;
  }
  return Dynamic;
}
