import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCompany, buildStaff, mailTo, type TestCompany, type TestPerson } from '../../../../test/factories.js';
import { stubResolver } from '../../../../test/dns-stub.js';
import { call, setupApp } from '../../../../test/helpers.js';
import { processInbound } from './process-inbound.js';
import { startSmtpListener } from './smtp-listener.js';
import { storeInbound } from './store-inbound.js';

// E-2 (issue 10.1): who wrote an inbound mail is never taken from From: alone.
const trustedId = 'mx.clientele.test';
const { app, ctx } = await setupApp({ inboundTrustedAuthservId: trustedId });
const support = ctx.config.supportAddress;
// The factories' people all have addresses at example.com; each listener below has its own DNS.
const dns = stubResolver();
const listener = await startSmtpListener(ctx, { port: 0, host: '127.0.0.1', resolver: dns });
afterAll(() => listener.close());
const dnsFor = (records: Record<string, string[]>) => {
  dns.records = records;
};

/** An RSA key whose public half example.com publishes (selector s1) when a test says so. */
const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dkimRecord = `v=DKIM1; k=rsa; p=${key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

function rawMail(h: { from: string; to: string; subject: string; inReplyTo?: string; extra?: string[] }, body: string) {
  return Buffer.from(
    [
      `From: ${h.from}`,
      `To: ${h.to}`,
      `Subject: ${h.subject}`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${Math.random().toString(36).slice(2)}.${Date.now()}@example.com>`,
      ...(h.inReplyTo ? [`In-Reply-To: ${h.inReplyTo}`, `References: ${h.inReplyTo}`] : []),
      ...(h.extra ?? []),
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  );
}

