// Pages the browser benchmarks load, generated so their element counts are exact. Each builder returns
// complete HTML; `document.getElementsByTagName('*').length` in the loaded page equals `elements`.

// <html>, <head>, <meta>, <title>, <body>
const SHELL_ELEMENTS = 5;

/** Opening tags in an HTML fragment: its element count. */
const countElements = (html) => html.match(/<[a-z][a-z0-9]*[\s>]/g)?.length ?? 0;

function page(title, body, elements) {
  const used = countElements(body);
  const padding = elements - SHELL_ELEMENTS - used;
  if (padding < 0)
    throw new Error(`The "${title}" fixture needs at least ${used + SHELL_ELEMENTS} elements.`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}${'<span></span>'.repeat(padding)}</body></html>`;
}

/** A news-style article page with a search box and a newsletter field: what most navigations look like. */
export function articlePage(elements = 3000) {
  let body =
    '<header><nav><a href="#">Home</a><a href="#">World</a><a href="#">Tech</a></nav>' +
    '<form role="search"><input type="search" name="q" placeholder="Search"><button>Go</button></form></header>';
  const section =
    '<section><h2>Section title</h2><p>Lorem ipsum <a href="#">dolor</a> sit amet, <em>consectetur</em> adipiscing.</p>' +
    '<ul><li><a href="#">Related story</a></li><li><a href="#">Another story</a></li></ul>' +
    '<figure><div><img alt="" width="1" height="1"></div><figcaption>Caption</figcaption></figure></section>';
  const newsletter =
    '<footer><form><label>Newsletter <input type="email" name="email"></label><button>Subscribe</button></form></footer>';
  const room = elements - SHELL_ELEMENTS - countElements(body + newsletter);
  body += section.repeat(Math.floor(room / countElements(section)));
  return page('Article', body + newsletter, elements);
}

/** A typical second-step sign-in page: site chrome around a single authenticator-code field. */
export function totpLoginPage(elements = 300) {
  const links = (n, prefix) =>
    Array.from({ length: n }, (_, i) => `<li><a href="#">${prefix} ${i + 1}</a></li>`).join('');
  const body =
    `<header><a href="#"><img alt="Example" width="1" height="1"></a><nav><ul>${links(20, 'Menu')}</ul></nav></header>` +
    '<main><h1>Two-factor authentication</h1><p>Signed in as <strong>ada@example.com</strong>.</p>' +
    '<form action="#"><label for="otp">Open your authenticator app and enter the 6-digit code</label>' +
    '<input id="otp" name="otp" type="text" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" maxlength="6">' +
    '<label><input type="checkbox" name="remember"> Remember this device for 30 days</label>' +
    '<button type="submit">Verify</button></form>' +
    '<p><a href="#">Use a recovery code</a> · <a href="#">Try another way</a></p></main>' +
    `<footer>${Array.from({ length: 6 }, (_, c) => `<section><h3>Column ${c + 1}</h3><ul>${links(12, 'Link')}</ul></section>`).join('')}</footer>`;
  return page('Example – Two-factor authentication', body, elements);
}

/**
 * A large order form with no code prompt: rows of name, email, quantity, checkbox and radio fields,
 * so a detector meets many candidate inputs it must reject.
 */
export function manyInputsPage(elements = 10000) {
  const row = (i) =>
    `<tr><td><label>Full name <input type="text" name="name${i}" autocomplete="name"></label></td>` +
    `<td><label>Email <input type="email" name="email${i}"></label></td>` +
    `<td><label>Quantity <input type="number" name="qty${i}" min="1" max="99"></label></td>` +
    `<td><label><input type="checkbox" name="gift${i}"> Gift wrap</label></td>` +
    `<td><label><input type="radio" name="ship${i}"> Express</label></td></tr>`;
  const head = '<h1>Bulk order</h1><form><table><tbody>';
  const tail = '</tbody></table><button>Place order</button></form>';
  const rows = Math.floor((elements - SHELL_ELEMENTS - countElements(head + tail)) / countElements(row(0)));
  return page('Bulk order', head + Array.from({ length: rows }, (_, i) => row(i)).join('') + tail, elements);
}
