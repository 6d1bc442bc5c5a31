/**
 * Quartz cron for Databricks schedules: parse and validate exactly as Quartz 2.3.2 does, explain
 * mistakes (mostly Unix cron habits), describe in plain English, and compute fire times in any
 * Java time zone with Quartz's DST behaviour. Pure: the caller passes `from`.
 */
export { analyzeCron, previewCron, type AnalyzeOptions, type CronAnalysis, type CronPreview, type PreviewOptions } from './analyze.js';
export { checkTimeZone, didYouMean } from './timezone-check.js';
export { describeQuartz } from './describe.js';
export { fireTimes, type FireTimesEnd, type FireTimesResult } from './fire-times.js';
export { javaTimeZone, readZoneId, type JavaTimeZone } from './java-zone.js';
export { parseQuartz, FIELD_NAMES, type QuartzParse, type QuartzSpec } from './quartz-parse.js';
export type { CronFinding } from './finding.js';
