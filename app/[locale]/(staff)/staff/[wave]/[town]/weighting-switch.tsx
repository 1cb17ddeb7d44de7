import { getTranslations } from "next-intl/server";

/**
 * Weighted / unweighted switch (a GET form, so the view has its own address and works
 * without JavaScript), with the method in plain words and what the weighting covers.
 */
export async function WeightingSwitch({ locale, available, applied, item, populationYear, populationSource }: {
  locale: string;
  available: boolean;
  applied: boolean;
  /** The breakdown item, kept when the switch is used. */
  item: string;
  populationYear?: number;
  populationSource?: string;
}) {
  const t = await getTranslations({ locale, namespace: "weighting" });
  return (
    <section aria-labelledby="weighting-title">
      <h2 id="weighting-title">{t("title")}</h2>
      {available ? (
        <form method="get" className="inline-form">
          <input type="hidden" name="item" value={item} />
          <fieldset>
            <legend>{t("legend")}</legend>
            <label className="option">
              <input type="radio" name="weighting" value="unweighted" defaultChecked={!applied} /> {t("unweighted")}
            </label>
            <label className="option">
              <input type="radio" name="weighting" value="weighted" defaultChecked={applied} /> {t("weighted")}
            </label>
          </fieldset>
          <button type="submit" className="button">{t("apply")}</button>
        </form>
      ) : (
        <p>{t("unavailable")}</p>
      )}
      <p className="hint" data-testid="weighting-state">{applied ? t("appliedNote", { year: populationYear ?? 0, source: populationSource ?? "" }) : t("unweightedNote")}</p>
      <details>
        <summary>{t("methodTitle")}</summary>
        <p>{t("method")}</p>
      </details>
    </section>
  );
}
