// A page view counts only when each of its requests was answered in order on its connection; a paced
// scenario sends at its rate, however fast the server answers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { runLoad, ViewTracker } from "./load";

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

describe("a paced run (Scenario.rate)", () => {
  it("sends at the rate asked of all connections together, not as fast as answered", async () => {
    const server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const run = (rate?: number) =>
        runLoad({
          url,
          connections: 4,
          duration: 2,
          rate,
          expect: [200],
          requestsFor: () => [{ path: "/" }],
        });
      const [paced, free] = [await run(50), await run()];
      expect(paced.rate).toBeGreaterThan(40);
      expect(paced.rate).toBeLessThanOrEqual(60);
      // Unpaced, a server that answers "ok" at once takes far more than 50 a second.
      expect(free.rate).toBeGreaterThan(500);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
