import { describe, expect, it } from 'vitest';
import { findRecoveryCodes, findRecoveryCodesInFile } from '../../../lib/recovery/find-recovery-codes';

const GITHUB = [
  '0a1b2-c3d4e',
  '5f6a7-b8c9d',
  'e0f1a-2b3c4',
  'd5e6f-7a8b9',
  'c0d1e-2f3a4',
  'b5c6d-7e8f9',
  'a0b1c-2d3e4',
  'f5a6b-7c8d9',
  'e1f2a-3b4c5',
  'd6e7f-8a9b0',
  'c1d2e-3f4a5',
  'b6c7d-8e9f0',
  'a2b3c-4d5e6',
  'f7a8b-9c0d1',
  'e2f3a-4b5c6',
  'd7e8f-9a0b1',
];
const GOOGLE = [
  '4821 0937',
  '5512 8840',
  '9034 1276',
  '6678 3309',
  '1205 7781',
  '3390 4526',
  '8807 1132',
  '2249 6605',
  '7716 9043',
  '0458 2217',
];
const GITLAB = [
  'a3f9c2e18b7d4056',
  '9e1c0b7a5d3f2846',
  '4b8e2d9c1a7f3065',
  'f0c3a9e7b2d14658',
  '7d2b5e8f0c9a1346',
  'c6a1f4d9e3b70285',
  '2e9d7c4b1f8a0563',
  '8a0f6b3d9c2e1475',
  '5c7e1a8f4d0b2936',
  'd1b4c8e2a9f70356',
];
// Discord codes are 8 lowercase letters and digits; about 1 in 14 has no digit at all.
const DISCORD = [
  'k3m9-x2p7',
  'q8w1-e5r4',
  'tzyu-vabn',
  'h6j2-n0b5',
  'c9v3-m7x1',
  'p4o8-i2u6',
  'y5t1-r9e3',
  'w7q2-a6s0',
  'd3f8-g1h4',
  'l0k5-j9z2',
];
const MICROSOFT = 'K7Q2M-9XW4R-T3B8N-6YV5C-H2J9P';
const BITWARDEN = 'A1B2 C3D4 E5F6 G7H8 J9K0 L1M2 N3P4 Q5R6';

