import { describe, expect, it } from "vitest";
import { cellStatus, interviewDuration, interviewSubmission, missingRequired, type SyncedAssignment } from "@/lib/fieldwork/interview";
import { getQuestionnaire, itemRules, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";

const rules = itemRules(getQuestionnaire(latestQuestionnaireVersion)!);
const names = { kk: "Риддер", ru: "Риддер", en: "Ridder" };
const assignment: SyncedAssignment = {
  id: 7,
  wave: { id: 3, slug: "demo-2026", name: names, questionnaireVersion: latestQuestionnaireVersion, open: true },
  town: { id: 11, code: "ridder", name: names },
  target: 10,
  completes: 5,
  closed: false,
  cells: [
    { ageBand: 1, sex: 1, target: 3, completes: 3, full: true },
    { ageBand: 1, sex: 2, target: 3, completes: 1, full: false },
  ],
};

describe("the interviewer's device", () => {
  it("says a cell is full only when the last sync said so, and cannot tell when age band or sex was refused", () => {
    expect(cellStatus(assignment, 1, 1)).toBe("full");
    expect(cellStatus(assignment, 1, 2)).toBe("open");
    expect(cellStatus(assignment, 1, null)).toBe("unknown");
    expect(cellStatus(assignment, 4, 2)).toBe("unknown");
  });

  it("times an interview in whole seconds from the first question to the last answer", () => {
    expect(interviewDuration(1_000, 901_400)).toBe(900);
    expect(interviewDuration(5_000, 4_000)).toBe(0);
  });

  it("asks for required answers of the step, never for age band or sex, nor for items skip logic hides", () => {
    expect(missingRequired(rules, {}, ["age_band", "sex", "employment", "sat_akimat_services"])).toEqual(["sat_akimat_services"]);
    expect(missingRequired(rules, { sat_akimat_services: "2" }, ["sat_akimat_services"])).toEqual([]);
    expect(missingRequired(rules, { employment: "5" }, ["employment", "obstacle_finance"])).toEqual([]);
    expect(missingRequired(rules, { employment: "3" }, ["employment", "obstacle_finance"])).toEqual(["obstacle_finance"]);
  });

  it("builds the submission: codes as numbers, a refusal as an absent answer with its flag, the start as an ISO time", () => {
    const submission = interviewSubmission(rules, {
      responseId: "0b7a3f0e-6f0c-4f7e-9a43-0a2f1c9b8d11",
      assignment,
      locale: "kk",
      answers: { employment: "5", sex: "2", age_band: "1", plan_leave_2y: "", obstacle_finance: "2" },
      ageBand: 1,
      sex: null,
      consentAtMs: Date.UTC(2026, 11, 2, 5, 0, 0),
      firstShownMs: 10_000,
      lastAnswerMs: 70_600,
    });
    expect(submission).toMatchObject({ waveId: 3, townId: 11, locale: "kk", questionnaireVersion: latestQuestionnaireVersion });
    expect(submission.answers).toEqual({ employment: 5, age_band: 1 });
    expect(submission.interview).toEqual({
      assignmentId: 7,
      durationSeconds: 61,
      consentGiven: true,
      startedAt: "2026-12-02T05:00:00.000Z",
      ageBandRefused: false,
      sexRefused: true,
    });
  });
});
