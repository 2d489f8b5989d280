// When this device's clock is in another zone than the account's (a trip, a new laptop), say so once and offer to
// switch: every time in the app is shown in the account's zone, and a silent mismatch books the wrong hour.
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import { useMutation } from '@tanstack/react-query';
import { useToasts } from '../../../components/toasts';
import { useAuth } from '../../../lib/auth';
import { browserTimeZone } from '../../../lib/time';
import { updateMe } from '../api/auth';

/** Two names of one zone (Asia/Calcutta, Asia/Kolkata) resolve to the same one. */
const canonical = (zone: string) => {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
};
const label = (zone: string) => zone.replaceAll('_', ' ');
const keptKey = 'zone-kept';

export function ZoneMismatch() {
  const { user, update } = useAuth();
  const toasts = useToasts();
  const device = browserTimeZone();
  const pair = `${device}|${user?.timezone ?? ''}`;
  // "keep" is remembered for this pair of zones, so the question is not asked again until one of them changes
  const [keptPair, setKeptPair] = useState(() => {
    try {
      return localStorage.getItem(keptKey);
    } catch {
      return null;
    }
  });
  const switchZone = useMutation({
    mutationFn: () => updateMe({ timezone: device }),
    onSuccess: (saved) => {
      update({ timezone: saved.timezone });
      toasts.success(`Times are now shown in ${label(saved.timezone)}`);
    },
    onError: (e) => toasts.failure(e, 'Could not change your time zone'),
  });
  if (!user || keptPair === pair || canonical(device) === canonical(user.timezone)) return null;
  const keep = () => {
    try {
      localStorage.setItem(keptKey, pair);
    } catch {
      // storage blocked: asked again next time
    }
    setKeptPair(pair);
  };
  return (
    <Alert variant="info" className="d-flex flex-wrap align-items-center gap-2">
      <span className="me-auto">
        This device is set to <strong>{label(device)}</strong>, but your times are shown in <strong>{label(user.timezone)}</strong>.
      </span>
      <Button size="sm" onClick={() => switchZone.mutate()} disabled={switchZone.isPending}>
        Use {label(device)}
      </Button>
      <Button size="sm" variant="outline-dark" onClick={keep}>
        Keep {label(user.timezone)}
      </Button>
    </Alert>
  );
}
