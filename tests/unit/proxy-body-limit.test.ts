import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import proxy from "@/proxy";

// Only POSTs are checked here; the language middleware, which handles GETs, is not needed.
vi.mock("next-intl/middleware", () => ({ default: () => () => new Response(null) }));

const post = (path: string, bytes: number, cookie?: string) =>
  proxy(new NextRequest(`http://localhost${path}`, { method: "POST", headers: { "content-length": String(bytes), ...(cookie && { cookie }) } }));

describe("the proxy's body limit", () => {
  it("holds resident pages to 64 KB", () => {
    expect(post("/ru/survey/demo-2026", 64 * 1024).status).toBe(200);
    expect(post("/ru/survey/demo-2026", 64 * 1024 + 1).status).toBe(413);
    expect(post("/ru/survey/demo-2026", 2 * 1024 * 1024, "qala.session_token=x").status).toBe(413);
  });

  it("lets a signed-in admin's import through up to 13 MB (a 12 MB workbook and the form), and nothing larger", () => {
    expect(post("/ru/staff/admin/indicators", 12 * 1024 * 1024, "qala.session_token=x").status).toBe(200);
    expect(post("/kk/staff/admin/indicators", 13 * 1024 * 1024 + 1, "qala.session_token=x").status).toBe(413);
  });

  it("holds the import page to 64 KB without a staff session cookie", () => {
    expect(post("/ru/staff/admin/indicators", 100 * 1024).status).toBe(413);
  });
});
