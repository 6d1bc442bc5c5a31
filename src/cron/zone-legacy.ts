/**
 * The three-letter ids that java.util.TimeZone still accepts but java.time.ZoneId does not (JDK
 * ZoneInfoFile's "old mappings"). Quartz resolves zones through TimeZone, so these work as
 * schedules' zones while failing ZoneId validation. EST, MST and HST are fixed offsets (no DST);
 * the others are aliases of a region. Checked against OpenJDK 17's offsets from 1970 to 2100.
 */
export const LEGACY_ALIASES: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
};

/** Fixed-offset legacy ids (hours from UTC) and the region people usually mean by them. */
export const LEGACY_FIXED: Readonly<Record<string, { hours: number; region: string }>> = {
  EST: { hours: -5, region: 'America/New_York' },
  MST: { hours: -7, region: 'America/Denver' },
  HST: { hours: -10, region: 'Pacific/Honolulu' },
};
