import { useId, useState } from 'preact/hooks';
import { t } from './i18n';

interface Props {
  autocomplete?: 'current-password' | 'new-password' | 'off';
  autofocus?: boolean;
  placeholder?: string;
  required?: boolean;
  'data-testid'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  onBlur?: () => void;
  /** The visible label; with `hideLabel` it only names the field for screen readers. */
  label: string;
  hideLabel?: boolean;
  value: string;
  onValue: (value: string) => void;
}

/**
 * A labelled password field with a "Show" toggle beside it: people check what they typed before a vault is
 * sealed with it. The toggle keeps its name and reports its state as pressed, as a toggle button should.
 */
export function PasswordInput({ label, hideLabel, value, onValue, autofocus, ...rest }: Props) {
  const [shown, setShown] = useState(false);
  const id = useId();
  const field = {
    ...rest,
    id,
    autoFocus: autofocus,
    spellcheck: false,
    value,
    onInput: (e: { currentTarget: HTMLInputElement }) => onValue(e.currentTarget.value),
  };
  return (
    <div class="field">
      <label for={id} class={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <span class="password-input">
        {/* One <input> either way: preact updates its type in place, so the typed value and focus stay. */}
        {shown ? <input type="text" {...field} /> : <input type="password" {...field} />}
        <button
          type="button"
          class="ghost small"
          aria-pressed={shown}
          aria-label={t('showPassword')}
          title={t('showPassword')}
          data-testid="show-password"
          onClick={() => setShown(!shown)}
        >
          {t('show')}
        </button>
      </span>
    </div>
  );
}
