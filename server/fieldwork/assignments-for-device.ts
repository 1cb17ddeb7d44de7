import "server-only";
import { getDb } from "@/db/client";
import { listAssignmentsOfInterviewer, type DeviceAssignment } from "@/db/queries/device-assignments";
import { runAction, type ActionResult } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { todayInKazakhstan } from "@/lib/time";
import { authenticateDevice, deviceCredentialOf } from "./devices";

export type DeviceSync = { interviewer: { name: string }; assignments: DeviceAssignment[] };

/**
 * What an interviewer's device syncs: the interviewer's assignments with their quota cells
 * and completes. A credential nobody issued, or revoked, is 401; a disabled account 403
 * (its device may still send interviews started before the disable, but gets no more work).
 */
export async function assignmentsForDevice(authorization: string | null, now = new Date()): Promise<ActionResult<DeviceSync>> {
  return runAction<DeviceSync>("assignmentsForDevice", async () => {
    const credential = deviceCredentialOf(authorization);
    if (!credential) throw new AppError("fieldwork.errors.deviceUnknown", 401);
    const interviewer = await authenticateDevice(credential);
    if (interviewer.disabledAt !== null && interviewer.disabledAt <= now) throw new AppError("fieldwork.errors.interviewerDisabled", 403);
    const assignments = await listAssignmentsOfInterviewer({ db: await getDb(), interviewerId: interviewer.userId, day: todayInKazakhstan(now), now });
    return { status: "ok", interviewer: { name: interviewer.name }, assignments };
  });
}
