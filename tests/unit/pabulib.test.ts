import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ballotOf } from "@/lib/participation/ballot";
import { equalSharesSelection } from "@/lib/participation/equal-shares";
import { greedySelection } from "@/lib/participation/greedy";
import { PabulibError, parsePabulib, toPabulib } from "@/lib/participation/pabulib";
import { electionFromPabulib, electionToPabulib } from "@/lib/participation/pabulib-election";
import type { Election } from "@/lib/participation/types";

const fixture = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/priorities-example.pb"), "utf8");

describe("parsePabulib on a hand-written file in the published format", () => {
  const file = parsePabulib(fixture);

  it("reads META as key;value", () => {
    expect(file.meta).toEqual({
      description: "Hand-written example: four residents on one side, two on the other",
      country: "Kazakhstan",
      unit: "Temirtau",
      instance: "2026",
      num_projects: "4",
      num_votes: "6",
      budget: "600",
      vote_type: "approval",
      rule: "equalshares",
      min_length: "1",
      max_length: "3",
      language: "en",
    });
  });

  it("reads PROJECTS with quoted names and further columns", () => {
    expect(file.projects).toEqual([
      { id: "A1", cost: 200, votes: 4, name: "Courtyard lighting", extra: { category: "public space" } },
      { id: "A2", cost: 200, votes: 4, name: "Bus shelter on Lenin Street", extra: { category: "transport" } },
      { id: "A3", cost: 200, votes: 4, name: "Playground; Block 5", extra: { category: "public space" } },
      { id: "B1", cost: 200, votes: 2, name: 'Clinic ramp, "step-free"', extra: { category: "health" } },
    ]);
  });

  it("reads VOTES as comma-separated project ids", () => {
    expect(file.votes).toEqual([
      { voterId: "1", vote: ["A1", "A2", "A3"] },
      { voterId: "2", vote: ["A1", "A2", "A3"] },
      { voterId: "3", vote: ["A1", "A2", "A3"] },
      { voterId: "4", vote: ["A1", "A2", "A3"] },
      { voterId: "5", vote: ["B1"] },
      { voterId: "6", vote: ["B1"] },
    ]);
  });

  it("recounts to the hand-computed outcome (see priority-counting.test.ts, majority and minority)", () => {
    const { election, ballots } = electionFromPabulib(file);
    expect(election.rule).toEqual({ kind: "approval", maxChoices: 3 });
    expect(equalSharesSelection(election, ballots).selected).toEqual(["A1", "A2", "B1"]);
    expect(greedySelection(election, ballots).selected).toEqual(["A1", "A2", "A3"]);
  });

  it("tolerates a BOM, CRLF, blank lines, and other voter columns of real Pabulib files", () => {
    const text =
      "\uFEFFMETA\r\nkey;value\r\nbudget;5\r\nvote_type;approval\r\n\r\nPROJECTS\r\nproject_id;cost;votes;name\r\n" +
      "1;5;1;x\r\nVOTES\r\nvoter_id;age;sex;vote\r\n1;34;M;1\r\n2;;;\r\n";
    const parsed = parsePabulib(text);
    expect(parsed.votes).toEqual([
      { voterId: "1", vote: ["1"], extra: { age: "34", sex: "M" } },
      { voterId: "2", vote: [], extra: { age: "", sex: "" } },
    ]);
  });

  it("refuses malformed files with the line", () => {
    expect(() => parsePabulib("PROJECTS\nproject_id;cost\n")).toThrow(PabulibError);
    expect(() => parsePabulib(fixture.replace("A1;200;4", "A1;2x0;4"))).toThrow(/Line 17: cost/);
    expect(() => parsePabulib(fixture.replace("5;B1", "5;B9"))).toThrow(/Line 27: voter 5 votes for unknown project B9/);
    expect(() => parsePabulib(fixture.replace("6;B1", "6;B1;extra"))).toThrow(/3 fields/);
  });
});

describe("toPabulib", () => {
  it("writes the published layout, voter ids 1..n, and nothing else about the resident", () => {
    const text = toPabulib({
      meta: { description: "Demo", country: "Kazakhstan", unit: "Zhezkazgan", instance: "2026", budget: "10", rule: "greedy" },
      projects: [
        { id: "p1", cost: 6, name: "Lights; park" },
        { id: "p2", cost: 4, name: "Bench\nrow" },
      ],
      votes: [["p1", "p2"], [], ["p2"]],
    });
    expect(text).toBe(
      [
        "META",
        "key;value",
        "description;Demo",
        "country;Kazakhstan",
        "unit;Zhezkazgan",
        "instance;2026",
        "num_projects;2",
        "num_votes;3",
        "budget;10",
        "vote_type;approval",
        "rule;greedy",
        "PROJECTS",
        "project_id;cost;votes;name",
        'p1;6;1;"Lights; park"',
        "p2;4;2;Bench row",
        "VOTES",
        "voter_id;vote",
        "1;p1,p2",
        "2;",
        "3;p2",
        "",
      ].join("\n"),
    );
  });

  it("refuses unknown projects in votes and ids a reader would split", () => {
    expect(() => toPabulib({ meta: {}, projects: [{ id: "a", cost: 1 }], votes: [["b"]] })).toThrow(RangeError);
    expect(() => toPabulib({ meta: {}, projects: [{ id: "a,b", cost: 1 }], votes: [] })).toThrow(RangeError);
    expect(() => toPabulib({ meta: {}, projects: [{ id: "a", cost: 1.5 }], votes: [] })).toThrow(RangeError);
  });

  const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/);
  const text = fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, " ").trim());

  it("round-trips: parse(toPabulib(x)) gives back the meta, projects and ballots", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id, cost: fc.nat({ max: 10 ** 9 }), name: text }), {
          selector: (p) => p.id,
          minLength: 1,
          maxLength: 8,
        }),
        fc.dictionary(fc.constantFrom("description", "country", "unit", "instance", "rule", "budget"), text),
        fc.array(fc.array(fc.nat(), { maxLength: 5 }), { maxLength: 20 }),
        (projects, meta, rawVotes) => {
          const votes = rawVotes.map((picks) => [...new Set(picks.map((i) => projects[i % projects.length]!.id))]);
          const parsed = parsePabulib(toPabulib({ meta, projects, votes }));
          expect(parsed.meta).toEqual({
            ...meta,
            num_projects: String(projects.length),
            num_votes: String(votes.length),
            vote_type: "approval",
          });
          expect(parsed.projects).toEqual(
            projects.map((p) => ({ ...p, votes: votes.filter((v) => v.includes(p.id)).length })),
          );
          expect(parsed.votes).toEqual(votes.map((vote, i) => ({ voterId: String(i + 1), vote })));
        },
      ),
    );
  });

  it("an exported election reads back to the same outcome", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 5 }),
        fc.nat({ max: 120 }),
        fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), { maxLength: 10 }),
        (costs, budget, flags) => {
          const election: Election = {
            priorities: costs.map((cost, i) => ({ id: `p${i + 1}`, cost })),
            budget,
            rule: { kind: "budget" },
          };
          const ballots = flags.map((f) => ballotOf(election.priorities.filter((_, i) => f[i]).map((p) => p.id)));
          const back = electionFromPabulib(parsePabulib(electionToPabulib(election, ballots, { unit: "Demo" })));
          expect(back.election).toEqual(election);
          expect(equalSharesSelection(back.election, back.ballots)).toEqual(equalSharesSelection(election, ballots));
          expect(greedySelection(back.election, back.ballots)).toEqual(greedySelection(election, ballots));
        },
      ),
    );
  });
});
