import type { FastifyPluginAsync } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import type { ModuleDescriptor } from '../src/core/module.js';
import { profilePermissionMatrix, staffPermissionMatrix } from '../src/core/permissions.js';
import { access } from '../src/core/policy.js';
import { jobDefinitions } from '../src/jobs.js';
import { modules } from '../src/modules.js';
import { buildCompany, buildStaff } from './factories.js';
import { call, setupApp } from './helpers.js';

describe('module descriptors (issue 9: adding a module is a folder and one line in src/modules.ts)', () => {
  it('every A-2 / A-10 permission a route is guarded by is claimed by exactly one module', async () => {
    const { app } = await setupApp();
    const claims = new Map<string, string[]>();
    for (const m of modules) {
      for (const p of [...(m.permissions.profile ?? []), ...(m.permissions.staff ?? [])]) {
        claims.set(p, [...(claims.get(p) ?? []), m.name]);
      }
    }
    expect([...claims].filter(([, owners]) => owners.length > 1)).toEqual([]);
    for (const p of claims.keys()) expect(p in profilePermissionMatrix || p in staffPermissionMatrix).toBe(true);
    const used = new Set(
      app.registeredRoutes.flatMap((r) => {
        const rule = r.access;
        return rule && (rule.kind === 'profile' || rule.kind === 'staff') ? [rule.permission] : [];
      }),
    );
    expect([...used].filter((p) => !claims.has(p))).toEqual([]);
  });

  it('every section key is declared once, and a module’s jobs reach the job runner', async () => {
    const keys = modules.flatMap((m) => (m.sections ?? []).map((s) => `${s.area}:${s.key}`));
    expect(keys.length).toBe(new Set(keys).size);
    const { ctx } = await setupApp();
    const names = jobDefinitions(ctx, { name: 'none', send: async () => {}, close: () => {} }).map((j) => j.name);
    for (const m of modules) for (const j of m.jobs?.(ctx) ?? []) expect(names).toContain(j.name);
    expect(names).toContain('mail-deliver');
  });

  it('a new module listed beside the others brings its routes and its sections, and nothing else changes', async () => {
    const { ctx } = await setupApp();
    const pingRoutes: FastifyPluginAsync = async (api) => {
      api.get('/ping', { config: { access: access.profile('news.view') } }, async () => ({ pong: true }));
    };
    const news: ModuleDescriptor = {
      name: 'news',
      routes: [pingRoutes],
      sections: [{ key: 'news', area: 'portal', permission: 'news.view', position: 35 }],
      permissions: { profile: ['news.view'] },
    };
    const app = await buildApp(ctx, { modules: [...modules, news] });
    await app.ready();
    try {
      const c = await buildCompany(ctx);
      const me = (await call(app, c.secondary.auth, 'GET', '/api/v1/me')).json();
      expect(me.sections).toEqual(['home', 'tickets', 'support', 'profiles', 'licenses', 'news', 'files']);
      expect((await call(app, c.secondary.auth, 'GET', '/api/v1/ping')).json()).toEqual({ pong: true });
      const agent = await buildStaff(ctx, 'agent');
      expect((await call(app, agent.auth, 'GET', '/api/v1/ping')).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
