import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { deserialize, serialize } from "node:v8";

/*
 * An export's snapshot on disk (docs/decisions/0018): the batches of published records are
 * written to a private temporary file as fast as the database gives them, so the snapshot's
 * transaction ends in the time the database takes to read, and are read back at the pace of
 * the client. The file holds what the export publishes and nothing more, and is removed when
 * the download ends, fails or is broken off; a crashed process's files are swept later.
 */

const PREFIX = "qala-export-";
/** How often creating a spool also sweeps leftovers: the first time in a process, then at most this often. */
const SWEEP_EVERY_MS = 10 * 60_000;

/** The spool folders of this process that are in use. */
const live = new Set<string>();
let lastSweep = 0;

/** Where this process's spools are right now (for tests and operators). */
export function liveSpoolDirs(): string[] {
  return [...live];
}

/**
 * Removes spool folders no process is using: those of a process that has gone (its id is in
 * the name), those of this process's id that it does not know (a previous process with the
 * same id, as after a container restart), and any older than `maxAgeMs`, which no export
 * within its time limit can be.
 */
export async function sweepLeftoverSpools({ maxAgeMs, now = Date.now() }: { maxAgeMs: number; now?: number }): Promise<string[]> {
  lastSweep = now;
  const tmp = os.tmpdir();
  const names = await fs.readdir(tmp).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(tmp, name);
    if (live.has(dir)) continue;
    const pid = Number(name.slice(PREFIX.length).split("-")[0]);
    const stat = await fs.stat(dir).catch(() => null);
    if (!stat?.isDirectory()) continue;
    const orphan = !Number.isInteger(pid) || pid === process.pid || !processRuns(pid);
    if (orphan || now - stat.mtimeMs > maxAgeMs) {
      await fs.rm(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  return removed;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: string }).code === "EPERM";
  }
}

/** Batches written once, in order, and read back in the same order while writing goes on. */
class Spool<T> {
  private readonly records: Array<{ offset: number; length: number }> = [];
  private size = 0;
  private ended = false;
  private failure: unknown = null;
  private waiting: Array<() => void> = [];
  private removed = false;

  private constructor(
    readonly dir: string,
    private readonly file: fs.FileHandle,
  ) {}

  static async create<T>(): Promise<Spool<T>> {
    // mkdtemp makes the folder readable by this user only (0700); the file is 0600.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
    live.add(dir);
    try {
      return new Spool<T>(dir, await fs.open(path.join(dir, "rows"), "w+", 0o600));
    } catch (error) {
      live.delete(dir);
      await fs.rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  async write(batch: T): Promise<void> {
    // v8's serialisation keeps every value exactly (strings, numbers, null), unlike JSON.
    const bytes = serialize(batch);
    await this.file.write(bytes, 0, bytes.length, this.size);
    this.records.push({ offset: this.size, length: bytes.length });
    this.size += bytes.length;
    this.wake();
  }

  /** No more batches; with a failure, the reader throws it instead of reading on. */
  end(failure?: unknown) {
    if (this.ended) return;
    this.ended = true;
    this.failure = failure ?? null;
    this.wake();
  }

  async *read(): AsyncGenerator<T> {
    for (let index = 0; ; index++) {
      while (index >= this.records.length && !this.ended) await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (this.failure) throw this.failure;
      if (index >= this.records.length) return;
      const { offset, length } = this.records[index]!;
      const buffer = Buffer.allocUnsafe(length);
      for (let read = 0; read < length; ) {
        const { bytesRead } = await this.file.read(buffer, read, length - read, offset + read);
        if (bytesRead === 0) throw new Error("The export's spool file ended early");
        read += bytesRead;
      }
      yield deserialize(buffer) as T;
    }
  }

  async remove() {
    if (this.removed) return;
    this.removed = true;
    this.end(new Error("The export's spool was removed"));
    await this.file.close().catch(() => undefined);
    await fs.rm(this.dir, { recursive: true, force: true });
    live.delete(this.dir);
  }

  private wake() {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * The batches of `source`, read through a spool: `source` is drained into a temporary file
 * as fast as it gives batches, whatever the pace of the consumer, and the batches are
 * yielded from the file as the consumer asks. Nothing happens until the first batch is
 * asked for. When the consumer stops (done, failed, or returned early) or `signal` aborts,
 * `source` is closed (a cursor's transaction ends) and the file is removed.
 */
export async function* spooled<T>(source: AsyncIterable<T>, { signal, maxAgeMs }: { signal?: AbortSignal; maxAgeMs: number }): AsyncGenerator<T> {
  signal?.throwIfAborted();
  if (Date.now() - lastSweep > SWEEP_EVERY_MS) await sweepLeftoverSpools({ maxAgeMs });
  const spool = await Spool.create<T>();
  let stop = false;
  const onAbort = () => {
    stop = true;
    spool.end(signal!.reason);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  const pump = (async () => {
    try {
      for await (const batch of source) {
        if (stop) break;
        await spool.write(batch);
      }
      spool.end();
    } catch (error) {
      spool.end(error);
    }
  })();
  try {
    yield* spool.read();
  } finally {
    stop = true;
    signal?.removeEventListener("abort", onAbort);
    await pump;
    await spool.remove();
  }
}
