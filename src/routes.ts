/** Client routes; the server answers any of them with index.html. */
export const KIOSK_PATH = '/';
export const DEVICE_STATUS_PATH = '/device';
export const STAFF_PATH = '/staff';
export const ADMIN_PATH = '/admin';
export const FORM_PATH = '/form';
export const FORM_PRINT_PATH = '/form/print';
