/** The tickets module's API: the communication center (T-3 … T-14), the staff queue (T-16), inbound mail (E-2). */
import { idempotencyHeader } from './create-mutation';
import { type OnUploadProgress, sendForm } from './upload';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { client, data, type paths, type RequestBody, type ResponseBody } from './client';

export type Ticket = ResponseBody<'/api/v1/tickets', 'get'>['items'][number];
export type TicketStatus = Ticket['status'];
export type Priority = Ticket['priority'];
export type TicketDetail = ResponseBody<'/api/v1/tickets/{number}', 'get'>;
export type TimelineItem = TicketDetail['timeline'][number];
export type TicketOptions = ResponseBody<'/api/v1/tickets/options', 'get'>;
export type TicketChange = RequestBody<'/api/v1/tickets/{number}', 'patch'>;
export type NewTicket = NonNullable<RequestBody<'/api/v1/tickets', 'post'>>;
export type StaffTicket = ResponseBody<'/api/v1/staff/tickets', 'get'>['items'][number];
export type StaffTicketDetail = ResponseBody<'/api/v1/staff/tickets/{number}', 'get'>;
export type StaffTicketChange = RequestBody<'/api/v1/staff/tickets/{number}', 'patch'>;
export type CannedReply = ResponseBody<'/api/v1/staff/canned-replies', 'get'>['items'][number];
export type InboundMail = ResponseBody<'/api/v1/staff/inbound-mail', 'get'>['items'][number];
export type InboundState = InboundMail['state'];

export const ticketKeys = {
  /** Every list of the company's tickets, whatever its search. */
  all: ['tickets'],
  list: (search: TicketSearch) => ['tickets', search],
  /** The numbers of the list's views (GET /tickets/counts); under `all` so a change refreshes them. */
  counts: ['tickets', 'counts'],
  ticket: (number: string) => ['ticket', number],
  options: ['ticket-options'],
  staffTicket: (number: string) => ['staff-ticket', number],
  /** Every page of every staff queue. */
  queues: ['staff-queue'],
  queue: (params: object) => ['staff-queue', params],
  search: (q: string) => ['staff-ticket-search', q],
  agents: ['staff-agents'],
  departments: ['staff-queue-departments'],
  /** The canned replies offered in answers, for any department. */
  canned: ['canned'],
  cannedFor: (department: string) => ['canned', department],
  cannedAll: ['canned-all'],
  /** Every list of inbound mail, whatever its state. */
  inbound: ['inbound'],
  inboundList: (state: string) => ['inbound', state],
  inboundOne: (id: string | null) => ['inbound-one', id],
} as const;

/** The multipart body of a message with attachments (T-4, T-6): the text fields first, then the files. */
export function messageForm(
  fields: Record<string, string | string[] | boolean | number | undefined>,
  files: File[],
): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) fd.append(k, x);
    else fd.append(k, String(v));
  }
  for (const f of files) fd.append('files', f, f.name);
  return fd;
}

/** A view of the communication index: open, awaiting your reply, solved, closed, or all. */
export type TicketView = NonNullable<NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>['view']>;
export interface TicketSearch {
  q?: string;
  messageId?: string;
  hideClosed?: 'true';
  view?: TicketView;
}

