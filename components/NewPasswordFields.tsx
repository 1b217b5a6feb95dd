import {
  MIN_MASTER_PASSWORD_LENGTH,
  type PasswordStrength,
  passwordStrength,
} from '../lib/password/strength';
import { t } from './i18n';

interface Props {
  /** The label of the first field ("Master password", "New master password"). */
  label: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  /** data-testid prefix: `${prefix}-password`/`-new` and `${prefix}-confirm`, as the README lists them. */
  testIds: { password: string; confirm: string };
  autofocus?: boolean;
}

/** Whether a new password and its confirmation may be submitted. */
export function newPasswordReady(password: string, confirm: string): boolean {
  return passwordStrength(password) !== 'too-short' && confirm === password;
}

function strengthText(password: string, strength: PasswordStrength): string {
  const min = String(MIN_MASTER_PASSWORD_LENGTH);
  return password ? t(`strength_${strength.replace('-', '_')}`, min) : t('strengthHint', min);
}

/** A new master password: the field, a live strength hint, and the confirmation with its mismatch message. */
export function NewPasswordFields({
  label,
  password,
  confirm,
  onPassword,
  onConfirm,
  testIds,
  autofocus,
}: Props) {
  const strength = passwordStrength(password);
  const mismatch = confirm.length > 0 && confirm !== password;
  const hintId = `${testIds.password}-strength`;
  return (
    <>
      <label class="field">
        <span>{label}</span>
        <input
          type="password"
          autocomplete="new-password"
          data-testid={testIds.password}
          value={password}
          onInput={(e) => onPassword(e.currentTarget.value)}
          autofocus={autofocus}
          aria-describedby={hintId}
        />
      </label>
      <p id={hintId} class={`strength strength-${strength}`} aria-live="polite">
        {strengthText(password, strength)}
      </p>
      <label class="field">
        <span>{t('confirmPassword')}</span>
        <input
          type="password"
          autocomplete="new-password"
          data-testid={testIds.confirm}
          value={confirm}
          onInput={(e) => onConfirm(e.currentTarget.value)}
          aria-invalid={mismatch}
        />
      </label>
      {mismatch && <p class="error">{t('passwordsDiffer')}</p>}
    </>
  );
}
