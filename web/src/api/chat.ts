/**
 * The chat module's API (S-4): availability, the customer's chat, the agents' lists and actions, and
 * the socket that pushes events. Sending is a POST; the socket only tells what happened, and a client
 * that lost it asks for the messages after the last seq it has (GET …/messages?after=), so none is lost.
 */
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { client, data, type ResponseBody } from './client';
import { idempotencyHeader } from './create-mutation';
import { authKeys } from './auth';

export type ChatAvailability = ResponseBody<'/api/v1/chat/availability', 'get'>;
export type ChatSession = ResponseBody<'/api/v1/chat/sessions/{id}', 'get'>;
export type ChatMessage = ResponseBody<'/api/v1/chat/sessions/{id}/messages', 'get'>['items'][number];
export type StaffChatView = 'waiting' | 'mine' | 'ended';

export const chatKeys = {
  all: ['chat'],
  availability: ['chat', 'availability'],
  recent: ['chat', 'recent'],
  session: (staff: boolean, id: string) => ['chat', 'session', staff, id],
  staffList: (view: StaffChatView) => ['chat', 'staff-list', view],
} as const;

/** S-4: whether the customer may chat (VIP, support hours) and their open chat. */
export function useChatAvailability() {
  return useQuery({
    queryKey: chatKeys.availability,
    queryFn: () => data(client.GET('/api/v1/chat/availability')),
    // Support hours open and close while the page stays open.
    refetchInterval: 60_000,
  });
}

/** The customer's latest chats, newest first (their tickets, if they became one). */
export function useRecentChats() {
  return useQuery({
    queryKey: chatKeys.recent,
    queryFn: () => data(client.GET('/api/v1/chat/sessions', { params: { query: { limit: 5 } } })),
  });
}

export function useChatSession(staff: boolean, id: string | null) {
  return useQuery({
    queryKey: chatKeys.session(staff, id ?? ''),
    enabled: !!id,
    queryFn: () =>
      data(
        staff
          ? client.GET('/api/v1/staff/chat/sessions/{id}', { params: { path: { id: id as string } } })
          : client.GET('/api/v1/chat/sessions/{id}', { params: { path: { id: id as string } } }),
      ),
  });
}

/** The agents' lists: waiting (oldest first), mine, ended (newest first). */
export function useStaffChats(view: StaffChatView) {
  return useInfiniteQuery({
    queryKey: chatKeys.staffList(view),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      data(client.GET('/api/v1/staff/chat/sessions', { params: { query: { view, cursor: pageParam || undefined } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

async function messagesAfter(staff: boolean, id: string, after: number) {
  const params = { path: { id }, query: { after } };
  return data(
    staff
      ? client.GET('/api/v1/staff/chat/sessions/{id}/messages', { params })
      : client.GET('/api/v1/chat/sessions/{id}/messages', { params }),
  );
}

/**
 * The messages of one chat, kept in order by seq: `catchUp()` fetches everything after the last one
 * held (pages of 200 until none is left), and is what a socket event or a reconnect calls.
 */
export function useChatMessages(staff: boolean, id: string | null) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [error, setError] = useState<unknown>(null);
  const last = useRef(0);
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  const catchUp = useCallback(async () => {
    if (!id) return;
    if (running.current) {
      again.current = true;
      return running.current;
    }
    running.current = (async () => {
      try {
        do {
          again.current = false;
          for (;;) {
            const page = await messagesAfter(staff, id, last.current);
            const fresh = page.items.filter((m) => m.seq > last.current);
            if (fresh.length) {
              last.current = fresh[fresh.length - 1]?.seq ?? last.current;
              setMessages((held) => [...held, ...fresh]);
            }
            if (!page.hasMore) break;
          }
        } while (again.current);
        setError(null);
      } catch (e) {
        setError(e);
      } finally {
        running.current = null;
      }
    })();
    return running.current;
  }, [staff, id]);

  useEffect(() => {
    last.current = 0;
    setMessages([]);
    void catchUp();
  }, [catchUp]);

  return { messages, error, catchUp };
}

export type ChatEvent =
  | { type: 'ready' | 'resync' }
  | { type: 'message' | 'started' | 'taken' | 'ended' | 'ticket'; session: ChatSession; message?: ChatMessage };

/**
 * The socket of the chat events (the customer's or every chat for agents). Reconnects by itself with
 * a growing pause; each `ready` (also after a reconnect) and `resync` is passed on, so the caller
 * catches up on what it may have missed. Session queries are refreshed from the events' sessions.
 */
/** Close code of a socket whose session ended while it was open (server: src/modules/chat/sockets.ts). */
const credentialEndedCode = 4401;

export function useChatSocket(staff: boolean, onEvent: (e: ChatEvent) => void, enabled = true) {
  const queryClient = useQueryClient();
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!enabled) return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      socket = new WebSocket(`${scheme}://${window.location.host}/api/v1/${staff ? 'staff/chat' : 'chat'}/ws`);
      socket.onmessage = (m) => {
        let e: ChatEvent;
        try {
          e = JSON.parse(String(m.data)) as ChatEvent;
        } catch {
          return;
        }
        if (e.type === 'ready') {
          attempt = 0;
          setConnected(true);
        }
        if ('session' in e) {
          queryClient.setQueryData(chatKeys.session(staff, e.session.id), e.session);
          void queryClient.invalidateQueries({ queryKey: staff ? ['chat', 'staff-list'] : chatKeys.availability });
        }
        handler.current(e);
      };
      socket.onclose = (e) => {
        setConnected(false);
        if (stopped) return;
        // The server closed it because the session ended (log-out, password change, disabled): no
        // reconnect; asking who is signed in again sends the page to the log-in.
        if (e.code === credentialEndedCode) {
          stopped = true;
          void queryClient.invalidateQueries({ queryKey: authKeys.me });
          return;
        }
        timer = setTimeout(open, Math.min(1000 * 2 ** attempt, 15_000));
        attempt += 1;
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [staff, enabled, queryClient]);

  return { connected };
}

// ---- actions ----

export const startChat = (message: string, key: string) =>
  data(
    client.POST('/api/v1/chat/sessions', {
      params: { header: idempotencyHeader(key) },
      body: message ? { message } : {},
    }),
  );

export const postChatMessage = (staff: boolean, id: string, body: string, key: string) => {
  const params = { path: { id }, header: idempotencyHeader(key) };
  return data(
    staff
      ? client.POST('/api/v1/staff/chat/sessions/{id}/messages', { params, body: { body } })
      : client.POST('/api/v1/chat/sessions/{id}/messages', { params, body: { body } }),
  );
};

export const endChat = (staff: boolean, id: string) => {
  const params = { path: { id } };
  return data(
    staff
      ? client.POST('/api/v1/staff/chat/sessions/{id}/end', { params })
      : client.POST('/api/v1/chat/sessions/{id}/end', { params }),
  );
};

export const takeChat = (id: string) =>
  data(client.POST('/api/v1/staff/chat/sessions/{id}/take', { params: { path: { id } } }));

export const chatToTicket = (id: string, key: string) =>
  data(
    client.POST('/api/v1/staff/chat/sessions/{id}/ticket', {
      params: { path: { id }, header: idempotencyHeader(key) },
    }),
  );
