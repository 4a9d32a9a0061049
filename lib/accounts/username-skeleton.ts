// What makes two usernames look alike, after Unicode TR39 (Security Mechanisms): a name is reduced to
// its "skeleton" (compatibility forms folded by NFKC, invisible code points dropped, every confusable
// character replaced by its prototype from Unicode's confusables.txt, case folded), and two names
// with one skeleton are one name as far as readers can tell. Pure: used by sign-up, the seed import,
// the first administrator and the start-up backfill alike.
import unhomoglyph from "unhomoglyph";

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
// Blank-looking code points that are not default-ignorable: the Braille blank, and Hangul fillers in
// case a future Unicode version drops them from that property.
const INVISIBLE = /[\u2800\u115F\u1160\u3164\uFFA0]/gu;

/** The code points a name may not contain because they render as nothing (or as a blank). */
export function invisibleCodePoints(name: string): string[] {
  const found = [...name.matchAll(DEFAULT_IGNORABLE), ...name.matchAll(INVISIBLE)].map(
    ([c]) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`,
  );
  return [...new Set(found)];
}

/** The TR39 skeleton of a name, case-folded: equal skeletons mean names that read the same. */
export function usernameSkeleton(name: string): string {
  const visible = name.normalize("NFKC").replace(DEFAULT_IGNORABLE, "").replace(INVISIBLE, "");
  // TR39: skeleton(X) = NFD(map(NFD(X))). Folding case after the mapping also catches "0" ~ "O" ~ "o"
  // and "I" ~ "l"; folding before it as well catches Cyrillic capitals that only match lower Latin.
  const skeleton = (s: string) => unhomoglyph(s.normalize("NFD")).normalize("NFD");
  return skeleton(skeleton(visible).toLowerCase()).toLowerCase();
}

// Every script ECMAScript regular expressions know; ones this Node does not know are skipped (their
// letters then count as one "unknown" script, which is still not mixed with any other).
const SCRIPT_NAMES =
  "Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Toto Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square".split(
    " ",
  );
let scriptTests: [string, RegExp][] | null = null;
function knownScripts(): [string, RegExp][] {
  scriptTests ??= SCRIPT_NAMES.flatMap((script): [string, RegExp][] => {
    try {
      return [[script, new RegExp(`\\p{Script_Extensions=${script}}`, "u")]];
    } catch {
      return [];
    }
  });
  return scriptTests;
}

// TR39's augmented script sets: Japanese writes Han with the kana, Korean Han with Hangul, Chinese
// Han with Bopomofo, so those pairs are one writing system.
const AUGMENT: Record<string, string[]> = {
  Han: ["Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"],
  Hiragana: ["Hiragana", "Han", "Katakana"],
  Katakana: ["Katakana", "Han", "Hiragana"],
  Hangul: ["Hangul", "Han"],
  Bopomofo: ["Bopomofo", "Han"],
};
const COMMON = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/** The scripts every letter of the name could belong to (TR39's resolved script set), null when
 * any script would do; an empty set means the name mixes scripts. Digits, spaces, _ - . and
 * combining marks go with any script. */
function resolvedScripts(name: string): Set<string> | null {
  const perLetter = [...name]
    .filter((ch) => !COMMON.test(ch))
    .map((ch) => {
      const own = knownScripts()
        .filter(([, test]) => test.test(ch))
        .flatMap(([script]) => AUGMENT[script] ?? [script]);
      return new Set<string>(own.length > 0 ? own : ["Unknown"]);
    });
  if (perLetter.length === 0) return null;
  return perLetter.reduce((all, scripts) => new Set([...all].filter((s) => scripts.has(s))));
}

/** Whether a name is written in one script, or in Latin with one CJK writing system (TR39's "highly
 * restrictive" level: "Tokyo東京" is fine, Latin with Cyrillic or Greek letters is not). */
export function isSingleScript(name: string): boolean {
  const resolved = resolvedScripts(name);
  if (!resolved || resolved.size > 0) return true;
  const withoutLatin = [...name].filter((ch) => !/\p{Script_Extensions=Latin}/u.test(ch)).join("");
  if (withoutLatin.length === [...name].length) return false;
  const rest = resolvedScripts(withoutLatin);
  return !!rest?.has("Han");
}
