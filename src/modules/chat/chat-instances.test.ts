import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Actor } from '../../core/audit.js';
import { buildCatalogue, buildCompany, buildLicense, buildStaff } from '../../../test/factories.js';
import { call, setupApp } from '../../../test/helpers.js';
import { grantLicenseSupport } from '../support/index.js';

/**
 * S-4 on several app servers: two app instances on one PostgreSQL database; the agent's socket is on
 * server 2, the customer posts on server 1 (LISTEN/NOTIFY carries it). PostgreSQL only: the embedded
 * database is one process.
 */
describe.runIf(!!process.env.DATABASE_URL)('live chat across app servers (S-4)', async () => {
  const one = await setupApp();
  const two = await setupApp();
  const system: Actor = { kind: 'system', name: 'test' };

  async function agentSocket(cookie: string) {
    await two.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = two.app.server.address() as AddressInfo;
    const events: { type: string; message?: { body: string } }[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/staff/chat/ws`, {
      headers: { cookie: `clientele_session=${cookie}`, origin: 'http://clientele.test' },
    });
    ws.on('message', (data) => events.push(JSON.parse(String(data))));
    await expect.poll(() => events.map((e) => e.type)).toContain('ready');
    return { ws, events };
  }

  it('S-4 a message posted on server 1 reaches the agent socket on server 2, also after the listener lost its connection', async () => {
    const cat = await buildCatalogue(one.ctx);
    await one.ctx.db
      .insertInto('support_product_terms')
      .values({ product_id: cat.productId, plan: 'vip', period_days: null })
      .execute();
    const c = await buildCompany(one.ctx);
    const l = await buildLicense(one.ctx, c.id, cat);
    await grantLicenseSupport(one.ctx.db, {
      licenseId: l.id,
      companyId: c.id,
      productId: cat.productId,
      at: one.clock.now(),
      actor: system,
    });
    const agent = await buildStaff(one.ctx, 'agent');
    const { ws, events } = await agentSocket(agent.auth.cookie as string);
    try {
      const chat = (
        await call(one.app, c.primary.auth, 'POST', '/api/v1/chat/sessions', { message: 'From one' })
      ).json();
      await expect.poll(() => events.find((e) => e.type === 'message')?.message?.body).toBe('From one');

      // The database drops the listener's connection (as a restart does): it comes back and says resync.
      await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query = 'LISTEN clientele_chat' AND pid <> pg_backend_pid()`.execute(
        one.ctx.db,
      );
      await expect.poll(() => events.map((e) => e.type), { timeout: 5000 }).toContain('resync');
      await call(one.app, c.primary.auth, 'POST', `/api/v1/chat/sessions/${chat.id}/messages`, {
        body: 'Still there?',
      });
      await expect
        .poll(() => events.filter((e) => e.type === 'message').map((e) => e.message?.body))
        .toEqual(['From one', 'Still there?']);
    } finally {
      ws.close();
    }
  });
});
