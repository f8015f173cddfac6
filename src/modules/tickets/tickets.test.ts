import { describe, expect, it } from 'vitest';
import {
  buildCatalogue,
  buildCompany,
  buildLicense,
  buildStaff,
  mailTo,
  type TestCompany,
} from '../../../test/factories.js';
import { call, expectProblem, setupApp } from '../../../test/helpers.js';

const { app, ctx, clock } = await setupApp();

const fields = (res: { json: () => { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field).sort();

async function companyWithLicense() {
  const c = await buildCompany(ctx);
  const cat = await buildCatalogue(ctx);
  const l = await buildLicense(ctx, c.id, cat, { url: 'https://shop.example.com' });
  return { c, cat, l };
}

async function open(c: TestCompany, body: Record<string, unknown>) {
  const res = await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
    type: 'generic',
    title: 'Question',
    message: 'Hello there',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json() as { number: number; status: string };
}

const answerer = await buildStaff(ctx, 'agent');
/** An agent answers: work on the ticket has started (T-13 counts it as rateable once closed). */
const answer = async (n: number, body = 'We are on it.') => {
  const res = await call(app, answerer.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body });
  if (res.statusCode !== 201) throw new Error(`answer failed: ${res.statusCode} ${res.body}`);
};

const detail = async (c: TestCompany, n: number) =>
  (await call(app, c.primary.auth, 'GET', `/api/v1/tickets/${n}`)).json();

describe('tickets: creating (T-1, T-2, T-4, T-5)', () => {
  it('T-4 a customer opens a tech-support ticket with a license, version, priority and HotRush; T-2 it goes to Support', async () => {
    const { c, cat, l } = await companyWithLicense();
    const res = await call(app, c.secondary.auth, 'POST', '/api/v1/tickets', {
      type: 'tech',
      licenses: [l.key],
      version: '4.7.1',
      priority: 'major',
      hotrush: true,
      title: 'Checkout fails',
      message: 'The checkout page shows an error.',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      type: { key: 'tech' },
      department: { key: 'support' },
      status: 'submitted',
      priority: 'major',
      hotrush: true,
      version: '4.7.1',
      licenses: [l.key],
      product: { id: cat.productId },
      author: 'Sid Secondary',
    });
    const d = await detail(c, res.json().number);
    expect(d.timeline.filter((x: { kind: string }) => x.kind === 'message')).toMatchObject([
      { body: 'The checkout page shows an error.', author: { kind: 'profile', name: 'Sid Secondary' } },
    ]);
  });

  it('T-2 each type routes to its department; system types cannot be chosen by customers', async () => {
    const c = await buildCompany(ctx);
    expect((await open(c, { type: 'sales' })) as unknown).toMatchObject({ department: { key: 'sales' } });
    expect((await open(c, { type: 'project' })) as unknown).toMatchObject({ department: { key: 'projects' } });
    expect(
      fields(
        await call(app, c.primary.auth, 'POST', '/api/v1/tickets', { type: 'license_log', title: 'x', message: 'y' }),
      ),
    ).toEqual(['type']);
    const opts = (await call(app, c.primary.auth, 'GET', '/api/v1/tickets/options')).json();
    expect(opts.types.map((t: { key: string }) => t.key)).toEqual(['tech', 'sales', 'project', 'generic']);
  });

  it('T-4 missing or invalid fields get per-field errors and nothing is written', async () => {
    const { c, l } = await companyWithLicense();
    const other = await companyWithLicense();
    const before = await ctx.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('company_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(
      fields(await call(app, c.primary.auth, 'POST', '/api/v1/tickets', { type: 'tech', title: '', message: '' })),
    ).toEqual(['message', 'title']);
    expect(
      fields(await call(app, c.primary.auth, 'POST', '/api/v1/tickets', { type: 'tech', title: 'T', message: 'M' })),
    ).toEqual(['licenses']);
    expect(
      fields(
        await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
          type: 'tech',
          licenses: [other.l.key],
          title: 'T',
          message: 'M',
        }),
      ),
    ).toEqual(['licenses']);
    expect(
      fields(
        await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
          type: 'tech',
          licenses: [l.key],
          version: '2.0.0',
          title: 'T',
          message: 'M',
        }),
      ),
    ).toEqual(['version']);
    expect(
      fields(
        await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
          type: 'sales',
          hotrush: true,
          title: 'T',
          message: 'M',
        }),
      ),
    ).toEqual(['hotrush']);
    expect(
      fields(
        await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
          type: 'sales',
          priority: 'urgent',
          title: 'T',
          message: 'M',
        }),
      ),
    ).toEqual(['priority']);
    const after = await ctx.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('company_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('T-5 every message has a short unique message ID, shown on the message and in the notification subject', async () => {
    const c = await buildCompany(ctx);
    const t = await open(c, { title: 'Where is my invoice' });
    const d = await detail(c, t.number);
    const code = d.timeline.find((x: { kind: string }) => x.kind === 'message').messageId;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const mail = (await mailTo(ctx, c.primary.email))[0];
    expect(mail?.subject).toBe(`[#${t.number}] Where is my invoice (message ${code})`);
    const { newMessageCode } = await import('./message-code.js');
    expect(new Set(Array.from({ length: 5000 }, newMessageCode)).size).toBe(5000);
  });
});

