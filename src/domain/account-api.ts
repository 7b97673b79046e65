import * as z from 'zod/mini';
import { CatalogIdSchema } from './base-schemas';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules';
import { ROLES } from './roles';

export const AUTH_PATHS = {
  signIn: '/api/v1/auth/sign-in',
  signOut: '/api/v1/auth/sign-out',
  me: '/api/v1/auth/me',
  /** Who is signed in, answered 200 to anyone: "nobody" is an expected answer, not a 401 the browser logs as an error. */
  session: '/api/v1/auth/session',
  password: '/api/v1/auth/password',
  pin: '/api/v1/auth/pin',
} as const;

export { MIN_PASSWORD_LENGTH } from './password-rules';

export const EmployeeNoSchema = z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{2,20}$/, '工号: 2–20 letters, digits or -'));
export const NewPasswordSchema = z.string().check(z.minLength(MIN_PASSWORD_LENGTH), z.maxLength(MAX_PASSWORD_LENGTH));
export const RoleSchema = z.enum(ROLES);

export const SignInRequestSchema = z.strictObject({
  employeeNo: EmployeeNoSchema,
  password: z.string().check(z.minLength(1), z.maxLength(128)),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(128)),
  newPassword: NewPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const SetPinRequestSchema = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(128)),
  pin: z.string().check(z.regex(/^\d{6}$/, 'six digits')),
});
export type SetPinRequest = z.infer<typeof SetPinRequestSchema>;

/** The signed-in user as the app sees them; cached on the tablet so it stays usable offline. */
export const MeSchema = z.object({
  id: CatalogIdSchema,
  name: z.string(),
  employeeNo: z.string(),
  unitId: CatalogIdSchema,
  windowId: z.nullable(CatalogIdSchema),
  roles: z.array(RoleSchema),
  photoUrl: z.nullable(z.string()),
  mustChangePassword: z.boolean(),
  /** Whether a kiosk PIN is set (the PIN itself never leaves the server except as a hash to that window's kiosk). */
  hasPin: z.optional(z.boolean()),
});
export type Me = z.infer<typeof MeSchema>;

/** The answer of AUTH_PATHS.session. */
export type SessionAnswer = { signedIn: false } | { signedIn: true; me: Me };
