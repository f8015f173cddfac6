/**
 * The authorization-matrix rows of core's own routes: health and readiness. (The test-support routes
 * exist only on an end-to-end server with CLIENTELE_TEST_CLOCK, never in the app the tests build.)
 * Merged and run by test/authorization-matrix.test.ts; the builders are in test/matrix.ts.
 */
import { everyone, type MatrixRows } from './matrix.js';

export const coreMatrix: MatrixRows = {
  'GET /healthz': { request: () => ({ url: '/healthz' }), expect: everyone(200) },
  'GET /readyz': { request: () => ({ url: '/readyz' }), expect: everyone(200) },
};
