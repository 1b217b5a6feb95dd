import type { PortalEventView } from '../../lib/messages';
import { formatDateTime, t } from '../i18n';

/** The portal's recent security events for the account, newest first. */
export function SecurityEvents({ events }: { events: PortalEventView[] }) {
  return (
    <section class="stack" aria-labelledby="security-events-title" data-testid="security-events">
      <h3 id="security-events-title" class="small">
        {t('portalEvents')}
      </h3>
      {events.length === 0 && <p class="muted small">{t('portalNoEvents')}</p>}
      <ul class="enroll-list">
        {events.map((event) => (
          <li key={event.id} class="small" data-testid="security-event">
            <time class="muted" dateTime={event.at}>
              {formatDateTime(event.at)}
            </time>{' '}
            {event.summary}
          </li>
        ))}
      </ul>
    </section>
  );
}
