/**
 * The authorization-matrix rows of the home module. Merged and run by
 * test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import { customer, type MatrixRows } from '../../../test/matrix.js';

export const homeMatrix: MatrixRows = {
  'GET /api/v1/home': { request: () => ({ url: '/api/v1/home' }), expect: customer(200) },
};
