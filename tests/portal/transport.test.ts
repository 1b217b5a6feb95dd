import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { type Message, mailTransport, type Transport } from '../../portal/flows/transport';
import { Browser, makePortal } from './helpers';

describe('mail transport', () => {
  it('sends e-mail through nodemailer and leaves SMS to the fallback', async () => {
    const mailer = nodemailer.createTransport({ jsonTransport: true });
    const mails: string[] = [];
    const send = mailer.sendMail.bind(mailer);
    mailer.sendMail = (async (mail: Parameters<typeof send>[0]) => {
      const info = await send(mail);
      mails.push(String(info.message));
      return info;
    }) as typeof mailer.sendMail;
    const sms: Message[] = [];
    const fallback: Transport = { deliver: async (m) => void sms.push(m) };
    const transport = mailTransport(mailer, 'portal@acme.test', fallback);

    const portal = await makePortal({ transport });
    await portal.addUser({ email: 'ann@test.example', method: 'email' });
    await portal.addUser({ email: 'sam@test.example', method: 'sms', phone: '+33612345642' });
    await new Browser(portal.app).login('ann@test.example');
    await new Browser(portal.app).login('sam@test.example');

    expect(mails).toHaveLength(1);
    const mail = JSON.parse(mails[0] ?? '{}');
    expect(mail.to[0].address).toBe('ann@test.example');
    expect(mail.from.address).toBe('portal@acme.test');
    expect(mail.text).toMatch(/Your Acme code is \d{6}/);
    expect(sms.map((m) => m.to)).toEqual(['+33612345642']);
    expect(await portal.store.listOutbox(10)).toEqual([]);
  });

  it('tells the user to retry when a code cannot be delivered', async () => {
    const portal = await makePortal({
      transport: { deliver: async () => Promise.reject(new Error('smtp down')) },
    });
    await portal.addUser({ email: 'ann@test.example', method: 'email' });
    const browser = new Browser(portal.app);
    const res = await browser.post('/login', {
      email: 'ann@test.example',
      password: 'correct horse battery',
    });
    expect(res.statusCode).toBe(502);
    expect(res.body).toContain('could not send the code');
  });
});
