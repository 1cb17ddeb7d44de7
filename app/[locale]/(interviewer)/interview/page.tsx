import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { ageBand, sex } from "@/lib/survey/scales";
import { getQuestionnaire, itemRules, questionnaireVersions, scaleOf } from "@/lib/survey/questionnaire";
import { AGE_BAND_ITEM, SEX_ITEM } from "@/lib/fieldwork/interview";
import { residentErrorMessages } from "@/app/[locale]/(resident)/error-messages";
import { InterviewApp } from "./interview-app";
import { interviewTextKeys, type InterviewTexts, type QuestionnaireView } from "./views";

// The page carries a fresh nonce (proxy.ts); the interviewer's device keeps its last copy.
export const dynamic = "force-dynamic";

/**
 * The interviewer's app (docs/fieldwork.md, "Conducting interviews offline"). Everything an
 * interview needs is in the page: the texts of every questionnaire version in the reader's
 * language, so interviews go on with no network once the page has been loaded.
 */
export default async function InterviewPage({ params }: PageProps<"/[locale]/interview">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "interviewer" });
  const s = await getTranslations({ locale, namespace: "survey" });
  const e = await getTranslations({ locale, namespace: "errors" });

  const texts = {
    ...Object.fromEntries(interviewTextKeys.map((key) => [key, t.raw(key) as string])),
    stepOf: s.raw("stepOf") as string,
    next: s("next"),
    back: s("back"),
    optional: s("optional"),
    fixErrors: s("fixErrors"),
    charactersLeft: s.raw("charactersLeft") as string,
    required: e("required"),
    unexpected: e("unexpected"),
  } as InterviewTexts;

  // The server's refusals by key: the residents' ones and the fieldwork ones (fieldwork.errors.*).
  const messages = (await getMessages({ locale })) as Record<string, unknown>;
  const fieldworkErrors = ((messages.fieldwork as Record<string, unknown> | undefined)?.errors ?? {}) as Record<string, unknown>;
  const errors: Record<string, string> = {
    ...(await residentErrorMessages(locale)),
    // The device sign-in's refusals (the staff sign-in's own words).
    "errors.loginFailed": e("loginFailed"),
    "errors.tooManyAttempts": e("tooManyAttempts"),
    ...Object.fromEntries(
      Object.entries(fieldworkErrors)
        .filter(([, value]) => typeof value === "string")
        .map(([key, value]) => [`fieldwork.errors.${key}`, value as string]),
    ),
  };

  const questionnaires: Record<string, QuestionnaireView> = {};
  for (const version of questionnaireVersions) {
    const questionnaire = getQuestionnaire(version)!;
    const item = (id: string) => questionnaire.items.find((candidate) => candidate.id === id);
    const demographic = (id: string) => {
      const found = item(id)!;
      return { text: found.text[locale], options: scaleOf(questionnaire, found).options.map((option) => ({ code: option.code, label: option.label[locale] })) };
    };
    questionnaires[version] = {
      rules: itemRules(questionnaire),
      ageBand: demographic(AGE_BAND_ITEM),
      sex: demographic(SEX_ITEM),
      areas: questionnaire.areas.map((area) => ({
        id: area,
        title: s(`areas.${area}`),
        items: questionnaire.items
          .filter((candidate) => candidate.area === area)
          .map((candidate) => {
            const scale = scaleOf(questionnaire, candidate);
            return {
              id: candidate.id,
              kind: candidate.kind ?? "choice",
              text: candidate.text[locale],
              ...(candidate.hint ? { hint: candidate.hint[locale] } : {}),
              ...(candidate.maxLength ? { maxLength: candidate.maxLength } : {}),
              required: candidate.required,
              compact: scale.options.every((option) => option.label[locale].length <= 2),
              options: scale.options.map((option) => ({ code: option.code, label: option.label[locale] })),
            };
          }),
      })),
    };
  }

  return (
    <main id="main" className="interview-app">
      <h1>{t("title")}</h1>
      <InterviewApp
        locale={locale}
        texts={texts}
        errors={errors}
        questionnaires={questionnaires}
        ageBandLabels={Object.fromEntries(ageBand.options.map((option) => [option.code, option.label[locale]]))}
        sexLabels={Object.fromEntries(sex.options.map((option) => [option.code, option.label[locale]]))}
      />
    </main>
  );
}
