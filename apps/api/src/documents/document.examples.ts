/** OpenAPI examples: Blaby CSP's 2016/17 plan, as the case keeps it. */
const ATTACHED = {
  documentId: '0b6f8f9e-3c1a-4b59-9a51-2f3f1d7c0a11',
  kind: 'plan',
  name: 'Blaby CSP plan 2016-17.pdf',
  mediaType: 'application/pdf',
  sizeBytes: 482113,
  sha256: '9f2c5d1e6b0a4c3f8e7d6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d',
  scan: { status: 'clean', engine: 'ClamAV 1.0.9/27480/Tue Dec  1 09:21:01 2026' },
  attachedOn: '2016-01-12',
};

export const DOCUMENT_EXAMPLE = { ...ATTACHED, status: 'current' };

export const ATTACHED_EXAMPLE = {
  caseId: '2016-17-B51',
  document: ATTACHED,
  streamId: 'case-2016-17-B51',
  revision: 1,
  replayed: false,
  events: [{ type: 'DocumentAttached', revision: 1, globalPosition: 1208 }],
};
