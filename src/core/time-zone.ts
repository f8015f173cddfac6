import { z } from 'zod';

/**
 * A person's time-zone setting in a request body (profiles and staff users alike): the shape of an
 * IANA name (Area/Location, UTC, Etc/GMT+5) first, so that junk never reaches the zone database, then
 * the zone database itself. One message per field.
 */
export const timeZoneName = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, { message: 'Not a known time zone.', abort: true })
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Not a known time zone.')
  .describe('An IANA time zone name known to the server, such as Europe/Paris or UTC.');
