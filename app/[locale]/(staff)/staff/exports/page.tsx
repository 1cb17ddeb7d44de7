import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { exportsPage } from "@/server/export/exports-page";
import { pabulibDownloads } from "@/server/export/pabulib";
import { requireStaff } from "@/server/auth/session";
import { rolesFor } from "@/lib/auth/permissions";
import { StaffFormPage } from "../staff-form-page";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { ExportForm } from "./export-form";
import { ExportLogTable } from "./export-log-table";
import { TokenManager, type TokenRow } from "./token-manager";

export const dynamic = "force-dynamic";

/** Research exports: each wave's data and codebook, personal access tokens, and the export log. */
export default async function Exports({ params }: PageProps<"/[locale]/staff/exports">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("export.download"), { locale, next: `/${locale}/staff/exports` });
  const t = await getTranslations({ locale, namespace: "exports" });
  const format = await getFormatter({ locale });
  // Admins see, and may revoke, everyone's tokens and exports: a leaked token must be stoppable.
  const { everyone, waves: allWaves, tokens, log } = await exportsPage(user);
  const pabulib = await pabulibDownloads();
  const tPriorities = await getTranslations({ locale, namespace: "priorityResults" });
  const tSecurity = await getTranslations({ locale, namespace: "accountSecurity" });
  const now = new Date();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const moment = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Almaty" }) : t("never"));
  const tokenRows: TokenRow[] = tokens.map((token) => ({
    id: token.id,
    name: token.name,
    owner: token.ownerEmail,
    created: moment(token.createdAt),
    expires: moment(token.expiresAt),
    lastUsed: moment(token.lastUsedAt),
    state: token.revokedAt ? "revoked" : token.expiresAt && token.expiresAt <= now ? "expired" : "active",
  }));

  return (
    <StaffFormPage locale={locale} path="/staff/exports" back="/staff" user={user} namespace="exports">
      <h2>{t("wavesTitle")}</h2>
      {allWaves.length === 0 && <p>{t("noWaves")}</p>}
      {allWaves.map((wave) => (
        <section key={wave.id} data-wave={wave.slug} id={`export-${wave.slug}`}>
          <h3>
            {wave.name[locale]} <code>{wave.slug}</code>
          </h3>
          {wave.exportable ? <ExportForm slug={wave.slug} minK={env.DISCLOSURE_MIN_CELL} /> : <p className="hint">{t("hidden", { date: day(wave.closesOn) })}</p>}
          {wave.exportable && pabulib.has(wave.id) && (
            <div data-testid={`pabulib-${wave.slug}`}>
              <h4>{tPriorities("export.title")}</h4>
              <p className="hint">{tPriorities("export.intro")}</p>
              <ul>
                {pabulib.get(wave.id)!.map((town) => (
                  <li key={town.code}>
                    <a href={`/api/v1/waves/${wave.slug}/towns/${town.code}/priorities.pb`} download>
                      {tPriorities("export.link", { town: town.name[locale] })}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      ))}
      <h2>{t("tokensTitle")}</h2>
      <p>{t("tokensIntro")}</p>
      <p className="hint">{tSecurity("tokenLifetimeHint")}</p>
      <TokenManager tokens={tokenRows} showOwner={everyone} />

      <h2>{t("logTitle")}</h2>
      <p>{everyone ? t("logIntroAll") : t("logIntroOwn")}</p>
      <ExportLogTable entries={log} showWho={everyone} locale={locale} />
    </StaffFormPage>
  );
}
