/**
 * Preload module (`node --import <this file> …`) used when GNU time is not installed: at exit it writes
 * this process's own resource usage as JSON to the file named by BENCH_CHILD_STATS_FILE.
 *
 * Written: `{ "maxRSS": <KiB>, "userCPUTime": <µs>, "systemCPUTime": <µs> }`.
 * It does not see work done in child processes of the measured process.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_CHILD_STATS_FILE;
if (file) {
  // Keep the variable away from anything the measured program spawns.
  delete process.env.BENCH_CHILD_STATS_FILE;
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS, userCPUTime, systemCPUTime }));
  });
}
