/**
 * The Pabulib `.pb` format (pabulib.org/format), so researchers can recount a wave's
 * priorities with pabutools. Three sections, each a line with its name then a header row:
 *
 *   META      key;value          description, country, unit, instance, num_projects,
 *                                num_votes, budget, vote_type, rule, min_length, max_length…
 *   PROJECTS  project_id;cost;votes;name[;more columns]
 *   VOTES     voter_id;vote      vote: the approved project ids, comma-separated
 *
 * Fields are separated by `;`. A field holding `;` or `"` is quoted CSV-style ("" for a
 * quote); line breaks inside texts become spaces, since readers split on lines.
 *
 * Ballots only: the writer emits voter ids 1..n in the order the ballots are given and no
 * other column about the resident (issue 11).
 */
export type PabulibMeta = Record<string, string>;

export interface PabulibProject {
  id: string;
  cost: number;
  /** Number of votes (approvals); the writer counts it from the ballots. */
  votes?: number;
  name?: string;
  /** Further columns by header name (category, target, selected…), as text. */
  extra?: Record<string, string>;
}

export interface PabulibVote {
  voterId: string;
  vote: string[];
  /** Columns of a read file other than voter_id and vote (the writer never emits any). */
  extra?: Record<string, string>;
}

export interface PabulibInput {
  /** description, country, unit, instance, budget, rule, min_length, max_length, …
   * num_projects, num_votes and vote_type are set by the writer. */
  meta: PabulibMeta;
  projects: readonly PabulibProject[];
  /** One ballot per resident: the approved project ids. */
  votes: readonly (readonly string[])[];
}

export interface PabulibFile {
  meta: PabulibMeta;
  projects: PabulibProject[];
  votes: PabulibVote[];
}

export class PabulibError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`Line ${line}: ${message}`);
    this.name = "PabulibError";
  }
}

const META_ORDER = [
  "description",
  "country",
  "unit",
  "instance",
  "num_projects",
  "num_votes",
  "budget",
  "vote_type",
  "rule",
  "date_begin",
  "date_end",
  "min_length",
  "max_length",
  "max_sum_cost",
];

