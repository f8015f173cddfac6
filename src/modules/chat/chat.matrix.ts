/**
 * The authorization-matrix rows of the chat module's routes (S-4). Merged and run by
 * test/authorization-matrix.test.ts; the builders are in test/matrix.ts. The fixture's company has no
 * VIP support and no chat: a start is refused by the row rule (403) and a chat id is nobody's (404),
 * after the route's access rule let the caller through (401/403 for everyone else).
 */
import type { StaffRole } from '../../core/permissions.js';
import { customer, staff, type MatrixRows } from '../../../test/matrix.js';

/** Staff roles that work tickets, and so chats (A-10; content staff do not). */
const chatStaff: StaffRole[] = ['agent', 'department_head', 'billing', 'sales', 'admin'];
const noChat = '00000000-0000-4000-8000-000000000000';

export const chatMatrix: MatrixRows = {
  'GET /api/v1/chat/availability': { request: () => ({ url: '/api/v1/chat/availability' }), expect: customer(200) },
  'GET /api/v1/chat/sessions': { request: () => ({ url: '/api/v1/chat/sessions' }), expect: customer(200) },
  'POST /api/v1/chat/sessions': {
    request: () => ({ url: '/api/v1/chat/sessions', body: { message: 'Hello' } }),
    expect: customer(403),
  },
  'GET /api/v1/chat/sessions/:id': {
    request: () => ({ url: `/api/v1/chat/sessions/${noChat}` }),
    expect: customer(404),
  },
  'GET /api/v1/chat/sessions/:id/messages': {
    request: () => ({ url: `/api/v1/chat/sessions/${noChat}/messages` }),
    expect: customer(404),
  },
  'POST /api/v1/chat/sessions/:id/messages': {
    request: () => ({ url: `/api/v1/chat/sessions/${noChat}/messages`, body: { body: 'Hi' } }),
    expect: customer(404),
  },
  'POST /api/v1/chat/sessions/:id/end': {
    request: () => ({ url: `/api/v1/chat/sessions/${noChat}/end` }),
    expect: customer(404),
  },
  // A plain GET of the socket path, past the access rule: 400 (open it as a WebSocket).
  'GET /api/v1/chat/ws': { request: () => ({ url: '/api/v1/chat/ws' }), expect: customer(400) },
  'GET /api/v1/staff/chat/sessions': {
    request: () => ({ url: '/api/v1/staff/chat/sessions?view=waiting' }),
    expect: staff(200, chatStaff),
  },
  'GET /api/v1/staff/chat/sessions/:id': {
    request: () => ({ url: `/api/v1/staff/chat/sessions/${noChat}` }),
    expect: staff(404, chatStaff),
  },
  'GET /api/v1/staff/chat/sessions/:id/messages': {
    request: () => ({ url: `/api/v1/staff/chat/sessions/${noChat}/messages` }),
    expect: staff(404, chatStaff),
  },
  'POST /api/v1/staff/chat/sessions/:id/take': {
    request: () => ({ url: `/api/v1/staff/chat/sessions/${noChat}/take` }),
    expect: staff(404, chatStaff),
  },
  'POST /api/v1/staff/chat/sessions/:id/messages': {
    request: () => ({ url: `/api/v1/staff/chat/sessions/${noChat}/messages`, body: { body: 'Hi' } }),
    expect: staff(404, chatStaff),
  },
  'POST /api/v1/staff/chat/sessions/:id/end': {
    request: () => ({ url: `/api/v1/staff/chat/sessions/${noChat}/end` }),
    expect: staff(404, chatStaff),
  },
  'POST /api/v1/staff/chat/sessions/:id/ticket': {
    request: () => ({ url: `/api/v1/staff/chat/sessions/${noChat}/ticket` }),
    expect: staff(404, chatStaff),
  },
  'GET /api/v1/staff/chat/ws': { request: () => ({ url: '/api/v1/staff/chat/ws' }), expect: staff(400, chatStaff) },
};
