// Entry point of the seed importer: recognises which page layout a scraped document has and hands it
// to the matching parser. The style is read from the text, so renamed or new files still import.
import type { ImportedDocument } from "./types";
import { parseArticle } from "./parse-article";
import { hasEliteSeparator, parseXenforoElite } from "./parse-xenforo-elite";
import { parseXenforoSenior } from "./parse-xenforo-senior";
import { splitLines } from "./text-lines";

export type SeedStyle = "xenforo-elite" | "xenforo-senior" | "article";

const DATE_LINE = /^[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}$/;

/** A XenForo user block always has "Joined" directly above a date; articles never do. */
function hasUserBlock(lines: readonly string[]): boolean {
  return lines.some(
    (line, i) => line.trim() === "Joined" && DATE_LINE.test((lines[i + 1] ?? "").trim()),
  );
}

export function detectSeedStyle(text: string): SeedStyle {
  const lines = splitLines(text);
  if (!hasUserBlock(lines)) return "article";
  // Dot lines between posts only appear in the style that lost the per-post user blocks.
  return hasEliteSeparator(lines) ? "xenforo-elite" : "xenforo-senior";
}

export function parseSeedDocument(fileName: string, text: string): ImportedDocument {
  switch (detectSeedStyle(text)) {
    case "xenforo-elite":
      return parseXenforoElite(fileName, text);
    case "xenforo-senior":
      return parseXenforoSenior(fileName, text);
    case "article":
      return parseArticle(fileName, text);
  }
}
