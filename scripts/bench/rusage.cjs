// Preloaded into a measured Node process (node --require): on exit, writes its own CPU time and
// peak resident set size (all threads) to the file named by PSG_BENCH_RUSAGE.
const fs = require('fs');
const target = process.env.PSG_BENCH_RUSAGE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(
      target,
      JSON.stringify({
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000,
        maxRssKb: usage.maxRSS,
      }),
    );
  });
}
