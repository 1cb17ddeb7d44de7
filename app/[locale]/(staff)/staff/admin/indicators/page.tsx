import { ClientMessages } from "@/lib/i18n/client-messages";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { getIndicatorDefinitions, getLatestFigures, getPopulationStructures, getReferenceData } from "@/db/queries/indicators";
import { SiteHeader } from "@/app/components/site-header";
import { StaffBar } from "@/app/components/staff-bar";
import { requireStaff } from "@/app/staff-session";
import { rolesFor } from "@/lib/auth/permissions";
import { columns, template } from "@/lib/indicators/columns";
import { importKinds } from "@/lib/indicators/import-schema";
import type { Locale } from "@/lib/i18n/locales";
import { ageBand, sex } from "@/lib/survey/scales";
import { CurrentData } from "./current-data";
import { ImportForm } from "./import-form";

export const dynamic = "force-dynamic";

/** Imports of official figures, indicator definitions and population structures, and what is stored now. */
export default async function IndicatorsAdmin({ params }: PageProps<"/[locale]/staff/admin/indicators">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("indicators.manage"), { locale, next: `/${locale}/staff/admin/indicators` });
  const t = await getTranslations({ locale, namespace: "adminIndicators" });
  const db = await getDb();
  const [reference, figures, definitions, population] = await Promise.all([
    getReferenceData({ db }),
    getLatestFigures({ db }),
    getIndicatorDefinitions({ db }),
    getPopulationStructures({ db }),
  ]);

  const names = {
    towns: Object.fromEntries(reference.towns.map(({ code, name }) => [code, name[locale]])),
    indicators: Object.fromEntries(reference.indicators.map(({ code, name }) => [code, name[locale]])),
    ageBands: Object.fromEntries(ageBand.options.map(({ code, label }) => [code, label[locale]])),
    sexes: Object.fromEntries(sex.options.map(({ code, label }) => [code, label[locale]])),
  };
  const columnsByKind = Object.fromEntries(
    importKinds.map((kind) => {
      const list = (required: boolean) =>
        columns[kind]
          .filter((column) => column.required === required)
          .map((column) => column.names[locale][0])
          .join(", ");
      return [kind, { required: list(true), optional: list(false) }];
    }),
  ) as Record<(typeof importKinds)[number], { required: string; optional: string }>;
  // Only what the form shows: its own texts and the errors an action can answer with.
  const messages = await getMessages({ locale });
  const formMessages = { adminIndicators: messages.adminIndicators, errors: messages.errors };

  return (
    <>
      <SiteHeader locale={locale} path="/staff/admin/indicators" />
      <main id="main" className="wide">
        <p>
          <a href={`/${locale}/staff/admin`}>{t("back")}</a>
        </p>
        <h1>{t("title")}</h1>
        <StaffBar user={user} locale={locale} />
        <p>{t("intro")}</p>

        <h2>{t("form.heading")}</h2>
        <ClientMessages locale={locale} messages={formMessages}>
          <ImportForm columnsByKind={columnsByKind} names={names} />
        </ClientMessages>

        <h2>{t("templates.heading")}</h2>
        <p>{t("templates.intro")}</p>
        <ul>
          {importKinds.map((kind) => (
            <li key={kind}>
              <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${template(kind, locale)}`)}`} download={`qala-${kind}-${locale}.csv`}>
                {t("templates.download", { kind: t(`form.kinds.${kind}`) })}
              </a>
            </li>
          ))}
        </ul>

        <CurrentData locale={locale} figures={figures} definitions={definitions} population={population} names={names} />
      </main>
    </>
  );
}
