import { getTranslations, setRequestLocale } from "next-intl/server";
import { indicatorsPageData } from "@/server/indicators";
import { requireStaff } from "@/server/auth/session";
import { rolesFor } from "@/lib/auth/permissions";
import { StaffFormPage } from "../../staff-form-page";
import { columns, template } from "@/lib/indicators/columns";
import { importKinds } from "@/lib/indicators/import-schema";
import type { Locale } from "@/lib/i18n/locales";
import { ageBand, sex } from "@/lib/survey/scales";
import { CurrentData } from "./current-data";
import { ImportForm } from "./import-form";

export const dynamic = "force-dynamic";

/** Today in Kazakhstan (Asia/Almaty), as an ISO day: a bureau file's default retrieval day. */
function kazakhstanToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Almaty", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** Imports of official figures, indicator definitions and population structures, and what is stored now. */
export default async function IndicatorsAdmin({ params }: PageProps<"/[locale]/staff/admin/indicators">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("indicators.manage"), { locale, next: `/${locale}/staff/admin/indicators` });
  const t = await getTranslations({ locale, namespace: "adminIndicators" });
  const { reference, figures, definitions, population } = await indicatorsPageData();

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

  return (
    <StaffFormPage locale={locale} path="/staff/admin/indicators" back="/staff/admin" user={user} namespace="adminIndicators">
      <h2>{t("form.heading")}</h2>
      <p>{t("workbook.intro")}</p>

      <ImportForm columnsByKind={columnsByKind} names={names} today={kazakhstanToday()} />

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
    </StaffFormPage>
  );
}
