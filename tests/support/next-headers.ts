/**
 * Staff sessions for calling server actions in tests. A test file mocks next/headers so
 * that the action reads `request.headers`, then sets them to a real session's cookie:
 *
 *   const request = vi.hoisted(() => ({ headers: new Headers() }));
 *   vi.mock("next/headers", async () => (await import("../support/next-headers")).mockNextHeaders(request));
 *   ...
 *   request.headers = await sessions.headersFor("official");
 *
 * The action then goes through the real better-auth session check against the database.
 */
export function mockNextHeaders(request: { headers: Headers }) {
  return {
    headers: async () => request.headers,
    cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined, has: () => false }),
  };
}
