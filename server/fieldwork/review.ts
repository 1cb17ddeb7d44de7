import "server-only";
import { getDb, type Db } from "@/db/client";
import { recordAudit } from "@/db/queries/audit";
import { getInterviewScope } from "@/db/queries/fieldwork";
import { reviewInterview as reviewInterviewRow, type ReviewDecision } from "@/db/queries/interview-review";
import { AppError } from "@/lib/errors";
import { may } from "@/lib/auth/permissions";
import { todayInKazakhstan } from "@/lib/time";
import { requireTownScope } from "./scope";

type Caller = Parameters<typeof requireTownScope>[0] & { id: string; email: string };

/**
 * A supervisor approves or rejects an interview, with a reason (required to reject), while
 * its wave is open. The decision, the response's counts in every rollup and the audit entry
 * (who, which response, why) are written in one transaction; a rejected interview leaves
 * every figure and export at once. Refused: 403 outside the caller's towns, 404 for an
 * unknown interview, 409 once the wave has closed (its figures are final).
 */
export async function reviewInterview(
  user: Caller,
  { responseId, decision, reason }: { responseId: string; decision: ReviewDecision; reason: string },
  { db: given, now = new Date() }: { db?: Db; now?: Date } = {},
) {
  if (!may(user.role, "fieldwork.supervise")) throw new AppError("errors.forbidden", 403);
  const db = given ?? (await getDb());
  const scope = await getInterviewScope({ db, responseId });
  if (!scope) throw new AppError("supervision.errors.interviewNotFound", 404);
  requireTownScope(user, scope.townCode);
  const text = reason.trim();
  if (decision === "reject" && text.length === 0) throw new AppError("supervision.errors.reasonRequired", 400, "reason");
  const outcome = await db.transaction(async (tx) => {
    const result = await reviewInterviewRow({ db: tx, responseId, decision, reason: text || null, reviewerId: user.id, day: todayInKazakhstan(now) });
    if (result.status === "reviewed") await recordAudit({ db: tx, actor: user, action: decision === "reject" ? "interview.reject" : "interview.approve", detail: { responseId, reason: text || null } });
    return result;
  });
  if (outcome.status === "unknown") throw new AppError("supervision.errors.interviewNotFound", 404);
  if (outcome.status === "waveClosed") throw new AppError("supervision.errors.waveClosed", 409);
  return { counted: outcome.counted };
}
