import { dataPackage } from "./datapackage";
import { baseName, type CodebookInput } from "./input";
import { codebookMarkdown } from "./markdown";
import { rScript } from "./r-script";
import { spssSyntax } from "./spss-syntax";
import { stataDo } from "./stata-do";

export type { CodebookInput } from "./input";
export { dataPackage } from "./datapackage";
export { codebookMarkdown, disclosureSentences } from "./markdown";
export { rScript } from "./r-script";
export { spssSyntax } from "./spss-syntax";
export { stataDo } from "./stata-do";

export interface CodebookFile {
  name: string;
  mediaType: string;
  content: string;
}

/**
 * The files that travel with a data file, named after it (datapackage.json keeps the name
 * Frictionless tools look for). The route serves them one by one or puts them in a zip
 * beside the data; each is small, a few hundred bytes per column.
 */
export function codebookFiles(input: CodebookInput): CodebookFile[] {
  const base = baseName(input);
  return [
    { name: "datapackage.json", mediaType: "application/json", content: JSON.stringify(dataPackage(input), null, 2) + "\n" },
    { name: `${base}_codebook.md`, mediaType: "text/markdown; charset=utf-8", content: codebookMarkdown(input) + "\n" },
    { name: `${base}_labels.R`, mediaType: "text/plain; charset=utf-8", content: rScript(input) },
    { name: `${base}_labels.sps`, mediaType: "text/plain; charset=utf-8", content: spssSyntax(input) },
    { name: `${base}_labels.do`, mediaType: "text/plain; charset=utf-8", content: stataDo(input) },
  ];
}
