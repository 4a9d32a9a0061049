// The forum's image proxy: posts never make a reader's browser ask another site for an image (which
// would tell that site who reads what); the page names /image-proxy?url=…&sig=…, and this server
// fetches the image (./fetch.ts) and keeps a bounded copy in memory. The signature (an HMAC of the
// address under a key derived from AUTH_SECRET) limits the proxy to addresses the forum's own pages
// name, so it is not an open proxy for anyone's use.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { fetchRemoteImage, type FetchOptions, type FetchOutcome } from "./fetch";

export const IMAGE_PROXY_PATH = "/image-proxy";

export const PROXY_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 8000,
  /** Memory the cache may hold, and how long an image (or a refusal) is kept. */
  cacheBytes: 64 * 1024 * 1024,
  keepMs: 60 * 60 * 1000,
  keepRefusalMs: 5 * 60 * 1000,
} as const;

// Without AUTH_SECRET (only where scripts/start.ts did not run) a key per process still works for one
// instance.
const fallbackSecret = randomBytes(32);
let derived: { secret: string | undefined; key: Buffer } | undefined;

function signingKey(): Buffer {
  const secret = env.AUTH_SECRET;
  if (derived && derived.secret === secret) return derived.key;
  const key = Buffer.from(
    hkdfSync("sha256", secret ?? fallbackSecret, "parley image proxy", "", 32),
  );
  derived = { secret, key };
  return key;
}

const signature = (address: string) =>
  createHmac("sha256", signingKey()).update(address).digest("base64url").slice(0, 32);

export function proxiedImageUrl(address: string): string {
  return `${IMAGE_PROXY_PATH}?${new URLSearchParams({ url: address, sig: signature(address) })}`;
}

export function isSignedAddress(address: string, sig: string): boolean {
  const expected = Buffer.from(signature(address));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

interface Entry {
  outcome: FetchOutcome;
  size: number;
  expires: number;
}

/** A least-recently-used map bounded by the bytes it holds. */
export function createImageCache(maxBytes: number) {
  const entries = new Map<string, Entry>();
  let held = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    held -= entry.size;
    entries.delete(key);
  };
  return {
    get(key: string, now = Date.now()): FetchOutcome | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      drop(key);
      if (entry.expires <= now) return undefined;
      entries.set(key, entry);
      held += entry.size;
      return entry.outcome;
    },
    set(key: string, outcome: FetchOutcome, keepMs: number, now = Date.now()) {
      drop(key);
      const size = (outcome.ok ? outcome.image.bytes.byteLength : 0) + key.length + 64;
      if (size > maxBytes) return;
      entries.set(key, { outcome, size, expires: now + keepMs });
      held += size;
      for (const oldest of entries.keys()) {
        if (held <= maxBytes) break;
        drop(oldest);
      }
    },
    get heldBytes() {
      return held;
    },
  };
}

const cache = createImageCache(PROXY_LIMITS.cacheBytes);
const pending = new Map<string, Promise<FetchOutcome>>();

/** The image at this address, from the cache or fetched once however many readers ask at once. */
export async function proxiedImage(
  address: string,
  options: Partial<FetchOptions> = {},
): Promise<FetchOutcome> {
  const cached = cache.get(address);
  if (cached) return cached;
  const inFlight = pending.get(address);
  if (inFlight) return inFlight;
  const fetching = fetchRemoteImage(address, {
    maxBytes: PROXY_LIMITS.maxBytes,
    timeoutMs: PROXY_LIMITS.timeoutMs,
    ...options,
  }).then((outcome) => {
    cache.set(address, outcome, outcome.ok ? PROXY_LIMITS.keepMs : PROXY_LIMITS.keepRefusalMs);
    return outcome;
  });
  pending.set(address, fetching);
  try {
    return await fetching;
  } finally {
    pending.delete(address);
  }
}
