import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { surveyWave } from "@/server/waves";
import { surveyElections } from "@/server/priorities/survey";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";
import { getQuestionnaire, itemRules, scaleOf } from "@/lib/survey/questionnaire";
import { residentErrorMessages } from "../../error-messages";
import { SurveyForm, type SurveyFormProps } from "./survey-form";

export const dynamic = "force-dynamic";

export default async function SurveyPage({ params, searchParams }: PageProps<"/[locale]/survey/[wave]">) {
  const { locale: raw, wave: slug } = await params;
  // ?town=<code>: a poster's QR code or short link chose the town (docs/fieldwork.md).
  const { town: askedTown } = await searchParams;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const found = await surveyWave(slug);
  const questionnaire = found && getQuestionnaire(found.wave.questionnaireVersion);
  if (!found || !questionnaire) notFound();
  const { wave, towns } = found;
  const t = await getTranslations({ locale, namespace: "survey" });
  const p = await getTranslations({ locale, namespace: "priorities" });
  const header = <SiteHeader locale={locale} path={`/survey/${slug}`} />;

  if (!found.open) {
    return (
      <>
        {header}
        <main id="main">
          <h1>{wave.name[locale]}</h1>
          <p className="notice">{t("closed")}</p>
        </main>
      </>
    );
  }

  // The form gets texts in the reader's language only, and the rules to check answers by.
  const props: SurveyFormProps = {
    locale,
    waveId: wave.id,
    waveSlug: wave.slug,
    questionnaireVersion: questionnaire.version,
    requiresInvitation: wave.requiresInvitation,
    rules: itemRules(questionnaire),
    towns: towns.map((town) => ({ id: town.id, code: town.code, name: town.name[locale] })),
    initialTownId: towns.find((town) => town.code === askedTown)?.id,
    areas: questionnaire.areas
      .map((area) => ({
        id: area,
        title: t(`areas.${area}`),
        items: questionnaire.items
          .filter((item) => item.area === area)
          .map((item) => {
            const scale = scaleOf(questionnaire, item);
            return {
              id: item.id,
              kind: item.kind ?? "choice",
              text: item.text[locale],
              ...(item.hint ? { hint: item.hint[locale] } : {}),
              ...(item.maxLength ? { maxLength: item.maxLength } : {}),
              required: item.required,
              // Numeric scales (0–10) fit in a row of small buttons; worded options need full lines.
              compact: scale.options.every((option) => option.label[locale].length <= 2),
              options: scale.options.map((option) => ({ code: option.code, label: option.label[locale] })),
            };
          }),
      }))
      .filter((area) => area.items.length > 0),
    labels: {
      town: t("town"),
      chooseTown: t("chooseTown"),
      optional: t("optional"),
      next: t("next"),
      back: t("back"),
      send: t("submit"),
      sending: t("sending"),
      stepOf: t.raw("stepOf") as string,
      progress: t("progress"),
      summaryTitle: t("summaryTitle"),
      summaryIntro: t("summaryIntro"),
      change: t("change"),
      notAnswered: t("notAnswered"),
      waiting: t("waiting"),
      notSent: t("notSent"),
      fixErrors: t("fixErrors"),
      invitationCode: t("invitationCode"),
      invitationHint: t("invitationHint"),
      charactersLeft: t.raw("charactersLeft") as string,
    },
    errors: {
      ...(await residentErrorMessages(locale)),
      ...Object.fromEntries((["unknown", "tooMany", "overBudget", "noElection"] as const).map((key) => [`priorities.errors.${key}`, p(`errors.${key}`)])),
    },
    elections: await surveyElections(wave.id, locale),
    priorityLabels: {
      stepTitle: p("stepTitle"),
      intro: p("intro"),
      chooseUpTo: p.raw("chooseUpTo") as string,
      chooseWithin: p.raw("chooseWithin") as string,
      chosenOf: p.raw("chosenOf") as string,
      budgetLeft: p.raw("budgetLeft") as string,
      cost: p.raw("cost") as string,
      skip: p("skip"),
      skipped: p("skipped"),
      noneChosen: p("noneChosen"),
      summaryLabel: p("summaryLabel"),
    },
  };

  return (
    <>
      {header}
      <main id="main">
        <h1>{t("title", { wave: wave.name[locale] })}</h1>
        <p>{t("intro")}</p>
        <SurveyForm {...props} />
      </main>
    </>
  );
}
