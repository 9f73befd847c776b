export * from './document-settings';
export * from './document.service';
export * from './documents.module';
export * from './storage/document-blobs';
export * from './checks/sniff';
export * from './checks/clamd-scanner';
export * from './verify/verify-documents';
