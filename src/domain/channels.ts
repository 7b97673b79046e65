/** Where a rating came from. The national pf codes differ by province, so they live in export settings. */
export const CHANNELS = [
  'HALL_TABLET',
  'HALL_TERMINAL',
  'QR',
  'PAPER',
  'PC',
  'MOBILE',
  'PHONE',
  'SMS',
  'DEFAULT',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** 国办发〔2019〕51号 pf codes; one provincial variant uses 7 for the system default, so this is a default only. */
export const DEFAULT_NATIONAL_CHANNEL_CODES: Readonly<Record<Channel, number>> = {
  PC: 1,
  MOBILE: 2,
  QR: 3,
  HALL_TABLET: 4,
  HALL_TERMINAL: 5,
  PHONE: 6,
  SMS: 7,
  PAPER: 5,
  DEFAULT: 7,
};
