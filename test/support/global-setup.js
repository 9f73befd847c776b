/* Says plainly, once per run, which real back-ends the run uses and which it skips. */
module.exports = async () => {
  const lines = [];
  if (!process.env.TEST_DATABASE_URL) {
    lines.push('PostgreSQL contract suite skipped: TEST_DATABASE_URL is not set (PGlite suite still runs).');
  }
  if (!process.env.KURRENTDB_URL) {
    lines.push('KurrentDB contract suite skipped: KURRENTDB_URL is not set (no KurrentDB server runs on this machine).');
  }
  const { existsSync, readdirSync } = require('node:fs');
  if (!['/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd'].some((path) => existsSync(path))) {
    lines.push('Virus-scanning (clamd) suite skipped: clamd is not installed (apt-get install clamav-daemon).');
  } else if (!existsSync('/var/lib/clamav') || !readdirSync('/var/lib/clamav').some((file) => /^(main|daily)\.c[vl]d$/.test(file))) {
    lines.push("ClamAV's signature database is absent (freshclam cannot reach its mirrors): the EICAR test runs clamd with the EICAR signature alone.");
  }
  if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
};
