import "server-only";
import { desc } from "drizzle-orm";
import type { AuditAction } from "@/lib/audit-actions";
import type { Db } from "../client";
import { auditLog } from "../schema";

export interface Actor {
  id: string;
  email: string;
}

/**
 * Records what a staff member changed. Call it with the transaction that made the change,
 * so the change and its record are written together or not at all.
 */
export async function recordAudit({ db, actor, action, detail }: { db: Db; actor: Actor; action: AuditAction; detail: Record<string, unknown> }) {
  await db.insert(auditLog).values({ actorId: actor.id, actorEmail: actor.email, action, detail });
}

export async function recentAudit({ db, limit = 50 }: { db: Db; limit?: number }) {
  return db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
}
