import { getTranslations } from "next-intl/server";
import { modeOf } from "@/lib/fieldwork/mode";
import type { ModeCount } from "@/lib/stats/breakdowns";

/**
 * How many of the town's responses were self-completed online and how many were asked face
 * to face, from the rollups. A mode below k is hidden, and the other with it (the total is
 * shown above). Never an interviewer: the dashboard knows modes, not people.
 */
export async function ModeCounts({ locale, k, modes }: { locale: string; k: number; modes: ModeCount[] }) {
  const t = await getTranslations({ locale, namespace: "mode" });
  return (
    <section aria-labelledby="mode-counts-title">
      <h2 id="mode-counts-title">{t("countsTitle")}</h2>
      <table data-testid="mode-counts">
        <thead>
          <tr>
            <th scope="col">{t("mode")}</th>
            <th scope="col" className="num">{t("responses")}</th>
          </tr>
        </thead>
        <tbody>
          {modes.map((row) => (
            <tr key={row.mode} data-mode={row.mode} data-suppression={row.suppression ?? "none"}>
              <th scope="row">{t(`labels.${modeOf(row.mode) ?? "online"}`)}</th>
              <td className="num">{row.responses ?? (row.suppression === "secondary" ? t("hiddenSecondary") : t("hiddenPrimary", { k }))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t("modeEffect")}</p>
    </section>
  );
}
