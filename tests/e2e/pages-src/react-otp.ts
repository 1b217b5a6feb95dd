// A React-controlled code field, as most single-page login apps have: the value lives in React state, so a
// fill that bypasses React's value tracking would show in the box but submit an empty code.
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';

function OtpForm() {
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  return h(
    'form',
    {
      onSubmit: (event: Event) => {
        event.preventDefault();
        setSubmitted(code);
      },
    },
    h('h1', null, 'Two-step verification'),
    h('label', { htmlFor: 'code' }, 'Enter the 6-digit code from your authenticator app'),
    h('input', {
      id: 'code',
      name: 'code',
      autoComplete: 'one-time-code',
      inputMode: 'numeric',
      maxLength: 6,
      value: code,
      onChange: (event: { target: HTMLInputElement }) => setCode(event.target.value.replace(/\D/g, '')),
    }),
    h('button', { type: 'submit' }, 'Verify'),
    h('p', { id: 'state' }, `state:${code}`),
    submitted !== null && h('p', { id: 'result' }, `submitted:${submitted}`),
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(h(OtpForm));
