import Ajv from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { codebookFiles, codebookMarkdown, type CodebookInput, dataPackage, rScript, spssSyntax, stataDo } from "@/lib/export/codebook";
import { stataString } from "@/lib/export/codebook/stata-do";
import { spssString } from "@/lib/export/codebook/spss-syntax";
import { rString } from "@/lib/export/codebook/r-script";
import { aggregateColumns } from "@/lib/export/aggregates";
import { exportFileName } from "@/lib/export/formats";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export/types";
import tabularDataPackageV1 from "@/tests/fixtures/frictionless/tabular-data-package-1.0.json";
import tableSchemaV2Fields from "@/tests/fixtures/frictionless/tableschema-2.0-fields.json";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { sampleColumns, sampleTable } from "@/tests/support/export-table";

const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;

function input(format: ExportFormat = "csv", language?: CodebookInput["language"]): CodebookInput {
  const { report } = sampleTable();
  return { wave: "demo-2026", options: { kind: "microdata", format, k: 10, includeText: true }, date: "2026-05-02", columns: sampleColumns, report, language };
}

// The profiles carry editor hints ("propertyOrder", format "textarea") that are not JSON Schema.
const v1 = addFormats(new AjvDraft04({ strict: false, allErrors: true }));
v1.addFormat("textarea", true);
const validateV1 = v1.compile(tabularDataPackageV1);
const validateV2Schema = addFormats(new Ajv({ strict: false, allErrors: true })).compile(tableSchemaV2Fields);

interface Descriptor {
  profile?: string;
  resources: Array<{ path: string; format: string; dialect?: object; disclosure: object; schema: { missingValues: string[]; fields: Field[] } }>;
}
interface Field {
  name: string;
  type: string;
  description?: string;
  decimalChar?: string;
  categories?: Array<{ value: number | string; label: string; translations: object }>;
  missingValues: Array<{ value: string; label: string }>;
  translations: Record<string, { title: string; description?: string }>;
}

describe("datapackage.json", () => {
  it("is a valid Tabular Data Package v1 for CSV and Parquet, and a valid v2 Table Schema for every format", () => {
    for (const format of EXPORT_FORMATS) {
      const descriptor = dataPackage(input(format)) as Descriptor;
      if (format !== "json") {
        expect(validateV1(descriptor), `${format}: ${JSON.stringify(validateV1.errors)}`).toBe(true);
      }
      expect(validateV2Schema(descriptor.resources[0]!.schema), `${format}: ${JSON.stringify(validateV2Schema.errors)}`).toBe(true);
    }
  });

  it("fails the profiles when a field breaks them, so the check above has teeth", () => {
    const descriptor = dataPackage(input("csv")) as Descriptor;
    const field = descriptor.resources[0]!.schema.fields[2]!;
    const broken = { ...descriptor.resources[0]!.schema, fields: [{ ...field, missingValues: [{ value: -1 }] }] };
    expect(validateV2Schema(broken)).toBe(false);
    expect(validateV1({ ...descriptor, profile: "data-package" })).toBe(false);
  });

  it("points at the data file and says how to read it", () => {
    const [csv] = (dataPackage(input("csv")) as Descriptor).resources;
    expect(csv).toMatchObject({ path: exportFileName("demo-2026", input().options, "2026-05-02"), format: "csv", mediatype: "text/csv", encoding: "utf-8" });
    expect(csv!.dialect).toEqual({ delimiter: ",", doubleQuote: true, lineTerminator: "\n", header: true });
    const [excel] = (dataPackage(input("csv-excel")) as Descriptor).resources;
    expect(excel!.path).toMatch(/_excel\.csv$/);
    expect(excel!.dialect).toMatchObject({ delimiter: ";", lineTerminator: "\r\n" });
    expect(excel!.schema.fields.find((field) => field.name === "weight")!.decimalChar).toBe(",");
    const [json] = (dataPackage(input("json")) as Descriptor).resources;
    expect(json!.dialect).toEqual({ property: "rows", itemType: "array", header: false });
    const [parquet] = (dataPackage(input("parquet")) as Descriptor).resources;
    expect(parquet).toMatchObject({ format: "parquet", mediatype: "application/vnd.apache.parquet" });
    expect(parquet).not.toHaveProperty("encoding");
  });

  it("labels values, documents missing codes, and carries the question in three languages and the disclosure report", () => {
    const [resource] = (dataPackage(input()) as Descriptor).resources;
    expect(resource!.schema.missingValues).toEqual([""]);
    // Made before the rows are read, the codebook claims no count of replacements.
    const { freeText, ...report } = sampleTable().report;
    expect(resource!.disclosure).toEqual({ ...report, freeText: { included: freeText!.included } });
    const item = resource!.schema.fields.find((field) => field.name === "sat_public_transport")!;
    expect(item.type).toBe("integer");
    expect(item.description).toBe('How satisfied are you with "public transport" in your town?');
    expect(item.translations.ru!.description).toBe("Насколько вы удовлетворены общественным транспортом в вашем городе?");
    expect(item.translations.kk!.title).toBe("Қоғамдық көлік");
    expect(item.categories!.map(({ value, label }) => [value, label])).toEqual([
      [4, "Very satisfied"],
      [3, "Rather satisfied"],
      [2, "Rather unsatisfied"],
      [1, "Not at all satisfied"],
    ]);
    expect(item.categories![0]!.translations).toEqual({ kk: { label: "Толығымен қанағаттанамын" }, ru: { label: "Очень удовлетворён(а)" } });
    expect(item.missingValues.map(({ value, label }) => [value, label])).toEqual([
      ["", "No answer: not asked, left unanswered or suppressed"],
      ["-1", "Don't know"],
    ]);
    const town = resource!.schema.fields.find((field) => field.name === "town")!;
    expect(town.categories!.map(({ value }) => value)).toEqual(["ridder", "kurchatov"]);
  });
});

