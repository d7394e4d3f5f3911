/**
 * Waits until every promise has settled, then throws the first rejection, if any. For setup that starts
 * several things at once: with `Promise.all`, one failure rejects at once, the destructuring assignment
 * never happens, and afterAll finds nothing to stop, so the servers and folders that did start leak.
 * Let each promise assign its own variable instead; afterAll (which runs when beforeAll fails) releases
 * what is set.
 *
 * @example
 * await settleAll([startS3Server(options).then((s) => (s3 = s)), copySampleSite().then((d) => (site = d))]);
 */
export async function settleAll(promises: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
