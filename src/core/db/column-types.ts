import type { ColumnType } from 'kysely';

/** Timestamps go in as Date and come out as Date (pg parses timestamptz). */
export type Ts = ColumnType<Date, Date, Date>;
/** jsonb: written as a JSON string, read as the parsed value. */
export type Json = ColumnType<unknown, string, string>;
