import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/lib/content-security-policy";

// The language middleware hands back what it was given, so the test sees the forwarded request.
const forwarded: NextRequest[] = [];
vi.mock("next-intl/middleware", () => ({ default: () => (request: NextRequest) => (forwarded.push(request), new Response(null)) }));
vi.mock("@/lib/env", () => ({ env: { APP_URL: "https://pulse.example.kz", NODE_ENV: "production" } }));
const { default: proxy } = await import("@/proxy");

describe("the pages' Content-Security-Policy", () => {
  it("allows scripts by nonce only, and eval only in development", () => {
    const production = contentSecurityPolicy({ nonce: "abc" });
    expect(production).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(production).toContain("style-src 'self' 'nonce-abc';");
    expect(production).not.toContain("unsafe");
    for (const directive of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "worker-src 'self'"]) expect(production).toContain(directive);
    const development = contentSecurityPolicy({ nonce: "abc", development: true });
    expect(development).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic' 'unsafe-eval';");
  });

  it("makes 16-byte random nonces", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });

  it("is sent with each page and forwarded to the renderer with the same fresh nonce, POSTs too", () => {
    forwarded.length = 0;
    const first = proxy(new NextRequest("http://localhost/ru/survey/demo-2026"));
    const second = proxy(new NextRequest("http://localhost/ru/survey/demo-2026"));
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(forwarded[0]!.headers.get("content-security-policy")).toBe(policy);
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
    const post = proxy(new NextRequest("http://localhost/ru/staff/admin", { method: "POST", headers: { "content-length": "10" } }));
    expect(post.status).toBe(200);
    expect(post.headers.get("content-security-policy")).toMatch(/'nonce-/);
    expect(post.headers.get("x-middleware-request-content-security-policy")).toBe(post.headers.get("content-security-policy"));
  });

  it("adds HSTS when APP_URL is https (a TLS proxy's X-Forwarded-Proto is next.config.js's to answer)", () => {
    expect(proxy(new NextRequest("http://localhost/ru")).headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(proxy(new NextRequest("http://localhost/ru", { headers: { "x-forwarded-proto": "https" } })).headers.get("strict-transport-security")).toBeNull();
  });

  it("still refuses an oversized POST with 413 before anything else", () => {
    expect(proxy(new NextRequest("http://localhost/ru/survey/demo-2026", { method: "POST", headers: { "content-length": String(65 * 1024) } })).status).toBe(413);
  });
});
