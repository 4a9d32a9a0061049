// What an uploaded file really is, read from its first bytes; the name and the browser's word are
// never trusted. Pure, so the browser-independent rules are unit-tested without a server.

export type ImageKind = "png" | "jpeg" | "webp" | "gif";
export type FileKind = "pdf" | "zip" | "txt";
export type SniffedKind = ImageKind | FileKind;

export const IMAGE_KINDS: readonly ImageKind[] = ["png", "jpeg", "webp", "gif"];

export const CONTENT_TYPES: Record<SniffedKind, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  pdf: "application/pdf",
  zip: "application/zip",
  txt: "text/plain; charset=utf-8",
};

/** The extensions a file of each kind may be named with. */
export const EXTENSIONS: Record<SniffedKind, readonly string[]> = {
  png: ["png"],
  jpeg: ["jpg", "jpeg", "jpe"],
  webp: ["webp"],
  gif: ["gif"],
  pdf: ["pdf"],
  zip: ["zip"],
  txt: ["txt", "text", "log", "md", "csv"],
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

export function isImageKind(kind: SniffedKind): kind is ImageKind {
  return (IMAGE_KINDS as readonly string[]).includes(kind);
}

/** Text: valid UTF-8 with no control characters but tabs, line breaks and form feeds. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text);
}

/** The kind the bytes are, or null for anything else. Text is the last guess. */
export function sniffKind(bytes: Uint8Array): SniffedKind | null {
  if (bytes.byteLength === 0) return null;
  if (startsWith(bytes, [0x89, ...ascii("PNG\r\n"), 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  if (startsWith(bytes, ascii("%PDF-"))) return "pdf";
  // A local file header, or the end record of an empty archive.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return "zip";
  return isPlainText(bytes) ? "txt" : null;
}

const UNSAFE_NAME_CHARACTERS = /[\x00-\x1f\x7f/\\:*?"<>|]+/g;

/** A file name safe to show and to offer as a download name: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(UNSAFE_NAME_CHARACTERS, "_").trim().slice(-120);
  return cleaned.replace(/^\.+/, "") || "file";
}

/**
 * The name to keep for a file of this kind, or null when its extension says it is something else
 * (a text file renamed to .png). A name without an extension gets the kind's own.
 */
export function nameForKind(name: string, kind: SniffedKind): string | null {
  const cleaned = cleanFileName(name);
  const dot = cleaned.lastIndexOf(".");
  if (dot <= 0) return `${cleaned}.${EXTENSIONS[kind][0]}`;
  const extension = cleaned.slice(dot + 1).toLowerCase();
  return EXTENSIONS[kind].includes(extension) ? cleaned : null;
}
