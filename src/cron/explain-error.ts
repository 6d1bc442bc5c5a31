/**
 * Turns a Quartz rejection into a finding that says what to change. Quartz's own message is kept
 * in the detail (it is what Databricks will echo back), but the summary and the hint speak to the
 * usual cause, which is mostly a Unix cron habit (see unix-habits.ts).
 */
import type { DiagCode } from '../diag/codes.js';
import { finding, type CronFinding } from './finding.js';
import { DAY_OF_MONTH, DAY_OF_WEEK, FIELD_NAMES, MONTH, type QuartzParse, type QuartzParseError } from './quartz-parse.js';
import { fromUnix, MACROS, replaceField, unixWeekdaysToNames, withQuestionMark } from './unix-habits.js';

const LAYOUT = 'Quartz fields: seconds minutes hours day-of-month month day-of-week [year].';

const KIND_CODES: Record<QuartzParseError['kind'], DiagCode> = {
  'field-count': 'cron/field-count',
  'both-days': 'cron/both-days',
  'question-mark': 'cron/question-mark',
  range: 'cron/out-of-range',
  name: 'cron/bad-name',
  step: 'cron/bad-step',
  special: 'cron/bad-special',
  'year-range': 'cron/year-range',
  syntax: 'cron/syntax',
};

/** The error finding for a rejected expression. */
export function explainError(parse: QuartzParse): CronFinding {
  const e = parse.error!;
  const texts = parse.fields.map((f) => f.text);
  const quartzSays = `Quartz: ${e.message}`;
  const trimmed = parse.expr.trim();
  const macro = MACROS[trimmed.toLowerCase()];
  if (trimmed.startsWith('@')) {
    return finding('error', 'cron/unix-macro', `${trimmed} is Unix cron shorthand; Quartz has no macros`, e, {
      detail: macro ? `Write it out: ${macro}` : 'Quartz has no equivalent; use a job trigger or a continuous job.',
      suggestion: macro,
    });
  }
  if (e.kind === 'field-count' || parse.fields.length === 5) return fieldCount(parse, quartzSays);
  if (e.kind === 'both-days') {
    const target = e.field ?? DAY_OF_WEEK;
    const suggestion = replaceField(texts, target, '?') ?? withQuestionMark(texts).join(' ');
    const both = texts[DAY_OF_MONTH] === '?' ? 'neither day field is set' : 'both day-of-month and day-of-week are set';
    return finding('error', 'cron/both-days', `${both}: exactly one of them must be ?`, e, {
      detail: `Use ? in one of the day fields, e.g. ${suggestion}. Unix cron allows * in both; Quartz does not. ${quartzSays}`,
      suggestion,
    });
  }
  const field = e.field === undefined ? 'expression' : `${FIELD_NAMES[e.field]} field`;
  if (e.kind === 'range' && e.field === DAY_OF_WEEK && /(^|[^0-9#])0([^0-9]|$)/.test(texts[DAY_OF_WEEK] ?? '')) {
    const suggestion = replaceField(texts, DAY_OF_WEEK, unixWeekdaysToNames(texts[DAY_OF_WEEK]!));
    return finding('error', 'cron/unix-weekday', 'day-of-week 0 is Unix numbering; Quartz counts 1-7 from Sunday (1 = SUN … 7 = SAT)', e, {
      detail: `Use names (SUN-SAT) to avoid the off-by-one${suggestion ? `: ${suggestion}` : ''}. ${quartzSays}`,
      suggestion,
    });
  }
  return finding('error', KIND_CODES[e.kind], `${field}: ${e.message}`, e, { detail: hintFor(e, texts) });
}

function fieldCount(parse: QuartzParse, quartzSays: string): CronFinding {
  const n = parse.fields.length;
  const at = { start: 0, end: parse.expr.length };
  if (n === 5) {
    const suggestion = fromUnix(parse.fields.map((f) => f.text));
    return finding('error', 'cron/field-count', 'this looks like a 5-field Unix cron expression; Quartz needs 6 or 7 fields', at, {
      detail: `Add a seconds field first ("0 …")${suggestion ? `: ${suggestion}` : ''}, use ? in one day field, and SUN-SAT for weekdays. ${LAYOUT}`,
      suggestion,
    });
  }
  return finding('error', 'cron/field-count', `${n} field${n === 1 ? '' : 's'}; Quartz needs 6 or 7`, at, { detail: `${LAYOUT} ${quartzSays}` });
}

const RANGES = ['0-59', '0-59', '0-23', '1-31 (or L, LW, nW, L-n)', '1-12 or JAN-DEC', '1-7 (1 = SUN) or SUN-SAT', '1970-2199'];

function hintFor(e: QuartzParseError, texts: string[]): string {
  const f = e.field;
  switch (e.kind) {
    case 'range':
      return f === undefined ? LAYOUT : `Allowed in the ${FIELD_NAMES[f]} field: ${RANGES[f]}.`;
    case 'name':
      if (f === MONTH && /^(SUN|MON|TUE|WED|THU|FRI|SAT)/i.test(texts[MONTH] ?? '')) {
        return `That is a weekday in the month field: a field is missing (seconds?). ${LAYOUT}`;
      }
      return f === MONTH || f === DAY_OF_WEEK ? `Allowed: ${RANGES[f]}.` : `Names are only allowed for months and weekdays. ${LAYOUT}`;
    case 'step':
      return f === undefined ? LAYOUT : `Write a step as start/n or */n with n at most ${RANGES[f]!.split(/[- ]/)[1]}.`;
    case 'special':
      return 'L and W belong to day-of-month (L, L-3, LW, 15W); L and # to day-of-week (6L, FRI#3); # takes 1-5. Lists cannot mix them.';
    case 'question-mark':
      return 'Use ? in exactly one of day-of-month and day-of-week, and * elsewhere.';
    case 'year-range':
      return 'Write year ranges as start-end with start <= end (e.g. 2026-2028).';
    default:
      return /[^\x20-\x7e]/.test(texts[f ?? 0] ?? '') ? 'Use plain ASCII digits, letters and , - * / ? L W #.' : LAYOUT;
  }
}
