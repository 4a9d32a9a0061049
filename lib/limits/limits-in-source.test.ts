// Server actions cannot be imported here (their files may export only actions, and next-auth does not
// load under Vitest), so the forms' own bounds are checked in their source: a size a message quotes,
// or a form field's maxLength, must come from ./sizes.ts, where the number and its words are one.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => path.join(dir, file));
}

const FILES = [...sources("app"), ...sources("lib")].map((file) => ({
  file,
  text: readFileSync(path.join(ROOT, file), "utf8"),
}));

const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;

describe("limits in forms and schemas", () => {
  it("no check against a bare number has a message quoting another number", () => {
    // `.max(5000, "Reasons are at most 500 characters long.")`: the check and its words disagree; a
    // message built from a constant beside a bare number is one edit away from the same.
    const CHECK = /\.(?:max|min)\(\s*([\d_]+)\s*,\s*(["'`])((?:(?!\2)[^\\]|\\.)*)\2/g;
    const found = FILES.flatMap(({ file, text }) =>
      [...text.matchAll(CHECK)]
        .filter((m) => {
          const quoted = m[3]!.match(/\d[\d,]*/g) ?? [];
          const checked = m[1]!.replaceAll("_", "");
          return m[3]!.includes("${") || quoted.some((n) => n.replaceAll(",", "") !== checked);
        })
        .map((m) => `${file}:${lineOf(text, m.index)}: ${m[0].replace(/\s+/g, " ")}`),
    );
    expect(found).toEqual([]);
  });

  it("no form field has a bare maxLength", () => {
    const BARE = /maxLength(?:=\{|:\s*)\d/g;
    const found = FILES.flatMap(({ file, text }) =>
      [...text.matchAll(BARE)].map((m) => `${file}:${lineOf(text, m.index)}`),
    );
    expect(found).toEqual([]);
  });
});