describe('findRecoveryCodes: site styles', () => {
  it('GitHub: 16 codes under the "Recovery codes" heading, with buttons after', () => {
    const page = [
      'Two-factor authentication',
      'Recovery codes',
      'Recovery codes can be used to access your account in the event you lose access to your device and cannot receive two-factor authentication codes.',
      '',
      ...GITHUB,
      '',
      'Download   Print   Copy',
      'Generate new recovery codes',
    ].join('\n');
    expect(findRecoveryCodes(page)).toEqual(GITHUB);
  });

  it('GitHub: the downloaded github-recovery-codes.txt (codes only) needs no context', () => {
    const file = `${GITHUB.join('\n')}\n`;
    expect(findRecoveryCodes(file)).toEqual(GITHUB);
    expect(findRecoveryCodesInFile('github-recovery-codes.txt', file)).toEqual(GITHUB);
  });

  it('Google: ten "1234 5678" codes on the page', () => {
    const page = [
      'Backup codes',
      'Keep these backup codes somewhere safe but accessible.',
      ...GOOGLE,
      'show more',
      'Each code can be used only once',
    ].join('\n');
    expect(findRecoveryCodes(page)).toEqual(GOOGLE);
  });

  it('Google: the Backup-codes-*.txt file with two numbered columns', () => {
    const rows = [0, 1, 2, 3, 4].map((r) => `${r + 1}. ${GOOGLE[r]}\t\t${r + 6}. ${GOOGLE[r + 5]}`);
    const file = [
      'BACKUP VERIFICATION CODES',
      '',
      'alice@gmail.com',
      '',
      ...rows,
      '',
      '(Each code can only be used once.)',
      '',
      '(Generated on Nov 23, 2026)',
    ].join('\r\n');
    const inOrder = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9].map((i) => GOOGLE[i]);
    expect(findRecoveryCodes(file)).toEqual(inOrder);
    expect(findRecoveryCodesInFile('Backup-codes-alice.txt', file)).toEqual(inOrder);
  });

  it('Microsoft: one 25-character recovery code below its heading', () => {
    const page = [
      'Your new recovery code',
      'Write this code down and keep it in a safe place.',
      MICROSOFT,
      'Next',
    ].join('\n');
    expect(findRecoveryCodes(page)).toEqual([MICROSOFT]);
  });

  it('Microsoft: a labelled code in one line', () => {
    expect(findRecoveryCodes(`Recovery code: ${MICROSOFT}`)).toEqual([MICROSOFT]);
  });

  it('Dropbox: ten 8-digit backup codes, and the older 16-letter emergency code', () => {
    const codes = [
      '48210937',
      '55128840',
      '90341276',
      '66783309',
      '12057781',
      '33904526',
      '88071132',
      '22496605',
      '77169043',
      '04582217',
    ];
    expect(findRecoveryCodes(['Backup codes', ...codes].join('\n'))).toEqual(codes);
    expect(findRecoveryCodes('Emergency backup code\nxbqt kfzm rnwj hvpd')).toEqual(['xbqt kfzm rnwj hvpd']);
  });

  it('GitLab: ten 16-hex codes, two per line in columns', () => {
    const rows = [0, 2, 4, 6, 8].map((i) => `${GITLAB[i]}\t${GITLAB[i + 1]}`);
    expect(findRecoveryCodes(['Recovery codes', ...rows].join('\n'))).toEqual(GITLAB);
    expect(findRecoveryCodesInFile('gitlab-recovery-codes.txt', GITLAB.join('\n'))).toEqual(GITLAB);
  });

  it('Discord: ten "xxxx-xxxx" codes, keeping the one without a digit', () => {
    const rows = [0, 2, 4, 6, 8].map((i) => `${DISCORD[i]}    ${DISCORD[i + 1]}`);
    expect(findRecoveryCodes(['Backup codes', ...rows].join('\n'))).toEqual(DISCORD);
    expect(findRecoveryCodes(DISCORD.join('\n'))).toEqual(DISCORD);
  });

  it('Twitter/X and AWS-style single codes with a label or heading', () => {
    expect(findRecoveryCodes('Backup code\nk2x9m4q7w1z8')).toEqual(['k2x9m4q7w1z8']);
    expect(findRecoveryCodes('Your backup code is k2x9m4q7w1z8. Keep it safe.')).toEqual(['k2x9m4q7w1z8']);
    expect(findRecoveryCodes('MFA recovery code: 7QH2-KD9X-M3PL-8WZA')).toEqual(['7QH2-KD9X-M3PL-8WZA']);
  });

  it('Atlassian: one code in a sentence that names it', () => {
    expect(
      findRecoveryCodes('Save this recovery code: 6f3b9d2e1a7c. You will need it if you lose your phone.'),
    ).toEqual(['6f3b9d2e1a7c']);
  });

  it('Bitwarden: 32 characters in groups of four, with spaces or dashes', () => {
    expect(findRecoveryCodes(`Recovery Code\n${BITWARDEN}`)).toEqual([BITWARDEN]);
    const dashed = BITWARDEN.replaceAll(' ', '-');
    expect(findRecoveryCodes(`Your two-step login recovery code:\n${dashed}\nClose`)).toEqual([dashed]);
  });

  it('a recovery-key text file with a header block', () => {
    const file = [
      'Recovery Key for alice@example.com',
      '----------------------------------',
      'AB12-CD34-EF56-GH78',
      '',
      'Generated: 2026-11-23 07:00 UTC',
      'Store this file offline.',
    ].join('\n');
    expect(findRecoveryCodes(file)).toEqual(['AB12-CD34-EF56-GH78']);
  });

  it('numbered and bulleted lists', () => {
    const numbered = ['Backup codes:', '1. ab3d-ef7h', '2) k9m2-p4q8', '3. z7x1-c5v3'].join('\n');
    expect(findRecoveryCodes(numbered)).toEqual(['ab3d-ef7h', 'k9m2-p4q8', 'z7x1-c5v3']);
    const bullets = ['Your recovery codes', '• 4821 0937', '• 5512 8840', '- 9034 1276', '* 6678 3309'].join(
      '\n',
    );
    expect(findRecoveryCodes(bullets)).toEqual(GOOGLE.slice(0, 4));
  });

  it('keeps codes as shown, collapsing odd spaces, and drops repeats', () => {
    const page = [
      'Backup codes',
      '4821\u00a00937',
      '  5512 8840  ',
      '4821 0937',
      'Backup codes (copy)',
      ...GOOGLE.slice(0, 2),
    ].join('\n');
    expect(findRecoveryCodes(page)).toEqual(['4821 0937', '5512 8840']);
  });
});

