/**
 * Next.js's start-up hook, once per server process. The Node.js runtime only: the edge
 * runtime (proxy.ts) has no database.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startAbuseCleanup } = await import("@/server/abuse/cleanup");
    startAbuseCleanup();
  }
}
