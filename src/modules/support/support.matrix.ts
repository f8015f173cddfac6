// The support module's rows of the authorization matrix (test/authorization-matrix.test.ts).
export { assessmentMatrix } from './assessment/assessment.matrix.js';
