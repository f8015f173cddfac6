// The tickets module's surface for other modules (licenses: the T-17 log ticket).
export { appendLicenseLog } from './license-log.js';
export { countCustomerAttachments, customerTicketFiles } from './customer-attachments.js';
