/** The auth module's API: who is signed in, log-in, sign-up and its confirmation, password, API tokens, sessions. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { client, data, type RequestBody, type ResponseBody, setCsrfToken } from './client';

export type Me = ResponseBody<'/api/v1/me', 'get'>;
export type ApiToken = ResponseBody<'/api/v1/me/tokens', 'get'>['items'][number];
export type Session = ResponseBody<'/api/v1/me/sessions', 'get'>['items'][number];

export const authKeys = {
  me: ['me'],
  tokens: ['tokens'],
  sessions: ['sessions'],
} as const;

/**
 * Who is signed in; null when nobody is. Asks GET /auth/session, which answers nobody with 200
 * `{ me: null }`, so a signed-out page logs no failed request in the browser's console.
 */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async () => {
      const { me } = await data(client.GET('/api/v1/auth/session'));
      setCsrfToken(me?.csrfToken ?? null);
      return me;
    },
    staleTime: 60_000,
  });
}

/** After a log-in: remember the CSRF token and the person. */
export function useSignedIn() {
  const qc = useQueryClient();
  return (me: Me) => {
    setCsrfToken(me.csrfToken);
    qc.setQueryData(authKeys.me, me);
  };
}

export function useLogOut() {
  const qc = useQueryClient();
  return async () => {
    await data(client.POST('/api/v1/auth/logout')).catch(() => undefined);
    setCsrfToken(null);
    qc.clear();
    qc.setQueryData(authKeys.me, null);
  };
}

/** Customer log-in (/auth/login) or staff log-in (/staff/auth/login). */
export const logIn = (staff: boolean, body: RequestBody<'/api/v1/auth/login', 'post'>) =>
  data(staff ? client.POST('/api/v1/staff/auth/login', { body }) : client.POST('/api/v1/auth/login', { body }));

/** signs nobody in; the answer says where the confirmation link went and until when it works. */
export const signUp = (body: RequestBody<'/api/v1/auth/signup', 'post'>) =>
  data(client.POST('/api/v1/auth/signup', { body }));

export const confirmEmail = (token: string) => data(client.POST('/api/v1/auth/confirm-email', { body: { token } }));

export const resendConfirmation = (email: string) =>
  data(client.POST('/api/v1/auth/confirm-email/resend', { body: { email } }));

export const requestPasswordReset = (email: string) =>
  data(client.POST('/api/v1/auth/password-reset', { body: { email } }));

export const confirmPasswordReset = (body: RequestBody<'/api/v1/auth/password-reset/confirm', 'post'>) =>
  data(client.POST('/api/v1/auth/password-reset/confirm', { body }));

export const changePassword = (body: RequestBody<'/api/v1/me/password', 'post'>) =>
  data(client.POST('/api/v1/me/password', { body }));

export function useTokens() {
  return useQuery({ queryKey: authKeys.tokens, queryFn: () => data(client.GET('/api/v1/me/tokens')) });
}

export const createToken = (name: string) => data(client.POST('/api/v1/me/tokens', { body: { name } }));

export const revokeToken = (id: string) => data(client.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } }));

export function useSessions() {
  return useQuery({ queryKey: authKeys.sessions, queryFn: () => data(client.GET('/api/v1/me/sessions')) });
}

export const endSession = (id: string) => data(client.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } }));
