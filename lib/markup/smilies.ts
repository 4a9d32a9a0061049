// XenForo's default smilie set, so imported posts keep their faces. Emoji rather than images: nothing to
// host, they scale with the text, and screen readers announce them.

export interface Smilie {
  /** Human name, for the editor's picker. */
  name: string;
  /** The spelling an editor inserts. */
  code: string;
  /** Other spellings that render the same emoji. */
  aliases: readonly string[];
  emoji: string;
}

export const SMILIES: readonly Smilie[] = [
  { name: "Smile", code: ":)", aliases: [":-)"], emoji: "🙂" },
  { name: "Wink", code: ";)", aliases: [";-)"], emoji: "😉" },
  { name: "Frown", code: ":(", aliases: [":-("], emoji: "🙁" },
  { name: "Mad", code: ":mad:", aliases: [">:("], emoji: "😠" },
  { name: "Confused", code: ":confused:", aliases: [], emoji: "😕" },
  { name: "Cool", code: ":cool:", aliases: ["8-)"], emoji: "😎" },
  { name: "Stick out tongue", code: ":p", aliases: [":P", ":-p", ":-P"], emoji: "😛" },
  { name: "Big grin", code: ":D", aliases: [":-D"], emoji: "😀" },
  { name: "Eek!", code: ":eek:", aliases: [], emoji: "😲" },
  { name: "Surprised", code: ":o", aliases: [":O", ":-o", ":-O"], emoji: "😮" },
  { name: "Oops!", code: ":oops:", aliases: [], emoji: "😳" },
  { name: "Roll eyes", code: ":rolleyes:", aliases: [], emoji: "🙄" },
  { name: "Er... what?", code: "o_O", aliases: ["O_o"], emoji: "🤨" },
  { name: "Cautious", code: ":cautious:", aliases: [], emoji: "😬" },
  { name: "Censored", code: ":censored:", aliases: [], emoji: "🤬" },
  { name: "Crying", code: ":cry:", aliases: [], emoji: "😢" },
  { name: "Love", code: ":love:", aliases: [], emoji: "😍" },
  { name: "Laugh", code: ":LOL:", aliases: [], emoji: "😆" },
  { name: "ROFL", code: ":rofl:", aliases: [":ROFLMAO:"], emoji: "🤣" },
  { name: "Unsure", code: ":unsure:", aliases: [], emoji: "😕" },
  { name: "Giggle", code: ":giggle:", aliases: [], emoji: "🤭" },
  { name: "Whistle", code: ":whistle:", aliases: [], emoji: "😙" },
  { name: "Sneaky", code: ":sneaky:", aliases: [], emoji: "😏" },
  { name: "Geek", code: ":geek:", aliases: [], emoji: "🤓" },
  { name: "Sleep", code: ":sleep:", aliases: [], emoji: "😴" },
  { name: "Sick", code: ":sick:", aliases: [], emoji: "🤢" },
  { name: "Devilish", code: ":devilish:", aliases: [], emoji: "😈" },
  { name: "Alien", code: ":alien:", aliases: [], emoji: "👽" },
  { name: "Ninja", code: ":ninja:", aliases: [], emoji: "🥷" },
  { name: "Coffee", code: ":coffee:", aliases: [], emoji: "☕" },
  { name: "Poop", code: ":poop:", aliases: [], emoji: "💩" },
  { name: "Thumbs up", code: ":thumb:", aliases: [":thumbsup:"], emoji: "👍" },
];

export interface SmilieMatch {
  smilie: Smilie;
  /** The source text as typed, e.g. ":LOL:" or ":-)". */
  typed: string;
}

// `:name:` codes are matched case-insensitively (":lol:" is as clear as ":LOL:"); punctuation faces
// exactly, because ":d" or ":0" are not faces.
const NAMED_CODE = /:([a-z]+):/iy;
const named = new Map<string, Smilie>();
const faces = new Map<string, Smilie>();
for (const smilie of SMILIES) {
  for (const code of [smilie.code, ...smilie.aliases]) {
    if (/^:[a-z]+:$/i.test(code)) named.set(code.toLowerCase(), smilie);
    else faces.set(code, smilie);
  }
}
const FACE_LENGTHS = [...new Set([...faces.keys()].map((code) => code.length))].sort(
  (a, b) => b - a,
);

const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;

/**
 * The smilie starting at `index`, if one does. Faces need whitespace (or the start of the text) before
 * them and no letter right after, so "http:p", "note:D" and "(see 8-)" stay prose.
 */
export function matchSmilie(text: string, index: number): SmilieMatch | null {
  const before = index > 0 ? text.charAt(index - 1) : "";
  const endsCleanly = (end: number) => !WORD_CHAR.test(text.charAt(end));

  NAMED_CODE.lastIndex = index;
  const namedMatch = NAMED_CODE.exec(text);
  if (namedMatch && !WORD_CHAR.test(before)) {
    const smilie = named.get(namedMatch[0].toLowerCase());
    if (smilie && endsCleanly(index + namedMatch[0].length))
      return { smilie, typed: namedMatch[0] };
  }

  if (before !== "" && !/\s/u.test(before)) return null;
  for (const length of FACE_LENGTHS) {
    const typed = text.slice(index, index + length);
    const smilie = faces.get(typed);
    if (smilie && endsCleanly(index + length)) return { smilie, typed };
  }
  return null;
}

/** First characters of every code, so callers can skip most text cheaply. */
export const SMILIE_START_CHARS: ReadonlySet<string> = new Set(
  SMILIES.flatMap((s) => [s.code, ...s.aliases]).map((code) => code.charAt(0)),
);
