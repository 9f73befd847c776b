/* Says plainly, once per run, which real back-ends the run uses and which it skips. */
module.exports = async () => {
  const lines = [];
  if (!process.env.TEST_DATABASE_URL) {
    lines.push('PostgreSQL contract suite skipped: TEST_DATABASE_URL is not set (PGlite suite still runs).');
  }
  if (!process.env.KURRENTDB_URL) {
    lines.push('KurrentDB contract suite skipped: KURRENTDB_URL is not set (no KurrentDB server runs on this machine).');
  }
  if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
};