/** Signs a raw message for example.com with a private key (mailauth's dkimSign). */
async function signed(raw: Buffer, privateKey = key.privateKey) {
  const signature = {
    signingDomain: 'example.com',
    selector: 's1',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
  // mailauth signs what `signatureData` lists (the top-level fields only satisfy its types).
  const r = await dkimSign(raw, { ...signature, signatureData: [signature] });
  expect(r.signatures).toMatch(/^DKIM-Signature: /);
  expect(r.errors).toEqual([]);
  return Buffer.concat([Buffer.from(r.signatures), raw]);
}

/** Sends a raw message through the real SMTP listener with this envelope; waits until it is processed. */
async function sendSmtp(raw: Buffer, envelope: { from: string; to: string }) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: listener.port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    const info = await transport.sendMail({ envelope, raw });
    expect(info.response).toMatch(/^250 /);
    const id = /Queued as ([0-9a-f-]{36})/.exec(info.response)?.[1] ?? '';
    const deadline = Date.now() + 60_000;
    for (;;) {
      const row = await ctx.db
        .selectFrom('inbound_mail')
        .select(['state', 'reason'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (!['received', 'processing'].includes(row.state) || Date.now() > deadline) return { id, ...row };
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    transport.close();
  }
}

/** A customer's ticket that an agent answered: the customer's notification of the answer. */
async function answeredTicket(c: TestCompany) {
  const t = (
    await call(app, c.primary.auth, 'POST', '/api/v1/tickets', { type: 'generic', title: 'Signed mail', message: 'Hi' })
  ).json();
  const agent = await buildStaff(ctx, 'agent');
  await call(app, agent.auth, 'POST', `/api/v1/staff/tickets/${t.number}/messages`, { body: 'Which version?' });
  const mail = (await mailTo(ctx, c.primary.email)).find((m) => m.kind === 'ticket-message');
  if (!mail) throw new Error('no notification');
  return { number: String(t.number), mail, agent, replyTo: mail.headers['Reply-To'] ?? '' };
}
const messages = async (c: TestCompany, n: string) =>
  (await call(app, c.primary.auth, 'GET', `/api/v1/tickets/${n}`))
    .json()
    .timeline.filter((x: { kind: string }) => x.kind === 'message');
const ticketCount = async (c: TestCompany) =>
  (await call(app, c.primary.auth, 'GET', '/api/v1/tickets')).json().items.length as number;
const inboundRow = async (staff: TestPerson, id: string) =>
  (await call(app, staff.auth, 'GET', `/api/v1/staff/inbound-mail/${id}`)).json();
const reply = (t: Awaited<ReturnType<typeof answeredTicket>>, from: string, body: string) =>
  rawMail({ from, to: t.replyTo, subject: `Re: ${t.mail.subject}`, inReplyTo: `<${t.mail.message_id}>` }, body);

describe('inbound mail authentication (E-2, T-15)', () => {
  it('T-15 every notification carries a reply address of its own recipient, signed for the ticket', async () => {
    const c = await buildCompany(ctx);
    const t = await answeredTicket(c);
    const toPrimary = await mailTo(ctx, c.primary.email);
    const toSecondary = (await mailTo(ctx, c.secondary.email)).find((m) => m.kind === 'ticket-message');
    const [local, domain] = support.split('@').map((x) => x?.replaceAll('.', '\\.'));
    const pattern = new RegExp(`^${local}\\+p${t.number}-[a-z2-7]{42}@${domain}$`);
    for (const m of [...toPrimary, toSecondary]) expect(m?.headers['Reply-To']).toMatch(pattern);
    // The created and answered mails to one person share the address; another person has their own.
    expect(new Set(toPrimary.map((m) => m.headers['Reply-To'])).size).toBe(1);
    expect(toSecondary?.headers['Reply-To']).not.toBe(t.replyTo);
  });

  it('E-2 a forged From: with another envelope sender is held, not posted', async () => {
    dnsFor({});
    const c = await buildCompany(ctx);
    const t = await answeredTicket(c);
    const before = (await messages(c, t.number)).length;
    // eve's server, eve's envelope, the owner's From: and a reply that threads by In-Reply-To.
    const threaded = rawMail(
      { from: c.primary.email, to: support, subject: `Re: ${t.mail.subject}`, inReplyTo: `<${t.mail.message_id}>` },
      'Send the refund to my new account',
    );
    const forged = await sendSmtp(threaded, { from: 'eve@evil.test', to: support });
    expect(forged.state).toBe('held');
    expect(forged.reason).toMatch(/envelope sender <eve@evil\.test> is not the From: address/);
    // Even with the owner's own reply address (leaked, say), a mail from eve's envelope is not the owner's.
    const leaked = await sendSmtp(reply(t, c.primary.email, 'Send the refund to my new account'), {
      from: 'eve@evil.test',
      to: t.replyTo,
    });
    expect([leaked.state, leaked.reason]).toEqual(['held', forged.reason]);
    expect((await messages(c, t.number)).length).toBe(before);
    // Nor does it open a ticket as the owner through the support address.
    const tickets = await ticketCount(c);
    const opened = await sendSmtp(
      rawMail({ from: c.primary.email, to: support, subject: 'Please reset my password' }, 'Forged'),
      { from: 'eve@evil.test', to: support },
    );
    expect([opened.state, await ticketCount(c)]).toEqual(['held', tickets]);
    // Staff see why.
    const row = await inboundRow(t.agent, forged.id);
    expect(row.reason).toMatch(/envelope sender/);
    expect(row.checks).toContain('envelope sender eve@evil.test ≠ From:');
    expect(row.checks).toContain('checked by the SMTP listener');
  });

  it('E-2 a reply to its reply address from the person it was sent to is posted as that profile', async () => {
    dnsFor({});
    const c = await buildCompany(ctx);
    const t = await answeredTicket(c);
    const r = await sendSmtp(reply(t, `Pat Primary <${c.primary.email}>`, 'Version 4.2'), {
      from: c.primary.email,
      to: t.replyTo,
    });
    expect([r.state, r.reason]).toEqual(['posted', '']);
    expect((await messages(c, t.number)).at(-1)).toMatchObject({
      body: 'Version 4.2',
      source: 'email',
      author: { kind: 'profile', name: 'Pat Primary' },
    });
    expect((await inboundRow(t.agent, r.id)).checks).toContain(
      `reply address of #${t.number} for Pat Primary (profile): the sender`,
    );
    // A mail system that upper-cases the address changes nothing.
    const upper = await sendSmtp(reply(t, c.primary.email, 'And 4.3'), {
      from: c.primary.email,
      to: t.replyTo.toUpperCase(),
    });
    expect(upper.state).toBe('posted');
  });

  it('E-2 a reply address sent to one profile and used by another, or altered, is held', async () => {
    dnsFor({});
    const c = await buildCompany(ctx);
    const t = await answeredTicket(c);
    const other = await answeredTicket(c);
    const before = (await messages(c, t.number)).length;
    // Another profile of the same company, from their own address, with the primary's reply address.
    const borrowed = await sendSmtp(reply(t, c.secondary.email, 'Me too'), {
      from: c.secondary.email,
      to: t.replyTo,
    });
    expect(borrowed.state).toBe('held');
    expect(borrowed.reason).toBe(
      `The reply address of ticket #${t.number} was sent to Pat Primary <${c.primary.email}>, but this mail is from ${c.secondary.email}.`,
    );
    // One character changed, or the token of one ticket pointed at another: not ours.
    const token = /\+([^@]+)@/.exec(t.replyTo)?.[1] ?? '';
    const at = token.length - 6; // inside the HMAC
    const flipped = `${token.slice(0, at)}${token[at] === 'a' ? 'b' : 'a'}${token.slice(at + 1)}`;
    const renumbered = token.replace(/^p\d+-/, `p${other.number}-`);
    for (const bad of [flipped, renumbered]) {
      const to = t.replyTo.replace(token, bad);
      const r = await sendSmtp(reply(t, c.primary.email, 'Tampered'), { from: c.primary.email, to });
      expect([r.state, r.reason]).toEqual([
        'held',
        'The reply address token is not valid: altered, or not made by this helpdesk.',
      ]);
    }
    expect((await messages(c, t.number)).length).toBe(before);
    expect((await messages(c, other.number)).length).toBe(2);
  });

  it('E-2 mail failing DMARC for its From: domain (p=reject, no valid signature) is held', async () => {
    dnsFor({ '_dmarc.example.com TXT': ['v=DMARC1; p=reject'], 's1._domainkey.example.com TXT': [dkimRecord] });
    const c = await buildCompany(ctx);
    const t = await answeredTicket(c);
    const before = (await messages(c, t.number)).length;
    // The right envelope, but example.com says: reject what I did not sign.
    const threaded = await sendSmtp(
      rawMail(
        { from: c.primary.email, to: support, subject: `Re: ${t.mail.subject}`, inReplyTo: `<${t.mail.message_id}>` },
        'Unsigned',
      ),
      { from: c.primary.email, to: support },
    );
    expect([threaded.state, threaded.reason]).toEqual([
      'held',
      expect.stringMatching(/^DMARC failed for example\.com/),
    ]);
    // Not even the right person's own reply address outweighs a DMARC failure.
    const unsigned = await sendSmtp(reply(t, c.primary.email, 'Unsigned'), { from: c.primary.email, to: t.replyTo });
    expect(unsigned.state).toBe('held');
    expect(unsigned.reason).toMatch(/^DMARC failed for example\.com \(policy reject\)/);
    // A signature made with another key than the one published fails too.
    const badSig = await sendSmtp(await signed(reply(t, c.primary.email, 'Wrong key'), otherKey.privateKey), {
      from: c.primary.email,
      to: t.replyTo,
    });
    expect(badSig.state).toBe('held');
    expect(badSig.reason).toMatch(/^DMARC failed/);
    expect((await inboundRow(t.agent, badSig.id)).checks).toMatch(/dkim=fail \(example\.com, aligned\).*dmarc=fail/);
    expect((await messages(c, t.number)).length).toBe(before);
  });

  it('E-2 a message signed by its From: domain (DKIM, DMARC pass) is accepted', async () => {
    dnsFor({ '_dmarc.example.com TXT': ['v=DMARC1; p=reject'], 's1._domainkey.example.com TXT': [dkimRecord] });
    const c = await buildCompany(ctx);
    const t = await answeredTicket(c);
    const posted = await sendSmtp(await signed(reply(t, c.primary.email, 'Signed reply')), {
      from: c.primary.email,
      to: t.replyTo,
    });
    expect(posted.state).toBe('posted');
    // Signed and aligned, it may also open a ticket through the support address, and come via a forwarder.
    const opened = await sendSmtp(
      await signed(rawMail({ from: c.advanced.email, to: support, subject: 'Signed question' }, 'Hello')),
      { from: 'bounces+srs=x@forwarder.example', to: support },
    );
    expect(opened.state).toBe('opened');
    const row = await inboundRow(t.agent, opened.id);
    expect(row.checks).toMatch(/dkim=pass \(example\.com, aligned\) dmarc=pass \(p=reject\)/);
    expect((await call(app, c.primary.auth, 'GET', `/api/v1/tickets/${row.ticketNumber}`)).json()).toMatchObject({
      title: 'Signed question',
      author: 'Ann Advanced',
    });
  });

  it('E-2 a new ticket to the support address from a known profile needs authentication aligned with its domain', async () => {
    dnsFor({});
    const c = await buildCompany(ctx);
    const before = await ticketCount(c);
    const mail = () => rawMail({ from: c.primary.email, to: support, subject: 'New question' }, 'Is it supported?');
    const held = await sendSmtp(mail(), { from: c.primary.email, to: support });
    expect(held.state).toBe('held');
    expect(held.reason).toMatch(/^A new ticket needs mail that example\.com authenticates/);
    expect(await ticketCount(c)).toBe(before);
    // example.com publishes SPF for the sending host (and no DMARC record): SPF passes, aligned with From:.
    dnsFor({ 'example.com TXT': ['v=spf1 ip4:127.0.0.1 -all'] });
    const opened = await sendSmtp(mail(), { from: c.primary.email, to: support });
    expect(opened.state).toBe('opened');
    expect(await ticketCount(c)).toBe(before + 1);
  });

  it("E-2 staff reply by mail to the assigned agent's reply address: a staff answer, mailed to the customer", async () => {
    dnsFor({});
    const c = await buildCompany(ctx);
    const t = await answeredTicket(c);
    // The customer writes again: the assigned agent is mailed, with a staff reply address.
    await call(app, c.primary.auth, 'POST', `/api/v1/tickets/${t.number}/messages`, { body: 'Still broken' });
    const toAgent = (await mailTo(ctx, t.agent.email)).find((m) => m.kind === 'ticket-message-staff');
    expect(toAgent?.text_body).toContain('Still broken');
    const staffReplyTo = toAgent?.headers['Reply-To'] ?? '';
    expect(staffReplyTo).toMatch(new RegExp(`\\+s${t.number}-[a-z2-7]{42}@`));
    const customerMails = (await mailTo(ctx, c.primary.email)).length;
    const raw = rawMail(
      {
        from: t.agent.email,
        to: staffReplyTo,
        subject: `Re: ${toAgent?.subject}`,
        inReplyTo: `<${toAgent?.message_id}>`,
      },
      'Please update to 4.3.\n\nOn Monday, Pat Primary wrote:\n> Still broken',
    );
    const r = await sendSmtp(raw, { from: t.agent.email, to: staffReplyTo });
    expect(r.state).toBe('posted');
    const staffView = (await call(app, t.agent.auth, 'GET', `/api/v1/staff/tickets/${t.number}`)).json();
    expect(staffView.timeline.filter((x: { kind: string }) => x.kind === 'message').at(-1)).toMatchObject({
      body: 'Please update to 4.3.',
      internal: false,
      source: 'email',
      author: { kind: 'staff' },
    });
    expect((await messages(c, t.number)).at(-1)).toMatchObject({ body: 'Please update to 4.3.' });
    expect((await mailTo(ctx, c.primary.email)).length).toBe(customerMails + 1);
    // The agent's reply address from the customer's address is not the agent's; the agent without it is nobody.
    const misuse = await sendSmtp(reply({ ...t, replyTo: staffReplyTo }, c.primary.email, 'I am staff now'), {
      from: c.primary.email,
      to: staffReplyTo,
    });
    expect(misuse.reason).toMatch(/was sent to Staff agent <.*>, but this mail is from/);
    const noToken = await sendSmtp(
      rawMail({ from: t.agent.email, to: support, subject: `Re: ${toAgent?.subject}` }, 'From my phone'),
      { from: t.agent.email, to: support },
    );
    expect(noToken.state).toBe('held');
  });

  it('E-2 Authentication-Results from an authserv-id that is not the configured one are ignored', async () => {
    const c = await buildCompany(ctx);
    const pipe = async (ar: string) =>
      processInbound(
        ctx,
        await storeInbound(
          ctx.db,
          rawMail(
            { from: c.primary.email, to: support, subject: 'Piped', extra: [`Authentication-Results: ${ar}`] },
            'From the MTA',
          ),
          { via: 'pipe', envelopeFrom: `<${c.primary.email}>`, envelopeTo: support },
          ctx.clock.now(),
        ),
      );
    const pass = 'dkim=pass header.d=example.com; dmarc=pass header.from=example.com';
    const untrusted = await pipe(`evil.example; ${pass}`);
    expect(untrusted.state === 'held' && untrusted.reason).toMatch(
      /A new ticket needs .*not authenticated \(piped without a trusted Authentication-Results header; 1 untrusted header\(s\) ignored\)/,
    );
    // A look-alike of the trusted id is another id.
    expect((await pipe(`${trustedId}.evil.example; ${pass}`)).state).toBe('held');
    // The trusted MTA's verdict counts, both ways.
    expect((await pipe(`${trustedId}; ${pass}`)).state).toBe('opened');
    const failed = await pipe(`${trustedId}; dkim=none; dmarc=fail (p=reject) header.from=example.com`);
    expect(failed.state === 'held' && failed.reason).toMatch(/^DMARC failed for example\.com/);
    // The SMTP listener believes no header: it checks for itself.
    dnsFor({});
    const viaListener = await sendSmtp(
      rawMail(
        {
          from: c.primary.email,
          to: support,
          subject: 'Header',
          extra: [`Authentication-Results: ${trustedId}; ${pass}`],
        },
        'x',
      ),
      { from: c.primary.email, to: support },
    );
    expect(viaListener.state).toBe('held');
    expect(viaListener.reason).toMatch(/1 untrusted header\(s\) ignored/);
  });
});
