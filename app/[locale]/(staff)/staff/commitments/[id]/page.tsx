import { forbidden, notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { CommitmentList } from "@/app/components/loop/commitment-list";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { maySeeTown, requireStaff } from "@/server/auth/session";
import { COMMITMENTS_PERMISSION, commitmentForEdit, linkChoices, stateOfRow } from "@/server/commitments/manage";
import { shownCommitments } from "@/server/commitments/staff";
import { StaffFormPage } from "../../staff-form-page";
import { CommitmentForm } from "../commitment-form";
import { linkOptions } from "../link-options";

export const dynamic = "force-dynamic";

/** One commitment: as the public sees it (with its timeline), and the form that adds an update. 403 outside the official's towns. */
export default async function EditCommitment({ params }: PageProps<"/[locale]/staff/commitments/[id]">) {
  const { locale: raw, id: rawId } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor(COMMITMENTS_PERMISSION), { locale, next: `/${locale}/staff/commitments/${rawId}` });
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : NaN;
  const row = Number.isInteger(id) ? await commitmentForEdit(id) : undefined;
  if (!row) notFound();
  if (!maySeeTown(user, row.town.code)) forbidden();
  const t = await getTranslations({ locale, namespace: "commitments" });
  const [shown] = await shownCommitments({ rows: [row], locale, audience: "staff" });
  const choices = await linkChoices({ waveSlug: row.wave.slug, townCode: row.town.code, locale });
  const state = stateOfRow(row);
  const empty = { kk: "", ru: "", en: "" };
  return (
    <StaffFormPage locale={locale} path={`/staff/commitments/${id}`} back="/staff/commitments" user={user} namespace="commitments">
      <h2>
        {row.town.name[locale]}: {row.wave.name[locale]}
      </h2>
      <CommitmentList locale={locale} commitments={[shown!]} />
      <h2>{t("form.updateTitle")}</h2>
      {choices ? (
        <CommitmentForm
          mode="update"
          choices={await linkOptions(choices, locale)}
          defaults={{
            id,
            linkKind: state.linkKind,
            linkTarget: state.linkTarget,
            heard: state.heard,
            action: state.action,
            responsibleBody: state.responsibleBody,
            dueOn: state.dueOn,
            status: state.status,
            progress: state.progress,
            declineReason: state.declineReason ?? empty,
            evidence: state.evidenceUrls.join("\n"),
            note: empty,
          }}
        />
      ) : (
        <p className="alert">{t("errors.waveTown")}</p>
      )}
    </StaffFormPage>
  );
}
