import { expect, test } from './fixtures';
import { addByUri, codesAround, setUpVault } from './helpers';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

// A server accepts each code once (RFC 6238 §5.2). The wait is real, at most one 30-second step: the vault's
// clock cannot be moved from outside, and the point is that the next code is filled the moment it exists.
test('a second sign-in in the same step waits for the next code instead of a refused one', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  test.setTimeout(90_000);
  const page = await context.newPage();
  await page.goto(pageUrl('totp-twice.html'));
  const popup = await openPopup(page);
  await setUpVault(popup);
  await addByUri(popup, `otpauth://totp/Local:erin?secret=${SECRET}&issuer=Local`, '127.0.0.1');
  await expect(popup.getByTestId('fill')).toHaveAttribute('data-state', 'ready');
  await popup.getByTestId('fill').click();
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  const first = await page.locator('#otp').inputValue();
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#accepted li')).toHaveText([first]);

  // The page asks again. While the first code is still the current one, the row says it waits for the next.
  const fill = popup.getByTestId('fill');
  const msLeftInStep = 30_000 - (Date.now() % 30_000);
  if ((await codesAround(SECRET))[1] === first && msLeftInStep > 5_000) {
    await expect(fill).toHaveAttribute('data-state', 'waiting');
    await expect(fill).toHaveText(/^Next code in \d+ s$/);
  }
  await fill.click();
  await expect(page.locator('#otp')).not.toHaveValue('', { timeout: 35_000 });
  const second = await page.locator('#otp').inputValue();
  expect(second).not.toBe(first);
  expect(await codesAround(SECRET)).toContain(second);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#accepted li')).toHaveText([first, second]);
  await expect(page.locator('#result')).not.toContainText('refused');
});
