// The XenForo user block (the sidebar next to a post) flattened to one value per line. Both forum
// styles share the layout "name, titles, Joined, date, then label/value pairs"; only the labels differ.
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import type { ImportedMember } from "./types";
import { isBlank } from "./text-lines";

// The node entry of the package registers every locale itself, but bundlers may pick the browser
// entry, which registers none; registering English again is harmless.
countries.registerLocale(en);

const MONTHS: Record<string, string> = {
  jan: "01",
  feb: "02",
  mar: "03",
  apr: "04",
  may: "05",
  jun: "06",
  jul: "07",
  aug: "08",
  sep: "09",
  oct: "10",
  nov: "11",
  dec: "12",
};

/** "May 29, 2014" / "Feb 7, 2011" → "2014-05-29". Done on strings so no timezone can shift the day. */
export function parseForumDate(text: string): string {
  const m = /^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),\s*(\d{4})$/.exec(text.trim());
  const month = m ? MONTHS[(m[1] ?? "").toLowerCase()] : undefined;
  if (!m || !month) throw new Error(`Unrecognised date: ${JSON.stringify(text)}`);
  return `${m[3]}-${month}-${(m[2] ?? "").padStart(2, "0")}`;
}

/** "24,960" → 24960. */
export function parseCount(text: string): number {
  const digits = text.trim().replace(/[,\u00a0 ]/g, "");
  if (!/^\d+$/.test(digits)) throw new Error(`Unrecognised count: ${JSON.stringify(text)}`);
  return Number(digits);
}

function countryNameToCode(name: string): string | null {
  return countries.getAlpha2Code(name.trim(), "en") ?? null;
}

// Labels followed by a value line. "Country flag" stands alone: the scrape kept only the image's
// alt text, so it is consumed without a value.
const VALUE_LABELS = new Set(["Messages", "Reaction score", "Likes", "Country", "Location"]);
const LONE_LABELS = new Set(["Country flag"]);
/** The titles sit between the name and "Joined"; more than this many lines means it is no user block. */
const MAX_HEADER_LINES = 6;

export interface UserBlock {
  member: ImportedMember;
  /** Index of the first line after the block (the post body starts here). */
  end: number;
}

/** Parses a user block whose username is `lines[start]`; returns null when the lines are not one. */
export function parseUserBlock(lines: readonly string[], start: number): UserBlock | null {
  const username = (lines[start] ?? "").trim();
  if (username === "") return null;
  let joined = -1;
  for (let i = start + 1; i < lines.length && i <= start + MAX_HEADER_LINES; i++) {
    if ((lines[i] ?? "").trim() === "Joined") {
      joined = i;
      break;
    }
  }
  if (joined < 0) return null;

  // One title line is the ladder title; two mean a staff-granted custom title sits above it.
  const titles = lines
    .slice(start + 1, joined)
    .filter((l) => !isBlank(l))
    .map((l) => l.trim());
  if (titles.length < 1 || titles.length > 2) return null;
  const memberTitle = titles[titles.length - 1] ?? "";
  const customTitle = titles.length === 2 ? (titles[0] ?? null) : null;

  const member: ImportedMember = {
    username,
    customTitle,
    memberTitle,
    joinedOn: parseForumDate(lines[joined + 1] ?? ""),
    messageCount: 0,
    reactionScore: 0,
    countryCode: null,
    location: null,
  };

  let i = joined + 2;
  for (;;) {
    const label = (lines[i] ?? "").trim();
    if (LONE_LABELS.has(label)) {
      i += 1;
      continue;
    }
    if (!VALUE_LABELS.has(label)) break;
    const value = (lines[i + 1] ?? "").trim();
    if (label === "Messages") member.messageCount = parseCount(value);
    else if (label === "Reaction score" || label === "Likes")
      member.reactionScore = parseCount(value);
    else if (label === "Country") member.countryCode = countryNameToCode(value);
    else if (label === "Location") member.location = value === "" ? null : value;
    i += 2;
  }
  return { member, end: i };
}

/** Members once each, in order of first appearance (the senior style repeats the block per post). */
export function uniqueMembers(members: readonly ImportedMember[]): ImportedMember[] {
  const seen = new Set<string>();
  return members.filter((m) => (seen.has(m.username) ? false : (seen.add(m.username), true)));
}
