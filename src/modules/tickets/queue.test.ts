import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildCompany, buildStaff, sessionFor, uniq, type TestCompany } from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';
import {
  type QueueInput,
  type QueueSort,
  type QueueView,
  breachingQuery,
  queueQuery,
  queueSorts,
  queueViews,
} from './queue-views.js';
import { oldestWaitingQuery } from './staff-overview.js';
import { closePreClosedTickets, preCloseSilentTickets } from './automation.js';

const { app, ctx, clock } = await setupApp();

/** A department of this test alone, so that counts are exact whatever else the database holds. */
async function department(): Promise<string> {
  const key = `qa_${uniq()}`;
  await ctx.db
    .insertInto('departments')
    .values({ key, name: `QA ${key}`, position: 99 })
    .execute();
  return key;
}

const agent = await buildStaff(ctx, 'agent');
const other = await buildStaff(ctx, 'agent');

async function open(c: TestCompany, dep: string, body: Record<string, unknown> = {}) {
  const res = await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
    type: 'generic',
    title: 'Question',
    message: 'Hello there',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  const n = res.json().number as number;
  const moved = await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { department: dep });
  if (moved.statusCode !== 200) throw new Error(`move failed: ${moved.statusCode} ${moved.body}`);
  return n;
}

const queue = async (query: string, who = agent) => {
  const res = await call(app, who.auth, 'GET', `/api/v1/staff/tickets/queue?${query}`);
  if (res.statusCode !== 200) throw new Error(`queue: ${res.statusCode} ${res.body}`);
  return res.json() as {
    items: { number: number; waitingOn: string | null; waitingSince: string | null; createdAt: string }[];
    nextCursor: string | null;
    counts: Record<string, number>;
  };
};
const numbers = (r: { items: { number: number }[] }) => r.items.map((i) => i.number).sort((a, b) => a - b);

/** The counters as they should be: count(*) over the tickets, grouped the counters' way. */
async function countersMatchCountStar() {
  const kept = await sql<{ k: string; n: string }>`
    SELECT department_key || '/' || status || '/' || assignee_key || '/' || waiting AS k, n::text AS n
    FROM ticket_queue_counts WHERE n <> 0 ORDER BY 1`.execute(ctx.db);
  const real = await sql<{ k: string; n: string }>`
    SELECT department_key || '/' || status || '/' || coalesce(assignee_id, '00000000-0000-0000-0000-000000000000') || '/'
      || coalesce(last_public_by = 'staff', false) AS k, count(*)::text AS n
    FROM tickets WHERE type_key <> 'license_log' AND merged_into_id IS NULL GROUP BY 1 ORDER BY 1`.execute(ctx.db);
  expect(kept.rows).toEqual(real.rows);
  // Created per hour (a ticket counts where it was opened: a later move does not change the day's figure).
  const hourly = await sql<{ k: string }>`
    SELECT hour::text || '/' || sum(created) AS k FROM ticket_stats_hourly GROUP BY hour HAVING sum(created) <> 0 ORDER BY 1`.execute(
    ctx.db,
  );
  const created = await sql<{ k: string }>`
    SELECT date_trunc('hour', created_at, 'UTC')::text || '/' || count(*) AS k
    FROM tickets WHERE type_key <> 'license_log' GROUP BY date_trunc('hour', created_at, 'UTC') ORDER BY 1`.execute(
    ctx.db,
  );
  expect(hourly.rows).toEqual(created.rows);
}

