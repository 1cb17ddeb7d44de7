import fc from "fast-check";

/**
 * One row of a quasi-identifier frequency table, as planAnonymisation receives it: a town,
 * coded answers that may be missing, the survey language, month and mode, and how many responses
 * share them. Shared by the property tests of the microdata export.
 */
export function quasiFrequency(towns: readonly string[]) {
  return fc.record({
    town: fc.constantFrom(...towns),
    age_band: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    sex: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
    employment: fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }),
    years_in_town: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    language: fc.constantFrom("kk", "kk", "ru", "ru", "en"),
    month: fc.constantFrom("2026-04", "2026-04", "2026-05"),
    // Mostly self-completed online, a few interviews (lib/fieldwork/mode.ts); null never occurs in data but the plan must cope.
    mode: fc.constantFrom(1, 1, 1, 2),
    count: fc.integer({ min: 1, max: 25 }),
  });
}
