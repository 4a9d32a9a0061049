// A page the guest page cache keeps, made ready to carry a fresh Content-Security-Policy nonce in
// every answer (a nonce shared by many answers would be one an attacker can read and reuse).
//
// The page is stored with the nonce it was rendered with, and where that nonce sits in the bytes
// sent. A hit copies the bytes and writes the new nonce over the old one: no rendering and no
// compression per answer. For a gzip answer the page is compressed in pieces split at the nonces,
// each nonce kept in a stored (uncompressed) deflate block, and the gzip CRC-32 is corrected
// arithmetically: CRC-32 is linear, so swapping equal-length bytes changes it by the CRC of the
// difference shifted by how many bytes follow, which is one precomputed factor per page.
//
// Measured on seed pages (about 20 nonces each), on a loaded 2-core machine: 10–45 µs per answer.
// The price is size: pieces compressed apart share no dictionary, so a gzip copy is 12 % (a thread
// page, 25 KB) to 70 % (the home page, 4 KB) larger than Next's single gzip stream.
import { promisify } from "node:util";
import zlib from "node:zlib";

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const brotliDecompress = promisify(zlib.brotliDecompress);
const deflateRaw = promisify(zlib.deflateRaw);
const gzip = promisify(zlib.gzip);

export interface PageTemplate {
  /** The bytes as sent, holding `nonce` at each of `nonceAt`. */
  body: Buffer;
  /** Content-Encoding of `body` (undefined: none). */
  encoding: "gzip" | undefined;
  nonce: string | undefined;
  nonceAt: number[];
  /** For gzip: where the CRC-32 sits, the page's CRC with `nonce`, the CRC of `nonce`, and the sum
   * of x^(8·bytes after each nonce) mod the CRC polynomial. */
  crc: { at: number; page: number; nonce: number; shift: number } | null;
}

// CRC-32 arithmetic over GF(2) in zlib's reflected bit order (zlib's crc32.c: multmodp, x2nmodp).
const POLY = 0xedb88320;

function multModP(a: number, b: number): number {
  if (a === 0) return 0;
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) mod P for k = 0…31. */
const X2N: number[] = [0x40000000];
for (let k = 1; k < 32; k++) X2N.push(multModP(X2N[k - 1]!, X2N[k - 1]!));

