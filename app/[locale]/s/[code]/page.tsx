import { notFound, redirect } from "next/navigation";
import { shortLinkTarget } from "@/server/posters/poster";

export const dynamic = "force-dynamic";

/**
 * A poster's short link, /s/<code>: the language middleware has already put the reader's
 * language in front (their earlier choice, else their phone's), so this only sends them on,
 * to the survey for the town (or, once the wave has ended, the town's page). An unknown code
 * is the site's "page not found".
 */
export default async function ShortLink({ params }: PageProps<"/[locale]/s/[code]">) {
  const { locale, code } = await params;
  const target = await shortLinkTarget({ code, locale });
  if (!target) notFound();
  redirect(target);
}
