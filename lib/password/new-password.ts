import { passwordStrength } from './strength';

/** What stops a new master password from being accepted, in the order the form shows them. */
export type NewPasswordProblem = 'too-short' | 'weak' | 'mismatch';

export interface NewPasswordEntry {
  password: string;
  confirm: string;
  /** The weak password the user chose to keep anyway ("Use it anyway"); a changed password must be confirmed again. */
  weakAccepted: string | null;
}

/** Every problem with a new password and its confirmation; none means it may be submitted. */
export function newPasswordProblems({
  password,
  confirm,
  weakAccepted,
}: NewPasswordEntry): NewPasswordProblem[] {
  const problems: NewPasswordProblem[] = [];
  const strength = passwordStrength(password);
  if (strength === 'too-short') problems.push('too-short');
  else if (strength === 'weak' && weakAccepted !== password) problems.push('weak');
  if (confirm !== password) problems.push('mismatch');
  return problems;
}

/** What the user has done with the form so far. */
export interface FormProgress {
  /** The user typed in the password field and left it. */
  passwordLeft: boolean;
  /** The user typed in the confirmation field and left it. */
  confirmLeft: boolean;
  /** The user tried to submit. */
  submitted: boolean;
}

/**
 * The problems worth showing as errors now. Nobody has made a mistake before typing: a field's error waits until
 * the user has typed in it and moved on (or typed a confirmation as long as the password), or tried to submit.
 */
export function visibleProblems(entry: NewPasswordEntry, progress: FormProgress): NewPasswordProblem[] {
  return newPasswordProblems(entry).filter((problem) => {
    if (progress.submitted) return true;
    if (problem === 'too-short') return progress.passwordLeft && entry.password.length > 0;
    if (problem === 'mismatch')
      return (
        entry.confirm.length > 0 && (progress.confirmLeft || entry.confirm.length >= entry.password.length)
      );
    return false;
  });
}
