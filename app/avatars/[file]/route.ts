import { notFound } from "next/navigation";
import { AVATAR_FILE_PATTERN, readAvatar } from "@/lib/members/avatar";

/** Uploaded avatars (/avatars/<user id>-<time>.webp). Each upload gets a new name, so the files are
 * cached for ever; only names matching the pattern are looked up, so no path can leave the folder. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const file = (await params).file;
  const bytes = AVATAR_FILE_PATTERN.test(file) ? await readAvatar(file) : null;
  if (!bytes) notFound();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "image/webp",
      "content-length": String(bytes.byteLength),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    },
  });
}