describe('tickets: the communication index (T-14)', () => {
  it("T-14 lists the company's tickets newest activity first, with paging", async () => {
    const c = await buildCompany(ctx);
    const made = [];
    for (let i = 0; i < 4; i++) {
      clock.advance({ minutes: 1 });
      made.push((await open(c, { title: `Ticket ${i}` })).number);
    }
    clock.advance({ minutes: 1 });
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${made[0]}/messages`, { body: 'bump' });
    const p1 = (await call(app, c.primary.auth, 'GET', '/api/v1/tickets?limit=2')).json();
    const p2 = (await call(app, c.primary.auth, 'GET', `/api/v1/tickets?limit=2&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((t: { number: number }) => t.number)).toEqual([
      made[0],
      made[3],
      made[2],
      made[1],
    ]);
    const other = await buildCompany(ctx);
    expect((await call(app, other.primary.auth, 'GET', '/api/v1/tickets')).json().items).toEqual([]);
  });

  it('T-14 "hide closed and rated" keeps open tickets and closed ones still to rate; a ticket closed before any answer can never be rated, so it is hidden', async () => {
    const c = await buildCompany(ctx);
    const openOne = await open(c, { title: 'Open one' });
    const closedUnrated = await open(c, { title: 'Closed unrated' });
    const closedRated = await open(c, { title: 'Closed rated' });
    const closedUnanswered = await open(c, { title: 'Closed before any answer' });
    await answer(closedUnrated.number);
    await answer(closedRated.number);
    for (const t of [closedUnrated, closedRated, closedUnanswered])
      await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${closedRated.number}/rating`, { rating: 5 });
    const shown = (await call(app, c.primary.auth, 'GET', '/api/v1/tickets?hideClosed=true'))
      .json()
      .items.map((t: { number: number }) => t.number);
    expect(shown.sort()).toEqual([openOne.number, closedUnrated.number].sort());
  });

  it("T-14 searches by title, by message ID and full text over messages, never another company's", async () => {
    const c = await buildCompany(ctx);
    const a = await open(c, { title: 'Payment gateway timeout', message: 'Customers see a blank page' });
    const b = await open(c, { title: 'Shipping rates', message: 'Rates for Norway are wrong' });
    const other = await buildCompany(ctx);
    await open(other, { title: 'Payment gateway broken', message: 'Norway too' });
    const find = async (q: string) =>
      (await call(app, c.primary.auth, 'GET', `/api/v1/tickets?${q}`))
        .json()
        .items.map((t: { number: number }) => t.number);
    expect(await find('q=payment')).toEqual([a.number]);
    expect(await find('q=norway')).toEqual([b.number]);
    expect(await find(`q=${encodeURIComponent('"blank page"')}`)).toEqual([a.number]);
    expect(await find('q=gateway -timeout')).toEqual([]);
    const code = (await detail(c, b.number)).timeline.find((x: { kind: string }) => x.kind === 'message').messageId;
    expect(await find(`messageId=${code.toLowerCase().replace('-', '')}`)).toEqual([b.number]);
    // Another company's message ID finds nothing.
    const theirs = (await call(app, other.primary.auth, 'GET', '/api/v1/tickets')).json().items[0].number;
    const theirCode = (await detail(other, theirs)).timeline.find(
      (x: { kind: string }) => x.kind === 'message',
    ).messageId;
    expect(await find(`messageId=${theirCode}`)).toEqual([]);
    expect(await find('messageId=not-an-id')).toEqual([]);
  });

  it('T-14 "-word" leaves out a ticket when its title or any of its messages has the word, not just that message', async () => {
    const c = await buildCompany(ctx);
    const t = await open(c, { title: 'Checkout question', message: 'The coupon field is gone' });
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Also the invoice is late',
    });
    const kept = await open(c, { title: 'Another checkout question', message: 'The coupon works' });
    const find = async (q: string) =>
      (await call(app, c.primary.auth, 'GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((x: { number: number }) => x.number);
    expect((await find('coupon')).sort()).toEqual([t.number, kept.number].sort());
    expect(await find('coupon -invoice')).toEqual([kept.number]);
    expect(await find('coupon -"invoice is late"')).toEqual([kept.number]);
    expect(await find('-another')).toEqual([t.number]);
    const agent = await buildStaff(ctx, 'agent');
    const staffFind = (
      await call(app, agent.auth, 'GET', `/api/v1/staff/tickets?q=${encodeURIComponent('coupon -invoice')}`)
    ).json();
    const numbers = (staffFind.items ?? staffFind).map((x: { number: number }) => x.number);
    expect(numbers).toContain(kept.number);
    expect(numbers).not.toContain(t.number);
  });
});

describe('tickets: posting, closing, re-opening (T-3, T-6, T-7)', () => {
  it('T-6 a message cannot be posted in a Closed ticket; T-7 the customer re-opens it first', async () => {
    const c = await buildCompany(ctx);
    const t = await open(c, {});
    expect(
      (await call(app, c.secondary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' })).json().status,
    ).toBe('closed');
    const p = expectProblem(
      await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Another thing' }),
      409,
    );
    expect(p.detail).toContain('Re-open');
    expect(
      (await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'reopened' })).json().status,
    ).toBe('reopened');
    expect(
      (await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Another thing' }))
        .statusCode,
    ).toBe(201);
    const events = (await detail(c, t.number)).timeline
      .filter((x: { kind: string }) => x.kind === 'event')
      .map((e: { event: string; from: string; to: string }) => `${e.event}:${e.from ?? ''}>${e.to}`);
    expect(events).toEqual(['created:>submitted', 'status:submitted>closed', 'status:closed>reopened']);
    expectProblem(await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'reopened' }), 409);
  });

  it('T-6 posting in a Pre-closed ticket moves it back to In progress', async () => {
    const c = await buildCompany(ctx);
    const t = await open(c, {});
    const agent = await buildStaff(ctx, 'agent');
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${t.number}`, { status: 'pre_closed' });
    const res = await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/messages`, {
      body: 'Not solved yet',
    });
    expect(res.json().ticket.status).toBe('in_progress');
  });

  it('T-3 staff answers put the ticket In progress and assign it; every change is an event with who and when', async () => {
    const c = await buildCompany(ctx);
    const t = await open(c, {});
    const agent = await buildStaff(ctx, 'agent');
    const res = await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${t.number}/messages`, {
      body: 'Looking into it',
    });
    expect(res.json().ticket).toMatchObject({ status: 'in_progress', assignee: { id: agent.id } });
    const timeline = (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${t.number}`)).json().timeline;
    const statusEvent = timeline.find((x: { event?: string }) => x.event === 'status');
    expect(statusEvent).toMatchObject({
      actor: agent.name,
      from: 'submitted',
      to: 'in_progress',
      at: clock.now().toISOString(),
    });
  });

  it('T-16 internal notes are never shown to customers: not in the ticket, the index search, the attachments or mail', async () => {
    const c = await buildCompany(ctx);
    const t = await open(c, { title: 'Slow admin' });
    const agent = await buildStaff(ctx, 'agent');
    const mailsBefore = (await mailTo(ctx, c.primary.email)).length;
    const note = await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${t.number}/messages`, {
      body: 'Customer server is underpowered zanzibar',
      internal: true,
    });
    expect(note.statusCode).toBe(201);
    const d = await detail(c, t.number);
    expect(JSON.stringify(d)).not.toContain('zanzibar');
    expect((await call(app, c.primary.auth, 'GET', '/api/v1/tickets?q=zanzibar')).json().items).toEqual([]);
    expect(
      (await call(app, c.primary.auth, 'GET', `/api/v1/tickets?messageId=${note.json().messageId}`)).json().items,
    ).toEqual([]);
    expect((await mailTo(ctx, c.primary.email)).length).toBe(mailsBefore);
    const staffView = (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${t.number}`)).json();
    expect(
      staffView.timeline.find((x: { internal?: boolean; kind: string }) => x.kind === 'message' && x.internal).body,
    ).toContain('zanzibar');
  });
});

describe('tickets: priority, HotRush and rating (T-10, T-12, T-13)', () => {
  it('T-10 the customer changes the priority while the ticket is open, not once it is Closed', async () => {
    const c = await buildCompany(ctx);
    const t = await open(c, { priority: 'minor' });
    expect(
      (await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'major' })).json().priority,
    ).toBe('major');
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
    expectProblem(await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { priority: 'minor' }), 409);
  });

  it('T-12 HotRush is disabled freely while Submitted and at most 3 times per company on tickets being worked on', async () => {
    const { c, l } = await companyWithLicense();
    const agent = await buildStaff(ctx, 'agent');
    const hot = async () =>
      (
        await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
          type: 'tech',
          licenses: [l.key],
          hotrush: true,
          title: 'Down',
          message: 'Site is down',
        })
      ).json().number as number;
    const submitted = await hot();
    for (let i = 0; i < 4; i++) {
      expect(
        (await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${submitted}`, { hotrush: false })).json().hotrush,
      ).toBe(false);
      await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${submitted}`, { hotrush: true });
    }
    const worked: number[] = [];
    for (let i = 0; i < 4; i++) {
      const n = await hot();
      await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages`, { body: 'On it' });
      worked.push(n);
    }
    for (const n of worked.slice(0, 3))
      expect((await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${n}`, { hotrush: false })).statusCode).toBe(
        200,
      );
    const fourth = await call(app, c.secondary.auth, 'PATCH', `/api/v1/tickets/${worked[3]}`, { hotrush: false });
    expect(fields(fourth)).toEqual(['hotrush']);
    expect(fourth.statusCode).toBe(422);
    expect((await detail(c, worked[3] as number)).hotrush).toBe(true);
    expect((await detail(c, worked[3] as number)).hotrushDisablesLeft).toBe(0);
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${submitted}`, { status: 'closed' });
    expectProblem(await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${submitted}`, { hotrush: false }), 409);
  });

  it('T-13 only a Closed ticket is rated; the rating can be changed while closed; it goes to the department head', async () => {
    const c = await buildCompany(ctx);
    const head = await buildStaff(ctx, 'department_head');
    await ctx.db.updateTable('departments').set({ head_staff_id: head.id }).where('key', '=', 'support').execute();
    try {
      const t = await open(c, {});
      await answer(t.number);
      expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/rating`, { rating: 4 }), 409);
      await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
      const closeMail = (await mailTo(ctx, c.primary.email)).find((m) => m.kind === 'ticket-closed');
      expect(closeMail?.text_body).toContain(`/tickets/${t.number}?rate=1`);
      expect(
        (
          await call(app, c.secondary.auth, 'POST', `/api/v1/tickets/${t.number}/rating`, {
            rating: 4,
            comment: 'Quick',
          })
        ).json(),
      ).toMatchObject({ rating: 4, ratingComment: 'Quick' });
      expect(
        (await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/rating`, { rating: 5 })).json().rating,
      ).toBe(5);
      expect(
        fields(await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/rating`, { rating: 6 })),
      ).toEqual(['rating']);
      const toHead = await mailTo(ctx, head.email);
      expect(toHead.map((m) => m.subject)).toEqual([
        `[#${t.number}] rated 5/5 by Pat Primary`,
        `[#${t.number}] rated 4/5 by Sid Secondary`,
      ]);
      await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'reopened' });
      expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/rating`, { rating: 1 }), 409);
    } finally {
      await ctx.db.updateTable('departments').set({ head_staff_id: null }).where('key', '=', 'support').execute();
    }
  });
});

describe('tickets: notifications (T-15) and access', () => {
  it('T-15 a new message is mailed to the author and the profiles that want ticket mail, threaded, with the link', async () => {
    const c = await buildCompany(ctx);
    await ctx.db.updateTable('profiles').set({ notify_tickets: false }).where('id', '=', c.advanced.id).execute();
    const t = await open(c, { title: 'Threading' });
    const agent = await buildStaff(ctx, 'agent');
    const reply = await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${t.number}/messages`, {
      body: 'Fixed it',
    });
    const code = reply.json().messageId;
    for (const p of [c.primary, c.secondary]) {
      const m = (await mailTo(ctx, p.email))[0];
      expect(m?.subject).toBe(`[#${t.number}] Threading (message ${code})`);
      expect(m?.text_body).toContain(`http://clientele.test/tickets/${t.number}`);
      expect(m?.message_id).toContain(code);
      expect(JSON.stringify(m?.headers)).toContain('In-Reply-To');
    }
    expect((await mailTo(ctx, c.advanced.email)).filter((m) => m.kind.startsWith('ticket'))).toEqual([]);
  });

  it("T-1 another company's ticket and its attachments are not found; staff see every ticket", async () => {
    const c = await buildCompany(ctx);
    const other = await buildCompany(ctx);
    const t = await open(c, {});
    for (const [method, url, body] of [
      ['GET', `/api/v1/tickets/${t.number}`],
      ['PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' }],
      ['POST', `/api/v1/tickets/${t.number}/messages`, { body: 'x' }],
      ['POST', `/api/v1/tickets/${t.number}/rating`, { rating: 3 }],
      ['GET', `/api/v1/tickets/${t.number}/attachments/00000000-0000-4000-8000-000000000000`],
      ['GET', '/api/v1/tickets/not-a-number'],
    ] as const) {
      expectProblem(await call(app, other.primary.auth, method, url, body), 404);
    }
    expect(
      (await call(app, (await buildStaff(ctx, 'agent')).auth, 'GET', `/api/v1/staff/tickets/${t.number}`)).statusCode,
    ).toBe(200);
  });
});

