// `--only` loads the scenarios it names and nothing else but the ceiling, and refuses a key it does
// not know (a typo would otherwise measure nothing and say so nowhere).
import { describe, expect, it } from "vitest";
import { parseOptions, SUBSET_OUTPUT, UsageError, type BenchOptions } from "./options";
import { ceilingScenario, selectScenarios, type Scenario } from "./scenarios";

const scenario = (key: string): Scenario => ({
  key,
  label: key,
  who: "member",
  expect: [200],
  target: "app",
  requestsFor: () => [{ path: "/" }],
});
const all = [
  ceilingScenario("/"),
  scenario("thread-1-member"),
  scenario("personal"),
  scenario("reply"),
];

describe("--only", () => {
  it("keeps the named scenarios and the ceiling, in their usual order", () => {
    expect(selectScenarios(all, ["reply", "thread-1-member"]).map((s) => s.key)).toEqual([
      "ceiling",
      "thread-1-member",
      "reply",
    ]);
  });

  it("keeps everything when it names nothing", () => {
    expect(selectScenarios(all, [])).toBe(all);
  });

  it("refuses an unknown key and lists the known ones", () => {
    expect(() => selectScenarios(all, ["thread-1"])).toThrow(UsageError);
    expect(() => selectScenarios(all, ["thread-1"])).toThrow(/thread-1-member, personal, reply/);
  });

  it("is parsed as a comma list, and a partial run reports to a file git ignores", () => {
    const o = parseOptions(["--only", "thread-1-member, personal"]) as BenchOptions;
    expect(o.only).toEqual(["thread-1-member", "personal"]);
    expect(o.output).toBe(SUBSET_OUTPUT);
    expect((parseOptions(["--only=reply", "--output", "x.md"]) as BenchOptions).output).toBe(
      "x.md",
    );
    expect((parseOptions([]) as BenchOptions).output).toBe("bench/results/latest.md");
  });
});
