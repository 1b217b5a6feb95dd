/** A one-line outcome: an error is announced at once (alert), a success politely (status). */
export interface Outcome {
  error: boolean;
  text: string;
}

/** Shows an outcome, or nothing. */
export function StatusMessage({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  return (
    <p class={outcome.error ? 'error' : 'notice'} role={outcome.error ? 'alert' : 'status'}>
      {outcome.text}
    </p>
  );
}
