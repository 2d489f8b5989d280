import { useCallback, useEffect, useState } from 'react';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { QueryState } from '../../../components/page-state';
import { useToasts } from '../../../components/toasts';
import { getMe, updateMe, type Account } from '../api/auth';
import { useAuth } from '../../../lib/auth';
import { TimeZoneSelect } from '../../../components/time-zone-select';
import { EmailSettings } from './email-settings';
import { TwoFactorSettings } from './two-factor-settings';

function ProfileForm({ account }: { account: Account }) {
  const [form, setForm] = useState({
    displayName: account.displayName,
    bio: account.bio,
    school: account.school ?? '',
    timezone: account.timezone,
  });
  // stable, so the memoised zone picker is not re-rendered by typing elsewhere
  const setTimezone = useCallback((timezone: string) => setForm((f) => ({ ...f, timezone })), []);
  useEffect(
    () => setForm({ displayName: account.displayName, bio: account.bio, school: account.school ?? '', timezone: account.timezone }),
    [account],
  );
  const toasts = useToasts();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => updateMe({ displayName: form.displayName, bio: form.bio, timezone: form.timezone, school: form.school || null }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['me'], saved);
      auth.update({ displayName: saved.displayName, timezone: saved.timezone });
      toasts.success('Your profile is saved');
    },
    onError: (error) => toasts.failure(error, 'Not saved'),
  });
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Form.Group className="mb-3" controlId="settings-name">
        <Form.Label>Name</Form.Label>
        <Form.Control
          required
          maxLength={80}
          value={form.displayName}
          onChange={(e) => setForm({ ...form, displayName: e.target.value })}
        />
      </Form.Group>
      <Form.Group className="mb-3" controlId="settings-school">
        <Form.Label>School</Form.Label>
        <Form.Control maxLength={120} value={form.school} onChange={(e) => setForm({ ...form, school: e.target.value })} />
      </Form.Group>
      <Form.Group className="mb-3" controlId="settings-bio">
        <Form.Label>About you</Form.Label>
        <Form.Control
          as="textarea"
          rows={3}
          maxLength={2000}
          value={form.bio}
          onChange={(e) => setForm({ ...form, bio: e.target.value })}
        />
      </Form.Group>
      <TimeZoneSelect id="settings-timezone" value={form.timezone} onChange={setTimezone} label="Time zone (all times are shown in it)" />
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save'}
      </Button>
    </Form>
  );
}

export default function SettingsPage() {
  const me = useQuery({ queryKey: ['me'], queryFn: getMe });
  return (
    <section className="my-4" style={{ maxWidth: 560 }}>
      <h1 className="h3 mb-3">Profile and settings</h1>
      <QueryState query={me}>
        {(account) => (
          <>
            <ProfileForm account={account} />
            <EmailSettings account={account} />
            <TwoFactorSettings account={account} />
          </>
        )}
      </QueryState>
      <p className="mt-4">
        Which notifications also come by email: <Link to="/notifications#email-settings">email settings in your inbox</Link>.
      </p>
    </section>
  );
}
