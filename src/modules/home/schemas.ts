import { z } from 'zod';

const count = z.number().int().min(0);

/** GET /home: the customer home page's numbers; a part the caller's role may not see is null. */
export const homeSummary = z.object({
  tickets: z
    .object({
      open: count.describe('Tickets not Closed (Solved ones included).'),
      awaiting: count.describe('Open tickets an agent answered last: your turn.'),
      solved: count.describe('Pre-closed: they close by themselves unless you reply.'),
    })
    .nullable(),
  licenses: z
    .object({
      total: count.describe('Licenses needing your action (each once).'),
      notAccepted: count,
      feeDue: count,
      transfersOut: count,
      transfersIn: count.describe('Transfers offered to your company, to accept or decline.'),
    })
    .nullable()
    .describe('Only for the primary profile (A-2: licenses.manage).'),
  updates: z
    .object({
      since: z.iso.date().describe('The first day counted: 30 days ago.'),
      newReleases: count.describe('Releases since then, newer than the version your Active license has.'),
      securityPatches: count.describe('Security patches since then for the products on your Active licenses.'),
      latest: z
        .array(z.object({ product: z.string(), version: z.string(), releasedOn: z.iso.date() }))
        .max(5)
        .describe('The newest of those releases.'),
    })
    .nullable()
    .describe('Only for profiles that see product files (A-2: files.product).'),
});
export type HomeSummary = z.infer<typeof homeSummary>;
