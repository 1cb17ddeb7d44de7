"use server";

import { closeAssignmentSchema, createAssignmentSchema, reviewInterviewSchema } from "@/lib/fieldwork/supervision-schema";
import { staffAction } from "@/server/auth/staff-action";
import * as supervision from "@/server/fieldwork/supervision";
import { reviewInterview as review } from "@/server/fieldwork/review";

/*
 * The supervisor's actions ("fieldwork.supervise"); each use-case checks the town scope
 * itself. Nothing here logs an answer or a reason.
 */

export const createAssignment = staffAction<typeof createAssignmentSchema, { cells: number }>("createAssignment", createAssignmentSchema, "fieldwork.supervise", async (input, user) => ({
  status: "ok",
  cells: (await supervision.createAssignment(user, input)).cells.length,
}));

export const closeAssignment = staffAction("closeAssignment", closeAssignmentSchema, "fieldwork.supervise", async (input, user) => {
  await supervision.closeAssignment(user, input);
});

export const reviewInterview = staffAction("reviewInterview", reviewInterviewSchema, "fieldwork.supervise", async (input, user) => {
  await review(user, input);
});
