import { z } from "zod";

/** The largest value of a Postgres `integer`/`serial` column. */
export const ROW_ID_MAX = 2_147_483_647;

/** A row id sent by a form: a positive 32-bit integer, since anything else cannot name a row and would
 * make Postgres fail instead of the form answering with `message`. */
export const rowId = (message?: string) =>
  z.coerce.number<unknown>(message).int(message).positive(message).max(ROW_ID_MAX, message);
