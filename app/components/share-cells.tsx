import type { ShareSummary } from "@/lib/stats/area-score";

/**
 * The three cells every results table shows for a question or an area: the favourable
 * share, its 95 % interval and n. Below k all three are withheld; even a count of 1 next
 * to a known resident says too much.
 */
export function ShareCells({ summary, k, percent, suppressedLabel, hiddenN, testId }: {
  summary: ShareSummary;
  k: number;
  percent: (share: number) => string;
  suppressedLabel: string;
  /** What the n cell of a hidden cell says, when it is not "< k" (a cell hidden to protect another). */
  hiddenN?: string;
  /** Names the share and n cells `share-<testId>` and `n-<testId>` for tests. */
  testId?: string;
}) {
  const { estimate } = summary;
  return (
    <>
      <td className="num" data-testid={testId && `share-${testId}`}>
        {estimate ? percent(estimate.share) : suppressedLabel}
      </td>
      <td className="num">{estimate ? `${percent(estimate.low)}–${percent(estimate.high)}` : "—"}</td>
      <td className="num" data-testid={testId && `n-${testId}`}>
        {summary.suppressed ? (hiddenN ?? `< ${k}`) : summary.n}
      </td>
    </>
  );
}

/** A wide table that scrolls sideways on a phone, reachable and named for keyboard users. */
export function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
