import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Actor } from '../../core/audit.js';
import { sha256 } from '../../core/secrets.js';
import { buildCatalogue, buildCompany, buildLicense, buildStaff } from '../../../test/factories.js';
import { call, setupApp } from '../../../test/helpers.js';
import { grantLicenseSupport } from '../support/index.js';
import { credentialEndedCode } from './sockets.js';

const t = await setupApp();
const system: Actor = { kind: 'system', name: 'test' };
await t.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = t.app.server.address() as AddressInfo;

interface Opened {
  ws: WebSocket;
  events: { type: string; message?: { body: string } }[];
  closed: Promise<number>;
}

async function openSocket(path: string, cookie: string): Promise<Opened> {
  const events: Opened['events'] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, {
    headers: { cookie: `clientele_session=${cookie}`, origin: 'http://clientele.test' },
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('message', (data) => events.push(JSON.parse(String(data))));
  await expect.poll(() => events.map((e) => e.type)).toContain('ready');
  return { ws, events, closed };
}

async function vipCompany() {
  const cat = await buildCatalogue(t.ctx);
  await t.ctx.db.insertInto('support_product_terms').values({ product_id: cat.productId, plan: 'vip' }).execute();
  const c = await buildCompany(t.ctx);
  const l = await buildLicense(t.ctx, c.id, cat);
  await grantLicenseSupport(t.ctx.db, {
    licenseId: l.id,
    companyId: c.id,
    productId: cat.productId,
    at: t.clock.now(),
    actor: system,
  });
  return c;
}

const revoke = (cookie: string) =>
  t.ctx.db.updateTable('sessions').set({ revoked_at: t.clock.now() }).where('id', '=', sha256(cookie)).execute();

describe('chat sockets end with their credential (S-4, A-6)', () => {
  it('S-4 an agent socket whose session was revoked gets no more chat messages and is closed', async () => {
    const c = await vipCompany();
    const agent = await buildStaff(t.ctx, 'agent');
    const cookie = agent.auth.cookie as string;
    const s = await openSocket('/api/v1/staff/chat/ws', cookie);
    try {
      const chat = (await call(t.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', { message: 'Hello' })).json();
      await expect.poll(() => s.events.find((e) => e.type === 'message')?.message?.body).toBe('Hello');
      await revoke(cookie);
      await call(t.app, c.primary.auth, 'POST', `/api/v1/chat/sessions/${chat.id}/messages`, { body: 'Secret detail' });
      expect(await s.closed).toBe(credentialEndedCode);
      expect(s.events.some((e) => e.message?.body === 'Secret detail')).toBe(false);
    } finally {
      s.ws.close();
    }
  });

  it('S-4 a customer socket of a disabled profile is closed before the agent answer reaches it', async () => {
    const c = await vipCompany();
    const agent = await buildStaff(t.ctx, 'agent');
    const s = await openSocket('/api/v1/chat/ws', c.secondary.auth.cookie as string);
    try {
      const chat = (await call(t.app, c.secondary.auth, 'POST', '/api/v1/chat/sessions', { message: 'Hi' })).json();
      await expect.poll(() => s.events.find((e) => e.type === 'message')?.message?.body).toBe('Hi');
      expect((await call(t.app, agent.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/take`)).statusCode).toBe(
        200,
      );
      await t.ctx.db.updateTable('profiles').set({ status: 'disabled' }).where('id', '=', c.secondary.id).execute();
      await call(t.app, agent.auth, 'POST', `/api/v1/staff/chat/sessions/${chat.id}/messages`, {
        body: 'Your password is…',
      });
      expect(await s.closed).toBe(credentialEndedCode);
      expect(s.events.some((e) => e.message?.body === 'Your password is…')).toBe(false);
    } finally {
      s.ws.close();
    }
  });
});
