import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmAction } from './confirm-action';

describe('an action that asks first', () => {
  it('when the dialog is dismissed, then nothing happens; when confirmed, then the action runs once', async () => {
    const onConfirm = vi.fn();
    render(
      <ConfirmAction label="Leave group" title="Leave this group?" confirmLabel="Leave" onConfirm={onConfirm}>
        Your place goes to the next person on the waitlist.
      </ConfirmAction>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Leave group' }));
    expect(screen.getByRole('dialog', { name: 'Leave this group?' })).toHaveTextContent('Your place goes to the next person');
    await userEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(onConfirm).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Leave group' }));
    await userEvent.click(screen.getByRole('button', { name: 'Leave' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('when a reason is asked for, then the action waits for one and receives it', async () => {
    const onConfirm = vi.fn();
    render(
      <ConfirmAction label="Suspend" title="Suspend Ada?" confirmLabel="Suspend" reasonLabel="Why" onConfirm={onConfirm}>
        They are signed out everywhere.
      </ConfirmAction>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Suspend' }));
    const dialog = screen.getByRole('dialog', { name: 'Suspend Ada?' });
    const confirm = dialog.querySelector('button[type="submit"]') as HTMLButtonElement;
    expect(confirm).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Why'), '  spam in three groups ');
    await userEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledWith('spam in three groups');
  });
});
