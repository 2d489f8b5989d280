import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../testing/server';
import { givenSession, renderPage, signedInUser } from '../../../testing/render';
import type { Availability } from '../api/tutor-profile';
import { AvailabilityForm } from './availability-form';

const availability: Availability = {
  timezone: 'Europe/Madrid',
  weekly: [{ weekday: 1, start: '09:00', end: '11:00' }],
  overrides: [],
  timeOff: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 720,
  maxHorizonDays: 60,
  maxSessionsPerDay: null,
  studentWeeklyCapMinutes: null,
};

/** Signs in, serves the save, and opens the form; what the form saved is read from the answer. */
function openForm() {
  givenSession(signedInUser);
  const sent: { saved?: Availability; previewed: Array<{ availability: Availability; length: number }> } = { previewed: [] };
  server.use(
    http.put('/api/tutoring/tutors/me/availability', async ({ request }) => {
      sent.saved = (await request.json()) as Availability;
      return HttpResponse.json(sent.saved);
    }),
    // the API works the slots out; here, one slot at the start of each weekly range of the first week of 2030
    http.post('/api/tutoring/tutors/me/availability/preview', async ({ request }) => {
      const asked = (await request.json()) as { availability: Availability; length: number };
      sent.previewed.push(asked);
      const slots = asked.availability.weekly.map((r) => {
        const start = new Date(`2029-12-30T${r.start}:00+01:00`);
        start.setUTCDate(start.getUTCDate() + r.weekday);
        return { start: start.toISOString(), end: start.toISOString(), tutorLocalStart: '', tutorLocalEnd: '' };
      });
      return HttpResponse.json({ timezone: asked.availability.timezone, slots });
    }),
  );
  renderPage([{ path: '/', element: <AvailabilityForm availability={availability} sessionLengths={[30, 60]} /> }], '/');
  return sent;
}

/**
 * A half hour of the weekly grid, by its name, once the form is drawn. Read straight from the DOM: a label or role
 * query over the grid's 336 buttons takes most of a second in jsdom, and a wait runs its query again on every change.
 */
const gridCell = (name: string) =>
  waitFor(() => {
    const cell = document.querySelector<HTMLElement>(`.week-grid [aria-label="${name}"]`);
    expect(cell).not.toBeNull();
    return cell!;
  });

describe('the availability form', () => {
  it('when I add hours, a day off, different hours on a date and a rule, then all of it is saved together', async () => {
    const sent = openForm();
    fireEvent.pointerDown(await gridCell('Wed 14:00'));
    // by label, not role, and within the section: label queries over the whole form (a 336-button grid and 400
    // time zones) take more than a second each in jsdom
    const dates = within(screen.getByText('Days off or different hours').parentElement!);
    fireEvent.change(dates.getByLabelText('Date'), { target: { value: '2030-02-01' } });
    fireEvent.click(dates.getByText('Add date'));
    fireEvent.change(dates.getByLabelText('Date'), { target: { value: '2030-02-02' } });
    fireEvent.change(dates.getByLabelText('From (optional)'), { target: { value: '10:00' } });
    fireEvent.change(dates.getByLabelText('Until (optional)'), { target: { value: '12:00' } });
    fireEvent.click(dates.getByText('Add date'));
    const rules = within(screen.getByText('Booking rules').nextElementSibling as HTMLElement);
    fireEvent.change(rules.getByLabelText('Most sessions a day'), { target: { value: '3' } });
    fireEvent.click(screen.getByText('Save availability'));
    expect(await screen.findByText('Availability saved')).toBeInTheDocument();
    expect(sent.saved).toMatchObject({
      timezone: 'Europe/Madrid',
      weekly: [
        { weekday: 1, start: '09:00', end: '11:00' },
        { weekday: 3, start: '14:00', end: '14:30' },
      ],
      overrides: [
        { date: '2030-02-01', ranges: [] },
        { date: '2030-02-02', ranges: [{ start: '10:00', end: '12:00' }] },
      ],
      maxSessionsPerDay: 3,
    });
  });

  it('when I copy Monday to the weekdays, then Monday to Friday are saved with its hours', async () => {
    const sent = openForm();
    // Monday is the day to copy until another is chosen
    fireEvent.click(await screen.findByText('Copy to Monday–Friday'));
    fireEvent.click(screen.getByText('Save availability'));
    expect(await screen.findByText('Availability saved')).toBeInTheDocument();
    expect(sent.saved?.weekly).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '11:00' })));
  });

  it('when I paint an hour, then the preview shows the slots students would see, for the length I choose, before saving', async () => {
    const sent = openForm();
    // the preview waits for the painting hand to rest 400 ms on purpose: the wait allows for that pause
    const previewDay = (text: string) =>
      screen.findByText((_, element) => element?.tagName === 'LI' && element.textContent === text, undefined, { timeout: 2000 });
    expect(await previewDay('Mon 31 Dec: 09:00')).toBeInTheDocument();
    fireEvent.pointerDown(await gridCell('Wed 14:00'));
    expect(await previewDay('Wed 2 Jan: 14:00')).toBeInTheDocument();
    expect(sent.previewed.at(-1)).toMatchObject({ length: 60, availability: { weekly: [{ weekday: 1 }, { weekday: 3, start: '14:00' }] } });
    fireEvent.change(within(screen.getByText('What students see in the next 7 days').parentElement!).getByLabelText('Session length'), {
      target: { value: '30' },
    });
    await waitFor(() => expect(sent.previewed.at(-1)?.length).toBe(30));
    expect(sent.saved).toBeUndefined();
  });
});
