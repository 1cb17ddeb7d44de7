import { forbidden, notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { SiteHeader } from "@/app/components/site-header";
import { StaffBar } from "@/app/components/staff-bar";
import { PrintButton } from "@/app/components/print-button";
import { ShareButton } from "@/app/components/share-button";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { qrGrid, qrSvgPath, qrViewBoxSide } from "@/lib/poster/qr";
import { printedAddress } from "@/lib/poster/short-link";
import { requireStaff } from "@/server/auth/session";
import { loadPoster, publicBaseUrl } from "@/server/posters/poster";
import { shareLabels } from "@/app/components/share-labels";

export const dynamic = "force-dynamic";

/** The poster's two languages, Kazakh first (docs/fieldwork.md, "Posters and sharing"). */
const POSTER_LANGUAGES = ["kk", "ru"] as const satisfies Locale[];

/**
 * A town's A4 poster for a wave, in Kazakh and Russian on one sheet: the call to take part,
 * the closing day, a QR code and the short link, both leading to the survey for this town.
 * On screen it sits under the staff tools (print, PNG for a print shop, share); on paper only
 * the poster is left (app/globals.css, "Posters").
 */
export default async function PosterPage({ params }: PageProps<"/[locale]/staff/posters/[wave]/[town]">) {
  const { locale: raw, wave: slug, town: townCode } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const path = `/staff/posters/${slug}/${townCode}`;
  const user = await requireStaff(rolesFor("posters.print"), { locale, next: `/${locale}${path}` });
  const poster = await loadPoster({ user, waveSlug: slug, townCode, base: await publicBaseUrl() });
  if (poster.status === "forbidden") forbidden();
  if (poster.status === "notFound") notFound();
  const { wave, town, shortLink, ended } = poster;

  const t = await getTranslations({ locale, namespace: "poster" });
  const header = (
    <>
      <SiteHeader locale={locale} path={path} />
      <div className="no-print">
        <h1>{t("pageTitle", { town: town.name[locale], wave: wave.name[locale] })}</h1>
        <StaffBar user={user} locale={locale} />
      </div>
    </>
  );
  if (ended) {
    return (
      <>
        {header}
        <main id="main">
          <p className="notice" role="status">
            {t("ended")}
          </p>
        </main>
      </>
    );
  }

  const texts = await Promise.all(
    POSTER_LANGUAGES.map(async (language) => {
      const tl = await getTranslations({ locale: language, namespace: "poster" });
      const format = await getFormatter({ locale: language });
      const closes = format.dateTime(new Date(`${wave.closesOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
      return { language, tl, closes };
    }),
  );
  const grid = qrGrid(shortLink);
  const side = qrViewBoxSide(grid);

  return (
    <>
      {header}
      <main id="main" className="poster-page">
        <div className="no-print poster-tools">
          <p>{t("intro")}</p>
          <p className="poster-actions">
            <PrintButton label={t("print")} />{" "}
            <a className="button secondary" href={`/${locale}${path}/qr.png`} download>
              {t("downloadQr")}
            </a>
          </p>
          <ShareButton title={t("shareTitle", { town: town.name[locale] })} text={t("shareText", { town: town.name[locale] })} url={shortLink} labels={await shareLabels(locale)} />
        </div>
        <article className="poster" data-testid="poster">
          <p className="poster-brand">
            Qala Pulse · {texts.map(({ language }) => wave.name[language]).join(" · ")}
          </p>
          {texts.map(({ language, tl, closes }) => (
            <section key={language} lang={language} className="poster-language" data-testid={`poster-${language}`}>
              <h2>{tl("headline", { town: town.name[language] })}</h2>
              <p className="poster-call">{tl("call")}</p>
              <p className="poster-points">
                {tl("anonymous")} · {tl("minutes")} · {tl("phone")}
              </p>
              <p className="poster-closes">{tl("closes", { date: closes })}</p>
            </section>
          ))}
          <div className="poster-code">
            <svg className="poster-qr" data-testid="poster-qr" viewBox={`0 0 ${side} ${side}`} role="img" aria-label={t("qrLabel", { link: shortLink })} shapeRendering="crispEdges">
              <rect width={side} height={side} fill="#ffffff" />
              <path d={qrSvgPath(grid)} fill="#000000" />
            </svg>
            <div>
              {texts.map(({ language, tl }) => (
                <p key={language} lang={language} className="poster-scan">
                  {tl("scan")} {tl("orType")}
                </p>
              ))}
              <p className="poster-link" data-testid="poster-link">
                {printedAddress(shortLink)}
              </p>
            </div>
          </div>
        </article>
      </main>
    </>
  );
}
