/**
 * Creating something from the UI, safe against a double click, a retried submit and a lost answer
 * (issue 19): every try of one intended action sends the same Idempotency-Key, so the server carries
 * it out once and answers the retries with the first answer. The key is renewed once the action
 * succeeded (the next submit is a new action). A request that never got an answer (offline, the
 * server restarting) or got 503 (the database restarting) is retried by itself with the same key.
 */
import { type UseMutationOptions, useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError } from './client';

/** A new random key: 128 bits as hex (crypto.randomUUID is missing outside secure contexts, e.g. plain http on a LAN). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The header that carries it, for openapi-fetch's `params.header` or a raw request. */
export const idempotencyHeader = (key: string) => ({ 'idempotency-key': key });

const transient = (err: unknown) => err instanceof ApiError && (err.status === 0 || err.status === 503);

export function useCreateMutation<T, V = void>(
  options: Omit<UseMutationOptions<T, Error, V>, 'mutationFn' | 'retry' | 'retryDelay'> & {
    mutationFn: (variables: V, key: string) => Promise<T>;
  },
) {
  const key = useRef(newIdempotencyKey());
  const { mutationFn, onSuccess, ...rest } = options;
  return useMutation<T, Error, V>({
    ...rest,
    mutationFn: (variables) => mutationFn(variables, key.current),
    retry: (failures, err) => failures < 3 && transient(err),
    retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 5000),
    onSuccess: (...args) => {
      key.current = newIdempotencyKey();
      return onSuccess?.(...args);
    },
  });
}