/** x^(8·n) mod P: n zero bytes appended. */
function zeroBytesFactor(n: number): number {
  let p = 0x80000000;
  let k = 3;
  while (n > 0) {
    if (n & 1) p = multModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

async function decoded(body: Buffer, encoding: string | undefined): Promise<Buffer | null> {
  if (encoding === undefined || encoding === "identity") return body;
  if (encoding === "gzip") return gunzip(body);
  if (encoding === "deflate") return inflate(body);
  if (encoding === "br") return brotliDecompress(body);
  return null;
}

function positionsOf(plain: Buffer, token: Buffer): number[] {
  const at: number[] = [];
  for (let i = plain.indexOf(token); i !== -1; i = plain.indexOf(token, i + token.length))
    at.push(i);
  return at;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
/** The last deflate block: empty, stored, final. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

function storedBlockHeader(length: number): Buffer {
  // BFINAL 0, BTYPE 00 (stored), then LEN and its complement, little-endian.
  return Buffer.from([0, length & 0xff, length >> 8, ~length & 0xff, (~length >> 8) & 0xff]);
}

async function segmentedGzip(plain: Buffer, token: Buffer, at: number[]) {
  const pieces: (Buffer | Promise<Buffer>)[] = [GZIP_HEADER];
  let from = 0;
  for (const start of [...at, plain.length]) {
    // Compressed on its own (no back-reference into a nonce) and ended byte-aligned, not final.
    if (start > from)
      pieces.push(
        deflateRaw(plain.subarray(from, start), { finishFlush: zlib.constants.Z_SYNC_FLUSH }),
      );
    if (start < plain.length) pieces.push(storedBlockHeader(token.length), token);
    from = start + token.length;
  }
  const ready = await Promise.all(pieces);
  const nonceAt: number[] = [];
  let offset = 0;
  for (const piece of ready) {
    if (piece === token) nonceAt.push(offset);
    offset += piece.length;
  }
  const trailer = Buffer.alloc(8);
  const page = zlib.crc32(plain);
  trailer.writeUInt32LE(page, 0);
  trailer.writeUInt32LE(plain.length >>> 0, 4);
  const body = Buffer.concat([...ready, FINAL_BLOCK, trailer]);
  let shift = 0;
  for (const start of at) shift ^= zeroBytesFactor(plain.length - start - token.length);
  return {
    body,
    nonceAt,
    crc: { at: body.length - 8, page, nonce: zlib.crc32(token), shift: shift >>> 0 },
  };
}

/** The page Next sent (`body` in `encoding`, rendered with `nonce`), ready for stamp(). Null when
 * its encoding is unknown here. A deflate or brotli page is kept uncompressed (Next sends
 * deflate only to clients that do not take gzip, and never brotli). */
export async function pageTemplate(
  body: Buffer,
  encoding: string | undefined,
  nonce: string,
): Promise<PageTemplate | null> {
  const plain = await decodedPage(body, encoding);
  if (!plain) return null;
  const token = Buffer.from(nonce, "latin1");
  const at = positionsOf(plain, token);
  if (at.length === 0) {
    const keep = encoding === "gzip" || encoding === undefined || encoding === "identity";
    return {
      body: keep ? body : plain,
      encoding: encoding === "gzip" ? "gzip" : undefined,
      nonce: undefined,
      nonceAt: [],
      crc: null,
    };
  }
  if (encoding !== "gzip")
    return { body: plain, encoding: undefined, nonce, nonceAt: at, crc: null };
  return { encoding: "gzip", nonce, ...(await segmentedGzip(plain, token, at)) };
}

/** The plain bytes of a page sent in `encoding`, or null (an encoding unknown here, or bytes that do
 * not decode). */
export function decodedPage(body: Buffer, encoding: string | undefined): Promise<Buffer | null> {
  return decoded(body, encoding).catch(() => null);
}

/** A page made here from plain HTML (the islands version of Next's page: guest-page-cache.ts),
 * rendered with `nonce`, ready for stamp(): gzip-compressed like Next's when `gzipped`. */
export async function plainPageTemplate(
  plain: Buffer,
  gzipped: boolean,
  nonce: string | undefined,
): Promise<PageTemplate> {
  const token = nonce === undefined ? null : Buffer.from(nonce, "latin1");
  const at = token ? positionsOf(plain, token) : [];
  if (!token || at.length === 0)
    return {
      body: gzipped ? await gzip(plain) : plain,
      encoding: gzipped ? "gzip" : undefined,
      nonce: undefined,
      nonceAt: [],
      crc: null,
    };
  if (!gzipped) return { body: plain, encoding: undefined, nonce, nonceAt: at, crc: null };
  return { encoding: "gzip", nonce, ...(await segmentedGzip(plain, token, at)) };
}

/** The page's bytes carrying `nonce` (as long as the stored one) instead of the stored nonce. */
export function stamp(template: PageTemplate, nonce: string): Buffer {
  if (template.nonce === undefined || template.nonceAt.length === 0) return template.body;
  const token = Buffer.from(nonce, "latin1");
  if (token.length !== template.nonce.length) throw new Error("A nonce of another length.");
  const out = Buffer.from(template.body);
  for (const at of template.nonceAt) out.set(token, at);
  const crc = template.crc;
  if (crc) {
    const difference = (crc.nonce ^ zlib.crc32(token)) >>> 0;
    out.writeUInt32LE((crc.page ^ multModP(crc.shift, difference)) >>> 0, crc.at);
  }
  return out;
}
