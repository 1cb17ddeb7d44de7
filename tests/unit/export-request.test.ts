import { describe, expect, it } from "vitest";
import { exportFileName } from "@/lib/export/formats";
import { exportQuery, parseExportQuery } from "@/lib/export/request";

const parse = (query: string) => parseExportQuery(new URLSearchParams(query), 10);

describe("parseExportQuery", () => {
  it("includes free text in microdata when asked", () => {
    expect(parse("kind=microdata&text=1")).toEqual({ ok: true, value: { kind: "microdata", format: "csv", k: 10, includeText: true } });
  });

  it("drops text=1 from an aggregate export, which holds no free text, so neither its name nor its codebook claims it", () => {
    const parsed = parse("kind=aggregates&text=1&k=12");
    expect(parsed).toEqual({ ok: true, value: { kind: "aggregates", format: "csv", k: 12, includeText: false } });
    if (!parsed.ok) return;
    expect(exportFileName("demo-2026", parsed.value, "2026-05-02")).toBe("qala-pulse_demo-2026_aggregates_2026-05-02_k12.csv");
    expect(exportQuery(parsed.value)).toBe("kind=aggregates&format=csv&k=12");
  });
});
