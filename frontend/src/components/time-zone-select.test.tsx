import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TimeZoneSelect } from './time-zone-select';

const optionLabels = () => screen.getAllByRole('option').map((o) => o.textContent ?? '');

describe('the time zone picker', () => {
  it('when it opens, then zones have their canonical names, their offset today, and UTC is one of them', () => {
    render(<TimeZoneSelect id="tz" value="UTC" onChange={() => undefined} />);
    const labels = optionLabels();
    expect(labels.some((l) => l.includes('Asia/Kolkata'))).toBe(true);
    expect(labels.some((l) => l.includes('Asia/Calcutta'))).toBe(false);
    expect(labels.some((l) => l.includes('Europe/Kyiv'))).toBe(true);
    expect(screen.getByLabelText('Time zone')).toHaveValue('UTC');
    expect(labels.find((l) => l.includes('Asia/Kolkata'))).toMatch(/^\(UTC\+05:30\) /);
  });

  it('when a zone was saved under an old name, then its option is the chosen one', () => {
    render(<TimeZoneSelect id="tz" value="Asia/Calcutta" onChange={() => undefined} />);
    expect(screen.getByLabelText('Time zone')).toHaveValue('Asia/Kolkata');
  });

  it('when I search by city or offset, then only matching zones are offered and choosing one reports its name', async () => {
    const onChange = vi.fn();
    render(<TimeZoneSelect id="tz" value="UTC" onChange={onChange} />);
    await userEvent.type(screen.getByLabelText('Search: Time zone'), 'mumbai');
    // the chosen zone stays first, so the search alone changes nothing
    expect(optionLabels()).toEqual(['(UTC+00:00) UTC', expect.stringContaining('Asia/Kolkata')]);
    expect(screen.getByText('1 zone matches “mumbai”')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Time zone'), 'Asia/Kolkata');
    expect(onChange).toHaveBeenCalledWith('Asia/Kolkata');
    await userEvent.clear(screen.getByLabelText('Search: Time zone'));
    await userEvent.type(screen.getByLabelText('Search: Time zone'), 'UTC-03:00');
    expect(optionLabels().some((l) => l.includes('America/Sao Paulo'))).toBe(true);
  });
});