/** T-14: the communication index, newest activity first. */
export function useTickets(search: TicketSearch) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(search),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      data(client.GET('/api/v1/tickets', { params: { query: { ...search, cursor: pageParam || undefined } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** How many tickets are open, awaiting the customer's reply, and solved. */
export function useTicketCounts() {
  return useQuery({ queryKey: ticketKeys.counts, queryFn: () => data(client.GET('/api/v1/tickets/counts')) });
}

/** The new-ticket form's options; the support hours come on the viewer's clock too (S-5). */
export function useTicketOptions(timeZone?: string) {
  return useQuery({
    queryKey: [...ticketKeys.options, timeZone ?? ''],
    queryFn: () => data(client.GET('/api/v1/tickets/options', { params: { query: timeZone ? { timeZone } : {} } })),
  });
}

/** T-4: JSON without attachments, multipart with them (fields first), reporting the upload's progress. */
export function createTicket(fields: NewTicket, files: File[], key: string, onProgress?: OnUploadProgress) {
  if (!files.length)
    return data(client.POST('/api/v1/tickets', { body: fields, params: { header: idempotencyHeader(key) } }));
  return sendForm<ResponseBody<'/api/v1/tickets', 'post'>>('POST', '/tickets', messageForm(fields, files), {
    idempotencyKey: key,
    onProgress,
  });
}

export function useTicket(number: string) {
  return useQuery({
    queryKey: ticketKeys.ticket(number),
    queryFn: () => data(client.GET('/api/v1/tickets/{number}', { params: { path: { number } } })),
  });
}

export const changeTicket = (number: string, body: TicketChange) =>
  data(client.PATCH('/api/v1/tickets/{number}', { params: { path: { number } }, body }));

/** T-6: a reply, with attachments as multipart. */
export function postMessage(number: string, body: string, files: File[], key: string, onProgress?: OnUploadProgress) {
  if (!files.length)
    return data(
      client.POST('/api/v1/tickets/{number}/messages', {
        params: { path: { number }, header: idempotencyHeader(key) },
        body: { body },
      }),
    );
  return sendForm<ResponseBody<'/api/v1/tickets/{number}/messages', 'post'>>(
    'POST',
    `/tickets/${number}/messages`,
    messageForm({ body }, files),
    { idempotencyKey: key, onProgress },
  );
}

export const rateTicket = (number: string, body: RequestBody<'/api/v1/tickets/{number}/rating', 'post'>) =>
  data(client.POST('/api/v1/tickets/{number}/rating', { params: { path: { number } }, body }));

// ---- staff ----

/** T-16: a department's open tickets, HotRush first, then due time, then effective priority. */
export type QueueView = 'open' | 'unassigned' | 'mine' | 'waiting' | 'breaching' | 'solved';
export type QueueSort = 'queue' | 'age' | 'activity';
export interface QueueParams {
  department?: string;
  view: QueueView;
  sort: QueueSort;
  status?: TicketStatus[];
  priority?: Priority[];
  companyId?: string;
  limit?: number;
}
export type QueuePage = ResponseBody<'/api/v1/staff/tickets/queue', 'get'>;
export type QueueItem = QueuePage['items'][number];
export type ViewCounts = QueuePage['counts'];
export type BulkChange = NonNullable<RequestBody<'/api/v1/staff/tickets/bulk', 'post'>>;
export type BulkResult = ResponseBody<'/api/v1/staff/tickets/bulk', 'post'>['items'][number];
export type StaffOverview = ResponseBody<'/api/v1/staff/overview', 'get'>;

/** Issue 11: the queue, all departments or one, a view, a sort and filters; keyset pages; the view counts ride along. */
export function useStaffQueue(params: QueueParams, options: { enabled: boolean }) {
  return useInfiniteQuery({
    queryKey: ticketKeys.queue(params),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      data(
        client.GET('/api/v1/staff/tickets/queue', {
          params: {
            query: {
              ...params,
              department: params.department || undefined,
              status: params.status?.length ? params.status.join(',') : undefined,
              priority: params.priority?.length ? params.priority.join(',') : undefined,
              cursor: pageParam || undefined,
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...options,
  });
}

/** Issue 11 / T-16: assign and / or set the status of up to 100 tickets; each ticket's result. */
export const bulkChangeTickets = (body: BulkChange) => data(client.POST('/api/v1/staff/tickets/bulk', { body }));

/** Issue 11: the staff Overview, days and weeks cut in the viewer's zone. */
export function useStaffOverview(tz: string, options: { enabled: boolean } = { enabled: true }) {
  return useQuery({
    queryKey: ['staff-overview', tz],
    queryFn: () => data(client.GET('/api/v1/staff/overview', { params: { query: { tz } } })),
    ...options,
  });
}

export function useStaffTicketSearch(q: string) {
  const byMessageId = /^[0-9A-Za-z]{5}-?[0-9A-Za-z]{5}$/.test(q);
  return useQuery({
    queryKey: ticketKeys.search(q),
    queryFn: () =>
      data(client.GET('/api/v1/staff/tickets', { params: { query: byMessageId ? { messageId: q } : { q } } })),
    enabled: !!q,
  });
}

/** The departments tickets can be in (from the first page of the queue). */
export function useDepartments() {
  return useQuery({
    queryKey: ticketKeys.departments,
    queryFn: () => data(client.GET('/api/v1/staff/tickets/queue', { params: { query: { limit: 1 } } })),
    select: (page) => page.departments,
  });
}

export function useAgents() {
  return useQuery({ queryKey: ticketKeys.agents, queryFn: () => data(client.GET('/api/v1/staff/agents')) });
}

export function useStaffTicket(number: string) {
  return useQuery({
    queryKey: ticketKeys.staffTicket(number),
    queryFn: () => data(client.GET('/api/v1/staff/tickets/{number}', { params: { path: { number } } })),
  });
}

export const staffChangeTicket = (number: string, body: StaffTicketChange) =>
  data(client.PATCH('/api/v1/staff/tickets/{number}', { params: { path: { number } }, body }));

export const moveMessage = (number: string, code: string, title: string, key: string) =>
  data(
    client.POST('/api/v1/staff/tickets/{number}/messages/{code}/move', {
      params: { path: { number, code }, header: idempotencyHeader(key) },
      body: { title },
    }),
  );

export const mergeTicket = (number: string, into: string) =>
  data(client.POST('/api/v1/staff/tickets/{number}/merge', { params: { path: { number } }, body: { into } }));

/** An answer to the customer or an internal note, with attachments as multipart. */
export function postStaffMessage(
  number: string,
  fields: { body: string; internal: boolean; timeSpent?: number },
  files: File[],
  key: string,
  onProgress?: OnUploadProgress,
) {
  if (!files.length)
    return data(
      client.POST('/api/v1/staff/tickets/{number}/messages', {
        params: { path: { number }, header: idempotencyHeader(key) },
        body: fields,
      }),
    );
  return sendForm<ResponseBody<'/api/v1/staff/tickets/{number}/messages', 'post'>>(
    'POST',
    `/staff/tickets/${number}/messages`,
    messageForm(fields, files),
    { idempotencyKey: key, onProgress },
  );
}

/** The canned replies of one department (and those for all departments). */
export function useCannedReplies(department: string) {
  return useQuery({
    queryKey: ticketKeys.cannedFor(department),
    queryFn: () => data(client.GET('/api/v1/staff/canned-replies', { params: { query: { department } } })),
  });
}

export function useAllCannedReplies() {
  return useQuery({ queryKey: ticketKeys.cannedAll, queryFn: () => data(client.GET('/api/v1/staff/canned-replies')) });
}

export const addCannedReply = (body: RequestBody<'/api/v1/staff/canned-replies', 'post'>, key: string) =>
  data(client.POST('/api/v1/staff/canned-replies', { body, params: { header: idempotencyHeader(key) } }));

export const deleteCannedReply = (id: string) =>
  data(client.DELETE('/api/v1/staff/canned-replies/{id}', { params: { path: { id } } }));

/** E-2: inbound mail in one state ('all' for every state), 50 a page. */
export function useInboundMail(state: InboundState | 'all') {
  return useInfiniteQuery({
    queryKey: ticketKeys.inboundList(state),
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      data(
        client.GET('/api/v1/staff/inbound-mail', {
          params: {
            query: { limit: 50, state: state === 'all' ? undefined : state, cursor: pageParam || undefined },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One inbound message with its source, while `id` is set. */
export function useInboundMessage(id: string | null) {
  return useQuery({
    queryKey: ticketKeys.inboundOne(id),
    queryFn: () => data(client.GET('/api/v1/staff/inbound-mail/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: !!id,
  });
}

export const inboundAction = (id: string, action: 'discard' | 'retry') =>
  data(client.POST('/api/v1/staff/inbound-mail/{id}/{action}', { params: { path: { id, action } } }));
