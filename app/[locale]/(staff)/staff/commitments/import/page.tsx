import { getTranslations, setRequestLocale } from "next-intl/server";
import { rolesFor } from "@/lib/auth/permissions";
import { COMMITMENT_COLUMNS } from "@/lib/commitments/csv";
import type { Locale } from "@/lib/i18n/locales";
import { requireStaff } from "@/server/auth/session";
import { COMMITMENTS_PERMISSION } from "@/server/commitments/manage";
import { StaffFormPage } from "../../staff-form-page";
import { CommitmentImportForm } from "./import-form";

export const dynamic = "force-dynamic";

/** Commitments from a CSV file (the export's columns): a preview, then all of it or nothing. */
export default async function ImportCommitments({ params }: PageProps<"/[locale]/staff/commitments/import">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor(COMMITMENTS_PERMISSION), { locale, next: `/${locale}/staff/commitments/import` });
  const t = await getTranslations({ locale, namespace: "commitments" });
  return (
    <StaffFormPage locale={locale} path="/staff/commitments/import" back="/staff/commitments" user={user} namespace="commitments">
      <h2>{t("import.heading")}</h2>
      <p>{t("import.intro")}</p>
      <p className="hint" id="c-import-columns">
        {t("import.columns", { columns: COMMITMENT_COLUMNS.join(", ") })}
      </p>
      <p>
        <a href={`/${locale}/staff/commitments/export`} download>
          {t("exportAll")}
        </a>
      </p>
      <CommitmentImportForm />
    </StaffFormPage>
  );
}
