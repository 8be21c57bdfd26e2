// axe-core (npm) in a page under test: axeViolations(page, context?) runs every rule axe ships (WCAG 2.x A and AA and
// its best practices) and returns the violations as readable lines, "<rule>: <help> — <targets>", [] when none.
// The script is evaluated through the DevTools protocol, not as a <script>: the pages' CSP forbids inline scripts
// and stays on for the test.
import { readFileSync } from 'node:fs';

const SOURCE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

export async function axeViolations(page, context = 'html') {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(SOURCE);
  const result = await page.evaluate((selector) => window.axe.run(selector, { resultTypes: ['violations'] }), context);
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
}
