import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { COMMITMENT_COLUMNS, commitmentsCsv, parseCommitmentsCsv, type CommitmentRecord } from "@/lib/commitments/csv";
import { changesBetween, createCommitmentSchema, isEvidenceUrl, isOverdue, missingLanguages, stateOf, textIn } from "@/lib/commitments/fields";

const empty = { kk: "", ru: "", en: "" };
const input = (overrides: Record<string, unknown> = {}) => ({
  townCode: "ridder",
  waveSlug: "demo-2025",
  linkKind: "area",
  linkTarget: "jobs",
  heard: { kk: "", ru: "Трудно найти работу.", en: "" },
  action: { kk: "Жәрмеңке өткізу.", ru: "Провести ярмарку.", en: "Hold a job fair." },
  responsibleBody: { kk: "", ru: "Центр занятости", en: "" },
  dueOn: "2027-05-01",
  status: "planned",
  progress: 0,
  declineReason: empty,
  evidence: "",
  note: empty,
  ...overrides,
});
const issuesOf = (value: unknown) => {
  const result = createCommitmentSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
};

describe("a commitment's fields", () => {
  it("takes a text in one language and says which languages are missing", () => {
    expect(issuesOf(input())).toEqual([]);
    expect(missingLanguages({ kk: "", ru: "Трудно найти работу.", en: " " })).toEqual(["kk", "en"]);
    expect(issuesOf(input({ action: empty }))).toEqual([["action.en", "commitments.errors.actionRequired"]]);
  });

  it("needs a reason to decline, 100 % to be done, and a progress from 0 to 100", () => {
    expect(issuesOf(input({ status: "declined" }))).toEqual([["declineReason.en", "commitments.errors.declineReasonRequired"]]);
    expect(issuesOf(input({ status: "declined", declineReason: { kk: "Қаражат жоқ.", ru: "", en: "" } }))).toEqual([]);
    expect(issuesOf(input({ status: "done", progress: 90 }))).toEqual([["progress", "commitments.errors.doneProgress"]]);
    expect(issuesOf(input({ progress: 101 }))).toEqual([["progress", "commitments.errors.progress"]]);
    expect(issuesOf(input({ progress: 2.5 }))).toEqual([["progress", "commitments.errors.progress"]]);
  });

  it("takes http and https evidence links only", () => {
    expect(["https://gov.kz/a", "http://example.org/x?y=1"].every(isEvidenceUrl)).toBe(true);
    expect(["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/f", "example.org", "https://"].some(isEvidenceUrl)).toBe(false);
    expect(issuesOf(input({ evidence: "https://gov.kz/a\njavascript:alert(1)" }))).toEqual([["evidence", "commitments.errors.evidenceUrl"]]);
    expect(stateOf(input({ evidence: " https://gov.kz/a \n\nhttps://gov.kz/a https://gov.kz/b " }) as never).evidenceUrls).toEqual(["https://gov.kz/a", "https://gov.kz/b"]);
  });

  it("keeps a decline reason only while declined", () => {
    expect(stateOf(input({ declineReason: { kk: "", ru: "Нет денег", en: "" } }) as never).declineReason).toBeNull();
    expect(stateOf(input({ status: "declined", declineReason: { kk: "", ru: " Нет денег ", en: "" } }) as never).declineReason).toEqual({ kk: "", ru: "Нет денег", en: "" });
  });

  it("lists what changed, old → new, whatever the order of a text's languages", () => {
    const before = stateOf(input() as never);
    const reordered = { ...before, action: { en: before.action.en, ru: before.action.ru, kk: before.action.kk } };
    expect(changesBetween(before, reordered)).toEqual({});
    expect(changesBetween(before, { ...before, status: "in_progress", progress: 30 })).toEqual({ status: { from: "planned", to: "in_progress" }, progress: { from: 0, to: 30 } });
    expect(Object.keys(changesBetween(null, before))).toContain("heard");
  });

  it("is overdue when due before today and not done or declined", () => {
    expect(isOverdue({ dueOn: "2026-11-30", status: "in_progress" }, "2026-12-01")).toBe(true);
    expect(isOverdue({ dueOn: "2026-12-01", status: "planned" }, "2026-12-01")).toBe(false);
    expect(isOverdue({ dueOn: "2026-01-01", status: "done" }, "2026-12-01")).toBe(false);
    expect(isOverdue({ dueOn: "2026-01-01", status: "declined" }, "2026-12-01")).toBe(false);
  });

  it("shows a text in the reader's language, else in one it has", () => {
    expect(textIn({ kk: "", ru: "Текст", en: "Text" }, "kk")).toEqual({ text: "Текст", language: "ru" });
    expect(textIn({ kk: "Мәтін", ru: "Текст", en: "Text" }, "kk")).toEqual({ text: "Мәтін", language: "kk" });
    expect(textIn(empty, "en")).toBeNull();
  });
});

