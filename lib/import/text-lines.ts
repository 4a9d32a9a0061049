// Line-level helpers shared by the seed parsers. The scrapes are plain text where layout carries the
// structure, so every parser works on arrays of lines rather than on the raw string.

const NBSP = "\u00a0";

export function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").split("\n");
}

/** `String#trim` also strips U+00A0, so a line holding only a non-breaking space counts as blank. */
export function isBlank(line: string): boolean {
  return line.trim() === "";
}

/** XenForo scrapes close every post with a line that holds nothing but a non-breaking space. */
export function isPostEnd(line: string): boolean {
  return line.includes(NBSP) && line.trim() === "";
}

export function isLastEdited(line: string | undefined): boolean {
  return line !== undefined && /^Last edited:/.test(line.trim());
}

/** Whitespace folding used whenever two lines are compared, so layout noise never hides a quote. */
export function foldLine(line: string): string {
  return line.replace(/\s+/g, " ").trim();
}

/**
 * Turns a run of lines into stored text: trailing whitespace goes, runs of blank lines become one
 * paragraph break and the run is trimmed at both ends, so blocks never start or end with a gap.
 */
export function linesToText(lines: readonly string[]): string {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (isBlank(line)) {
      if (out.length > 0 && out[out.length - 1] !== "") out.push("");
    } else {
      out.push(line);
    }
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

/** Removes chrome lines (and the blank lines around them) from the end of a page. */
export function dropTrailing(lines: readonly string[], chrome: ReadonlySet<string>): string[] {
  let end = lines.length;
  while (end > 0) {
    const line = (lines[end - 1] ?? "").trim();
    if (line !== "" && !chrome.has(line)) break;
    end--;
  }
  return lines.slice(0, end);
}

/** Index of the first non-blank line at or after `from`, or `lines.length`. */
export function skipBlank(lines: readonly string[], from: number): number {
  let i = from;
  while (i < lines.length && isBlank(lines[i] ?? "")) i++;
  return i;
}