describe('tickets: attachments (T-4, F-6)', () => {
  const multipart = (
    fields: Record<string, string>,
    files: { name: string; content: string | Buffer; type?: string }[],
  ) => {
    const boundary = `----clt${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const f of files) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
      parts.push(Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  const send = (c: TestCompany, url: string, body: ReturnType<typeof multipart>) =>
    app.inject({
      method: 'POST',
      url,
      payload: body.payload,
      headers: {
        ...body.headers,
        cookie: `clientele_session=${c.primary.auth.cookie}`,
        'x-csrf-token': c.primary.auth.csrf ?? '',
      },
    });

  it('T-4 a ticket is created with attachments, served only to its company, as a download unless an image', async () => {
    const c = await buildCompany(ctx);
    const res = await send(
      c,
      '/api/v1/tickets',
      multipart({ type: 'generic', title: 'With files', message: 'See attached' }, [
        { name: 'trace.log', content: 'stack trace', type: 'text/plain' },
        { name: 'page.html', content: '<script>alert(1)</script>', type: 'text/html' },
      ]),
    );
    expect(res.statusCode).toBe(201);
    const d = await detail(c, res.json().number);
    const files = d.timeline.find((x: { kind: string }) => x.kind === 'message').attachments;
    expect(files.map((f: { name: string }) => f.name)).toEqual(['trace.log', 'page.html']);
    const html = await call(app, c.primary.auth, 'GET', `/api/v1/tickets/${d.number}/attachments/${files[1].id}`);
    expect(html.headers['content-disposition']).toMatch(/^attachment;/);
    expect(html.headers['content-type']).toBe('application/octet-stream');
    const ranged = await app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${d.number}/attachments/${files[0].id}`,
      headers: { cookie: `clientele_session=${c.primary.auth.cookie}`, range: 'bytes=0-4' },
    });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.body).toBe('stack');
    const other = await buildCompany(ctx);
    expectProblem(
      await call(app, other.primary.auth, 'GET', `/api/v1/tickets/${d.number}/attachments/${files[0].id}`),
      404,
    );
  });

  it('T-4 only the "files" field carries attachments: a file under any other field is a 400 and no ticket is written', async () => {
    const c = await buildCompany(ctx);
    const title = `Smuggled ${Math.random().toString(16).slice(2)}`;
    const body = multipart({ type: 'generic', title, message: 'See attached' }, []);
    const boundary = body.headers['content-type'].split('boundary=')[1];
    const smuggled = Buffer.concat([
      body.payload.subarray(0, body.payload.length - `--${boundary}--\r\n`.length),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
      ),
    ]);
    const res = await send(c, '/api/v1/tickets', { payload: smuggled, headers: body.headers });
    expect(expectProblem(res, 400, 'validation-failed').errors?.[0]?.field).toBe('avatar');
    const written = await ctx.db.selectFrom('tickets').select('id').where('title', '=', title).execute();
    expect(written).toEqual([]);
  });

  it('F-6 an attachment with a path in its name, or over the size limit, is refused and nothing is written', async () => {
    const small = await setupApp({ fileMaxBytes: 1000 });
    const c = await buildCompany(small.ctx);
    const count = async () =>
      Number(
        (
          await small.ctx.db
            .selectFrom('tickets')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('company_id', '=', c.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const body1 = multipart({ type: 'generic', title: 'T', message: 'M' }, [
      { name: '../../etc/passwd', content: 'x' },
    ]);
    const r1 = await small.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      payload: body1.payload,
      headers: {
        ...body1.headers,
        cookie: `clientele_session=${c.primary.auth.cookie}`,
        'x-csrf-token': c.primary.auth.csrf ?? '',
      },
    });
    expect(expectProblem(r1, 400).errors?.[0]?.message).toContain('path');
    const body2 = multipart({ type: 'generic', title: 'T', message: 'M' }, [
      { name: 'big.bin', content: Buffer.alloc(5000, 1) },
    ]);
    const r2 = await small.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      payload: body2.payload,
      headers: {
        ...body2.headers,
        cookie: `clientele_session=${c.primary.auth.cookie}`,
        'x-csrf-token': c.primary.auth.csrf ?? '',
      },
    });
    expectProblem(r2, 413);
    const body3 = multipart({ type: 'nope', title: 'T', message: 'M' }, [{ name: 'ok.txt', content: 'fine' }]);
    const r3 = await small.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      payload: body3.payload,
      headers: {
        ...body3.headers,
        cookie: `clientele_session=${c.primary.auth.cookie}`,
        'x-csrf-token': c.primary.auth.csrf ?? '',
      },
    });
    expect(fields(r3)).toEqual(['type']);
    expect(await count()).toBe(0);
    expect(
      await small.ctx.db.selectFrom('ticket_attachments').select('id').where('company_id', '=', c.id).execute(),
    ).toEqual([]);
  });
});

