/**
 * How a response was collected, stored as a code (responses.mode, the breakdown rollup's
 * mode column): self-completed online by the resident, or asked face to face by an
 * interviewer. Dashboards split any figure by it; exports carry it as a quasi-identifier.
 */
export const MODES = { online: 1, faceToFace: 2 } as const;
export type Mode = keyof typeof MODES;
export type ModeCode = (typeof MODES)[Mode];
export const MODE_CODES: readonly ModeCode[] = [MODES.online, MODES.faceToFace];

export function modeOf(code: number): Mode | undefined {
  return (Object.keys(MODES) as Mode[]).find((mode) => MODES[mode] === code);
}
