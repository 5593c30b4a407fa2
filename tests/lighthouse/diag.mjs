import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
const base = process.argv[2]; const paths = process.argv.slice(3);
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new','--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
for (const p of paths) for (let i=0;i<4;i++) {
  const { lhr } = await lighthouse(base + p, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  const a = lhr.audits;
  const lcpEl = a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? '';
  const phases = (a['largest-contentful-paint-element']?.details?.items?.[1]?.items ?? []).map(x=>`${x.phase}:${Math.round(x.timing)}`).join(' ');
  console.log(p, Math.round(lhr.categories.performance.score*100), 'FCP', Math.round(a['first-contentful-paint'].numericValue), 'LCP', Math.round(a['largest-contentful-paint'].numericValue), 'TBT', Math.round(a['total-blocking-time'].numericValue), 'CLS', a['cumulative-layout-shift'].numericValue.toFixed(3), 'SI', Math.round(a['speed-index'].numericValue), phases, lcpEl.slice(0,60));
  for (const t of (a['long-tasks']?.details?.items ?? [])) console.log('      LT', t.url?.slice(22,70), Math.round(t.startTime), Math.round(t.duration));
  console.log('      MT', (a['mainthread-work-breakdown']?.details?.items ?? []).map(x=>x.group+':'+Math.round(x.duration)).join(' '));
  if (false) for (const r of a['network-requests'].details.items) console.log('     ', r.url.slice(22,80), Math.round(r.networkRequestTime), Math.round(r.networkEndTime), r.statusCode, r.transferSize);
  const m=a.metrics.details.items[0]; console.log('   observed FCP',Math.round(m.observedFirstContentfulPaint),'LCP',Math.round(m.observedLargestContentfulPaint),'SI',Math.round(m.observedSpeedIndex),'FVC',Math.round(m.observedFirstVisualChange),'LVC',Math.round(m.observedLastVisualChange),'load',Math.round(m.observedLoad));
}
await chrome.kill();
