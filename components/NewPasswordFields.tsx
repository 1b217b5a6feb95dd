import { useState } from 'preact/hooks';
import { type FormProgress, newPasswordProblems, visibleProblems } from '../lib/password/new-password';
import { MIN_MASTER_PASSWORD_LENGTH, passwordStrength } from '../lib/password/strength';
import { t } from './i18n';
import { PasswordInput } from './PasswordInput';

const NOTHING_DONE: FormProgress = { passwordLeft: false, confirmLeft: false, submitted: false };

/**
 * A new password being typed with its confirmation: the values, whether they may be submitted, and what the
 * fields show. `attempt()` is the submit: it reveals every problem and says whether the password may be used.
 */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [weakAccepted, setWeakAccepted] = useState<string | null>(null);
  const [progress, setProgress] = useState(NOTHING_DONE);
  const entry = { password, confirm, weakAccepted };
  const ready = newPasswordProblems(entry).length === 0;
  return {
    password,
    ready,
    attempt(): boolean {
      setProgress({ ...progress, submitted: true });
      return ready;
    },
    reset() {
      setPassword('');
      setConfirm('');
      setWeakAccepted(null);
      setProgress(NOTHING_DONE);
    },
    fields: {
      password,
      confirm,
      weakAccepted: weakAccepted === password,
      shown: visibleProblems(entry, progress),
      onPassword: setPassword,
      onConfirm: setConfirm,
      onWeakAccepted: (accepted: boolean) => setWeakAccepted(accepted ? password : null),
      onLeft: (field: 'password' | 'confirm') =>
        setProgress((p) => ({ ...p, [field === 'password' ? 'passwordLeft' : 'confirmLeft']: true })),
    },
  };
}

type FieldsState = ReturnType<typeof useNewPassword>['fields'];

interface Props extends FieldsState {
  /** The label of the first field ("Master password", "New master password"). */
  label: string;
  /** data-testid of the two fields, as the README lists them. */
  testIds: { password: string; confirm: string };
  autofocus?: boolean;
}

/** The live hint under the password: neutral until the user has typed and left a too-short password. */
function strengthHint(password: string, tooShortShown: boolean): { text: string; tone: string } {
  const min = String(MIN_MASTER_PASSWORD_LENGTH);
  const strength = passwordStrength(password);
  if (strength === 'too-short') {
    return tooShortShown
      ? { text: t('strength_too_short', min), tone: 'strength-too-short' }
      : { text: t('strengthHint', min), tone: 'muted' };
  }
  return { text: t(`strength_${strength}`, min), tone: `strength-${strength}` };
}

/**
 * A new master password: the field with a live strength hint, "Use it anyway" for a weak one, and the
 * confirmation. Errors appear only once the user has typed in a field and left it, or tried to submit.
 */
export function NewPasswordFields({
  label,
  testIds,
  autofocus,
  password,
  confirm,
  weakAccepted,
  shown,
  onPassword,
  onConfirm,
  onWeakAccepted,
  onLeft,
}: Props) {
  const hint = strengthHint(password, shown.includes('too-short'));
  const weak = passwordStrength(password) === 'weak';
  const mismatch = shown.includes('mismatch');
  const hintId = `${testIds.password}-strength`;
  const mismatchId = `${testIds.confirm}-mismatch`;
  return (
    <>
      <PasswordInput
        label={label}
        autocomplete="new-password"
        data-testid={testIds.password}
        value={password}
        onValue={onPassword}
        onBlur={() => password && onLeft('password')}
        autofocus={autofocus}
        aria-describedby={hintId}
        aria-invalid={shown.includes('too-short') || shown.includes('weak')}
      />
      <p id={hintId} class={`strength ${hint.tone}`} aria-live="polite">
        {hint.text}
      </p>
      {weak && (
        <label class={shown.includes('weak') ? 'row check error' : 'row check'}>
          <input
            type="checkbox"
            data-testid="weak-password-accept"
            checked={weakAccepted}
            onChange={(e) => onWeakAccepted(e.currentTarget.checked)}
          />
          {t('weakPasswordAccept')}
        </label>
      )}
      <PasswordInput
        label={t('confirmPassword')}
        autocomplete="new-password"
        data-testid={testIds.confirm}
        value={confirm}
        onValue={onConfirm}
        onBlur={() => confirm && onLeft('confirm')}
        aria-invalid={mismatch}
        aria-describedby={mismatch ? mismatchId : undefined}
      />
      {mismatch && (
        <p id={mismatchId} class="error" data-testid="password-mismatch">
          {t('passwordsDiffer')}
        </p>
      )}
    </>
  );
}
