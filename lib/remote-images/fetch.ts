// Fetches one remote image for the proxy, safely: the host name is resolved here, every address it
// resolves to must be public (./addresses.ts), and the connection is made to the address that was
// checked (the socket's lookup answers with it), so a DNS answer that changes between the check and
// the connection (rebinding) cannot send the request to a private host. Redirects are followed a few
// times, each checked the same way. Size and time are bounded, and only real images (sniffed from
// the bytes, never the server's Content-Type) are answered.
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { CONTENT_TYPES, isImageKind, sniffKind } from "../attachments/sniff";
import { isPublicAddress } from "./addresses";

export interface RemoteImage {
  contentType: string;
  bytes: Buffer;
}

export type FetchOutcome = { ok: true; image: RemoteImage } | { ok: false; reason: string };

export interface FetchOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  /** Which resolved addresses may be connected to; tests widen it to reach their local server. */
  allowAddress?: (address: string) => boolean;
  /** Host name → addresses; tests answer for made-up names. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

const defaultResolve = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

class Refused extends Error {}

/** The one address to connect to, once every address of the host passed the check. */
async function checkedAddress(
  hostname: string,
  options: FetchOptions,
): Promise<{ address: string; family: number }> {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string; family: number }[];
  try {
    addresses = await (options.resolve ?? defaultResolve)(bare);
  } catch {
    throw new Refused("The image's host name does not resolve.");
  }
  const allow = options.allowAddress ?? isPublicAddress;
  // All of them: a host answering one public and one private address could be sent to either.
  if (addresses.length === 0 || !addresses.every((a) => allow(a.address)))
    throw new Refused("The image's address is not a public one.");
  return addresses[0]!;
}

function get(
  url: URL,
  pinned: { address: string; family: number },
  options: FetchOptions,
  signal: AbortSignal,
) {
  const lookup: LookupFunction = (_host, opts, callback) => {
    if (opts.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = client.get(url, {
      lookup,
      signal,
      headers: {
        accept: "image/avif,image/webp,image/png,image/jpeg,image/gif",
        "user-agent": "Parley image proxy",
      },
    });
    request.on("response", resolve);
    request.on("error", reject);
  });
}

async function readBounded(response: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers["content-length"] ?? 0);
  if (declared > maxBytes) throw new Refused("The image is too large.");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw new Refused("The image is too large.");
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function fetchOnce(
  url: URL,
  options: FetchOptions,
  signal: AbortSignal,
  redirects: number,
): Promise<RemoteImage> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Refused("Only http and https images are fetched.");
  if (url.username || url.password) throw new Refused("Image addresses may not carry a password.");
  const pinned = await checkedAddress(url.hostname, options);
  const response = await get(url, pinned, options, signal);
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400 && response.headers.location) {
    response.resume();
    if (redirects <= 0) throw new Refused("The image redirects too many times.");
    return fetchOnce(new URL(response.headers.location, url), options, signal, redirects - 1);
  }
  if (status !== 200) {
    response.resume();
    throw new Refused(`The image's server answered ${status}.`);
  }
  const bytes = await readBounded(response, options.maxBytes);
  const kind = sniffKind(bytes);
  if (!kind || !isImageKind(kind))
    throw new Refused("That address is not a PNG, JPEG, WebP or GIF image.");
  return { contentType: CONTENT_TYPES[kind], bytes };
}

export async function fetchRemoteImage(
  address: string,
  options: FetchOptions,
): Promise<FetchOutcome> {
  if (!URL.canParse(address)) return { ok: false, reason: "That is not an image address." };
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const image = await fetchOnce(new URL(address), options, signal, options.maxRedirects ?? 3);
    return { ok: true, image };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    if (signal.aborted) return { ok: false, reason: "The image's server took too long." };
    return { ok: false, reason: "The image could not be fetched." };
  }
}
