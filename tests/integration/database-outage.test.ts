import { randomUUID } from "node:crypto";
import net from "node:net";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getChallenge } from "@/app/api/challenge/route";
import { GET as getHealth } from "@/app/api/health/route";
import { POST } from "@/app/api/responses/route";
import { connect, type Connection } from "@/db/client";
import { getQuestionnaire, latestQuestionnaireVersion } from "@/lib/survey/questionnaire";
import { completeAnswers } from "../fixtures";

/*
 * While the database cannot be reached, the phone is told to come back shortly (503 with
 * Retry-After, which its outbox honours) rather than that something broke (500). The app's
 * node-postgres pool is pointed at a port nobody listens on: what a stopped server looks like.
 */
let connection: Connection;

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  connection = await connect({ target: "server", url: `postgres://postgres@127.0.0.1:${await closedPort()}/qala_nowhere` });
  (globalThis as { qalaConnection?: Promise<unknown> }).qalaConnection = Promise.resolve(connection);
});
afterAll(async () => {
  delete (globalThis as { qalaConnection?: unknown }).qalaConnection;
  await connection.close();
});

describe("with the database out of reach", () => {
  it("answers a valid submission with 503, Retry-After and a translated message, not 500", async () => {
    const challenge = (await (await getChallenge()).json()) as Challenge;
    const pow = { challenge, solution: await solveChallenge({ challenge, deriveKey }) };
    const questionnaire = getQuestionnaire(latestQuestionnaireVersion)!;
    const body = { responseId: randomUUID(), waveId: 1, townId: 1, locale: "ru", questionnaireVersion: latestQuestionnaireVersion, answers: completeAnswers(questionnaire), pow };
    const response = await POST(new Request("http://localhost/api/responses", { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "10.3.0.1" }, body: JSON.stringify(body) }));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ status: "error", messageKey: "errors.unavailable", httpStatus: 503 });
  });

  it("still hands out proof-of-work challenges, which need no database", async () => {
    expect((await getChallenge()).status).toBe(200);
  });

  it("says it is unavailable on the health route, with Retry-After", async () => {
    const response = await getHealth();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
  });
});
