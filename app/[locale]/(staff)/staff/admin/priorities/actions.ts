"use server";

import { electionSchema, prioritySchema, removePrioritySchema } from "@/lib/priorities/admin-schema";
import { staffAction } from "@/server/auth/staff-action";
import * as admin from "@/server/priorities/admin";

/* A town's priorities in a wave, for admins ("waves.manage"), each validated with the schema its form uses. */

export const saveElection = staffAction("savePriorityElection", electionSchema, "waves.manage", (input, user) => admin.saveElection(user, input));

export const savePriority = staffAction("savePriority", prioritySchema, "waves.manage", (input, user) => admin.savePriority(user, input));

export const removePriority = staffAction("removePriority", removePrioritySchema, "waves.manage", (input, user) => admin.removePriority(user, input));
