// A post's attachments under its text, the same for every reader (the page is rendered once for
// everyone; the file route decides who may fetch each file): images as thumbnails that open the
// full picture, other files as a list of downloads with their sizes.
import type { PostAttachment } from "@/lib/attachments/store";
import { formatBytes } from "@/lib/format";
import { attachmentPath, attachmentThumbnailPath } from "@/lib/markup/attachments";

export function PostAttachments({ attachments }: { attachments: PostAttachment[] }) {
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => a.isImage);
  const files = attachments.filter((a) => !a.isImage);
  return (
    <section aria-label="Attachments" className="mt-3 border-t border-slate-100 pt-2">
      <h3 className="sr-only">Attachments</h3>
      {images.length > 0 && (
        <ul className="flex flex-wrap gap-2">
          {images.map((image) => (
            <li key={image.id}>
              <a
                href={attachmentPath(image.id)}
                className="block rounded border border-slate-300 bg-slate-50 p-1 hover:border-brand-600"
                aria-label={`${image.fileName} (${formatBytes(image.byteSize)}), full size`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- thumbnails are made on upload */}
                <img
                  src={attachmentThumbnailPath(image.id)}
                  alt={image.fileName}
                  loading="lazy"
                  className="max-h-40 max-w-40 object-contain"
                />
              </a>
            </li>
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm">
          {files.map((file) => (
            <li key={file.id}>
              <span aria-hidden="true">📎 </span>
              <a href={attachmentPath(file.id)} download={file.fileName}>
                {file.fileName}
              </a>{" "}
              <span className="text-slate-500">({formatBytes(file.byteSize)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
