import "server-only";
import type { Wave } from "@/db/schema";
import { resultsVisible, type Audience } from "@/lib/survey/wave-rules";

declare const passedTheGate: unique symbol;

/**
 * A wave whose results the gate has let through for one audience. Every loader of results
 * (answers, shares, breakdowns, response counts) and every export takes one, so a new
 * surface cannot read results without asking the gate first: the type cannot be made
 * anywhere else, and lint keeps the rollup reads (db/queries/rollups, db/queries/export)
 * inside server/results and server/export.
 */
export type VisibleWave<W extends Wave = Wave> = W & { readonly [passedTheGate]: Audience };

/**
 * The one gate for what a reader may see of a wave's results: the wave, marked as visible,
 * or null while it is hidden from this audience (lib/survey/wave-rules.ts: staff see an open
 * wave's results unless it hides them until it closes; the public only once it has closed).
 */
export function throughGate<W extends Wave>(wave: W, audience: Audience): VisibleWave<W> | null {
  return resultsVisible(wave, audience) ? (wave as VisibleWave<W>) : null;
}