describe('findRecoveryCodes: text that holds no codes', () => {
  it.each([
    [
      'prose mentioning backups',
      'We back up your files every 24 hours. Backup storage is 2048 GB on plan B-2.',
    ],
    [
      'a paragraph of prose',
      'The quick brown fox jumps over the lazy dog.\nLorem ipsum dolor sit amet, consectetur.',
    ],
    ['phone numbers', '555-123-4567\n555-987-6543\n(555) 234-5678\n+1 555 345 6789\n555.456.7890'],
    [
      'a backup phone',
      'Backup phone: +1 555-123-4567\nRecovery phone: +44 7700 900123\nBackup phone 0800 1234 5678',
    ],
    ['dates', 'Backup history\n2024-01-15\n2024-02-15\n2024-03-15\n2024-04-15\n15/05/2024\nJan 15, 2024'],
    ['a year range', 'Recovery codes generated 2019-2024 are no longer valid.'],
    [
      'order ids',
      'Order #112-3456789-1234567\nOrder #112-9876543-7654321\n#10234567\n#10234568\n#10234569\n#10234570',
    ],
    ['bare numbers in a table', '10002345\n10002346\n10002347\n10002348\n10002349'],
    ['hex colours', '#ff00aa\n#00ff00\n#123abc\n#abcdef\nBackup colour: #a1b2c3'],
    ['version numbers', 'Recovery tool v1.2.3\n2.0.1\n3.10.4\n4.0.0-beta1\nversion 1.2.3-rc4'],
    ['a card number', 'Backup card: 4111 1111 1111 1111\n4111-1111-1111-1111'],
    ['UUIDs', ['0', '1', '2', '3'].map((d) => `123e4567-e89b-12d3-a456-42661417400${d}`).join('\n')],
    ['a ticket number', 'Your recovery request REQ-2024-000123 was received.\nBackup job BJ-7-2031 done.'],
    [
      'a 1Password Secret Key in the Emergency Kit',
      'Emergency Kit\nSecret Key\nA3-ABC123-DEF456-GHIJK-LMNOP-QRSTU-VWXYZ',
    ],
    ['a menu of words', 'Settings\nSecurity\nRecovery\nBilling\nshow more\nsign out'],
    [
      'URLs and e-mail',
      'Recovery page: https://example.com/recover-2fa/ab12-cd34\nBackup e-mail: ab12cd34@example.com',
    ],
    ['a few short codes without context', 'ab3d-ef7h\nk9m2-p4q8\nz7x1-c5v3'],
    ['mixed-case words', 'Backup: iPhone15 MacBook2024 Pixel8Pro'],
  ])('%s', (_name, text) => {
    expect(findRecoveryCodes(text)).toEqual([]);
  });

  it('does not take a grouped setup key for a recovery code on a 2FA setup page', () => {
    const page = [
      'Save your recovery codes before you continue.',
      'Scan the QR code with your authenticator app.',
      'Unable to scan? Use this setup key to enter it manually:',
      'JBSW Y3DP EHPK 3PXP',
      'Verify the code from the app',
      '',
    ].join('\n');
    expect(findRecoveryCodes(page)).toEqual([]);
  });

  it('needs context for a list file with another name', () => {
    expect(findRecoveryCodesInFile('notes.txt', 'ab3d-ef7h\nk9m2-p4q8')).toEqual([]);
    expect(findRecoveryCodesInFile('discord_backup_codes.txt', 'ab3d-ef7h\nk9m2-p4q8')).toEqual([
      'ab3d-ef7h',
      'k9m2-p4q8',
    ]);
  });
});
