import { getAuth } from "@/server/auth/better-auth";

export const dynamic = "force-dynamic";

/** better-auth's own endpoints (session, sign-out); sign-in goes through the login page's action. */
export async function GET(request: Request) {
  return (await getAuth()).handler(request);
}

export async function POST(request: Request) {
  return (await getAuth()).handler(request);
}