describe("commitments as CSV", () => {
  const record: CommitmentRecord = {
    id: 7,
    townCode: "ridder",
    waveSlug: "demo-2025",
    ...stateOf(input({ evidence: "https://gov.kz/a https://gov.kz/b" }) as never),
    // A text a spreadsheet would run as a formula, and one with a quote, a comma and a line break.
    heard: { kk: "=1+1", ru: "Сказали: \"нет работы\", и всё.\nВторая строка", en: "-2 is bad" },
  };

  it("writes the import's columns, with a BOM, and reads its own file back to the same commitment", () => {
    const csv = commitmentsCsv([record]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(Papa.parse<string[]>(csv.slice(1)).data[0]).toEqual([...COMMITMENT_COLUMNS]);
    // Neutralised for spreadsheets: the formula-like cell starts with a quote in the file.
    expect(csv).toContain(",'=1+1,");
    const parsed = parseCommitmentsCsv(csv);
    expect(parsed).toEqual({
      ok: true,
      rows: [{ line: 2, id: 7, townCode: "ridder", waveSlug: "demo-2025", state: { ...stateOf(input({ evidence: "https://gov.kz/a https://gov.kz/b" }) as never), heard: record.heard }, note: empty }],
    });
  });

  it("reads a semicolon-separated file as Excel saves it, and a row without an id as a new commitment", () => {
    const rows = Papa.parse<string[]>(commitmentsCsv([record]).slice(1)).data.filter((row) => row.length > 1);
    rows[1]![0] = "";
    const semicolons = Papa.unparse(rows, { delimiter: ";" });
    const parsed = parseCommitmentsCsv(semicolons);
    expect(parsed.ok && parsed.rows[0]!.id).toBeNull();
  });

  it("reports every bad row with its row number and column, and returns no rows", () => {
    const [header, row] = Papa.parse<string[]>(commitmentsCsv([record]).slice(1)).data;
    const at = (name: string) => header!.indexOf(name);
    const bad = [...row!];
    bad[at("status")] = "finished";
    const alsoBad = [...row!];
    alsoBad[at("id")] = "8";
    alsoBad[at("progress")] = "lots";
    const badLink = [...row!];
    badLink[at("id")] = "9";
    badLink[at("evidence")] = "javascript:alert(1)";
    badLink[at("heard_kk")] = badLink[at("heard_ru")] = badLink[at("heard_en")] = "";
    const duplicate = [...row!];
    const outcome = parseCommitmentsCsv(Papa.unparse([header!, row!, bad, alsoBad, badLink, duplicate]));
    expect(outcome).toEqual({
      ok: false,
      issues: [
        { line: 3, column: "id", key: "commitments.import.duplicateId", params: { line: 2 } },
        { line: 3, column: "status", key: "commitments.errors.status" },
        { line: 4, column: "progress", key: "commitments.errors.progress" },
        { line: 5, column: "heard_en", key: "commitments.errors.heardRequired" },
        { line: 5, column: "evidence", key: "commitments.errors.evidenceUrl" },
        { line: 6, column: "id", key: "commitments.import.duplicateId", params: { line: 2 } },
      ],
    });
  });

  it("refuses a file without the columns, or without rows", () => {
    expect(parseCommitmentsCsv("id,town\n1,ridder")).toMatchObject({ ok: false, issues: [{ line: 1, key: "commitments.import.missingColumns" }] });
    expect(parseCommitmentsCsv(COMMITMENT_COLUMNS.join(","))).toEqual({ ok: false, issues: [{ line: null, column: null, key: "commitments.import.noRows" }] });
    expect(parseCommitmentsCsv("")).toMatchObject({ ok: false });
  });
});
