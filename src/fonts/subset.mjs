// Writes the Source Sans 3 files the public site serves into ../MepCms.Web/wwwroot/lib/source-sans-3/:
// the Latin text of the EU languages cut to what they use (so a page in English, French or German
// loads one small file), and the Greek and Cyrillic files of @fontsource-variable as they are.
// Each file keeps the variable weight axis. Run `npm ci && npm run subset` here after changing it.
import subsetFont from 'subset-font';
import fs from 'node:fs';
import path from 'node:path';

const source = 'node_modules/@fontsource-variable/source-sans-3';
const target = '../MepCms.Web/wwwroot/lib/source-sans-3';
const text = (ranges) => ranges.map(([from, to]) => {
  let chars = '';
  for (let c = from; c <= to; c++) chars += String.fromCodePoint(c);
  return chars;
}).join('');

// Basic Latin, Latin-1 (French, German, Spanish, Portuguese, Italian, Dutch, Danish, Swedish,
// Finnish, Irish), typographic quotes and dashes, bullet, ellipsis, guillemets, euro, trade mark.
export const latin = [[0x20, 0x7e], [0xa0, 0xff], [0x2013, 0x2014], [0x2018, 0x201a], [0x201c, 0x201e],
  [0x2022, 0x2022], [0x2026, 0x2026], [0x2039, 0x203a], [0x20ac, 0x20ac], [0x2122, 0x2122]];
// Latin Extended-A (Czech, Slovak, Polish, Hungarian, Slovenian, Croatian, Latvian, Lithuanian,
// Estonian, Maltese, Romanian) and the comma-below letters of Romanian.
export const latinExt = [[0x100, 0x17f], [0x218, 0x21b]];

fs.mkdirSync(target, { recursive: true });
const write = async (from, ranges, name) => {
  const font = await subsetFont(fs.readFileSync(path.join(source, 'files', from)), text(ranges), { targetFormat: 'woff2' });
  fs.writeFileSync(path.join(target, name), font);
  console.log(`${name}: ${font.length} bytes`);
};
await write('source-sans-3-latin-wght-normal.woff2', latin, 'source-sans-3-latin.woff2');
await write('source-sans-3-latin-ext-wght-normal.woff2', latinExt, 'source-sans-3-latin-ext.woff2');
for (const script of ['greek', 'cyrillic']) {
  fs.copyFileSync(path.join(source, 'files', `source-sans-3-${script}-wght-normal.woff2`), path.join(target, `source-sans-3-${script}.woff2`));
}
fs.copyFileSync(path.join(source, 'LICENSE'), path.join(target, 'OFL.txt'));
