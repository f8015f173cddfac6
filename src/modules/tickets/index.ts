// The tickets module's surface for other modules (licenses: the T-17 log ticket).
export { appendLicenseLog } from './license-log.js';
