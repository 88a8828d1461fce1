import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The UMD build of Chart.js: one file that defines `window.Chart`, no imports. */
const UMD_FILE = 'chart.umd.min.js';

let cached: string | null = null;

/**
 * The Chart.js library as script text, read from the installed package, for inlining in a
 * report that must open without a network. Throws when the package is not installed.
 */
export function chartLibrary(): string {
  if (cached !== null) {
    return cached;
  }

  // The package's exports map names its CommonJS entry only; the UMD build sits beside it.
  const entry = require.resolve('chart.js');
  const text = readFileSync(path.join(path.dirname(entry), UMD_FILE), 'utf8');
  if (/<\/script|<!--/i.test(text)) {
    throw new Error(`${UMD_FILE} contains text that would end an inline script`);
  }

  cached = text;
  return text;
}

/**
 * Draws the pages-per-night chart from the JSON block `backtest-data`: stacked bars of
 * pages (real, noise, other) and a line of misses. Runs in the report's page.
 */
export const CHART_INIT = `
(function () {
  var data = JSON.parse(document.getElementById('backtest-data').textContent);
  var bar = function (label, values, colour) {
    return { type: 'bar', label: label, data: values, backgroundColor: colour, stack: 'pages' };
  };
  new Chart(document.getElementById('pages-per-night'), {
    data: {
      labels: data.labels,
      datasets: [
        bar('pages for incidents analysts escalated', data.real, '#2e7d32'),
        bar('noise pages (FalsePositive / BenignPositive)', data.noise, '#c62828'),
        bar('other pages', data.other, '#9e9e9e'),
        { type: 'line', label: 'misses (right scale)', data: data.missed, yAxisID: 'misses',
          borderColor: '#ef6c00', backgroundColor: '#ef6c00', showLine: false, pointRadius: 3 }
      ]
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 },
          title: { display: true, text: 'pages' } },
        misses: { position: 'right', beginAtZero: true, ticks: { precision: 0 },
          grid: { drawOnChartArea: false }, title: { display: true, text: 'misses' } }
      }
    }
  });
})();
`;
