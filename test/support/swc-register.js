/*
 * Lets a child process started by a test run the TypeScript sources directly, as Jest
 * does: transpiles .ts with SWC (decorators and their metadata) and resolves the @app/…
 * and @test/… aliases. Used only by tests that must kill a real process.
 */
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '..', '..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  let mapped = request;
  const lib = /^@app\/([a-z-]+)(\/.*)?$/.exec(request);
  if (lib) mapped = path.join(root, 'libs', lib[1], 'src', lib[2] ?? '');
  else if (request.startsWith('@test/')) mapped = path.join(root, 'test', request.slice(6));
  return resolve.call(this, mapped, parent, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
