import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DisclosureReport, ExportOptions } from "@/lib/export/types";
import type { Db } from "../client";
import { exportLog, waves } from "../schema";

/** Who asked for an export, and through which door: a signed-in page or a personal access token. */
export interface ExportRequester {
  user: { id: string; email: string };
  via: "page" | "token";
  tokenId: number | null;
}

/**
 * Logs an export as it starts, so a download that is broken off is on record too; `rows`
 * stays null until `finishExportLog` says how many were sent. Holds the options and the
 * disclosure report only: never a row of the data.
 */
export async function startExportLog({ db, requester, waveId, options, disclosure }: { db: Db; requester: ExportRequester; waveId: number; options: ExportOptions; disclosure: DisclosureReport }) {
  const [row] = await db
    .insert(exportLog)
    .values({
      actorId: requester.user.id,
      actorEmail: requester.user.email,
      via: requester.via,
      tokenId: requester.tokenId,
      waveId,
      kind: options.kind,
      format: options.format,
      options: { ...options },
      disclosure: { ...disclosure },
    })
    .returning({ id: exportLog.id });
  return row!.id;
}

/** The rows actually sent and the final report, once the file has been streamed to the end. */
export async function finishExportLog({ db, id, rows, disclosure }: { db: Db; id: number; rows: number; disclosure: DisclosureReport }) {
  await db.update(exportLog).set({ rows, disclosure: { ...disclosure } }).where(eq(exportLog.id, id));
}

/** Recent exports, newest first: one user's, or (for admins) everyone's. */
export async function listExportLog({ db, actorId, limit = 50 }: { db: Db; actorId?: string; limit?: number }) {
  return db
    .select({
      id: exportLog.id,
      at: exportLog.at,
      actorEmail: exportLog.actorEmail,
      via: exportLog.via,
      waveSlug: waves.slug,
      kind: exportLog.kind,
      format: exportLog.format,
      options: exportLog.options,
      disclosure: exportLog.disclosure,
      rows: exportLog.rows,
    })
    .from(exportLog)
    .innerJoin(waves, eq(waves.id, exportLog.waveId))
    .where(actorId === undefined ? undefined : eq(exportLog.actorId, actorId))
    .orderBy(desc(exportLog.at), desc(exportLog.id))
    .limit(limit);
}
export type ExportLogListing = Awaited<ReturnType<typeof listExportLog>>[number];
