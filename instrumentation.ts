/**
 * Next.js calls register() once as the server starts (`next start`, and any custom server
 * that runs the Next app, such as scripts/serve.mjs). Node.js only: the edge runtime has no
 * process to stop and no database.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  (await import("@/server/deployment-check")).refuseHalfConfiguredStart();
  (await import("@/server/abuse/cleanup")).startAbuseCleanup();
}