describe('tickets: Ticket files (F-1)', () => {
  it("F-1 the file area lists every attachment of the company's tickets, without internal notes' files, sortable", async () => {
    const c = await buildCompany(ctx);
    const agent = await buildStaff(ctx, 'agent');
    const t = await open(c, { title: 'Files here' });
    const { Readable } = await import('node:stream');
    const put = async (name: string, content: string) => ({
      name,
      mediaType: 'text/plain',
      stored: await ctx.storage.put(Readable.from([Buffer.from(content)]), { maxBytes: 1000, prefix: 'tickets' }),
    });
    const { postCustomerMessage, postStaffMessage } = await import('./post-message.js');
    const actor = {
      kind: 'profile' as const,
      id: c.primary.id,
      companyId: c.id,
      role: 'primary' as const,
      email: c.primary.email,
      name: c.primary.name,
    };
    await postCustomerMessage(ctx, actor, String(t.number), { body: 'logs' }, [
      await put('b-small.txt', 'x'),
      await put('a-large.txt', 'xxxxxxxxxx'),
    ]);
    const staffActor = {
      kind: 'staff' as const,
      id: agent.id,
      role: 'agent' as const,
      email: agent.email,
      name: agent.name,
    };
    await postStaffMessage(ctx, staffActor, String(t.number), { body: 'secret', internal: true }, [
      await put('internal.txt', 'hidden'),
    ]);
    const names = async (q: string) =>
      (await call(app, c.secondary.auth, 'GET', `/api/v1/files/tickets?${q}`))
        .json()
        .items.map((f: { name: string }) => f.name);
    expect(await names('sort=name')).toEqual(['a-large.txt', 'b-small.txt']);
    expect(await names('sort=size&order=desc')).toEqual(['a-large.txt', 'b-small.txt']);
    const first = (await call(app, c.secondary.auth, 'GET', '/api/v1/files/tickets')).json().items[0];
    expect(first.description).toBe(`Ticket #${t.number}: Files here`);
    expect((await call(app, c.secondary.auth, 'GET', first.downloadUrl.replace('/api/v1', '/api/v1'))).statusCode).toBe(
      200,
    );
    expect(
      (await call(app, (await buildCompany(ctx)).primary.auth, 'GET', '/api/v1/files/tickets')).json().items,
    ).toEqual([]);
  });
});

