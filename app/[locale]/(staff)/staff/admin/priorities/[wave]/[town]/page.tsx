import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireStaff } from "@/server/auth/session";
import { priorityElectionView } from "@/server/priorities/admin";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { PrioritiesFrame } from "../../frame";
import { ElectionForm } from "./election-form";
import { PriorityList } from "./priority-list";

export const dynamic = "force-dynamic";

/** One town's priorities in a wave: the ballot rule, then the candidates, each to correct or remove, and a form to add one. */
export default async function PrioritiesTown({ params }: PageProps<"/[locale]/staff/admin/priorities/[wave]/[town]">) {
  const { locale: raw, wave: slug, town: code } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const path = `/staff/admin/priorities/${slug}/${code}`;
  const user = await requireStaff(rolesFor("waves.manage"), { locale, next: `/${locale}${path}` });
  const view = await priorityElectionView(slug, code);
  if (!view) notFound();
  const t = await getTranslations({ locale, namespace: "priorities" });
  const survey = await getTranslations({ locale, namespace: "survey" });
  const { wave, town, questionnaire, election, priorities, locked, ballots } = view;
  const areas = questionnaire.areas
    .map((area) => ({
      id: area,
      title: survey(`areas.${area}`),
      items: questionnaire.items.filter((item) => item.area === area).map((item) => ({ id: item.id, text: item.text[locale] })),
    }))
    .filter((area) => area.items.length > 0);
  return (
    <PrioritiesFrame
      locale={locale}
      path={path}
      back={`/staff/admin/priorities/${slug}`}
      backLabel={t("admin.townsTitle")}
      title={`${t("admin.manage", { town: town.name[locale] })} · ${wave.name[locale]}`}
      user={user}
    >
      {locked && (
        <p className="notice" data-testid="priorities-locked">
          {t("admin.locked")}
        </p>
      )}
      <p data-testid="priority-ballots">{t("admin.ballots", { count: ballots })}</p>
      <h2>{t("admin.electionTitle")}</h2>
      <ElectionForm
        waveSlug={slug}
        townCode={code}
        election={election ? { rule: election.rule, maxChoices: election.maxChoices, budget: election.budget } : null}
        locked={locked}
      />
      <PriorityList
        waveSlug={slug}
        townCode={code}
        locale={locale}
        locked={locked}
        hasElection={!!election}
        areas={areas}
        priorities={priorities.map((priority) => ({
          id: priority.id,
          title: priority.title,
          description: priority.description,
          cost: priority.cost,
          areaId: priority.areaId ?? "",
          itemIds: priority.itemIds,
        }))}
      />
    </PrioritiesFrame>
  );
}
