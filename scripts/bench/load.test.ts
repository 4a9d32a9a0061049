// A page view counts only when each of its requests was answered in order on its connection.
import { describe, expect, it } from "vitest";
import { ViewTracker } from "./load";

function track(answers: [index: number, ms: number][]) {
  const views: number[] = [];
  const steps: number[][] = [[], []];
  const tracker = new ViewTracker(2, views, steps);
  for (const [index, ms] of answers) {
    tracker.answered = index;
    tracker.onResponse(ms);
  }
  return { views, steps };
}

describe("page views of two requests", () => {
  it("adds up the page's and the personal JSON's latency", () => {
    const { views, steps } = track([
      [0, 2],
      [1, 5],
      [0, 3],
      [1, 4],
    ]);
    expect(views).toEqual([7, 7]);
    expect(steps).toEqual([
      [2, 3],
      [5, 4],
    ]);
  });

  it("drops a view whose page was never answered (a timeout moved on to the next request)", () => {
    expect(
      track([
        [1, 5],
        [0, 2],
        [1, 4],
      ]).views,
    ).toEqual([6]);
  });

  it("starts a new view at every page, dropping one whose JSON was skipped", () => {
    expect(
      track([
        [0, 9],
        [0, 2],
        [1, 1],
      ]).views,
    ).toEqual([3]);
  });
});