describe('tickets: move and merge (T-6, T-16)', () => {
  it('T-6 staff move a message that raises a new matter into a new ticket; the customer is told', async () => {
    const c = await buildCompany(ctx);
    const agent = await buildStaff(ctx, 'agent');
    const t = await open(c, { title: 'Checkout slow' });
    const second = (
      await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/messages`, {
        body: 'Also, how do I export orders?',
      })
    ).json().messageId;
    const moved = await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${t.number}/messages/${second}/move`, {
      title: 'Exporting orders',
    });
    expect(moved.statusCode).toBe(201);
    const n = moved.json().number;
    expect(moved.json()).toMatchObject({ title: 'Exporting orders', status: 'submitted', company: { id: c.id } });
    const newTicket = await detail(c, n);
    expect(
      newTicket.timeline
        .filter((x: { kind: string }) => x.kind === 'message')
        .map((m: { messageId: string }) => m.messageId),
    ).toEqual([second]);
    const old = await detail(c, t.number);
    expect(old.timeline.filter((x: { kind: string }) => x.kind === 'message')).toHaveLength(1);
    expect(old.timeline.find((x: { event?: string }) => x.event === 'message-moved')).toMatchObject({
      from: second,
      to: `#${n}`,
    });
    expect((await mailTo(ctx, c.primary.email))[0]?.text_body).toContain(`moved it to the new ticket #${n}`);
    const only = (await detail(c, n)).timeline.find((x: { kind: string }) => x.kind === 'message').messageId;
    expectProblem(
      await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${n}/messages/${only}/move`, { title: 'x' }),
      422,
    );
  });

  it("T-6 staff merge duplicate tickets of one company; other companies' tickets are refused", async () => {
    const c = await buildCompany(ctx);
    const agent = await buildStaff(ctx, 'agent');
    const a = await open(c, { title: 'Broken image', message: 'First report' });
    const b = await open(c, { title: 'Broken image again', message: 'Second report' });
    const res = await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${b.number}/merge`, { into: a.number });
    expect(res.statusCode).toBe(200);
    const target = await detail(c, a.number);
    expect(
      target.timeline.filter((x: { kind: string }) => x.kind === 'message').map((m: { body: string }) => m.body),
    ).toEqual(['First report', 'Second report']);
    const source = await detail(c, b.number);
    expect(source.status).toBe('closed');
    expect(
      (await call(app, c.primary.auth, 'GET', '/api/v1/tickets')).json().items.map((x: { number: number }) => x.number),
    ).not.toContain(b.number);
    const other = await open(await buildCompany(ctx), {});
    expect(
      fields(await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${a.number}/merge`, { into: other.number })),
    ).toEqual(['into']);
    expectProblem(
      await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${b.number}/merge`, { into: a.number }),
      409,
    );
  });
});

