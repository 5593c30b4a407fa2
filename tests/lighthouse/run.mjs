// Lighthouse audits of a running MepCms: the home page, a statement and (once the route exists) an
// MEP page, each as a phone and as a desktop. Prints the four category scores per page and fails
// (exit 1) when accessibility, best practices or SEO is below 100. Performance is reported only:
// it is the median of MEPCMS_LIGHTHOUSE_RUNS runs (default 5 as a phone, 3 as a desktop), with the
// lowest and highest, because one run on a shared machine varies by several points. Lighthouse's own
// guidance on variability is the median of five runs; as a phone, headless Chromium now and then
// presents a page's first frame a whole 1 or 2 s after it was painted, and the simulated timings
// then count every image loaded meanwhile (docs/decisions/0303).
//
//   node run.mjs [base-url]     (default http://127.0.0.1:5018; CHROME_PATH defaults to /usr/bin/chromium)
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const base = new URL(process.argv[2] ?? process.env.MEPCMS_URL ?? 'http://127.0.0.1:5018');
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const chromeFlags = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const gated = ['accessibility', 'best-practices', 'seo'];
const chosenRuns = Number.parseInt(process.env.MEPCMS_LIGHTHOUSE_RUNS ?? '', 10);
const runsAs = (form) => (chosenRuns > 0 ? chosenRuns : form === 'mobile' ? 5 : 3);
const categories = ['performance', ...gated];

/** The first link on a page whose path starts with the prefix, or null. */
async function firstLink(path, prefix) {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  const match = (await response.text()).match(new RegExp(`href="(${prefix}[^"?#]+)"`));
  return match ? match[1] : null;
}

async function answers(path) {
  return path !== null && (await fetch(new URL(path, base), { redirect: 'manual' })).status === 200;
}

const article = await firstLink('/', '/articles/');
if (!article) throw new Error('The home page links to no statement: is the demo content seeded?');
const mep = await firstLink(article, '/meps/');
const pages = [['home', '/'], ['article', article]];
if (await answers(mep)) pages.push(['mep', mep]);
else console.log(`(no MEP page audited: ${mep ?? 'the statement links to no MEP'} does not answer 200)`);

const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
const failures = [];
try {
  console.log(['page', 'form', ...categories, 'performance runs'].map((h) => h.padEnd(15)).join(''));
  for (const [name, path] of pages) {
    for (const [form, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
      const url = new URL(path, base).href;
      const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories };
      const { lhr } = await lighthouse(url, flags, config);
      const performance = [lhr.categories.performance.score ?? 0];
      for (let run = 1; run < runsAs(form); run++) {
        const again = await lighthouse(url, { ...flags, onlyCategories: ['performance'] }, config);
        performance.push(again.lhr.categories.performance.score ?? 0);
      }
      performance.sort((a, b) => a - b);
      const median = performance[Math.floor(performance.length / 2)];
      const scores = [median, ...gated.map((c) => lhr.categories[c].score ?? 0)].map((s) => String(Math.round(s * 100)));
      const spread = performance.length > 1 ? `${Math.round(performance[0] * 100)}–${Math.round(performance.at(-1) * 100)}` : '';
      console.log([name, form, ...scores, spread].map((c) => c.padEnd(15)).join(''));
      for (const category of gated) {
        if (lhr.categories[category].score === 1) continue;
        const failing = lhr.categories[category].auditRefs
          .map((ref) => lhr.audits[ref.id])
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual');
        failures.push(`${name} ${form} ${category}: ${failing.map((a) => `${a.id} (${a.title})`).join('; ') || 'see the report'}`);
      }
    }
  }
} finally {
  await chrome.kill();
}

if (failures.length > 0) {
  console.log(`\nLighthouse: ${failures.length} category score(s) below 100:`);
  for (const failure of failures) console.log(`  ${failure}`);
  process.exit(1);
}
console.log('\nLighthouse: accessibility, best practices and SEO at 100 on every audited page.');
