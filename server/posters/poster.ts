import "server-only";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { getPosterWaveTown } from "@/db/queries/posters";
import { may } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { parseShortCode, shortCode, shortLinkUrl, surveyPath } from "@/lib/poster/short-link";
import { todayInKazakhstan } from "@/lib/time";
import { maySeeTown, type StaffUser } from "@/server/auth/session";

/*
 * Posters and short links (docs/fieldwork.md, "Posters and sharing"). A poster is printed by
 * an admin for any town, by an official or a supervisor for the towns of their account.
 */

/** Whether this staff member may print posters for this town. Fails closed: an empty town list is none. */
export function mayPrintPosterFor(user: Pick<StaffUser, "role" | "allTowns" | "townCodes">, townCode: string): boolean {
  return may(user.role, "posters.print") && maySeeTown(user, townCode);
}

/**
 * The address links are printed and shared with: APP_URL where the deployment names it, else
 * the address this request came to (the embedded demo, reached at whatever host it runs on).
 */
export async function publicBaseUrl(requestHeaders?: Headers): Promise<string> {
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  const asked = requestHeaders ?? (await headers());
  const host = asked.get("x-forwarded-host") ?? asked.get("host") ?? "localhost:3000";
  const proto = asked.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}

export type PosterOutcome =
  | { status: "notFound" }
  | { status: "forbidden" }
  | {
      status: "ok";
      wave: NonNullable<Awaited<ReturnType<typeof getPosterWaveTown>>>["wave"];
      town: NonNullable<Awaited<ReturnType<typeof getPosterWaveTown>>>["town"];
      /** The wave takes no more answers: a poster would lead nowhere. */
      ended: boolean;
      shortLink: string;
    };

/** A town's poster for a wave, as this staff member may see it. Scope is checked before the wave is looked up. */
export async function loadPoster({ user, waveSlug, townCode, base, today = todayInKazakhstan() }: { user: StaffUser; waveSlug: string; townCode: string; base: string; today?: string }): Promise<PosterOutcome> {
  if (!mayPrintPosterFor(user, townCode)) return { status: "forbidden" };
  const found = await getPosterWaveTown({ db: await getDb(), wave: { slug: waveSlug }, townCode });
  if (!found) return { status: "notFound" };
  const ended = found.wave.status === "closed" || found.wave.closesOn < today;
  return { status: "ok", ...found, ended, shortLink: shortLinkUrl(base, shortCode(found.town.code, found.wave.id)) };
}

/**
 * Where a short link leads, in the reader's language: the survey with the town chosen while
 * the wave runs (or is about to), the town's public page once it has ended (an old poster
 * still on the wall then shows what residents said). Undefined for a code that names nothing.
 */
export async function shortLinkTarget({ code, locale, today = todayInKazakhstan() }: { code: string; locale: string; today?: string }): Promise<string | undefined> {
  const parsed = parseShortCode(code);
  if (!parsed) return undefined;
  const found = await getPosterWaveTown({ db: await getDb(), wave: { id: parsed.waveId }, townCode: parsed.townCode });
  if (!found) return undefined;
  const ended = found.wave.status === "closed" || found.wave.closesOn < today;
  return ended ? `/${locale}/towns/${found.town.code}` : surveyPath(locale, found.wave.slug, found.town.code);
}

/** The short links of a wave's towns, by town code: what the thanks page shares once it knows the resident's town. */
export function townShortLinks(base: string, waveId: number, townCodes: string[]): Record<string, string> {
  return Object.fromEntries(townCodes.map((code) => [code, shortLinkUrl(base, shortCode(code, waveId))]));
}
