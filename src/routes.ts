/** Client routes; the server answers any of them with index.html. */
export const KIOSK_PATH = '/';
export const DEVICE_STATUS_PATH = '/device';
export const STAFF_PATH = '/staff';
export const ADMIN_PATH = '/admin';
export const FORM_PATH = '/form';
export const FORM_PRINT_PATH = '/form/print';
/** The figures (issue 15): Attachment 2, month close, bulletins, the annual report, rankings. */
export const REPORTS_PATH = '/reports';
/** Public disclosure (issue 16): no sign-in. */
export const PUBLIC_PATH = '/public';
