// An upload checked and made safe to serve: the kind is sniffed from the bytes (./sniff.ts), the name
// must agree with it, and images are decoded and encoded again by sharp, which keeps no metadata
// (camera, place) unless asked and cannot carry a script through. Pure: no disk, no database.
import sharp from "sharp";
import type { AttachmentLimits } from "../limits/attachments";
import { refuse, ok, type Result } from "../result";
import { CONTENT_TYPES, isImageKind, nameForKind, sniffKind, type SniffedKind } from "./sniff";

/** A small file can still claim a huge canvas; refuse to decode anything larger than this. */
const MAX_INPUT_PIXELS = 50_000_000;
/** The thumbnail's longest side, in pixels (twice what the post shows, for sharp screens). */
export const THUMBNAIL_SIZE = 320;

export interface ProcessedFile {
  kind: SniffedKind;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
}

export async function processUpload(
  name: string,
  input: Uint8Array,
  limits: Pick<AttachmentLimits, "maxBytes" | "fileTypes" | "tooLarge" | "wrongType">,
): Promise<Result<{ file: ProcessedFile }>> {
  if (input.byteLength > limits.maxBytes) return refuse(limits.tooLarge);
  const kind = sniffKind(input);
  if (!kind) return refuse(limits.wrongType);
  const fileName = nameForKind(name, kind);
  if (!fileName) return refuse(limits.wrongType);
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (!isImageKind(kind)) {
    if (!(limits.fileTypes as readonly string[]).includes(kind)) return refuse(limits.wrongType);
    const file = { kind, fileName, contentType: CONTENT_TYPES[kind], bytes, thumbnail: null };
    return ok({ file: { ...file, width: null, height: null } });
  }
  try {
    // Every frame of an animation is kept; rotate() applies the EXIF orientation before the
    // metadata is dropped (it is not meaningful for several frames, and sharp refuses it there).
    const animated = kind === "gif" || kind === "webp";
    const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", animated } as const;
    const meta = await sharp(bytes, options).metadata();
    if (meta.format !== kind) return refuse(limits.wrongType);
    const pipeline = sharp(bytes, options);
    const frames = meta.pages ?? 1;
    const oriented = frames > 1 ? pipeline : pipeline.rotate();
    const { data, info } = await oriented.toFormat(kind).toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS })
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return ok({
      file: {
        kind,
        fileName,
        contentType: CONTENT_TYPES[kind],
        bytes: data,
        thumbnail,
        width: info.width,
        height: info.pageHeight ?? info.height,
      },
    });
  } catch {
    // Not an image sharp can read whole (truncated, corrupt), or too large to decode.
    return refuse(limits.wrongType);
  }
}
