import { describe, expect, it } from "vitest";
import { interviewSchema, MAX_INTERVIEW_SECONDS } from "@/lib/fieldwork/interview-schema";

const valid = { assignmentId: 3, durationSeconds: 900, consentGiven: true, startedAt: "2026-06-01T09:30:00.000Z", ageBandRefused: false, sexRefused: false };
const errorsOf = (input: unknown) => {
  const parsed = interviewSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("interviewSchema", () => {
  it("takes what a device sends, an offset start time too", () => {
    expect(errorsOf(valid)).toEqual([]);
    expect(errorsOf({ ...valid, startedAt: "2026-06-01T14:30:00+05:00" })).toEqual([]);
    expect(errorsOf({ ...valid, durationSeconds: MAX_INTERVIEW_SECONDS })).toEqual([]);
  });

  it("refuses a length that is not whole seconds within a day, and says which field", () => {
    for (const durationSeconds of [-1, 1.5, MAX_INTERVIEW_SECONDS + 1, "900"]) {
      expect(errorsOf({ ...valid, durationSeconds })).toEqual(["durationSeconds: fieldwork.errors.invalidDuration"]);
    }
  });

  it("refuses a start that is no date and time, and a missing assignment", () => {
    expect(errorsOf({ ...valid, startedAt: "yesterday" })).toEqual(["startedAt: fieldwork.errors.invalidStart"]);
    expect(errorsOf({ ...valid, startedAt: "2026-06-01" })).toEqual(["startedAt: fieldwork.errors.invalidStart"]);
    expect(errorsOf({ ...valid, assignmentId: undefined })).toEqual(["assignmentId: fieldwork.errors.invalidInterview"]);
  });
});
