import { notFound } from "next/navigation";
import { flagSvg } from "@/lib/countries";

/** Flag artwork from country-flag-icons, served as cacheable SVG files (/flags/JP.svg). */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }) {
  const match = /^([A-Za-z]{2})\.svg$/.exec((await params).code);
  const svg = match ? flagSvg(match[1]!) : null;
  if (!svg) notFound();
  return new Response(svg, {
    headers: {
      "content-type": "image/svg+xml",
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
