/**
 * The vocabulary shared by the Quartz parser port and the fire-time search: field positions,
 * Quartz's in-set markers for `*` and `?`, and the parsed form (QuartzSpec).
 */
/** Field positions in a Quartz expression. */
export const SECOND = 0;
export const MINUTE = 1;
export const HOUR = 2;
export const DAY_OF_MONTH = 3;
export const MONTH = 4;
export const DAY_OF_WEEK = 5;
export const YEAR = 6;

export const FIELD_NAMES = ['seconds', 'minutes', 'hours', 'day-of-month', 'month', 'day-of-week', 'year'] as const;

/** Quartz's markers inside a value set: 99 is '*', 98 is '?'. */
export const ALL_SPEC = 99;
export const NO_SPEC = 98;

/** A year sequence without an end: `start`, `start+step`, … up to the search horizon. */
export interface OpenYears {
  start: number;
  step: number;
}

/** What Quartz keeps after parsing: one sorted value set per field plus the day-rule flags. */
export interface QuartzSpec {
  /** Sorted ascending; may hold the 98/99 markers, as Quartz's TreeSets do. */
  sets: number[][];
  /** Year sequences that run to the horizon (`*`, `2030/2`); their values are not in `sets[YEAR]`. */
  openYears: OpenYears[];
  lastDayOfWeek: boolean;
  nthDayOfWeek: number;
  lastDayOfMonth: boolean;
  nearestWeekday: boolean;
  lastDayOffset: number;
}


export type ParseErrorKind =
  | 'field-count'
  | 'both-days'
  | 'question-mark'
  | 'range'
  | 'name'
  | 'step'
  | 'special'
  | 'year-range'
  | 'syntax';
