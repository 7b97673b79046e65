import { ApiRequestError } from '../../account/api-client';
import { useResource, type Resource } from '../../account/useResource';

/**
 * A table the admin screens load once and reload after each change (catalogue, calendar, devices). The admin
 * screens work online only, so there is no offline copy; a 401 (the session expired, or was ended by a password
 * reset elsewhere) goes back to the sign-in screen.
 */
export function useAdminResource<T>(load: () => Promise<T>, onSignedOut: () => void, pollMs?: number): Resource<T> {
  return useResource(load, [], {
    pollMs,
    onError: (err) => {
      if (err instanceof ApiRequestError && err.status === 401) onSignedOut();
    },
  });
}