describe('staff queue: views, counts, waiting since (T-16, T-8, T-3)', () => {
  it('T-16 all open / unassigned / mine / waiting on customer / solved: each view lists its tickets and its count says so', async () => {
    const dep = await department();
    const c = await buildCompany(ctx);
    const fresh = await open(c, dep);
    clock.advance({ minutes: 5 });
    const owned = await open(c, dep);
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${owned}`, { assigneeId: agent.id });
    const answered = await open(c, dep);
    clock.advance({ minutes: 10 });
    const answeredAt = clock.now().toISOString();
    expect(
      (await call(app, other.auth, 'POST', `/api/v1/staff/tickets/${answered}/messages`, { body: 'Try this.' }))
        .statusCode,
    ).toBe(201);
    const solved = await open(c, dep);
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${solved}`, { status: 'pre_closed' });
    const closed = await open(c, dep);
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${closed}`, { status: 'closed' });

    const all = await queue(`department=${dep}`);
    expect(all.counts).toEqual({ open: 3, unassigned: 1, mine: 1, waiting: 1, solved: 1, breaching: 0 });
    expect(numbers(all)).toEqual([fresh, owned, answered].sort((a, b) => a - b));
    expect(numbers(await queue(`department=${dep}&view=unassigned`))).toEqual([fresh]);
    expect(numbers(await queue(`department=${dep}&view=mine`))).toEqual([owned]);
    expect(numbers(await queue(`department=${dep}&view=mine`, other))).toEqual([answered]);
    expect((await queue(`department=${dep}`, other)).counts.mine).toBe(1);
    expect(numbers(await queue(`department=${dep}&view=waiting`))).toEqual([answered]);
    expect(numbers(await queue(`department=${dep}&view=solved`))).toEqual([solved]);
    // The first queue's parameter still works.
    expect(numbers(await queue(`department=${dep}&assignee=none`))).toEqual([fresh]);

    // Waiting since: the customer since their first unanswered message; the customer since the agent's reply.
    const rows = new Map(all.items.map((i) => [i.number, i]));
    expect(rows.get(fresh)).toMatchObject({ waitingOn: 'staff', waitingSince: rows.get(fresh)?.createdAt });
    expect(rows.get(answered)).toMatchObject({ waitingOn: 'customer', waitingSince: answeredAt });

    // The customer answers: off "waiting", the agent is now waited on, since that reply.
    clock.advance({ minutes: 3 });
    const repliedAt = clock.now().toISOString();
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${answered}/messages`, { body: 'Did not help.' });
    clock.advance({ minutes: 3 });
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${answered}/messages`, { body: 'Still broken.' });
    const after = await queue(`department=${dep}`);
    expect(after.counts.waiting).toBe(0);
    expect(after.items.find((i) => i.number === answered)).toMatchObject({
      waitingOn: 'staff',
      waitingSince: repliedAt,
    });
    // An internal note is not an answer.
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${answered}/messages`, { body: 'Hm', internal: true });
    expect((await queue(`department=${dep}`)).counts.waiting).toBe(0);
    await countersMatchCountStar();
  });

  it('T-16 no department means all departments; the counts add up; an unknown department is a field error', async () => {
    const [d1, d2] = [await department(), await department()];
    const c = await buildCompany(ctx);
    const a = await open(c, d1);
    const b = await open(c, d2);
    const mine = await queue(`companyId=${c.id}`);
    expect(numbers(mine)).toEqual([a, b]);
    const total = (await queue('')).counts.open;
    const d1Count = (await queue(`department=${d1}`)).counts.open;
    expect(d1Count).toBe(1);
    expect(total).toBeGreaterThanOrEqual(2);
    const bad = await call(app, agent.auth, 'GET', '/api/v1/staff/tickets/queue?department=nope');
    expect(expectProblem(bad, 400).errors).toEqual([{ field: 'department', message: 'No such department.' }]);
    const badView = await call(app, agent.auth, 'GET', '/api/v1/staff/tickets/queue?view=all&sort=x&status=done');
    expect(
      expectProblem(badView, 400)
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['sort', 'status.0', 'view']);
  });

  it('T-12 past due: an open ticket whose due time has passed is in the breaching view and its count, until it is answered', async () => {
    const dep = await department();
    const c = await buildCompany(ctx);
    const late = await open(c, dep);
    const soon = await open(c, dep);
    await ctx.db
      .updateTable('tickets')
      .set({ due_at: new Date(clock.now().getTime() + 30 * 60_000) })
      .where('number', 'in', [String(late), String(soon)])
      .execute();
    expect((await queue(`department=${dep}`)).counts.breaching).toBe(0);
    await ctx.db
      .updateTable('tickets')
      .set({ due_at: new Date(clock.now().getTime() - 60_000) })
      .where('number', '=', String(late))
      .execute();
    const r = await queue(`department=${dep}&view=breaching`);
    expect(numbers(r)).toEqual([late]);
    expect(r.counts.breaching).toBe(1);
    // The first answer meets the due time (T-12): no longer past due.
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${late}/messages`, { body: 'On it.' });
    expect((await queue(`department=${dep}&view=breaching`)).items).toEqual([]);
  });

  it('T-16 filters by status, priority and company', async () => {
    const dep = await department();
    const [c1, c2] = [await buildCompany(ctx), await buildCompany(ctx)];
    const major = await open(c1, dep, { priority: 'major' });
    const minor = await open(c1, dep, { priority: 'minor' });
    const elsewhere = await open(c2, dep, { priority: 'minor' });
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${minor}`, { status: 'in_progress' });
    expect(numbers(await queue(`department=${dep}&priority=minor`))).toEqual([minor, elsewhere]);
    expect(numbers(await queue(`department=${dep}&priority=major,normal`))).toEqual([major]);
    expect(numbers(await queue(`department=${dep}&status=in_progress`))).toEqual([minor]);
    expect(numbers(await queue(`department=${dep}&status=submitted&status=in_progress&companyId=${c1.id}`))).toEqual([
      major,
      minor,
    ]);
    // A status outside the view's: nothing (Closed is never in the queue).
    expect(numbers(await queue(`department=${dep}&status=closed`))).toEqual([]);
    expect(numbers(await queue(`department=${dep}&view=solved&status=in_progress`))).toEqual([]);
  });
});

