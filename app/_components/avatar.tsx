/** The member's picture, or their initial on a colour derived from the name when there is none. */
export function Avatar({ name, url, size = 96 }: { name: string; url: string | null; size?: number }) {
  const style = { width: size, height: size };
  if (url) {
    // eslint-disable-next-line @next/next/no-img-element -- avatars are already resized on upload
    return <img src={url} alt={`${name}'s avatar`} style={style} className="rounded-lg object-cover" />;
  }
  const hue = [...name].reduce((h, c) => (h * 31 + c.codePointAt(0)!) % 360, 7);
  return (
    <span
      role="img"
      aria-label={`${name}'s avatar`}
      style={{ ...style, backgroundColor: `hsl(${hue} 45% 42%)`, fontSize: size * 0.45 }}
      className="inline-flex items-center justify-center rounded-lg font-semibold text-white select-none"
    >
      {[...name][0]?.toUpperCase() ?? "?"}
    </span>
  );
}
