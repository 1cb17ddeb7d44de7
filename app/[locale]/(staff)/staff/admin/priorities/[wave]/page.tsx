import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireStaff } from "@/server/auth/session";
import { priorityWaveTowns } from "@/server/priorities/admin";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { PrioritiesFrame } from "../frame";

export const dynamic = "force-dynamic";

/** A wave's towns, each with its ballot rule and number of priorities. */
export default async function PrioritiesWave({ params }: PageProps<"/[locale]/staff/admin/priorities/[wave]">) {
  const { locale: raw, wave: slug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const path = `/staff/admin/priorities/${slug}`;
  const user = await requireStaff(rolesFor("waves.manage"), { locale, next: `/${locale}${path}` });
  const found = await priorityWaveTowns(slug);
  if (!found) notFound();
  const t = await getTranslations({ locale, namespace: "priorities" });
  const { wave, towns } = found;
  return (
    <PrioritiesFrame locale={locale} path={path} back="/staff/admin/priorities" backLabel={t("admin.wavesTitle")} title={`${t("admin.title")}: ${wave.name[locale]}`} user={user}>
      <h2>{t("admin.townsTitle")}</h2>
      <ul className="priority-towns" data-testid="priority-towns">
        {towns.map((town) => (
          <li key={town.id}>
            <a href={`/${locale}${path}/${town.code}`}>{t("admin.manage", { town: town.name[locale] })}</a>
            <br />
            <span className="hint">
              {t("admin.rule")}:{" "}
              {!town.election
                ? t("admin.noRule")
                : town.election.rule === "budget"
                  ? t("admin.ruleBudget", { budget: town.election.budget ?? 0 })
                  : t("admin.ruleApproval", { limit: town.election.maxChoices ?? 0 })}
              ; {t("admin.count")}: {town.priorities}
            </span>
          </li>
        ))}
      </ul>
    </PrioritiesFrame>
  );
}
