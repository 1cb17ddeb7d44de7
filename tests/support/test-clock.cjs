// A test clock for the whole suite: `QALA_TEST_NOW=2027-03-31T21:30:00Z npm test` runs every
// process of the run (vitest's workers, Playwright's runner and workers, the e2e server and
// its seed) as if it were that moment, the clock still ticking. The app reads "now" only
// through Date (todayInKazakhstan and the rest), so nothing in app/, db/ or lib/ knows of
// this; browsers keep their own clock, which the app uses for nothing it stores.
//
// Loaded with `node --require` through NODE_OPTIONS (see clockEnv); CommonJS, so that it
// preloads that way and Playwright's config can require it as it is. The shift is fixed once,
// as QALA_TEST_CLOCK_OFFSET_MS, and inherited, so every process reads the same clock
// however late it starts.
const SELF = __filename;

/** Environment additions that put child processes on the test clock; {} when none is asked for. */
function clockEnv(env = process.env) {
  if (!env.QALA_TEST_NOW && !env.QALA_TEST_CLOCK_OFFSET_MS) return {};
  const offset = env.QALA_TEST_CLOCK_OFFSET_MS ?? String(offsetTo(env.QALA_TEST_NOW));
  const options = env.NODE_OPTIONS ?? "";
  const preload = `--require=${JSON.stringify(SELF)}`;
  return {
    QALA_TEST_CLOCK_OFFSET_MS: offset,
    NODE_OPTIONS: options.includes(preload) ? options : `${options} ${preload}`.trim(),
  };
}

function offsetTo(iso) {
  const target = Date.parse(iso);
  if (Number.isNaN(target)) throw new Error(`QALA_TEST_NOW is not a date and time: ${iso}`);
  return target - Date.now();
}

/** Replaces the global Date with one that runs `offset` milliseconds ahead (or behind). */
function shiftDate(offset) {
  const RealDate = Date;
  const now = () => RealDate.now() + offset;
  const ShiftedDate = new Proxy(RealDate, {
    // new Date() is now on the test clock; new Date(anything) is what it always was.
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget === ShiftedDate ? target : newTarget),
    // Date() called without new gives the current time as text.
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) => (property === "now" ? now : Reflect.get(target, property, receiver)),
  });
  // Dates stay real Dates (instanceof, prototype and constructor as before).
  Object.defineProperty(RealDate.prototype, "constructor", { value: ShiftedDate, writable: true, configurable: true });
  globalThis.Date = ShiftedDate;
}

// Loaded as a preload (or imported) with an offset in the environment: shift this process's
// clock, once.
const offset = process.env.QALA_TEST_CLOCK_OFFSET_MS;
if (offset && !globalThis.__qalaTestClock) {
  const ms = Number(offset);
  if (!Number.isFinite(ms)) throw new Error(`QALA_TEST_CLOCK_OFFSET_MS is not a number: ${offset}`);
  globalThis.__qalaTestClock = { offset: ms };
  shiftDate(ms);
}

module.exports = { clockEnv };
