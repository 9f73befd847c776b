/** Jest: unit, integration (real PostgreSQL, PGlite, Redis) and end-to-end tiers, named by file suffix. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const ESM_ONLY = '(jose|file-type|strtok3|token-types|uint8array-extras|@tokenizer/inflate|@borewit/text-codec|openid-client|oauth4webapi|oidc-provider)';

const moduleNameMapper = {
  '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@app/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  '^@test/(.*)$': '<rootDir>/test/$1',
  // file-type's exports name only import conditions under "node"; its Node entry, as require(esm) loads it.
  '^file-type$': '<rootDir>/node_modules/file-type/index.js',
};

const project = (name, testMatch, extra = {}) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  // jose, file-type (with its tokenizers), openid-client (with oauth4webapi) and the test's
  // OpenID provider, oidc-provider, ship ES modules only: compiled to CommonJS for Jest, as
  // Node >= 20.19 loads them at run time (require of an ES module without top-level await).
  transform: { '^.+\\.ts$': swc, [`/node_modules/${ESM_ONLY}/.+\\.js$`]: swc },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch,
  ...extra,
});

module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 180_000,
  // A failed test can leave a subscription polling; fail the run instead of hanging it.
  forceExit: true,
  projects: [
    project('unit', ['<rootDir>/{apps,libs}/**/*.unit.spec.ts']),
    project('int', ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts']),
    project('e2e', ['<rootDir>/test/**/*.e2e.spec.ts']),
  ],
};