describe("codebook", () => {
  const markdown = codebookMarkdown(input());

  it("gives every column's question and value labels in Kazakh, Russian and English", () => {
    for (const column of sampleColumns) {
      expect(markdown).toContain(`### \`${column.name}\` (${column.type})`);
      for (const text of Object.values(column.title)) expect(markdown).toContain(text);
    }
    expect(markdown).toContain("| Қазақша | Қоғамдық көлік | Қалаңыздағы қоғамдық көлікке қаншалықты қанағаттанасыз? |");
    expect(markdown).toContain("| Русский | Общественный транспорт | Насколько вы удовлетворены общественным транспортом в вашем городе? |");
    expect(markdown).toContain('| English | Public transport | How satisfied are you with "public transport" in your town? |');
    expect(markdown).toContain("| 4 | Толығымен қанағаттанамын | Очень удовлетворён(а) | Very satisfied |  |");
    expect(markdown).toContain("| -1 | Білмеймін | Затрудняюсь ответить | Don't know | yes |");
  });

  it("tells in words what disclosure control did", () => {
    expect(markdown).toContain("shared by at least 10 rows");
    expect(markdown).toContain('`age_band`: "18–29", "30–44" merged into "18–44" to reach k.');
    expect(markdown).toContain("`town`: 1 value blanked on single rows (local suppression).");
    expect(markdown).toContain('Free-text answers included: phone numbers, e-mail addresses and long numbers are replaced by "[removed]"');
    expect(markdown).toContain("every answer is flagged 1 in its `_review` column");
    expect(markdown).not.toMatch(/replacements/);
  });

  it("keeps a pipe or a line break in a label inside its table cell", () => {
    const columns = [{ ...sampleColumns[0]!, title: { kk: "a|b", ru: "c\nd", en: "e" } }];
    const text = codebookMarkdown({ ...input(), columns });
    expect(text).toContain("| Қазақша | a\\|b |  |");
    expect(text).toContain("| Русский | c d |  |");
  });
});

describe("R script", () => {
  it("reads the CSV and sets factor levels and labels, with quotes escaped", () => {
    const script = rScript(input());
    expect(script).toContain(`data <- read.csv("${exportFileName("demo-2026", input().options, "2026-05-02")}", fileEncoding = "UTF-8", na.strings = ""`);
    expect(script).toContain(
      'data[["sat_public_transport"]] <- factor(data[["sat_public_transport"]], levels = c(4, 3, 2, 1, -1), ' +
        'labels = c("Very satisfied", "Rather satisfied", "Rather unsatisfied", "Not at all satisfied", "Don\'t know"))',
    );
    expect(script).toContain('attr(data[["sat_public_transport"]], "label") <- "How satisfied are you with \\"public transport\\" in your town?"');
    expect(script).toContain('levels = c("ridder", "kurchatov"), labels = c("Ridder", "Kurchatov")');
  });

  it("reads each format with its own reader, and writes other languages as escapes", () => {
    expect(rScript(input("csv-excel"))).toContain('read.csv2("qala-pulse_demo-2026_microdata_2026-05-02_k10_text_excel.csv", fileEncoding = "UTF-8-BOM"');
    expect(rScript(input("parquet"))).toContain("arrow::read_parquet(");
    expect(rScript(input("json"))).toContain("jsonlite::fromJSON(");
    const russian = rScript(input("csv", "ru"));
    expect(russian).toContain(`labels = c(${rString("Очень удовлетворён(а)")}`);
    expect(rString("Очень")).toBe('"\\u{41e}\\u{447}\\u{435}\\u{43d}\\u{44c}"');
    expect(rString('a "b" \\ c\nd')).toBe('"a \\"b\\" \\\\ c\\nd"');
  });

  it.each(["kk", "ru", "en"] as const)("gives the aggregates' groups distinct labels in %s, which factor() would otherwise merge", (language) => {
    const columns = aggregateColumns(questionnaire, [{ code: "ridder", name: { kk: "Риддер", ru: "Риддер", en: "Ridder" } }]);
    const script = rScript({ ...input("csv", language), options: { kind: "aggregates", format: "csv", k: 10, includeText: false }, columns });
    const line = script.split("\n").find((l) => l.startsWith('data[["group"]] <- factor('))!;
    const labels = line.slice(line.indexOf("labels = c(")).match(/"(?:[^"\\]|\\.)*"/g)!;
    expect(new Set(labels).size).toBe(labels.length);
    const group = columns.find((c) => c.name === "group")!.valueLabels!;
    expect(group.filter((g) => String(g.code).endsWith("_0")).map((g) => g.label.en)).toEqual([
      "Age band: did not say",
      "Sex: did not say",
      "Employment: did not say",
    ]);
  });
});

