/** The portal's stylesheet, served at /static/portal.css. */
export const STYLESHEET = `
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{display:flex;gap:1rem;align-items:center;justify-content:space-between;padding:.75rem 1.5rem;background:#1d2330;color:#fff}
header a{color:#fff;margin-right:1rem}.brand{font-weight:700;text-decoration:none}
main{max-width:44rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}
label{display:block;margin:.75rem 0 .25rem;font-weight:600}
input[type=text],input[type=email],input[type=password],input[type=tel],select{width:100%;padding:.5rem;font-size:1rem;border:1px solid #9aa3b2;border-radius:4px}
input[name=code]{width:10rem;letter-spacing:.3em;font-family:monospace;font-size:1.3rem}
button{margin-top:1rem;padding:.5rem 1rem;font-size:1rem;border:0;border-radius:4px;background:#2456d3;color:#fff;cursor:pointer}
button.secondary{background:#e3e7ee;color:#1d2330}button.danger{background:#b3261e}
button.link{background:none;color:#fff;text-decoration:underline;margin:0;padding:0}
form.inline{display:inline}
.error{background:#fde8e7;border-left:4px solid #b3261e;padding:.5rem 1rem}
.notice{background:#e7f3ea;border-left:4px solid #22863a;padding:.5rem 1rem}
.banner{background:#fff5d6;border-left:4px solid #c99a00;padding:.75rem 1rem}
.secret,.key{font-family:monospace;font-size:1.1rem;background:#f0f2f5;padding:.5rem;word-break:break-all}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #e3e7ee;vertical-align:top}
.qr{width:220px;height:220px;image-rendering:pixelated}
pre{white-space:pre-wrap;background:#f0f2f5;padding:.5rem}
`;

/** The portal's only script, served at /static/portal.js: the "Copy" buttons (pages work without it). */
export const SCRIPT = `
document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-copy]');
  const field = button && document.getElementById(button.dataset.copy);
  if (!field) return;
  field.select();
  navigator.clipboard.writeText(field.value).then(() => { button.textContent = 'Copied'; }, () => { button.textContent = 'Press Ctrl+C'; });
});
`;
