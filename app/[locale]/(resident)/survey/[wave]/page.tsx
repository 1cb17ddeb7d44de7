import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { todayInKazakhstan } from "@/db/queries/responses";
import { getWaveBySlug, getWaveTowns, isWaveOpen } from "@/db/queries/waves";
import { SiteHeader } from "@/app/components/site-header";
import type { Locale } from "@/lib/i18n/locales";
import { getQuestionnaire, itemRules, scaleOf } from "@/lib/survey/questionnaire";
import { errorKeys } from "@/lib/survey/response-schema";
import { SurveyForm, type SurveyFormProps } from "./survey-form";

export const dynamic = "force-dynamic";

export default async function SurveyPage({ params }: PageProps<"/[locale]/survey/[wave]">) {
  const { locale: raw, wave: slug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const db = await getDb();
  const wave = await getWaveBySlug({ db, slug });
  const questionnaire = wave && getQuestionnaire(wave.questionnaireVersion);
  if (!wave || !questionnaire) notFound();
  const t = await getTranslations({ locale, namespace: "survey" });
  const tErrors = await getTranslations({ locale, namespace: "errors" });
  const header = <SiteHeader locale={locale} path={`/survey/${slug}`} />;

  if (!isWaveOpen(wave, todayInKazakhstan())) {
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

  const towns = await getWaveTowns({ db, waveId: wave.id });
  // The form gets texts in the reader's language only, and the rules to check answers by.
  const props: SurveyFormProps = {
    locale,
    waveId: wave.id,
    waveSlug: wave.slug,
    questionnaireVersion: questionnaire.version,
    rules: itemRules(questionnaire),
    towns: towns.map((town) => ({ id: town.id, name: town.name[locale] })),
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
              text: item.text[locale],
              required: item.required,
              compact: scale.options.length > 6,
              options: scale.options.map((option) => ({ code: option.code, label: option.label[locale] })),
            };
          }),
      }))
      .filter((area) => area.items.length > 0),
    labels: {
      town: t("town"),
      chooseTown: t("chooseTown"),
      optional: t("optional"),
      submit: t("submit"),
      sending: t("sending"),
      notSent: t("notSent"),
      fixErrors: t("fixErrors"),
    },
    errors: Object.fromEntries(
      [...Object.values(errorKeys), "errors.versionMismatch", "errors.waveClosed", "errors.unexpected", "errors.tooLarge"].map(
        (key) => [key, tErrors(key.replace("errors.", ""))],
      ),
    ),
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
