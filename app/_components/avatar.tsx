/** The member's picture, or their initial on a colour derived from the name when there is none.
 * `size` in pixels, or "card": 48 px on phones and 96 px from the `sm` breakpoint (the post's member
 * card), drawn once and sized by CSS (.avatar-card in globals.css). */
export function Avatar({
  name,
  url,
  size = 96,
}: {
  name: string;
  url: string | null;
  size?: number | "card";
}) {
  const sized =
    size === "card"
      ? { className: "avatar-card" }
      : { style: { width: size, height: size, fontSize: size * 0.45 } };
  if (url) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- avatars are already resized on upload
      <img
        src={url}
        alt={`${name}'s avatar`}
        style={sized.style}
        className={`rounded-lg object-cover ${sized.className ?? ""}`}
      />
    );
  }
  const hue = [...name].reduce((h, c) => (h * 31 + c.codePointAt(0)!) % 360, 7);
  return (
    <span
      role="img"
      aria-label={`${name}'s avatar`}
      style={{ ...sized.style, backgroundColor: `hsl(${hue} 45% 42%)` }}
      className={`inline-flex items-center justify-center rounded-lg font-semibold text-white select-none ${sized.className ?? ""}`}
    >
      {[...name][0]?.toUpperCase() ?? "?"}
    </span>
  );
}