describe("SPSS syntax", () => {
  it("reads the CSV and sets variable labels, value labels and missing values, quotes doubled", () => {
    const syntax = spssSyntax(input());
    expect(syntax).toContain('  /FILE="qala-pulse_demo-2026_microdata_2026-05-02_k10_text.csv"');
    expect(syntax).toContain('  /DELIMITERS=","');
    expect(syntax).toContain("    town A255\n    sat_public_transport F8.0\n    weight F12.4\n    one_change A1000\n.\n");
    expect(syntax).toContain('  /sat_public_transport "How satisfied are you with ""public transport"" in your town?"');
    expect(syntax).toContain('  /sat_public_transport\n    4 "Very satisfied"\n    3 "Rather satisfied"');
    expect(syntax).toContain('    -1 "Don\'t know"');
    expect(syntax).toContain('  town\n    "ridder" "Ridder"');
    expect(syntax).toMatch(/MISSING VALUES\n {2}sat_public_transport \(-1\)\n\./);
  });

  it("sets the decimal comma for the Excel CSV, labels an open dataset for Parquet, and uses the chosen language", () => {
    const excel = spssSyntax(input("csv-excel"));
    expect(excel).toContain("SET DECIMAL=COMMA.");
    expect(excel).toContain('  /DELIMITERS=";"');
    const parquet = spssSyntax(input("parquet", "kk"));
    expect(parquet).not.toContain("GET DATA");
    expect(parquet).toContain('    4 "Толығымен қанағаттанамын"');
  });

  it("cuts long labels on a character boundary and splits long lines", () => {
    const label = spssString("Қ".repeat(100), 120);
    const text = label.split("\n      + ").map((piece) => piece.slice(1, -1)).join("");
    expect(text).toBe("Қ".repeat(60));
    for (const line of label.split("\n")) expect(new TextEncoder().encode(line).length).toBeLessThan(256);
  });

  it("refuses a column name SPSS cannot take", () => {
    expect(() => spssSyntax({ ...input(), columns: [{ ...sampleColumns[0]!, name: "with" }] })).toThrow(/not a valid SPSS variable name/);
    expect(() => spssSyntax({ ...input(), columns: [{ ...sampleColumns[0]!, name: "2nd" }] })).toThrow(/not a valid SPSS variable name/);
  });
});

describe("Stata do-file", () => {
  it("reads the CSV with string columns kept as text, labels variables, and labels codes with missing ones as .a", () => {
    const script = stataDo(input());
    expect(script).toContain(`import delimited using \`"${exportFileName("demo-2026", input().options, "2026-05-02")}"', clear encoding("utf-8") ///`);
    const strings = sampleColumns.flatMap((column, index) => (column.type === "string" ? [index + 1] : []));
    expect(script).toContain(`stringcols(${strings.join(" ")})`);
    expect(script).toContain('label variable sat_public_transport `"How satisfied are you with "public transport" in your town?"\'');
    expect(script).toContain("mvdecode sat_public_transport, mv(-1=.a)");
    expect(script).toContain("label define sat_public_transport 4 `\"Very satisfied\"', add");
    expect(script).toContain("label define sat_public_transport .a `\"Don't know\"', add");
    expect(script).toContain("label values sat_public_transport sat_public_transport");
    // Stata labels numbers only: a coded string column keeps its codes.
    expect(script).not.toContain("label define town");
    expect(stataDo(input("csv-excel"))).toContain('delimiters(";") ///\n  decimalseparator(,)');
    expect(stataDo(input("parquet"))).toContain("labels the dataset in memory");
    expect(stataDo(input("csv", "ru"))).toContain("`\"Очень удовлетворён(а)\"'");
  });

  it("keeps macro characters and long labels harmless", () => {
    expect(stataString("costs $5 `now`")).toBe("`\"costs \\$5 \\`now\\`\"'");
    const long = stataDo({ ...input(), columns: [{ ...sampleColumns[0]!, title: { kk: "x", ru: "x", en: "y".repeat(100) }, question: undefined }] });
    expect(long).toContain(`label variable ${sampleColumns[0]!.name} \`"${"y".repeat(80)}"'`);
  });
});

