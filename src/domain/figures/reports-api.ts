/**
 * The figures' API paths (issue 15), one place; each route's query and answer schemas live with its own module
 * (attachment2, month close, bulletin, annual report, rankings) and every route is an entry of endpoints.ts.
 * Access: `reports.read` scoped by reportScope() (src/domain/roles.ts); month close submits need `reports.submit`;
 * rankings `rankings.read`.
 */
export const REPORT_PATHS = {
  /** GET ?month=YYYY-MM[&unitId=][&format=json|csv|xlsx]: Attachment 2 (评价数据统计表). */
  attachment2: '/api/v1/reports/attachment2',
  /** GET: which months are due, submitted, overdue or corrected (the reminder reads it). */
  monthCloses: '/api/v1/reports/month-closes',
  /** GET one month's close: its versions and the corrections against the last; POST submits (a new version). */
  monthClose: '/api/v1/reports/month-closes/:month',
  /** GET ?quarter=YYYY-Qn[&unitId=]: the quarterly bulletin (情况通报). */
  bulletin: '/api/v1/reports/bulletin',
  /** GET ?year=YYYY[&unitId=][&format=json|xlsx]: the annual rectification report. */
  annual: '/api/v1/reports/annual',
  /** GET ?year=YYYY[&quarter=n]: rankings and flags (award eligibility, over 5%, bottom N periods in a row). */
  rankings: '/api/v1/reports/rankings',
  /** GET / PUT the rankings' settings (bottom ranks N periods in a row, default 3): catalog.manage. */
  rankingSettings: '/api/v1/admin/ranking-settings',
} as const;