describe('staff queue: every sort pages by keyset, stable under ties (T-11, T-16)', () => {
  it('T-11 queue order, age and last activity: pages of 4 over 23 tickets with equal keys give each ticket once, in order', async () => {
    const dep = await department();
    const c = await buildCompany(ctx);
    const at = clock.now();
    // Ties on purpose: three instants, two due times, two weights.
    await ctx.db
      .insertInto('tickets')
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          company_id: c.id,
          type_key: 'generic',
          department_key: dep,
          title: `Tie ${i}`,
          status: (['submitted', 'assigned', 'in_progress', 'reopened'] as const)[i % 4] ?? 'submitted',
          priority: 'normal' as const,
          hotrush: i % 5 === 0,
          effective: i % 2 ? '2.00' : '1.50',
          due_at: i % 3 === 0 ? new Date(at.getTime() + 3_600_000) : null,
          last_message_at: new Date(at.getTime() - (i % 3) * 60_000),
          last_activity_at: new Date(at.getTime() - (i % 3) * 60_000),
          created_at: new Date(at.getTime() - (i % 3) * 60_000),
          updated_at: at,
        })),
      )
      .execute();
    const keyOf: Record<QueueSort, (r: Record<string, unknown>) => string> = {
      queue: (r) =>
        [
          r.hotrush ? 0 : 1,
          r.dueAt ?? '9999',
          String(1000 - Number(r.effective) * 100).padStart(5, '0'),
          r.createdAt,
        ].join('|'),
      age: (r) => String(r.createdAt),
      activity: (r) => String(r.lastActivityAt),
    };
    for (const sort of queueSorts) {
      const seen: Record<string, unknown>[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof queue>> = await queue(
          `department=${dep}&sort=${sort}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...(page.items as unknown as Record<string, unknown>[]));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(pages, sort).toBe(6);
      expect(new Set(seen.map((r) => r.number)).size, sort).toBe(23);
      const keys = seen.map(keyOf[sort]);
      const sorted = [...keys].sort();
      expect(keys, sort).toEqual(sort === 'activity' ? sorted.reverse() : sorted);
    }
    // A cursor of one sort is refused by another (400 with the field), not misread.
    const first = await queue(`department=${dep}&sort=age&limit=4`);
    const wrong = await call(
      app,
      agent.auth,
      'GET',
      `/api/v1/staff/tickets/queue?department=${dep}&sort=queue&cursor=${first.nextCursor}`,
    );
    expect(expectProblem(wrong, 400).errors).toEqual([{ field: 'cursor', message: 'Invalid cursor' }]);
    await countersMatchCountStar();
  });

  it('T-16 every view × sort, in one department or all, reads tickets through an index, in index order (no Seq Scan, no Sort)', async () => {
    const me = agent.id;
    const plans: string[] = [];
    await ctx.db.transaction().execute(async (trx) => {
      // With the alternatives priced out, a plan without Seq Scan and Sort proves an index serves the filter and the order.
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
      await sql`SET LOCAL enable_sort = off`.execute(trx);
      for (const view of queueViews as readonly QueueView[])
        for (const sort of queueSorts)
          for (const department of [undefined, 'support']) {
            const input: QueueInput = { view, sort, department, meId: me, now: clock.now(), limit: 50 };
            const q = queueQuery(trx, input);
            if (!q) throw new Error('no query');
            const plan = (await q.explain()).map((r) => String(r['QUERY PLAN'])).join('\n');
            plans.push(`${view}/${sort}/${department ?? 'all'}:\n${plan}`);
          }
      plans.push(
        `breaching:\n${(await breachingQuery(trx, clock.now()).explain()).map((r) => String(r['QUERY PLAN'])).join('\n')}`,
      );
      const oldest = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${oldestWaitingQuery()}`.execute(trx);
      plans.push(`oldest waiting:\n${oldest.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    });
    for (const p of plans) {
      expect(p).not.toMatch(/Seq Scan on tickets/);
      expect(p).toMatch(/Index (Only )?Scan/);
    }
    for (const p of plans.filter((x) => !x.startsWith('breaching') && !x.startsWith('oldest')))
      expect(p).not.toMatch(/(^|-> {2})Sort\b/m);
  });
});

describe('staff queue: bulk assign and status (T-16, T-7, T-17, A-10)', () => {
  it('T-16 assigns several tickets to me, to someone, to nobody, and sets a status, each with its timeline event', async () => {
    const dep = await department();
    const c = await buildCompany(ctx);
    const ns = [await open(c, dep), await open(c, dep), await open(c, dep)];
    const toMe = await call(app, agent.auth, 'POST', '/api/v1/staff/tickets/bulk', { numbers: ns, assignee: 'me' });
    expect(toMe.statusCode).toBe(200);
    expect(
      toMe
        .json()
        .items.map((i: { ok: boolean; ticket: { assignee: { id: string }; status: string } }) => [
          i.ok,
          i.ticket.assignee.id,
          i.ticket.status,
        ]),
    ).toEqual(ns.map(() => [true, agent.id, 'assigned']));
    expect((await queue(`department=${dep}`)).counts).toMatchObject({ open: 3, mine: 3, unassigned: 0 });
    const toOther = await call(app, agent.auth, 'POST', '/api/v1/staff/tickets/bulk', {
      numbers: ns.slice(0, 2),
      assignee: other.id,
      status: 'in_progress',
    });
    expect(toOther.json().items.every((i: { ok: boolean }) => i.ok)).toBe(true);
    expect((await queue(`department=${dep}`, other)).counts).toMatchObject({ mine: 2 });
    const unassign = await call(app, agent.auth, 'POST', '/api/v1/staff/tickets/bulk', {
      numbers: [ns[2]],
      assignee: null,
    });
    expect(unassign.json().items[0].ticket).toMatchObject({ assignee: null, status: 'submitted' });
    const detail = (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${ns[0]}`)).json();
    expect(
      detail.timeline.filter((e: { kind: string; event?: string }) => e.kind === 'event' && e.event === 'assigned'),
    ).toHaveLength(2);
    // T-8: a bulk "pre-closed" is the solved state, as one change would make it.
    const solve = await call(app, agent.auth, 'POST', '/api/v1/staff/tickets/bulk', {
      numbers: ns,
      status: 'pre_closed',
    });
    expect(solve.json().items.map((i: { ticket: { status: string } }) => i.ticket.status)).toEqual(
      ns.map(() => 'pre_closed'),
    );
    expect((await queue(`department=${dep}`)).counts).toMatchObject({ open: 0, solved: 3 });
    await countersMatchCountStar();
  });

  it('T-17 per-ticket results: a license log or a missing number fails alone, the others are changed', async () => {
    const dep = await department();
    const c = await buildCompany(ctx);
    const ok = await open(c, dep);
    const log = await ctx.db
      .insertInto('tickets')
      .values({
        company_id: c.id,
        type_key: 'license_log',
        department_key: dep,
        title: 'LOG: License URL modifications',
        status: 'closed',
        priority: 'normal',
        effective: '2.00',
        last_message_at: clock.now(),
        last_activity_at: clock.now(),
        created_at: clock.now(),
        updated_at: clock.now(),
      })
      .returning('number')
      .executeTakeFirstOrThrow();
    const res = await call(app, agent.auth, 'POST', '/api/v1/staff/tickets/bulk', {
      numbers: [Number(log.number), ok, 999_999_999],
      assignee: 'me',
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { number: number; ok: boolean; code?: string }[];
    expect(items.find((i) => i.number === ok)).toMatchObject({ ok: true });
    expect(items.find((i) => i.number === Number(log.number))).toMatchObject({ ok: false, code: 'conflict' });
    expect(items.find((i) => i.number === 999_999_999)).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('T-16 invalid input is a problem with field errors: no tickets, over 100, a bad assignee, nothing to change', async () => {
    const bulk = (body: unknown) => call(app, agent.auth, 'POST', '/api/v1/staff/tickets/bulk', body);
    const fields = async (body: unknown) =>
      (expectProblem(await bulk(body), 400).errors ?? []).map((e) => e.field).sort();
    expect(await fields({ numbers: [], assignee: 'me' })).toEqual(['numbers']);
    expect(await fields({ numbers: Array.from({ length: 101 }, (_, i) => i + 1), status: 'closed' })).toEqual([
      'numbers',
    ]);
    expect(await fields({ numbers: [1], assignee: 'someone', status: 'done' })).toEqual(['assignee', 'status']);
    expect(await fields({ numbers: [1] })).toEqual(['status']);
    expect(await fields({ numbers: [1], assignee: '00000000-0000-4000-8000-000000000000' })).toEqual(['assignee']);
  });

  it('A-10 content staff and customers may not bulk-change or read the Overview', async () => {
    const content = await buildStaff(ctx, 'content');
    const c = await buildCompany(ctx);
    expectProblem(
      await call(app, content.auth, 'POST', '/api/v1/staff/tickets/bulk', { numbers: [1], status: 'closed' }),
      403,
    );
    expectProblem(await call(app, content.auth, 'GET', '/api/v1/staff/overview'), 403);
    const asCustomer = await call(app, c.primary.auth, 'POST', '/api/v1/staff/tickets/bulk', { numbers: [1] });
    expect([401, 403]).toContain(asCustomer.statusCode);
  });
});

describe('staff Overview (issue 11, T-13, E-2)', () => {
  it('T-16 counts per department, the oldest waiting ticket, created and solved per day, CSAT per week, held mail', async () => {
    const dep = await department();
    const c = await buildCompany(ctx);
    const before = (await call(app, agent.auth, 'GET', '/api/v1/staff/overview?tz=Asia/Dubai')).json();
    const oldest = await open(c, dep, { title: 'Waiting longest' });
    clock.advance({ hours: 1 });
    await open(c, dep);
    const done = await open(c, dep);
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${done}/messages`, { body: 'Fixed.' });
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${done}`, { status: 'closed' });
    expect(
      (await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${done}/rating`, { rating: 5, comment: 'Great' }))
        .statusCode,
    ).toBe(200);
    await ctx.db
      .insertInto('inbound_mail')
      .values({ received_at: clock.now(), via: 'api', raw: Buffer.from('x'), size: 1, state: 'held', reason: 'test' })
      .execute();

    const res = await call(app, agent.auth, 'GET', '/api/v1/staff/overview?tz=Asia/Dubai');
    expect(res.statusCode).toBe(200);
    const o = res.json();
    const d = o.departments.find((x: { key: string }) => x.key === dep);
    expect(d.counts).toEqual({ open: 2, unassigned: 2, mine: 0, waiting: 0, solved: 0, breaching: 0 });
    expect(d.oldestWaiting).toMatchObject({ number: oldest, title: 'Waiting longest' });
    expect(o.perDay).toHaveLength(30);
    const today = o.perDay[29];
    const todayBefore = before.perDay[29];
    expect(today.created - todayBefore.created).toBe(3);
    expect(today.solved - todayBefore.solved).toBe(1);
    expect(o.csat).toHaveLength(12);
    expect(o.csat[11].rated - before.csat[11].rated).toBe(1);
    expect(o.csat[11].goodShare).not.toBeNull();
    expect(o.heldInboundMail - before.heldInboundMail).toBe(1);
    expect(o.totals.open - before.totals.open).toBe(2);
    // A rating changed while closed (T-13) moves the trend, it is not counted twice.
    clock.advance({ minutes: 1 });
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${done}/rating`, { rating: 1 });
    const again = (await call(app, agent.auth, 'GET', '/api/v1/staff/overview?tz=Asia/Dubai')).json();
    expect(again.csat[11].rated).toBe(o.csat[11].rated);
    expect(
      expectProblem(await call(app, agent.auth, 'GET', '/api/v1/staff/overview?tz=Mars/Olympus'), 400).errors,
    ).toEqual([{ field: 'tz', message: 'Not a known time zone.' }]);
    await countersMatchCountStar();
  });
});

describe('queue counters under concurrent writers', () => {
  it('T-16 twenty customers opening tickets and two agents bulk-changing them at once leave the counters equal to count(*), without a deadlock', async () => {
    const dep = await department();
    const cs = await Promise.all(Array.from({ length: 4 }, () => buildCompany(ctx)));
    const first = await Promise.all(cs.map((c) => open(c, dep)));
    const results = await Promise.all([
      ...Array.from({ length: 16 }, (_, i) =>
        call(app, (cs[i % 4] as TestCompany).primary.auth, 'POST', '/api/v1/tickets', {
          type: 'generic',
          title: `At once ${i}`,
          message: 'Hello',
        }),
      ),
      call(app, agent.auth, 'POST', '/api/v1/staff/tickets/bulk', { numbers: first, assignee: 'me' }),
      call(app, other.auth, 'POST', '/api/v1/staff/tickets/bulk', {
        numbers: [...first].reverse(),
        status: 'in_progress',
      }),
      ...first.map((n, i) =>
        call(app, (cs[i] as TestCompany).primary.auth, 'POST', `/api/v1/tickets/${n}/messages`, { body: 'More' }),
      ),
    ]);
    for (const r of results) expect([200, 201]).toContain(r.statusCode);
    await countersMatchCountStar();
  });
});

// Last: it moves the clock a month on.
describe('queue counters follow every writer (T-6, T-8, T-9)', () => {
  it('T-6 T-8 T-9 after merge, move, solved, the pre-close and close sweeps and a re-open, the counters equal count(*)', async () => {
    const dep = await department();
    const c = await buildCompany(ctx);
    // A sales question: pre-closed after 14 silent days (a pre-sales company, A-11), T-8.
    const a = await open(c, dep, { type: 'sales' });
    const b = await open(c, dep);
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${a}/messages`, { body: 'Also the invoice page.' });
    const detail = (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${a}`)).json();
    const code = detail.timeline.filter((x: { kind: string }) => x.kind === 'message')[1].messageId;
    const moved = await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${a}/messages/${code}/move`, {
      title: 'Invoice page',
    });
    expect(moved.statusCode).toBe(201);
    expect((await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${b}/merge`, { into: a })).statusCode).toBe(200);
    await countersMatchCountStar();
    const counts = (await queue(`department=${dep}`)).counts;
    expect(counts.open).toBe(2);
    // T-8 / T-9: an agent answers; 30 silent days pre-close it, 3 more close it.
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${a}/messages`, { body: 'Here is the offer.' });
    clock.advance({ days: 30, minutes: 1 });
    expect(await preCloseSilentTickets(ctx)).toBeGreaterThanOrEqual(1);
    // A month later the sessions of the test's start have expired: sign in again.
    agent.auth = await sessionFor(ctx, { staffId: agent.id });
    c.primary.auth = await sessionFor(ctx, { profileId: c.primary.id });
    // Both sales questions (the moved message's ticket keeps the type) are pre-closed.
    expect((await queue(`department=${dep}`)).counts).toMatchObject({ open: 0, solved: 2 });
    await countersMatchCountStar();
    clock.advance({ days: 3, minutes: 1 });
    expect(await closePreClosedTickets(ctx)).toBeGreaterThanOrEqual(1);
    expect((await queue(`department=${dep}`)).counts).toMatchObject({ open: 0, solved: 0 });
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${a}`, { status: 'reopened' });
    expect((await queue(`department=${dep}`)).counts).toMatchObject({ open: 1 });
    await countersMatchCountStar();
  });
});
