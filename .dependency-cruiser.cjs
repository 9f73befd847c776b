/** The shape the architecture section describes, checked on every test run. */
module.exports = {
  forbidden: [
    {
      name: 'apps-stay-apart',
      comment: 'An app never imports another app; shared code lives in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'libs/domain depends on nothing: no NestJS, no I/O, no other lib, no node built-ins; only the workflow documents it ships (data).',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { pathNot: '^(libs/domain/|infra/workflows/[^/]+[.]json$)' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libs-through-their-alias',
      comment: "Another lib is imported as @app/<lib>, never by a relative path into its folder.",
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/' },
      to: { path: '^libs/([^/]+)/src/', pathNot: '^libs/$1/src/', dependencyTypesNot: ['aliased-tsconfig-paths', 'aliased-tsconfig', 'aliased'] },
    },
    {
      name: 'event-store-knows-no-domain',
      comment: 'The event store stores any event; it must not learn the commissioning domain.',
      severity: 'error',
      from: { path: '^libs/(event-store|database)/' },
      to: { path: '^libs/(domain|projections|reminders|platform)/' },
    },
    {
      name: 'publishing-only-reads',
      comment: 'Publications are made from the log through the audit reader; they never run a command or write a read model.',
      severity: 'error',
      from: { path: '^libs/publishing/' },
      to: { path: '^libs/(commissioning|projections|reminders|simulation|database)/' },
    },
    {
      name: 'case-requests-are-rules',
      comment: 'The request rules of case commands run before anything does: they read no store, read model or queue and run no use case.',
      severity: 'error',
      from: { path: '^libs/case-requests/' },
      to: { path: '^libs/(commissioning|projections|reminders|simulation|database|event-store|audit|documents|publishing|personal-data)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)test/|\\.spec\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
