import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { townDashboard } from "@/server/results/dashboard";
import { loadTownPriorityResults } from "@/server/results/priorities";
import { PriorityResults } from "@/app/components/loop/priority-results";
import { areaScore, type ShareSummary } from "@/lib/stats/area-score";
import { isDemoFigure } from "@/lib/demo-figures";
import { compareShares, type ShareChange } from "@/lib/stats/change";
import { SiteHeader } from "@/app/components/site-header";
import { env } from "@/lib/env";
import type { Locale } from "@/lib/i18n/locales";
import { maySeeTown, requireStaff } from "@/server/auth/session";
import { may, rolesFor } from "@/lib/auth/permissions";
import { StaffBar } from "@/app/components/staff-bar";
import { ScrollRegion, ShareCells } from "@/app/components/share-cells";
import type { ItemSummary } from "@/lib/stats/summary";
import { TargetsChart } from "./targets-chart";
import { ChartFigure } from "@/app/components/chart-figure";
import { Breakdowns } from "./breakdowns";
import { ModeCounts } from "./mode-counts";
import { WeightingSwitch } from "./weighting-switch";
import { SampleBalanceSection } from "./sample-balance";

export const dynamic = "force-dynamic";

export default async function TownDashboard({ params, searchParams }: PageProps<"/[locale]/staff/[wave]/[town]">) {
  const { locale: raw, wave: slug, town: townCode } = await params;
  const query = await searchParams;
  const weighted = query.weighting === "weighted";
  const breakdownItem = typeof query.item === "string" ? query.item : undefined;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requireStaff(rolesFor("dashboard.view"), { locale, next: `/${locale}/staff/${slug}/${townCode}` });
  if (!maySeeTown(user, townCode)) notFound();
  const k = env.DISCLOSURE_MIN_CELL;
  const context = await townDashboard({ slug, townCode, k, locale, weighted, breakdownItem });
  if (!context) notFound();
  const { wave, town: townRow } = context;

  const t = await getTranslations({ locale, namespace: "staff" });
  if (!context.visible) {
    const format = await getFormatter({ locale });
    const closes = format.dateTime(new Date(`${wave.closesOn}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
    return (
      <>
        <SiteHeader locale={locale} path={`/staff/${slug}/${townCode}`} />
        <main id="main" className="wide">
          <h1>{t("townTitle", { town: townRow.name[locale], wave: wave.name[locale] })}</h1>
          <StaffBar user={user} locale={locale} />
          <p className="notice" role="status">{t("hiddenUntilClose", { date: closes })}</p>
        </main>
      </>
    );
  }

  const { questionnaire, rows, items, previousWave, previousItems, notCompared, changeNotes, weighting, breakdown, sample } = context;
  const tSample = await getTranslations({ locale, namespace: "sampleBalance" });
  // The town's priorities step, at the page's weighting (null when the wave asks none here).
  const priorityResults = await loadTownPriorityResults(context.wave, townRow.id, { weighted, k });
  // Weighting asked for, but this figure could not be weighted: it is shown unweighted, marked.
  const fellBack = (itemId: string) => weighting.applied && weighting.unweightedFallback.has(itemId);
  const fallbackMark = (itemId: string) =>
    fellBack(itemId) ? (
      <>
        {" "}
        <span className="badge" data-testid={`unweighted-${itemId}`}>{tSample("unweightedMark")}</span>
      </>
    ) : null;
  const anyFallback = weighting.applied && weighting.unweightedFallback.size > 0;
  const changeOf = (itemId: string, summary: ItemSummary) => compareShares(summary.estimate, previousItems?.get(itemId)?.estimate ?? null);
  // An area's score and its change: the test treats the area's mean share as one share at
  // its smallest item n, which overstates its noise (the items' errors partly cancel), so a
  // change called beyond noise is one.
  const areaOf = (inArea: typeof items) => {
    const current = areaScore(inArea.map((item) => item.summary));
    const before = previousItems && inArea.every((item) => previousItems.has(item.itemId)) ? areaScore(inArea.map((item) => previousItems.get(item.itemId)!)) : null;
    // An area holding an item asked otherwise in the previous wave is not compared either.
    const changed = inArea.some((item) => notCompared.has(item.itemId));
    return { current, changed, change: changed ? null : compareShares(current?.estimate ?? null, before?.estimate ?? null) };
  };

  const tCommon = await getTranslations({ locale, namespace: "common" });
  const tSurvey = await getTranslations({ locale, namespace: "survey" });
  const format = await getFormatter({ locale });
  const percent = (share: number) =>
    format.number(share, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const cells = (summary: ShareSummary, testId?: string) => (
    <ShareCells summary={summary} k={k} percent={percent} suppressedLabel={t("suppressed", { k })} testId={testId} />
  );
  const changeText = (change: ShareChange | null) =>
    change
      ? `${change.points > 0 ? "+" : change.points < 0 ? "−" : "±"}${format.number(Math.abs(change.points), { maximumFractionDigits: 1 })} ${t("points")} · ${change.beyondNoise ? t("beyondNoise") : t("withinNoise")}`
      : "—";
  const chartBars = rows.flatMap((row) =>
    row.linked
      .filter((item) => item.summary.estimate)
      .map((item) => ({ label: `${row.name}: ${item.text}${fellBack(item.itemId) ? ` (${tSample("unweightedMark")})` : ""}`, ...item.summary.estimate! })),
  );

  return (
    <>
      <SiteHeader locale={locale} path={`/staff/${slug}/${townCode}`} />
      <main id="main" className="wide">
        <h1>{t("townTitle", { town: townRow.name[locale], wave: wave.name[locale] })}</h1>
        <StaffBar user={user} locale={locale} />
        <p>
          <a href={`/${locale}/staff/${slug}/compare`}>{t("compareTowns")}</a>
        </p>
        <p>
          <strong data-testid="response-count">{t("responses", { count: context.responses })}</strong>
          {context.demoResponses > 0 && (
            <>
              {" "}
              <span className="badge">{tCommon("demoBadge")}</span>{" "}
              <span>{tCommon("demoNotice", { count: context.demoResponses })}</span>
            </>
          )}
        </p>
        {may(user.role, "export.download") && (
          <p>
            <a href={`/api/waves/${slug}/responses`} download>
              {t("downloadCsv")}
            </a>
          </p>
        )}

        <ModeCounts locale={locale} k={k} modes={context.modes} />

        <WeightingSwitch
          locale={locale}
          available={weighting.available}
          applied={weighting.applied}
          item={breakdown.item.id}
          populationYear={weighting.population[0]?.year}
          populationSource={weighting.population[0]?.sourceCitation}
        />

        <SampleBalanceSection
          locale={locale}
          k={k}
          balance={sample}
          ageBands={breakdown.tables.find((table) => table.dimension === "ageBand")?.groups ?? new Map()}
          sexes={breakdown.tables.find((table) => table.dimension === "sex")?.groups ?? new Map()}
          percent={percent}
          number={(value) => format.number(value, { maximumFractionDigits: 1 })}
        />

        <h2>{t("title")}</h2>
        <p>{t("panelIntro")}</p>
        {chartBars.length > 0 && (
          <ChartFigure
            locale={locale}
            title={t("chartTitle")}
            alt={t("chartAlt")}
            fileName={`${slug}-${townCode}-targets`}
            table={{
              columns: [t("residentItem"), t("share"), t("intervalLow"), t("intervalHigh"), t("n")],
              rows: chartBars.map((bar) => [bar.label, bar.share, bar.low, bar.high, bar.n]),
            }}
          >
            <TargetsChart bars={chartBars} title={t("chartTitle")} locale={locale} />
          </ChartFigure>
        )}
        {rows.length === 0 ? (
          <p>{t("noFigures")}</p>
        ) : (
          <ScrollRegion label={t("title")}>
            <table data-testid="targets-table">
              <thead>
                <tr>
                  <th scope="col">{t("indicator")}</th>
                  <th scope="col">{t("period")}</th>
                  <th scope="col" className="num">{t("value")}</th>
                  <th scope="col" className="num">{t("target")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("residentItem")}</th>
                  <th scope="col" className="num">{weighting.applied ? t("shareWeighted") : t("share")}</th>
                  <th scope="col" className="num">{t("interval")}</th>
                  <th scope="col" className="num">{t("n")}</th>
                  <th scope="col">{t("verdict")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const linked = row.linked.length > 0 ? row.linked : [null];
                  return linked.map((item, index) => (
                    <tr key={`${row.code}-${item?.itemId ?? "none"}`} data-indicator={row.code}>
                      {index === 0 && (
                        <>
                          <th scope="row" rowSpan={linked.length}>
                            {row.name}, {row.unit}
                            <br />
                            <span className="hint">
                              {isDemoFigure(row) && <span className="badge">{tCommon("demoBadge")}</span>}{" "}
                              {t("source")}: {row.sourceUrl ? <a href={row.sourceUrl}>{row.sourceCitation}</a> : row.sourceCitation}
                            </span>
                          </th>
                          <td rowSpan={linked.length}>{row.period}</td>
                          <td rowSpan={linked.length} className="num">{row.value === null ? t("withheld") : format.number(row.value)}</td>
                          <td rowSpan={linked.length} className="num">{row.target === null ? "—" : format.number(row.target)}</td>
                          <td rowSpan={linked.length} className={`status-${row.status}`}>
                            {row.status === "met" ? t("met") : row.status === "missed" ? t("missed") : row.status === "withheld" ? "—" : t("noTarget")}
                          </td>
                        </>
                      )}
                      {item ? (
                        <>
                          <td>
                            {item.text}
                            {fallbackMark(item.itemId)}
                          </td>
                          {cells(item.summary, item.itemId)}
                          <td>{t(`verdicts.${item.verdict}`, { share: item.summary.estimate ? percent(item.summary.estimate.share) : "" })}</td>
                        </>
                      ) : (
                        <td colSpan={5}>{t("noLinkedItem")}</td>
                      )}
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {anyFallback && <p className="hint" data-testid="unweighted-note">{tSample("unweightedNote", { k })}</p>}

        <h2>{t("allItems")}</h2>
        <p className="hint">{t("areaScoreNote")}</p>
        <ScrollRegion label={t("allItems")}>
          <table data-testid="items-table">
            <thead>
              <tr>
                <th scope="col">{t("residentItem")}</th>
                <th scope="col" className="num">{weighting.applied ? t("shareWeighted") : t("share")}</th>
                <th scope="col" className="num">{t("interval")}</th>
                <th scope="col" className="num">{t("n")}</th>
                {previousWave && (
                  <th scope="col" className="num">
                    {t("changeSince", { wave: previousWave.name[locale] })}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {questionnaire.areas.flatMap((area) => {
                const inArea = items.filter((item) => item.area === area);
                if (inArea.length === 0) return [];
                return [
                  (() => {
                    const { current, changed, change } = areaOf(inArea);
                    return (
                      <tr key={`area-${area}`} className="area-row" data-area={area}>
                        <th scope="row">
                          {t("areaScore", { area: tSurvey(`areas.${area}`) })}
                          {inArea.some((item) => fellBack(item.itemId)) && (
                            <>
                              {" "}
                              <span className="badge">{tSample("partlyUnweightedMark")}</span>
                            </>
                          )}
                        </th>
                        {current ? cells(current) : <td colSpan={3} />}
                        {previousWave && <td className="num" data-testid={`change-area-${area}`}>{changed ? t("notCompared") : changeText(change)}</td>}
                      </tr>
                    );
                  })(),
                  ...inArea.map((item) => (
                    <tr key={item.itemId} data-item={item.itemId}>
                      <th scope="row">
                        {item.text}
                        {fallbackMark(item.itemId)}
                        <span className="hint item-favourable">{t("favourableIs", { answers: format.list(item.favourable, { type: "disjunction" }) })}</span>
                      </th>
                      {cells(item.summary)}
                      {previousWave && (
                        <td className="num" data-testid={`change-${item.itemId}`}>
                          {notCompared.has(item.itemId) ? t("notCompared") : changeText(changeOf(item.itemId, item.summary))}
                          {changeNotes.get(item.itemId)?.map((note) => (
                            <span key={note} className="hint change-note">
                              {note}
                            </span>
                          ))}
                        </td>
                      )}
                    </tr>
                  )),
                ];
              })}
            </tbody>
          </table>
        </ScrollRegion>
        {anyFallback && <p className="hint">{tSample("unweightedNote", { k })}</p>}

        {priorityResults && <PriorityResults results={priorityResults} locale={locale} />}

        <Breakdowns
          locale={locale}
          k={k}
          item={breakdown.item}
          candidates={breakdown.candidates}
          areaOf={(area) => tSurvey(`areas.${area}`)}
          tables={breakdown.tables}
          weighting={weighting.applied ? "weighted" : "unweighted"}
          percent={percent}
        />
      </main>
    </>
  );
}
