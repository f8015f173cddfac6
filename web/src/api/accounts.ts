/** The accounts module's API: the company's profiles (A-2 … A-8) and the company profile. */
import { idempotencyHeader } from './create-mutation';
import { useQuery } from '@tanstack/react-query';
import { client, data, type RequestBody, type ResponseBody, request } from './client';

export type Profile = ResponseBody<'/api/v1/profiles/{id}', 'get'>;
export type ProfileRole = Profile['role'];
export type NewProfile = RequestBody<'/api/v1/profiles', 'post'>;
export type ProfileChange = RequestBody<'/api/v1/profiles/{id}', 'patch'>;
export type Person = RequestBody<'/api/v1/profiles/{id}/re-register', 'post'>;
export type Company = ResponseBody<'/api/v1/company', 'get'>;

export const accountKeys = {
  profiles: ['profiles'],
  profile: (id: string) => ['profile', id],
  company: ['company'],
} as const;

export function useProfiles() {
  return useQuery({ queryKey: accountKeys.profiles, queryFn: () => data(client.GET('/api/v1/profiles')) });
}

export function useProfile(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: accountKeys.profile(id),
    queryFn: () => data(client.GET('/api/v1/profiles/{id}', { params: { path: { id } } })),
    ...options,
  });
}

export const createProfile = (body: NewProfile, key: string) =>
  data(client.POST('/api/v1/profiles', { body, params: { header: idempotencyHeader(key) } }));

export const updateProfile = (id: string, body: ProfileChange) =>
  data(client.PATCH('/api/v1/profiles/{id}', { params: { path: { id } }, body }));

/** A-4 disable a profile, A-5 unblock one locked by failed log-ins. */
export const profileAction = (id: string, verb: 'disable' | 'unlock') =>
  verb === 'disable'
    ? data(client.POST('/api/v1/profiles/{id}/disable', { params: { path: { id } } }))
    : data(client.POST('/api/v1/profiles/{id}/unlock', { params: { path: { id } } }));

export const reRegisterProfile = (id: string, body: Person) =>
  data(client.POST('/api/v1/profiles/{id}/re-register', { params: { path: { id } }, body }));

/** The picture is a multipart upload (field `file`). */
export function uploadAvatar(id: string, file: File) {
  const body = new FormData();
  body.append('file', file);
  return request<ResponseBody<'/api/v1/profiles/{id}/avatar', 'put'>>('PUT', `/profiles/${id}/avatar`, body);
}

export const removeAvatar = (id: string) =>
  data(client.DELETE('/api/v1/profiles/{id}/avatar', { params: { path: { id } } }));

/** The picture's address; `version` changes after an upload so the browser does not show a cached one. */
export const avatarUrl = (id: string, version: number) => `/api/v1/profiles/${id}/avatar?v=${version}`;

export function useCompany() {
  return useQuery({ queryKey: accountKeys.company, queryFn: () => data(client.GET('/api/v1/company')) });
}

export const updateCompany = (body: RequestBody<'/api/v1/company', 'patch'>) =>
  data(client.PATCH('/api/v1/company', { body }));
