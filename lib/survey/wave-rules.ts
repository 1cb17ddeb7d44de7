/** The rules of a wave's life (draft → open → closed) that pages, routes and the write path share. */

/** Whether a wave takes answers on the given day (status open and the day within its dates). */
export function isWaveOpen(wave: { status: string; opensOn: string; closesOn: string }, day: string): boolean {
  return wave.status === "open" && wave.opensOn <= day && day <= wave.closesOn;
}

/**
 * Who reads a wave's results: staff (officials, researchers, admins) may see an open wave's
 * results when the wave allows it; the public sees results only once the wave has closed,
 * whatever the wave allows staff, since figures that move while answers arrive would let
 * anyone who knows when a neighbour answered read that neighbour's answers.
 */
export type Audience = "staff" | "public";

/** Whether a wave's results (answers, shares, breakdowns, response counts) may be shown to this audience. */
export function resultsVisible(wave: { status: string; hideResultsUntilClosed: boolean }, audience: Audience = "staff"): boolean {
  if (wave.status === "closed") return true;
  return audience === "staff" && !wave.hideResultsUntilClosed;
}
