// p-queue's interval options for `rate` calls a second, evenly spread (never a burst of a second's calls).
export function rateOptions(rate: number) {
  const intervalCap = Math.max(1, Math.floor(rate / 100));
  return { intervalCap, interval: (1000 * intervalCap) / rate };
}
