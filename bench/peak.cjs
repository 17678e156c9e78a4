// Preloaded into a measured process (node --require): records its peak resident memory when it exits.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.BENCH_PEAK_FILE)
    writeFileSync(process.env.BENCH_PEAK_FILE, String(process.resourceUsage().maxRSS * 1024));
});
