import "server-only";
import { unstable_rethrow } from "next/navigation";

/**
 * For the root layout's own reads (who is asking, the bell's count), made on every page: when the
 * database fails one, the layout draws without that part instead of failing whole, so the page's
 * own error boundary (app/error.tsx, which a failing root layout would bypass) can say what went
 * wrong under a working header. Next's control-flow signals (redirects, dynamic rendering) pass
 * through untouched.
 */
export async function orNull<T>(load: Promise<T>, what: string): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    unstable_rethrow(error);
    console.error(`The layout could not read ${what}:`, error);
    return null;
  }
}
