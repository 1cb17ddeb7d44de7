import { forbidden } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { rolesFor } from "@/lib/auth/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { maySeeTown, requireStaff } from "@/server/auth/session";
import { COMMITMENTS_PERMISSION, linkChoices, waveTownChoices } from "@/server/commitments/manage";
import { StaffFormPage } from "../../staff-form-page";
import { CommitmentForm } from "../commitment-form";
import { linkOptions } from "../link-options";

export const dynamic = "force-dynamic";

/** A new commitment: first the wave and town it answers (a plain form, no script), then its fields. */
export default async function NewCommitment({ params, searchParams }: PageProps<"/[locale]/staff/commitments/new">) {
  const locale = (await params).locale as Locale;
  setRequestLocale(locale);
  const query = await searchParams;
  const user = await requireStaff(rolesFor(COMMITMENTS_PERMISSION), { locale, next: `/${locale}/staff/commitments/new` });
  const t = await getTranslations({ locale, namespace: "commitments" });
  const [waveSlug, townCode] = typeof query.for === "string" ? query.for.split("/") : [];
  const page = (children: React.ReactNode) => (
    <StaffFormPage locale={locale} path="/staff/commitments/new" back="/staff/commitments" user={user} namespace="commitments">
      {children}
    </StaffFormPage>
  );

  if (!waveSlug || !townCode) {
    const choices = await waveTownChoices(user);
    return page(
      <form method="get" className="choose">
        <h2>{t("form.createTitle")}</h2>
        <label htmlFor="c-for">{t("form.answers")}</label>
        <select id="c-for" name="for" required>
          {choices.flatMap(({ wave, towns }) =>
            towns.map((town) => (
              <option key={`${wave.slug}/${town.code}`} value={`${wave.slug}/${town.code}`}>
                {town.name[locale]}: {wave.name[locale]}
              </option>
            )),
          )}
        </select>
        <p>
          <button className="button" type="submit">
            {t("form.next")}
          </button>
        </p>
      </form>,
    );
  }

  if (!maySeeTown(user, townCode)) forbidden();
  const choices = await linkChoices({ waveSlug, townCode, locale });
  if (!choices) return page(<p className="alert">{t("errors.waveTown")}</p>);
  const options = await linkOptions(choices, locale);
  const empty = { kk: "", ru: "", en: "" };
  return page(
    <>
      <h2>
        {choices.town.name[locale]}: {choices.wave.name[locale]}
      </h2>
      <CommitmentForm
        mode="create"
        choices={options}
        defaults={{ townCode, waveSlug, linkKind: "area", linkTarget: "", heard: empty, action: empty, responsibleBody: empty, dueOn: "", status: "planned", progress: 0, declineReason: empty, evidence: "", note: empty }}
      />
    </>,
  );
}