function field(value: string): string {
  const flat = value.replace(/\r\n|\r|\n/g, " ");
  return /[;"]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}

function row(values: readonly string[]): string {
  return values.map(field).join(";");
}

function checkId(id: string, what: string): void {
  if (id === "" || /[,;"\s]/.test(id)) {
    throw new RangeError(`A ${what} id must be non-empty without , ; " or spaces: ${JSON.stringify(id)}`);
  }
}

/** The `.pb` text of an approval election and its ballots (lines end with "\n"). */
export function toPabulib({ meta, projects, votes }: PabulibInput): string {
  const known = new Set<string>();
  for (const project of projects) {
    checkId(project.id, "project");
    if (known.has(project.id)) throw new RangeError(`Duplicate project id ${project.id}`);
    if (!Number.isSafeInteger(project.cost) || project.cost < 0) {
      throw new RangeError(`Project ${project.id} needs a whole, non-negative cost`);
    }
    known.add(project.id);
  }
  const counts = new Map<string, number>(projects.map((p) => [p.id, 0]));
  const ballots = votes.map((vote) => {
    const unique = [...new Set(vote)];
    for (const id of unique) {
      const count = counts.get(id);
      if (count === undefined) throw new RangeError(`A vote names an unknown project ${id}`);
      counts.set(id, count + 1);
    }
    return unique;
  });

  const fullMeta: PabulibMeta = {
    ...meta,
    num_projects: String(projects.length),
    num_votes: String(votes.length),
    vote_type: "approval",
  };
  const metaKeys = [
    ...META_ORDER.filter((key) => key in fullMeta),
    ...Object.keys(fullMeta).filter((key) => !META_ORDER.includes(key)),
  ];
  const extraColumns = [...new Set(projects.flatMap((p) => Object.keys(p.extra ?? {})))].filter(
    (key) => !["project_id", "cost", "votes", "name"].includes(key),
  );

  const lines = ["META", "key;value", ...metaKeys.map((key) => row([key, fullMeta[key]!]))];
  lines.push("PROJECTS", row(["project_id", "cost", "votes", "name", ...extraColumns]));
  for (const project of projects) {
    lines.push(
      row([
        project.id,
        String(project.cost),
        String(counts.get(project.id) ?? 0),
        project.name ?? "",
        ...extraColumns.map((key) => project.extra?.[key] ?? ""),
      ]),
    );
  }
  lines.push("VOTES", "voter_id;vote");
  ballots.forEach((ballot, index) => lines.push(row([String(index + 1), ballot.join(",")])));
  return lines.join("\n") + "\n";
}

/** Split one line on `;`, honouring CSV-style quotes. */
function splitLine(line: string, lineNumber: number): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"' && current === "") quoted = true;
    else if (ch === ";") {
      out.push(current);
      current = "";
    } else current += ch;
  }
  if (quoted) throw new PabulibError("unterminated quote", lineNumber);
  out.push(current);
  return out;
}

const SECTIONS = new Set(["meta", "projects", "votes"]);

/** Read a `.pb` file (BOM, CRLF and blank lines tolerated); throws PabulibError. */
export function parsePabulib(text: string): PabulibFile {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const file: PabulibFile = { meta: {}, projects: [], votes: [] };
  let section: string | null = null;
  let header: string[] | null = null;
  const seen = new Set<string>();
  const voteLines: number[] = [];
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    if (raw.trim() === "") return;
    const cells = splitLine(raw, lineNumber).map((cell) => cell.trim());
    const first = cells[0]!.toLowerCase();
    if (cells.length === 1 && SECTIONS.has(first)) {
      if (seen.has(first)) throw new PabulibError(`section ${first.toUpperCase()} twice`, lineNumber);
      seen.add(first);
      section = first;
      header = null;
      return;
    }
    if (section === null) throw new PabulibError("text before the META section", lineNumber);
    if (header === null) {
      header = cells;
      const need = section === "meta" ? ["key", "value"] : section === "projects" ? ["project_id", "cost"] : ["voter_id", "vote"];
      for (const column of need) {
        if (!header.includes(column)) throw new PabulibError(`${section.toUpperCase()} header lacks ${column}`, lineNumber);
      }
      return;
    }
    if (cells.length !== header.length) {
      throw new PabulibError(`${cells.length} fields where the header has ${header.length}`, lineNumber);
    }
    const record = Object.fromEntries(header.map((name, i) => [name, cells[i]!]));
    if (section === "meta") {
      file.meta[record.key!] = record.value!;
    } else if (section === "projects") {
      const cost = Number(record.cost);
      if (!/^\d+$/.test(record.cost!) || !Number.isSafeInteger(cost)) {
        throw new PabulibError(`cost ${JSON.stringify(record.cost)} is not a whole number`, lineNumber);
      }
      const project: PabulibProject = { id: record.project_id!, cost };
      if (record.votes !== undefined && record.votes !== "") project.votes = Number(record.votes);
      if (record.name !== undefined) project.name = record.name;
      const extra = Object.fromEntries(
        Object.entries(record).filter(([key]) => !["project_id", "cost", "votes", "name"].includes(key)),
      );
      if (Object.keys(extra).length > 0) project.extra = extra;
      file.projects.push(project);
    } else {
      const vote: PabulibVote = {
        voterId: record.voter_id!,
        vote: record.vote === "" ? [] : record.vote!.split(",").map((id) => id.trim()),
      };
      const extra = Object.fromEntries(
        Object.entries(record).filter(([key]) => !["voter_id", "vote"].includes(key)),
      );
      if (Object.keys(extra).length > 0) vote.extra = extra;
      file.votes.push(vote);
      voteLines.push(lineNumber);
    }
  });
  for (const name of SECTIONS) {
    if (!seen.has(name)) throw new PabulibError(`no ${name.toUpperCase()} section`, lines.length);
  }
  const ids = new Set(file.projects.map((p) => p.id));
  file.votes.forEach((vote, index) => {
    for (const id of vote.vote) {
      if (!ids.has(id)) {
        throw new PabulibError(`voter ${vote.voterId} votes for unknown project ${id}`, voteLines[index]!);
      }
    }
  });
  return file;
}
