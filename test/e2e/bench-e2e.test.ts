import { describe, expect, it } from "vitest";
import { formatRows, measureEndToEnd } from "../../src/cli/bench-e2e.js";

describe("measureEndToEnd", () => {
  it("measures ack and answer times over real sockets in both modes", async () => {
    const rows = await measureEndToEnd({ count: 5, warmup: 1 });
    expect(rows.map((row) => row.name)).toEqual([
      "e2e ack (socket)",
      "e2e answer (socket)",
      "e2e ack (http)",
      "e2e answer (http)",
    ]);
    for (const row of rows) {
      expect(row.samples).toBe(5);
      expect(row.p50Ms).toBeGreaterThan(0);
      expect(row.p50Ms).toBeLessThanOrEqual(row.p95Ms);
      expect(row.p95Ms).toBeLessThanOrEqual(row.maxMs);
      expect(row.withinTarget).toBe(row.p95Ms < row.targetP95Ms);
    }
    const table = formatRows(rows);
    expect(table.split("\n")).toHaveLength(5);
    expect(table).toContain("e2e answer (http)");
  });
});
