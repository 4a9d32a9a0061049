// `--only` loads the scenarios it names and nothing else but the ceiling, and refuses a key it does
// not know (a typo would otherwise measure nothing and say so nowhere).
import { describe, expect, it } from "vitest";
import { parseOptions, SUBSET_OUTPUT, UsageError, type BenchOptions } from "./options";
import {
  ceilingScenario,
  selectScenarios,
  writeScenarios,
  type Scenario,
  type Targets,
} from "./scenarios";

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

describe("the writes", () => {
  const targets = {
    replyThreads: [{ id: 7 }],
    reactionPosts: [{ id: 9 }],
  } as unknown as Targets;
  const sessions = { members: ["m1", "m2"], moderators: ["d1"], writers: ["w1", "w2", "w3"] };

  it("are sent by the writers in turn, whichever connection sends, each reply with its own key", () => {
    for (const key of ["reply", "reply-at-300", "reaction"]) {
      const write = writeScenarios(targets, sessions, "http://app.test").find(
        (s) => s.key === key,
      )!;
      const connections = [0, 1].map((connection) => write.requestsFor(connection)[0]!);
      const sent = [0, 1, 0, 1, 0].map((connection) => connections[connection]!.build!());
      const turns = sent.map((r) => sessions.writers.indexOf(r.headers!.cookie!));
      expect(turns.slice(1)).toEqual(turns.slice(0, -1).map((turn) => (turn + 1) % 3));
      if (key !== "reaction")
        expect(new Set(sent.map((r) => JSON.parse(String(r.body)).idempotencyKey)).size).toBe(5);
    }
  });
});
