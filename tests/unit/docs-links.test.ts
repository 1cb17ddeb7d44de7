import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The project carries its own design (docs/design.md, "Why it exists" onwards), and no
 * file may lean on anything outside the repository: a fresh clone must read as complete.
 * Scans every file git tracks, plus new files not yet added (so a mistake fails before its
 * commit), except lockfiles and binaries. The patterns below are written so that they do
 * not match their own source text, which lets this file be scanned like any other.
 */
const root = path.resolve(import.meta.dirname, "../..");

function gitFiles(): string[] | null {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
    return out.split("\0").filter(Boolean);
  } catch {
    return null; // not a git checkout (an unpacked archive): nothing to list the project's files by
  }
}

const SKIP = new Set(["package-lock.json"]);

interface TextFile {
  file: string;
  text: string;
}

function textFiles(files: string[]): TextFile[] {
  const result: TextFile[] = [];
  for (const file of new Set(files)) {
    if (SKIP.has(path.basename(file))) continue;
    const full = path.join(root, file);
    if (!existsSync(full) || !statSync(full).isFile()) continue; // deleted in the work tree
    const buffer = readFileSync(full);
    if (buffer.includes(0)) continue; // binary
    result.push({ file, text: buffer.toString("utf8") });
  }
  return result;
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function findAll(files: TextFile[], pattern: RegExp, keep: (match: RegExpExecArray, file: string) => boolean = () => true): Finding[] {
  const findings: Finding[] = [];
  for (const { file, text } of files) {
    for (const match of text.matchAll(pattern)) {
      if (keep(match, file)) findings.push({ file, line: lineOf(text, match.index), text: match[0].trim() });
    }
  }
  return findings;
}

const show = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line}: ${f.text}`).join("\n");

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

function headingsOf(markdownFile: string): { names: Set<string>; slugs: Set<string> } {
  const names = new Set<string>();
  for (const match of readFileSync(markdownFile, "utf8").matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) names.add(match[1]!);
  return { names, slugs: new Set([...names].map(slug)) };
}

const insideRepository = (absolute: string) => {
  const relative = path.relative(root, absolute);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
};

/** `docs/decisions/0003` names a decision record by its number; anything else must exist as written. */
function docsPathExists(cited: string): boolean {
  if (existsSync(path.join(root, cited))) return true;
  const byNumber = /^docs\/decisions\/(\d{4})$/.exec(cited);
  if (!byNumber) return false;
  return readdirSync(path.join(root, "docs/decisions")).filter((name) => name.startsWith(`${byNumber[1]}-`)).length === 1;
}

const listed = gitFiles();

describe.skipIf(listed === null)("the repository's files and docs", () => {
  const files = textFiles(listed ?? []);

  it("finds the files it checks", () => {
    expect(files.some((f) => f.file === "README.md")).toBe(true);
    expect(files.some((f) => f.file === "docs/design.md")).toBe(true);
  });

  it("cite the design as docs/design.md, never as a DESIGN file the repository lacks", () => {
    expect(show(findAll(files, /\bDESIGN\.md\b/g))).toBe("");
  });

  it("point at nothing outside the repository", () => {
    // The sibling folder the project was briefed from, and a machine's own folders.
    const outside = /(?:^|[^\w./-])(?:(?:\.\.\/)+shared\b|\/(?:work|home|Users|root)\/[\w.-]+)/g;
    expect(show(findAll(files, outside))).toBe("");
    // Any relative path that climbs above the repository's root from where it is written.
    const climbing = /(?<![\w./-])(?:\.\.\/)+[^\s"'`)\]>,;]*/g;
    expect(show(findAll(files, climbing, (match, file) => !insideRepository(path.resolve(root, path.dirname(file), match[0]))))).toBe("");
  });

  it("cite only docs/ paths that exist", () => {
    const cited = /(?<![\w./-])docs\/[\w./-]*[\w/]/g;
    expect(show(findAll(files, cited, (match) => !docsPathExists(match[0])))).toBe("");
  });

  it("cite only sections that docs/design.md has", () => {
    const { names } = headingsOf(path.join(root, "docs/design.md"));
    // A section name in double quotes after `docs/design.md,`, also across a comment's line
    // break (` * ` or `// `) and with the quotes escaped inside a string.
    const section = /docs\/design\.md\)?,\s*(?:(?:\*|\/\/)\s*)?\\?"([^"\n\\]+)\\?"/g;
    expect(show(findAll(files, section, (match) => !names.has(match[1]!)))).toBe("");
  });

  it("link from markdown only to files and headings that exist", () => {
    const markdown = files.filter((f) => f.file.endsWith(".md"));
    const link = /\]\(([^)\s]+)\)/g;
    const broken = findAll(markdown, link, (match, file) => {
      const target = match[1]!;
      if (/^[a-z][a-z+.-]*:/i.test(target)) return false; // https:, mailto:
      const [linkPath, anchor] = target.split("#", 2);
      const absolute = linkPath ? path.resolve(root, path.dirname(file), linkPath) : path.join(root, file);
      if (!insideRepository(absolute) || !existsSync(absolute)) return true;
      return anchor !== undefined && absolute.endsWith(".md") && !headingsOf(absolute).slugs.has(anchor);
    });
    expect(show(broken)).toBe("");
  });
});
