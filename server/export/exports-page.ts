import "server-only";
import { getDb } from "@/db/client";
import { listExportLog } from "@/db/queries/export-log";
import { listAccessTokens } from "@/db/queries/tokens";
import { listWaves } from "@/db/queries/waves";
import type { StaffUser } from "@/server/auth/session";
import { throughGate } from "@/server/results/gate";

export type { ExportLogListing } from "@/db/queries/export-log";

/**
 * The research exports page: every wave, with whether the gate lets its results be
 * exported yet; the reader's access tokens and export log (an admin's: everyone's, since a
 * leaked token must be stoppable).
 */
export async function exportsPage(user: StaffUser) {
  const db = await getDb();
  const everyone = user.role === "admin";
  const [waves, tokens, log] = await Promise.all([
    listWaves({ db }),
    listAccessTokens({ db, userId: user.id, everyone }),
    listExportLog({ db, actorId: everyone ? undefined : user.id }),
  ]);
  return {
    everyone,
    waves: waves.map((wave) => ({ ...wave, exportable: throughGate(wave, "staff") !== null })),
    tokens,
    log,
  };
}