describe("codebookFiles", () => {
  it("names the files after the data file and gives the same bytes for the same request", () => {
    const files = codebookFiles(input());
    expect(files.map(({ name }) => name)).toEqual([
      "datapackage.json",
      "qala-pulse_demo-2026_microdata_2026-05-02_k10_text_codebook.md",
      "qala-pulse_demo-2026_microdata_2026-05-02_k10_text_labels.R",
      "qala-pulse_demo-2026_microdata_2026-05-02_k10_text_labels.sps",
      "qala-pulse_demo-2026_microdata_2026-05-02_k10_text_labels.do",
    ]);
    expect(JSON.parse(files[0]!.content)).toEqual(dataPackage(input()));
    expect(codebookFiles(input())).toEqual(files);
  });
});

describe("questionnaire version in the codebook", () => {
  const v2 = getQuestionnaire("2026.2")!;
  const withVersion = (format: ExportFormat = "csv"): CodebookInput => ({ ...input(format), questionnaire: v2 });

  it("says which items changed from 2026.1, in which languages, and which are not compared", () => {
    const markdown = codebookMarkdown(withVersion());
    expect(markdown).toContain("## Questionnaire version");
    expect(markdown).toContain("Questionnaire 2026.2, revised from 2026.1");
    expect(markdown).toMatch(/\| `agree_corruption_akimat` \| no: question changed, not compared \| kk, ru, en \|/);
    expect(markdown).toMatch(/\| `sat_heating` \| yes \| kk \| Kazakh top point/);
    expect(markdown).toMatch(/\| `sat_akimat_services` \| no: question changed, not compared \|/);
    expect(markdown).toContain("Asked in 2026.1, not in 2026.2: `sat_admin_services`.");
  });

  it("carries the crosswalks from 2026.1 codes to 2026.2 codes for employment and years in town", () => {
    const markdown = codebookMarkdown(withVersion());
    expect(markdown).toContain("### Crosswalk `employment`: 2026.1 codes to 2026.2 codes");
    expect(markdown).toContain("### Crosswalk `years_in_town`: 2026.1 codes to 2026.2 codes");
    expect(markdown).toMatch(/\| 4 \| 30 years or more, or all my life \| 4 \(30 years or more\), 5 \(Since birth\) \|/);
    expect(markdown).toMatch(/\| 5 \| Unemployed \| 5 \(Unemployed, looking for work\), 8 \(Looking after the home, or on parental leave\), 9 \(Other/);

    const [resource] = (dataPackage(withVersion()) as { resources: Array<{ questionnaire: { version: string; from: string; dropped: string[]; items: Array<{ itemId: string; compared: boolean; changes: Array<{ languages: string[] }> }>; crosswalks: Array<{ itemId: string; rows: Array<{ from: number; to: Array<{ code: number; label: { kk: string; ru: string; en: string } }> }> }> } }> }).resources;
    const { questionnaire } = resource!;
    expect(questionnaire).toMatchObject({ version: "2026.2", from: "2026.1", dropped: ["sat_admin_services"] });
    expect(questionnaire.items.find((item) => item.itemId === "employment")).toMatchObject({ compared: false });
    expect(questionnaire.items.find((item) => item.itemId === "sat_heating")).toMatchObject({ compared: true });
    const years = questionnaire.crosswalks.find((crosswalk) => crosswalk.itemId === "years_in_town")!;
    expect(years.rows.find((row) => row.from === 3)!.to.map((to) => to.code)).toEqual([3, 5]);
    expect(years.rows.find((row) => row.from === 3)!.to[1]!.label.ru).toBe("С рождения");
  });

  it("keeps datapackage.json valid with the version property, and says nothing of versions without a questionnaire", () => {
    expect(validateV1(dataPackage(withVersion("csv")))).toBe(true);
    expect(codebookMarkdown(input())).not.toContain("## Questionnaire version");
    expect(codebookMarkdown({ ...input(), questionnaire: getQuestionnaire("2026.1")! })).toContain("- Questionnaire 2026.1.");
  });
});