describe('tickets: the staff queue (T-11, T-12, T-16)', () => {
  it('T-12 a HotRush ticket is due 2 business hours after it is set and is answered out of queue, first', async () => {
    clock.set('2026-03-06T13:00:00Z'); // Friday 17:00 in Dubai (open until 18:00): the second hour is Monday 09:00–10:00 (06:00 UTC)
    const { c, l } = await companyWithLicense();
    const dept = `q${Date.now().toString(36)}`;
    await ctx.db.insertInto('departments').values({ key: dept, name: 'Queue test' }).execute();
    const agent = await buildStaff(ctx, 'agent');
    const normal = await open(c, { title: 'Normal one' });
    const hot = (
      await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
        type: 'tech',
        licenses: [l.key],
        hotrush: true,
        priority: 'minor',
        title: 'Hot one',
        message: 'Down',
      })
    ).json();
    for (const n of [normal.number, hot.number])
      await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { department: dept });
    const q = (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/queue?department=${dept}`)).json().items;
    expect(q.map((t: { number: number }) => t.number)).toEqual([hot.number, normal.number]);
    expect(q[0].dueAt).toBe('2026-03-09T06:00:00.000Z');
    await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${hot.number}/messages`, { body: 'On it' });
    expect((await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${hot.number}`)).json().dueAt).toBeNull();
    clock.set('2026-03-02T09:00:00Z');
  });

  it('T-11 the queue orders by effective priority: a company that marks everything Major queues as Normal, below a rare Major', async () => {
    const dept = `e${Date.now().toString(36)}`;
    await ctx.db.insertInto('departments').values({ key: dept, name: 'Effective test' }).execute();
    const agent = await buildStaff(ctx, 'agent');
    const shouter = await buildCompany(ctx);
    for (let i = 0; i < 4; i++) await open(shouter, { priority: 'major', title: `Urgent ${i}` });
    const calm = await buildCompany(ctx);
    for (let i = 0; i < 3; i++) await open(calm, { priority: 'minor', title: `Whenever ${i}` });
    const shouted = await open(shouter, { priority: 'major', title: 'Urgent again' });
    const rare = await open(calm, { priority: 'major', title: 'Really urgent' });
    clock.advance({ minutes: 1 });
    const average = await open(await buildCompany(ctx), { priority: 'normal', title: 'Normal' });
    for (const n of [shouted.number, rare.number, average.number])
      await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${n}`, { department: dept });
    const q = (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/queue?department=${dept}`)).json().items;
    // Equal effective priorities queue oldest first: the shouter's earlier ticket before the average one.
    expect(
      q.map((t: { number: number; effective: number; effectiveLabel: string }) => [
        t.number,
        t.effective,
        t.effectiveLabel,
      ]),
    ).toEqual([
      // The calm company's habit counts the rare Major too: (1 + 1 + 1 + 3) / 4 = 1.5 → 3 − (1.5 − 2) = 3.5.
      [rare.number, 3.5, 'above Major'],
      [shouted.number, 2, 'Normal'],
      [average.number, 2, 'Normal'],
    ]);
  });

  it('T-11 the weight follows the habit as it changes: all 4 Major tickets of a company queue as Normal, and a priority change weighs them again', async () => {
    const agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const made: { number: number }[] = [];
    for (let i = 0; i < 4; i++) made.push(await open(c, { priority: 'major', title: `All major ${i}` }));
    const weights = async () => {
      const out = [];
      for (const t of made)
        out.push((await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${t.number}`)).json().effective);
      return out;
    };
    // From the first ticket on, every Major of this company queues as Normal (habit 3).
    expect(await weights()).toEqual([2, 2, 2, 2]);
    // One of them becomes Minor: habit (3 + 3 + 3 + 1) / 4 = 2.5, so the Majors queue at 2.5, the Minor at 0.5.
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${made[3]!.number}`, { priority: 'minor' });
    expect(await weights()).toEqual([2.5, 2.5, 2.5, 0.5]);
    // A new Normal ticket changes the habit again: (3 + 3 + 3 + 1 + 2) / 5 = 2.4.
    const fifth = await open(c, { priority: 'normal', title: 'A normal one' });
    made.push(fifth);
    expect(await weights()).toEqual([2.6, 2.6, 2.6, 0.6, 1.6]);
  });

  it('T-16 the queue pages with a cursor and filters unassigned and own tickets', async () => {
    const dept = `p${Date.now().toString(36)}`;
    await ctx.db.insertInto('departments').values({ key: dept, name: 'Paging test' }).execute();
    const agent = await buildStaff(ctx, 'agent');
    const c = await buildCompany(ctx);
    const made = [];
    for (let i = 0; i < 5; i++) {
      const t = await open(c, { title: `P${i}` });
      await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${t.number}`, { department: dept });
      made.push(t.number);
    }
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${made[0]}`, { assigneeId: agent.id });
    const p1 = (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/queue?department=${dept}&limit=2`)).json();
    const p2 = (
      await call(
        app,
        agent.auth,
        'GET',
        `/api/v1/staff/tickets/queue?department=${dept}&limit=2&cursor=${p1.nextCursor}`,
      )
    ).json();
    const p3 = (
      await call(
        app,
        agent.auth,
        'GET',
        `/api/v1/staff/tickets/queue?department=${dept}&limit=2&cursor=${p2.nextCursor}`,
      )
    ).json();
    expect([...p1.items, ...p2.items, ...p3.items].map((t: { number: number }) => t.number).sort()).toEqual(
      [...made].sort(),
    );
    expect(p3.nextCursor).toBeNull();
    expect(
      (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/queue?department=${dept}&assignee=me`))
        .json()
        .items.map((t: { number: number }) => t.number),
    ).toEqual([made[0]]);
    expect(
      (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/queue?department=${dept}&assignee=none`)).json().items,
    ).toHaveLength(4);
    expect((await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${made[0]}`)).json().status).toBe('assigned');
  });
});

describe('tickets: edge cases found in review (T-3, T-12, T-13, T-16, T-17, X-1)', () => {
  it('T-13 a ticket closed before anyone from the team answered cannot be rated, and its closing mail offers no rating', async () => {
    const c = await buildCompany(ctx);
    const t = await open(c, {});
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${t.number}`, { status: 'closed' });
    expect((await detail(c, t.number)).canRate).toBe(false);
    expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/rating`, { rating: 4 }), 409);
    const closing = (await mailTo(ctx, c.primary.email)).find((m) => m.kind === 'ticket-closed');
    expect(closing?.text_body).not.toContain('?rate=1');
    expect(closing?.text_body).toContain('a reply to this e-mail is not posted');
  });

  it('T-16 an internal note cannot be moved into a new ticket; nothing is created or mailed', async () => {
    const c = await buildCompany(ctx);
    const t = await open(c, {});
    const agent = await buildStaff(ctx, 'agent');
    const note = (
      await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${t.number}/messages`, {
        body: 'Internal only',
        internal: true,
      })
    ).json();
    const before = (await mailTo(ctx, c.primary.email)).length;
    expectProblem(
      await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${t.number}/messages/${note.messageId}/move`, {
        title: 'Split',
      }),
      422,
    );
    expect((await call(app, c.primary.auth, 'GET', '/api/v1/tickets')).json().items).toHaveLength(1);
    expect(await mailTo(ctx, c.primary.email)).toHaveLength(before);
  });

  it('T-16 a merged ticket points to its target and cannot be re-opened, rated or set to another status', async () => {
    const c = await buildCompany(ctx);
    const a = await open(c, { title: 'First' });
    const b = await open(c, { title: 'Duplicate' });
    const agent = await buildStaff(ctx, 'agent');
    await answer(b.number);
    expect(
      (await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${b.number}/merge`, { into: String(a.number) }))
        .statusCode,
    ).toBe(200);
    const merged = await detail(c, b.number);
    expect(merged).toMatchObject({ status: 'closed', mergedInto: a.number, canRate: false });
    expect(
      merged.timeline
        .filter((x: { kind: string }) => x.kind === 'event')
        .map((x: { event: string; to: string }) => [x.event, x.to]),
    ).toContainEqual(['status', 'closed']);
    const reopen = expectProblem(
      await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${b.number}`, { status: 'reopened' }),
      409,
    );
    expect(reopen.detail).toContain(`#${a.number}`);
    expectProblem(await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${b.number}/rating`, { rating: 5 }), 409);
    expectProblem(
      await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${b.number}`, { status: 'reopened' }),
      409,
    );
    // The target took over the answer: once closed it can be rated.
    await call(app, c.primary.auth, 'PATCH', `/api/v1/tickets/${a.number}`, { status: 'closed' });
    expect((await detail(c, a.number)).canRate).toBe(true);
  });

  it("T-12 a HotRush ticket moved by staff to a type without HotRush loses it, without using one of the company's disables", async () => {
    const { c, l } = await companyWithLicense();
    const t = await open(c, { type: 'tech', licenses: [l.key], hotrush: true });
    const agent = await buildStaff(ctx, 'agent');
    await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${t.number}`, { assigneeId: agent.id });
    const hotDue = (await call(app, agent.auth, 'GET', `/api/v1/staff/tickets/${t.number}`)).json().dueAt;
    const moved = (await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${t.number}`, { type: 'sales' })).json();
    expect(moved).toMatchObject({ type: { key: 'sales' }, department: { key: 'sales' }, hotrush: false });
    // S-6: the 2-hour HotRush due gives way to the priority's own (later) first-response due.
    expect(Date.parse(moved.dueAt)).toBeGreaterThan(Date.parse(hotDue));
    expect(
      (
        await ctx.db
          .selectFrom('ticket_company_counters')
          .select('hotrush_disables')
          .where('company_id', '=', c.id)
          .executeTakeFirst()
      )?.hotrush_disables ?? 0,
    ).toBe(0);
  });

  it("T-3 an Assigned ticket has an owner: staff cannot set Assigned with nobody assigned; a reassignment alone does not move the customer's index", async () => {
    const c = await buildCompany(ctx);
    const older = await open(c, { title: 'Older' });
    const agent = await buildStaff(ctx, 'agent');
    const other = await buildStaff(ctx, 'agent');
    expect(
      fields(await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${older.number}`, { status: 'assigned' })),
    ).toEqual(['status']);
    expect(
      (await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${older.number}`, { assigneeId: agent.id })).json(),
    ).toMatchObject({ status: 'assigned', assignee: { id: agent.id } });
    clock.advance({ minutes: 1 });
    const newer = await open(c, { title: 'Newer' });
    clock.advance({ minutes: 1 });
    expect(
      (await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${older.number}`, { assigneeId: other.id })).json(),
    ).toMatchObject({ assignee: { id: other.id } });
    const order = (await call(app, c.primary.auth, 'GET', '/api/v1/tickets'))
      .json()
      .items.map((t: { number: number }) => t.number);
    expect(order).toEqual([newer.number, older.number]);
  });

  it('T-17 staff cannot change a license log ticket; "hide closed and rated" hides license logs', async () => {
    const { c, l } = await companyWithLicense();
    expect(
      (
        await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/url`, {
          url: 'https://shop.example.com/store',
        })
      ).statusCode,
    ).toBe(200);
    const log = await ctx.db
      .selectFrom('tickets')
      .select('number')
      .where('company_id', '=', c.id)
      .where('type_key', '=', 'license_log')
      .executeTakeFirstOrThrow();
    const agent = await buildStaff(ctx, 'agent');
    expectProblem(
      await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${log.number}`, { status: 'reopened' }),
      409,
    );
    expectProblem(
      await call(app, agent.auth, 'PATCH', `/api/v1/staff/tickets/${log.number}`, { type: 'generic' }),
      409,
    );
    expect(
      (await call(app, c.primary.auth, 'GET', '/api/v1/tickets')).json().items.map((t: { number: number }) => t.number),
    ).toEqual([Number(log.number)]);
    expect((await call(app, c.primary.auth, 'GET', '/api/v1/tickets?hideClosed=true')).json().items).toEqual([]);
  });

  it('T-17 a license log is written by the system only: staff can neither answer it nor add an internal note', async () => {
    const { c, l } = await companyWithLicense();
    await call(app, c.primary.auth, 'POST', `/api/v1/licenses/${l.key}/url`, { url: 'https://log.example.com/shop' });
    const log = await ctx.db
      .selectFrom('tickets')
      .select(['id', 'number'])
      .where('company_id', '=', c.id)
      .where('type_key', '=', 'license_log')
      .executeTakeFirstOrThrow();
    const agent = await buildStaff(ctx, 'agent');
    const before = await ctx.db.selectFrom('ticket_messages').select('id').where('ticket_id', '=', log.id).execute();
    for (const internal of [true, false]) {
      expectProblem(
        await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${log.number}/messages`, {
          body: 'A note',
          internal,
        }),
        403,
        'forbidden',
      );
    }
    const after = await ctx.db.selectFrom('ticket_messages').select('id').where('ticket_id', '=', log.id).execute();
    expect(after).toHaveLength(before.length);
  });

  it('X-1 NUL characters in JSON or the query, and a crafted cursor, are 400 problems naming the field, never 500', async () => {
    const c = await buildCompany(ctx);
    const agent = await buildStaff(ctx, 'agent');
    expect(
      fields(
        await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {
          type: 'generic',
          title: 'nul\u0000title',
          message: 'y',
        }),
      ),
    ).toEqual(['title']);
    expect(fields(await call(app, c.primary.auth, 'GET', '/api/v1/tickets?q=a%00b'))).toEqual(['q']);
    expect(
      fields(
        await call(app, (await buildStaff(ctx, 'department_head')).auth, 'POST', '/api/v1/staff/canned-replies', {
          title: 'a\u0000b',
          body: 'x',
        }),
      ),
    ).toEqual(['title']);
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    expect(
      fields(await call(app, c.primary.auth, 'GET', `/api/v1/tickets?cursor=${cursor(['notadate', 'notauuid'])}`)),
    ).toEqual(['cursor']);
    expect(fields(await call(app, c.primary.auth, 'GET', `/api/v1/tickets?cursor=${cursor([1, 2])}`))).toEqual([
      'cursor',
    ]);
    expect(
      fields(
        await call(
          app,
          agent.auth,
          'GET',
          `/api/v1/staff/tickets/queue?department=support&cursor=${cursor(['x', 'y', 'z', 'w', 'v'])}`,
        ),
      ),
    ).toEqual(['cursor']);
    expect(fields(await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {}))).toEqual([
      'message',
      'title',
      'type',
    ]);
    expect(
      (await call(app, c.primary.auth, 'POST', '/api/v1/tickets', {}))
        .json()
        .errors.map((e: { message: string }) => e.message),
    ).toContain('Choose the type of your question.');
  });
});
