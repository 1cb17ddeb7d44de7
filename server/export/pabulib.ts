import "server-only";
import { randomInt } from "node:crypto";
import { getDb, type Db } from "@/db/client";
import { getPriorityBallots, getPriorityElection, listPriorityElectionTowns, logPriorityExport } from "@/db/queries/priority-results";
import { getWaveTownContext } from "@/db/queries/waves";
import type { LocalizedText } from "@/lib/i18n/locales";
import { toPabulib, type PabulibMeta } from "@/lib/participation/pabulib";
import { rolesFor } from "@/lib/auth/permissions";
import { apiCallerOrResponse } from "@/server/auth/api-caller";
import { throughGate, type VisibleWave } from "@/server/results/gate";
import { electionOf } from "@/server/results/priorities";
import { exportSlots, exportsBusy, isBusy } from "./slots";

/** A uniform shuffle (Fisher–Yates) from the operating system's randomness. */
export function cryptoShuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Pabulib writes dates as dd.mm.yyyy. */
const pabulibDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export type PabulibExport =
  | { status: "ok"; text: string; fileName: string; ballots: number }
  /** The town has no priorities step in the wave. */
  | { status: "none" }
  /** No budget, or a priority without a cost: Pabulib needs both. */
  | { status: "not-countable" };

/**
 * One town's priorities step in a wave as a Pabulib `.pb` file (docs/decisions/0014,
 * "Pabulib export"): META, PROJECTS (id, cost, votes, English title, and the area it
 * answers as `category`) and VOTES. **Ballots only**: every ballot of the step, empty ones
 * included (equal shares divides the budget by all of them), with voter ids 1..n in an
 * order shuffled afresh for each download, so a voter's number cannot be matched to a row of
 * the microdata export (which is in response id order); no other column about the resident.
 * `shuffle` is for tests.
 */
export async function townPabulib({ db, wave, town, shuffle = cryptoShuffle }: {
  db: Db;
  wave: VisibleWave;
  town: { id: number; code: string; name: { en: string } };
  shuffle?: <T>(items: readonly T[]) => T[];
}): Promise<PabulibExport> {
  const stored = await getPriorityElection({ db, waveId: wave.id, townId: town.id });
  if (!stored) return { status: "none" };
  if (stored.budget === null || stored.priorities.some((priority) => priority.cost === null)) return { status: "not-countable" };
  const election = electionOf(stored);
  const rows = await getPriorityBallots({ db, waveId: wave.id, townId: town.id });
  const meta: PabulibMeta = {
    description: `Qala Pulse: residents' priorities in ${town.name.en}, survey wave ${wave.slug} (a survey of priorities, not a binding vote)`,
    country: "Kazakhstan",
    unit: town.name.en,
    instance: wave.slug,
    budget: String(stored.budget),
    // The rule Consul Democracy would apply; the page also shows equal shares (Add1, then greedy).
    rule: "greedy",
    date_begin: pabulibDate(wave.opensOn),
    date_end: pabulibDate(wave.closesOn),
    min_length: "0",
    // The ballot's limit: how many priorities (approval) or their total cost (budget rule).
    ...(election.rule.kind === "approval" ? { max_length: String(election.rule.maxChoices) } : { max_sum_cost: String(stored.budget) }),
    currency: "KZT",
  };
  const text = toPabulib({
    meta,
    projects: stored.priorities.map((priority) => ({
      id: String(priority.id),
      cost: priority.cost!,
      name: priority.title.en,
      extra: { category: priority.areaId ?? "" },
    })),
    votes: shuffle(rows.map((row) => row.choices.map(String))),
  });
  return { status: "ok", text, fileName: `${wave.slug}-${town.code}-priorities.pb`, ballots: rows.length };
}

const problem = (status: number, error: string, message: string) => Response.json({ error, message }, { status });

/**
 * GET /api/v1/waves/<wave>/towns/<town>/priorities.pb: researchers and admins, signed in or
 * with a personal access token, as the research export. Checks who asks (401/403), the wave
 * and town (404), whether the gate lets the wave's results be seen (409), then logs the
 * download (who, wave, town, number of ballots) to the export log.
 */
export async function servePriorityPabulib(request: Request, slug: string, townCode: string): Promise<Response> {
  const caller = await apiCallerOrResponse(request, rolesFor("export.download"));
  if (caller instanceof Response) return caller;
  const db = await getDb();
  const context = await getWaveTownContext({ db, slug, townCode });
  if (!context) return problem(404, "unknown wave or town", `No town "${townCode}" in a survey wave "${slug}".`);
  const wave = throughGate(context.wave, "staff");
  if (!wave) {
    return problem(409, "hidden until closed", `The results of "${slug}" are hidden until the wave closes on ${context.wave.closesOn}; it cannot be exported before then.`);
  }
  // An export like the others: it reads every ballot of the town, so it takes an export slot
  // (server/export/slots.ts) while it does; the file is then sent from memory.
  const slot = exportSlots.take();
  if (isBusy(slot)) return exportsBusy(slot.retryAfterSeconds);
  let file: PabulibExport;
  try {
    file = await townPabulib({ db, wave, town: context.town });
    if (file.status === "ok") await logPriorityExport({ db, requester: caller, waveId: wave.id, townCode, ballots: file.ballots });
  } finally {
    slot.release();
  }
  if (file.status === "none") return problem(404, "no priorities", `The wave "${slug}" asks no priorities in "${townCode}".`);
  if (file.status === "not-countable") return problem(409, "not countable", `The priorities of "${townCode}" in "${slug}" lack a budget or a cost, which a Pabulib file needs.`);
  return new Response(file.text, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": "no-store",
    },
  });
}

/** For the exports page: each wave's towns with a priorities step, whose `.pb` file can be downloaded once the wave is exportable. */
export async function pabulibDownloads(): Promise<Map<number, Array<{ code: string; name: LocalizedText }>>> {
  const byWave = new Map<number, Array<{ code: string; name: LocalizedText }>>();
  for (const row of await listPriorityElectionTowns({ db: await getDb() })) {
    byWave.set(row.waveId, [...(byWave.get(row.waveId) ?? []), { code: row.code, name: row.name }]);
  }
  return byWave;
}
