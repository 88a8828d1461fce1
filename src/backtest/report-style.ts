/** The report's stylesheet: inline, so the file opens anywhere without a network. */
export const REPORT_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1d;
  margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 8px 0; }
.sub { color: #555; margin-top: 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 10px 16px; min-width: 120px; }
.card b { display: block; font-size: 24px; }
.card span { color: #555; }
.since { background: #fff8e1; border: 1px solid #ffe082; border-radius: 6px; padding: 8px 16px; }
.since ul { margin: 4px 0; }
table { border-collapse: collapse; margin: 8px 0; width: 100%; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td { overflow-wrap: anywhere; }
table.matrix { width: auto; }
table.matrix td { text-align: right; min-width: 120px; }
table.matrix td.caught, table.matrix td.quiet { background: #e8f5e9; }
table.matrix td.missed { background: #fff3e0; }
table.matrix td.extra { background: #ffebee; }
.chart { position: relative; height: 320px; }
.tops { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 16px; }
.empty, .note { color: #555; font-style: italic; }
dl.terms dt { font-weight: 600; margin-top: 6px; }
dl.terms dd { margin-left: 16px; }
code { background: #f5f5f5; padding: 0 3px; }
`;
