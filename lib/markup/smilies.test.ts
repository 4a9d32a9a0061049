import { describe, expect, it } from "vitest";
import { matchSmilie, SMILIES } from "./smilies";

describe("SMILIES", () => {
  it("lists the XenForo set with unique codes", () => {
    const codes = SMILIES.flatMap((s) => [s.code, ...s.aliases]);
    expect(new Set(codes.map((c) => (/^:[a-z]+:$/i.test(c) ? c.toLowerCase() : c))).size).toBe(
      codes.length,
    );
    const emojiFor = (code: string) => SMILIES.find((s) => s.code === code)?.emoji;
    expect(emojiFor(":thumb:")).toBe("👍");
    expect(emojiFor(":rofl:")).toBe("🤣");
    expect(emojiFor(":)")).toBe("🙂");
    expect(emojiFor(":LOL:")).toBe("😆");
    expect(emojiFor(":unsure:")).toBe("😕");
  });
});

describe("matchSmilie", () => {
  it("matches named codes in any case and faces exactly", () => {
    expect(matchSmilie("ha :lol:", 3)).toMatchObject({ typed: ":lol:", smilie: { code: ":LOL:" } });
    expect(matchSmilie(":-P", 0)).toMatchObject({ typed: ":-P", smilie: { code: ":p" } });
    expect(matchSmilie(":d", 0)).toBeNull();
  });

  it("needs a boundary around faces", () => {
    expect(matchSmilie("note:D", 4)).toBeNull();
    expect(matchSmilie(":Doctor", 0)).toBeNull();
    expect(matchSmilie(":pizza", 0)).toBeNull();
    expect(matchSmilie("(great :))", 7)).toMatchObject({ typed: ":)" });
    expect(matchSmilie("Japan?:rofl:", 6)).toMatchObject({ typed: ":rofl:" });
    expect(matchSmilie("a:rofl:", 1)).toBeNull();
    expect(matchSmilie(":unknown:", 0)).toBeNull();
  });
});
