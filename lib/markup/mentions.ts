// Finds @mentions in plain text. Member names may contain spaces ("no smoking"), so known names are
// matched against the member list, longest first; anything else that looks like a handle is still shown
// as a mention, just without a link.

export interface MentionMatch {
  /** "@Name" exactly as typed. */
  typed: string;
  /** Profile URL for a known member; null for a name nobody has. */
  href: string | null;
}

export interface MemberIndex {
  byName: ReadonlyMap<string, string>;
  longestName: number;
}

const NAME_CHAR = /[\p{L}\p{M}\p{N}_]/u;
const UNKNOWN_NAME = /@([\p{L}\p{N}_][\p{L}\p{M}\p{N}_.\-]*)/uy;

// Posts on one page usually share one members map; measuring it once per map keeps each render cheap.
const indexes = new WeakMap<ReadonlyMap<string, string>, MemberIndex>();

export function memberIndex(members: ReadonlyMap<string, string>): MemberIndex {
  let index = indexes.get(members);
  if (!index) {
    let longestName = 0;
    for (const name of members.keys()) longestName = Math.max(longestName, name.length);
    index = { byName: members, longestName };
    indexes.set(members, index);
  }
  return index;
}

/** A mention may start the text or follow anything but a name character, so a@b.com is not one. */
function canStartMention(text: string, index: number): boolean {
  return text.charAt(index) === "@" && (index === 0 || !NAME_CHAR.test(text.charAt(index - 1)));
}

/** "Razor." ends the name, "Razor-fan" and "Razor.x" continue it. */
function nameContinues(text: string, end: number): boolean {
  const next = text.charAt(end);
  if (NAME_CHAR.test(next)) return true;
  return (next === "." || next === "-") && NAME_CHAR.test(text.charAt(end + 1));
}

export function matchMention(
  text: string,
  index: number,
  members: MemberIndex | null,
): MentionMatch | null {
  if (!canStartMention(text, index)) return null;
  const start = index + 1;

  if (members) {
    for (let length = Math.min(members.longestName, text.length - start); length > 0; length--) {
      const name = text.slice(start, start + length);
      const href = members.byName.get(name.toLowerCase());
      if (href !== undefined && !nameContinues(text, start + length))
        return { typed: `@${name}`, href };
    }
  }

  UNKNOWN_NAME.lastIndex = index;
  const unknown = UNKNOWN_NAME.exec(text);
  if (!unknown?.[1]) return null;
  // Sentence punctuation after a handle is not part of it: "ask @vostok." names "vostok".
  const name = unknown[1].replace(/[.\-]+$/, "");
  return { typed: `@${name}`, href: null };
}
