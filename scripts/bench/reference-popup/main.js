// The in-run reference for the popup benchmark: the smallest preact popup that shows 200 accounts with codes.
// Static data, no messaging, no styles beyond the basics; built by scripts/bench/popup.mjs into the copy of
// the extension the benchmark loads, and opened as an extension page exactly like popup.html.
import { h, render } from 'preact';

const ROWS = Number(new URLSearchParams(location.search).get('rows') ?? 200);
const accounts = Array.from({ length: ROWS }, (_, i) => ({
  id: String(i),
  issuer: `Service ${String(i).padStart(3, '0')}`,
  label: `user${i}@example.com`,
  code: String((i * 7919) % 1_000_000).padStart(6, '0'),
}));

function Row({ account }) {
  return h(
    'li',
    { 'data-testid': 'account-row', 'aria-setsize': ROWS },
    h('strong', null, account.issuer),
    h('span', null, account.label),
    h('button', { type: 'button' }, h('span', { 'data-testid': 'code' }, account.code)),
  );
}

render(
  h(
    'ul',
    null,
    accounts.map((account) => h(Row, { key: account.id, account })),
  ),
  document.getElementById('app'),
);
