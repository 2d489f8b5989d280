// The web app's journeys in a real Chromium against the real local stack (npm start on free ports): every
// click goes through the gateway to the real services, PostgreSQL and DynamoDB Local.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { generate } from 'otplib';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startFreshStack } from '@tutoring-platform/local-stack/testing';
import { compileHint } from '../build/compile-hints';
import { openBrowser, axeViolations, droppedRules, withScreenshotOnFailure } from './browser';

let stack: Awaited<ReturnType<typeof startFreshStack>>;
let browser: { context: BrowserContext; close: () => Promise<void> };
let page: Page;

beforeAll(async () => {
  stack = await startFreshStack({ WEB_ROOT: path.join(__dirname, '..', 'dist') });
  browser = await openBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const password = 'e2e passphrase 2026';

/**
 * Signs up, and confirms the email as its owner would: the link from the mail server opens in a new tab, which is
 * closed again. Booking and tutoring need it; the first tab goes on with its session.
 */
async function register(name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto(`${stack.gateway}/register`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('link', { name }).waitFor();
  const mail = await mailArrives(email, 'Confirm your email');
  const tab = await browser.context.newPage();
  await tab.goto(/(http:\/\/localhost:\d+\/verify-email#[A-Za-z0-9_-]{43})/.exec(mail.text)![1]!);
  await tab.getByRole('status').getByText(`${email} is confirmed`).waitFor();
  await tab.close();
  return email;
}

/** The authenticator app of the seeded administrator: its key, and the last 30-second step it gave a code for. */
const adminApp = { key: '', lastStep: 0 };

/** A code the app shows now that was not used yet: each code works once, so a second sign-in may wait for the next. */
async function authenticatorCode(app: { key: string; lastStep: number }): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  if (step <= app.lastStep) step = app.lastStep + 1;
  while (step > Math.floor(Date.now() / 30_000) + 1) await new Promise((r) => setTimeout(r, 1000));
  app.lastStep = step;
  return generate({ secret: app.key, epoch: step * 30 });
}

async function logInAsAdmin(): Promise<void> {
  if (!adminApp.key) {
    const { key, setUpAt } = stack.adminAuthenticator();
    Object.assign(adminApp, { key, lastStep: Math.floor(setUpAt / 30_000) + 2 });
  }
  await page.goto(`${stack.gateway}/login`);
  await page.getByLabel('Email').fill('admin@tutoring.local');
  await page.getByLabel('Password').fill('local-admin-only-2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('Code from your authenticator app').fill(await authenticatorCode(adminApp));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function logIn(email: string, secret = password): Promise<void> {
  await page.goto(`${stack.gateway}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

async function logOut(): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('link', { name: 'Log in', exact: true }).waitFor();
}

/** Calls the platform's API through the gateway, as another person's app would. */
async function api<T = unknown>(path: string, method: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.gateway}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until the local mail server holds a message to `to` with `subject`, as a person's mailbox would. */
async function mailArrives(to: string, subject: string): Promise<{ text: string }> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const all = (await (await fetch(`${stack.mailWeb}/api/email`)).json()) as Array<{
      subject: string;
      text: string;
      to: Array<{ address: string }>;
    }>;
    const found = all.find((m) => m.subject === subject && m.to.some((a) => a.address === to));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${to}; the server holds ${all.map((m) => m.subject).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A link of the main navigation: pages may have links of the same name (the home page's 'Book a session'). */
const navLink = (name: string) => page.locator('#main-nav').getByRole('link', { name, exact: true });

/** The page as it is now passes axe, and no rule of Bootstrap's that applies to it was left out of the build. */
async function expectAccessibleAndStyled(where: string): Promise<void> {
  expect({ where, violations: await axeViolations(page), dropped: await droppedRules(page) }).toEqual({
    where,
    violations: [],
    dropped: [],
  });
}

/**
 * The jumps the page's content made while it loaded (layout shifts without a recent input), each as its size and the
 * elements that moved: the data a page fetches must not push what is already on screen around when it arrives.
 */
async function layoutShifts(): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        // the test's types are Node's, whose observer knows no layout shifts; the page's is the browser's
        type Moved = { node: { nodeName: string; className?: string; textContent: string | null } | null };
        type Shift = { value: number; hadRecentInput: boolean; sources: Moved[] };
        type Observer = { observe(options: { type: string; buffered: boolean }): void };
        const BrowserObserver = PerformanceObserver as unknown as new (report: (list: { getEntries(): unknown[] }) => void) => Observer;
        const named = ({ node }: Moved) =>
          node
            ? `${node.nodeName.toLowerCase()}.${String(node.className ?? '').replaceAll(' ', '.')} "${(node.textContent ?? '').slice(0, 40)}"`
            : '?';
        new BrowserObserver((list) =>
          resolve(
            (list.getEntries() as Shift[])
              .filter((e) => !e.hadRecentInput)
              .map((e) => `${e.value.toFixed(4)}: ${e.sources.map(named).join(', ')}`),
          ),
        ).observe({ type: 'layout-shift', buffered: true });
        // no shift at all: the observer has nothing to report
        setTimeout(() => resolve([]), 250);
      }),
  );
}

/**
 * Opens a page as a visitor lands on it and returns what moved while it loaded. The window is taller than any of these
 * pages, so a move below the fold counts too: whoever scrolled down meanwhile sees it. A tutor's open times are held
 * back until the page has drawn the rest, as on a slow network: their late arrival must not move anything either.
 */
async function landOn(route: string): Promise<string[]> {
  const slots = '**/api/tutoring/tutors/*/slots?*';
  const tutorPage = route.startsWith('/tutors/');
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(slots, async (request) => {
    await held;
    await request.continue();
  });
  const screen = page.viewportSize()!;
  await page.setViewportSize({ width: screen.width, height: 3000 });
  try {
    await page.goto(`${stack.gateway}${route}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    if (tutorPage) await page.getByText('Finding open times…').waitFor();
  } finally {
    release();
    // the journeys route nothing else; waiting lets the held requests go on before the route is gone
    await page.unrouteAll({ behavior: 'wait' });
  }
  if (tutorPage) await page.getByRole('group', { name: 'Start times' }).waitFor();
  try {
    return await layoutShifts();
  } finally {
    await page.setViewportSize(screen);
  }
}

/** The pages a visitor lands on first: home, a search, the top-rated tutor's page, groups and log-in. */
async function visitorPages(): Promise<string[]> {
  const res = await page.request.get(`${stack.gateway}/api/tutoring/tutors?sort=rating`);
  const { tutors } = (await res.json()) as { tutors: Array<{ id: string }> };
  return ['/', '/tutors?q=programming', `/tutors/${tutors[0]!.id}`, '/groups', '/login'];
}

describe('web app journeys in Chromium', () => {
  it('a student becomes a tutor with weekly hours; another books, the tutor confirms, both see it, the student cancels', async () => {
    await withScreenshotOnFailure(page, 'tutor-journey', async () => {
      await page.goto(stack.gateway);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expectAccessibleAndStyled('home');

      const tutorEmail = await register('Tara Tutor');
      // a new account lands on a choice of first steps
      await page.getByRole('heading', { name: 'Welcome, Tara Tutor' }).waitFor();
      await expectAccessibleAndStyled('welcome');
      await page.getByRole('link', { name: 'Tutor a course you know' }).click();
      await page.getByLabel('Headline').fill('Intro programming, step by step');
      await page.getByLabel(/^CS101/).check();
      await page.getByLabel('Online meeting link').fill('https://meet.example.test/tara');
      await page.getByLabel('Accept bookings automatically').uncheck();
      // students may cancel until two hours before a session; the notice below keeps the first open slot further
      // away than that at any time of day, so the student's cancellation later in the journey is allowed
      await page.getByLabel('Free cancellation until (hours before)').fill('2');
      await expectAccessibleAndStyled('become a tutor');
      await page.getByRole('button', { name: 'Become a tutor' }).click();
      // the checklist tells the new tutor what is missing, and leads to it
      await page.getByText('Pending approval: CS101').waitFor();
      await expectAccessibleAndStyled('tutor checklist');
      await page.getByRole('button', { name: 'week grid' }).click();
      expect(await page.getByRole('tab', { name: 'Availability' }).getAttribute('aria-selected')).toBe('true');
      await page.getByLabel('Notice needed (min)').fill('180');
      const centre = async (name: string) => {
        const box = (await page.getByRole('button', { name }).boundingBox())!;
        return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      };
      // one diagonal drag paints the rectangle Mon..Sun, 10:00 to 14:00
      await page.getByRole('button', { name: 'Mon 10:00' }).scrollIntoViewIfNeeded();
      const from = await centre('Mon 10:00');
      const to = await centre('Sun 13:30');
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 12 });
      await page.mouse.up();
      expect(await page.getByRole('button', { name: 'Wed 12:00' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByRole('button', { name: 'Sat 10:00' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByRole('button', { name: 'Wed 14:00' }).getAttribute('aria-pressed')).toBe('false');
      // a drag held at the grid's lower edge scrolls it and keeps painting: Mon 17:00 down to the last half-hour
      const grid = page.getByRole('group', { name: /^Weekly hours/ });
      const edge = (await grid.boundingBox())!;
      await page.getByRole('button', { name: 'Mon 17:00' }).scrollIntoViewIfNeeded();
      const evening = await centre('Mon 17:00');
      const late = (await page.getByRole('button', { name: 'Mon 23:30' }).boundingBox())!;
      expect(late.y).toBeGreaterThan(edge.y + edge.height); // out of sight below the grid's edge
      await page.mouse.move(evening.x, evening.y);
      await page.mouse.down();
      await page.mouse.move(evening.x, edge.y + edge.height - 4, { steps: 6 });
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }).document
            .querySelector('[aria-label="Mon 23:30"]')
            ?.getAttribute('aria-pressed') === 'true',
      );
      await page.mouse.up();
      expect(await page.getByRole('button', { name: 'Mon 20:30' }).getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByRole('button', { name: 'Tue 20:30' }).getAttribute('aria-pressed')).toBe('false');
      // the day names stayed in view over the scrolled hours
      const head = (await grid.getByText('Mon', { exact: true }).boundingBox())!;
      expect(Math.abs(head.y - edge.y)).toBeLessThan(4);
      // before saving, the preview already shows what students will be offered
      await page.getByText(/^\d+ open slots? \(times in /).waitFor();
      await expectAccessibleAndStyled('availability editor');
      await page.getByRole('button', { name: 'Save availability' }).click();
      await page.getByText('Availability saved').waitFor();
      // a photo, drawn in the browser and saved as a JPEG the way a phone's would be, uploaded from the Profile tab
      const jpeg = Buffer.from(
        await page.evaluate<string>(`(() => {
          const canvas = document.createElement('canvas');
          canvas.width = 800;
          canvas.height = 600;
          const pen = canvas.getContext('2d');
          pen.fillStyle = '#3a7bd5';
          pen.fillRect(0, 0, 800, 600);
          pen.fillStyle = '#f5c518';
          pen.beginPath();
          pen.arc(400, 260, 150, 0, 7);
          pen.fill();
          return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
        })()`),
        'base64',
      );
      await page.getByRole('tab', { name: 'Profile' }).click();
      await page.getByLabel('Choose a photo').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.getByText('Photo saved').waitFor();
      await page.getByRole('button', { name: 'Remove photo' }).waitFor();
      await expectAccessibleAndStyled('tutor profile with a photo');
      await logOut();

      // an admin approves the course
      await logInAsAdmin();
      await page.getByRole('link', { name: 'Admin', exact: true }).click();
      await page.getByRole('button', { name: /Approve Tara Tutor for CS101/ }).click();
      await page.getByText('No courses wait for approval.').waitFor();
      await expectAccessibleAndStyled('admin');
      await logOut();

      const studentEmail = await register('Sam Student');
      await navLink('Find a tutor').click();
      await page.getByLabel('Name, course or topic').fill('Tara');
      await page.getByRole('button', { name: 'Search' }).click();
      // the card shows the photo as the service drew it: a 320-pixel square
      const naturalWidth = (img: unknown) => (img as { complete: boolean; naturalWidth: number }).naturalWidth;
      const cardPhoto = page.locator('img.avatar').first();
      await cardPhoto.waitFor();
      await page.waitForFunction((img) => (img as { complete: boolean }).complete, await cardPhoto.elementHandle());
      expect(await cardPhoto.evaluate(naturalWidth)).toBe(320);
      const photoSrc = await cardPhoto.getAttribute('src');
      expect(photoSrc).toMatch(/^\/api\/tutoring\/tutors\/[0-9a-f-]{36}\/photos\/[\w-]{22}$/);
      await page.getByRole('link', { name: 'Tara Tutor' }).click();
      await page.getByRole('heading', { name: 'Book a session' }).waitFor();
      expect(await page.locator('img.avatar-lg').getAttribute('src')).toBe(photoSrc);
      await expectAccessibleAndStyled('tutor page');
      // on a phone, with the keyboard only: the calendar's chosen day, Tab to its first time, Enter
      const desktop = page.viewportSize()!;
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('.slot-calendar [aria-selected="true"] button').focus();
      await page.keyboard.press('Tab');
      await page.locator('.slot-list button:focus').waitFor();
      await page.keyboard.press('Enter');
      // the choice takes the focus and, with its Book button, stays in view at the bottom of the screen
      await page.locator('p:focus', { hasText: 'your time' }).waitFor();
      const bookButton = (await page.getByRole('button', { name: 'Book this slot' }).boundingBox())!;
      expect(bookButton.y + bookButton.height).toBeLessThanOrEqual(844);
      await expectAccessibleAndStyled('tutor page, a time chosen on a phone');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Loops and recursion, please');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.locator('h1:focus', { hasText: 'Session requested' }).waitFor();
      await page.getByRole('link', { name: 'Google Calendar' }).waitFor();
      await expectAccessibleAndStyled('booking confirmation');
      await page.setViewportSize(desktop);
      await navLink('My sessions').click();
      await page.getByText('Awaiting confirmation').waitFor();
      await expectAccessibleAndStyled('my sessions');
      await logOut();

      // the tutor hears of the request by email, and in the app's inbox, with its badge in the navigation
      const requested = await mailArrives(tutorEmail, 'New session request from Sam Student');
      expect(requested.text).toContain('Confirm or decline it in your tutoring dashboard');
      await logIn(tutorEmail);
      await navLink('Inbox 2 unread').click();
      await page.getByRole('link', { name: 'You can now tutor CS101 Introduction to Programming' }).waitFor();
      await page.getByRole('link', { name: 'New session request from Sam Student' }).waitFor();
      await expectAccessibleAndStyled('inbox');
      // opening one marks it read, and the badge follows
      await page.getByRole('link', { name: 'New session request from Sam Student' }).click();
      await navLink('Inbox 1 unread').waitFor();
      const request = page.getByRole('article', { name: /for Sam Student/ });
      await request.getByText('Message: Loops and recursion, please').waitFor();
      // approved, hours set, a first request: the checklist has done its job (once every list has answered)
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('heading', { name: /Get ready for your first student/ }).count()).toBe(0);
      await request.getByRole('button', { name: 'Confirm' }).click();
      await page.getByText('Session confirmed').waitFor();
      await navLink('My sessions').click();
      await page
        .getByRole('article', { name: /for Sam Student/ })
        .getByText('Confirmed')
        .waitFor();
      await logOut();

      await mailArrives(studentEmail, 'Session confirmed with Tara Tutor');
      await logIn(studentEmail);
      await navLink('Inbox 1 unread').waitFor();
      await navLink('My sessions').click();
      const booking = page.getByRole('article', { name: /with Tara Tutor/ });
      await booking.getByText('Confirmed').waitFor();
      await booking.getByRole('link', { name: 'https://meet.example.test/tara' }).waitFor();
      await booking.getByRole('button', { name: 'Cancel…' }).click();
      await booking.getByLabel(/Reason/).fill('Exam moved');
      await booking.getByRole('button', { name: 'Cancel the session' }).click();
      await page.getByText('Session cancelled').waitFor();
      // a cancelled session leaves Upcoming for its own tab
      await page.getByRole('article', { name: /with Tara Tutor/ }).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Cancelled', exact: true }).click();
      await page
        .getByRole('article', { name: /with Tara Tutor/ })
        .getByText('Reason: Exam moved')
        .waitFor();
      await expectAccessibleAndStyled('my sessions, cancelled');
      await logOut();
      const cancelled = await mailArrives(tutorEmail, 'Session with Sam Student cancelled');
      expect(cancelled.text).toContain('Sam Student cancelled it: “Exam moved”');
    });
  }, 240_000);

  it('an administrator sets up a new authenticator app in Settings, keeps the recovery codes, and signs in with a code and with a recovery code', async () => {
    await withScreenshotOnFailure(page, 'admin-two-step', async () => {
      await logInAsAdmin();
      await page.goto(`${stack.gateway}/settings`);
      await page.getByRole('button', { name: 'Set up a new authenticator app' }).click();
      await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
      await expectAccessibleAndStyled('two-step set-up');
      const newApp = { key: (await page.getByLabel('Key for your authenticator app').textContent())!, lastStep: 0 };
      expect(newApp.key).toMatch(/^[A-Z2-7]{32}$/);
      await page.getByLabel('Code from the app').fill(await authenticatorCode(newApp));
      await page.getByRole('button', { name: 'Turn on' }).click();
      const recovery = page.getByRole('list', { name: 'Recovery codes' });
      await recovery.waitFor();
      const codes = await recovery.getByRole('listitem').allTextContents();
      expect(codes).toHaveLength(10);
      await expectAccessibleAndStyled('recovery codes');
      await logOut();

      // the old app no longer works; the new one does
      Object.assign(adminApp, newApp);
      await logInAsAdmin();
      await page.getByRole('link', { name: 'Admin', exact: true }).click();
      // admin tools answer a session signed in with both steps
      await page.getByText('No courses wait for approval.').waitFor();
      await logOut();

      // without the phone: a recovery code, once
      await page.goto(`${stack.gateway}/login`);
      await page.getByLabel('Email').fill('admin@tutoring.local');
      await page.getByLabel('Password').fill('local-admin-only-2026');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('button', { name: 'Use a recovery code' }).click();
      await expectAccessibleAndStyled('two-step sign-in');
      await page.getByLabel('Recovery code').fill(codes[0]!);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Log out' }).waitFor();
      await logOut();
    });
  }, 120_000);

  it('someone who forgot their password asks for a link, follows it from the email, sets a new one and signs in', async () => {
    await withScreenshotOnFailure(page, 'forgot-password', async () => {
      const email = await register('Fay Forgetful');
      await logOut();
      await page.getByRole('link', { name: 'Log in', exact: true }).click();
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.getByLabel('Email').fill(email);
      await expectAccessibleAndStyled('forgot password');
      await page.getByRole('button', { name: 'Send the link' }).click();
      await page
        .getByRole('status')
        .getByText(/a link to set a new password is on its way/)
        .waitFor();

      const mail = await mailArrives(email, 'Set a new password');
      const link = /(http:\/\/localhost:\d+\/reset-password#[A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
      expect(link.startsWith(stack.gateway)).toBe(true);
      await page.goto(link);
      await page.getByLabel('New password').fill('a new e2e passphrase 2026');
      await expectAccessibleAndStyled('reset password');
      await page.getByRole('button', { name: 'Set the password' }).click();
      await page.getByRole('status').getByText('Your password is set').waitFor();
      await logIn(email, 'a new e2e passphrase 2026');
      await logOut();
      // the link worked once
      await page.goto(link);
      await page.getByLabel('New password').fill('another passphrase 2026');
      await page.getByRole('button', { name: 'Set the password' }).click();
      await page.getByText('This reset link is not valid any more').waitFor();
    });
  }, 120_000);

  it('an organizer creates a one-place group; one student joins, the next waits, a leave promotes them and they see it in their inbox', async () => {
    await withScreenshotOnFailure(page, 'group-journey', async () => {
      await register('Olga Organizer');
      await navLink('Study groups').click();
      await page.getByRole('link', { name: 'Start a group' }).click();
      await page.getByLabel('Name').fill('Recursion circle');
      await page.getByLabel('Course', { exact: true }).selectOption('CS101');
      // choosing a catalog course fills its subject
      expect(await page.getByLabel('Subject').inputValue()).toBe('Computer Science');
      await page.getByLabel('Places').fill('1');
      await expectAccessibleAndStyled('new group');
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.getByRole('heading', { name: 'Recursion circle' }).waitFor();
      const groupUrl = page.url();
      await logOut();

      const firstEmail = await register('Fiona First');
      await page.goto(groupUrl);
      await page.getByRole('button', { name: 'Join group' }).click();
      await page.getByText('You are a member').waitFor();
      await logOut();

      const secondEmail = await register('Sid Second');
      await page.goto(groupUrl);
      await page.getByRole('button', { name: 'Join the waitlist' }).click();
      await page.getByText('number 1').first().waitFor();
      await expectAccessibleAndStyled('group page');
      await logOut();

      await logIn(firstEmail);
      await page.goto(groupUrl);
      await page.getByRole('button', { name: 'Leave group' }).click();
      const leaving = page.getByRole('dialog', { name: /^Leave / });
      await expectAccessibleAndStyled('leave dialog');
      await leaving.getByRole('button', { name: 'Leave', exact: true }).click();
      await page.getByRole('button', { name: 'Join the waitlist' }).waitFor();
      await logOut();

      // the promoted member hears of it by email, and in the app: the badge, then the notice that leads to the group
      const promoted = await mailArrives(secondEmail, 'You have a place in Recursion circle');
      expect(promoted.text).toContain('you were next on the waitlist');
      await logIn(secondEmail);
      await navLink('Inbox 1 unread').click();
      await expectAccessibleAndStyled('inbox with a group notice');
      await page.getByRole('link', { name: 'You have a place in Recursion circle' }).click();
      await navLink('Inbox').waitFor();
      expect(page.url()).toBe(groupUrl);
      await page.getByText('You are a member').waitFor();
      await page.getByRole('tab', { name: 'Members' }).click();
      await page.getByRole('cell', { name: 'Sid Second' }).waitFor();
      await expectAccessibleAndStyled('group members');
    });
  }, 180_000);

  it('a group finds a time for 4 members in 3 zones and the organizer schedules it in one click', async () => {
    await withScreenshotOnFailure(page, 'find-a-time', async () => {
      await register('Fay Finder'); // the browser's zone: Europe/Berlin
      await navLink('Study groups').click();
      await page.getByRole('link', { name: 'Start a group' }).click();
      await page.getByLabel('Name').fill('Exam crew');
      await page.getByLabel('Course', { exact: true }).selectOption('CS101');
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.getByRole('heading', { name: 'Exam crew' }).waitFor();
      const groupId = page.url().split('/').at(-1)!;

      // tomorrow 18:00-20:00 UTC, which three members in New York, Tokyo and New York mark in their own wall-clock time
      const target = DateTime.utc().plus({ days: 1 }).set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
      for (const timezone of ['America/New_York', 'Asia/Tokyo', 'America/New_York']) {
        const token = await api<{ accessToken: string }>('/api/users/auth/register', 'POST', undefined, {
          displayName: `Member in ${timezone}`,
          email: `member-${randomUUID().slice(0, 8)}@example.test`,
          password,
          timezone,
        });
        await api(`/api/groups/${groupId}/join`, 'POST', token.accessToken);
        const local = target.setZone(timezone);
        await api(`/api/groups/${groupId}/free-time/mine`, 'PUT', token.accessToken, {
          timezone,
          weekly: [{ weekday: local.weekday, start: local.toFormat('HH:mm'), end: local.plus({ hours: 2 }).toFormat('HH:mm') }],
        });
      }

      // the organizer marks the same two hours on the grid, in Berlin time
      await page.getByRole('tab', { name: 'Find a time' }).click();
      const berlin = target.setZone('Europe/Berlin');
      for (let half = 0; half < 4; half++) {
        const cell = berlin.plus({ minutes: 30 * half });
        await page.getByRole('button', { name: `${cell.toFormat('ccc')} ${cell.toFormat('HH:mm')}`, exact: true }).click();
      }
      await page.getByRole('button', { name: 'Save my free time' }).click();
      await page.getByText('4 of 4 members have marked their free time.').waitFor();
      const best = page.getByRole('listitem').filter({ hasText: '4 of 4 free' }).first();
      await best.getByText(berlin.toFormat('HH:mm'), { exact: false }).waitFor();
      await expectAccessibleAndStyled('find a time');
      await best.getByRole('button', { name: 'Schedule this' }).click();
      await page.getByText(/^Meeting scheduled for /).waitFor();
      await page.getByRole('tab', { name: 'Meetings' }).click();
      await page.getByRole('article', { name: 'Exam crew' }).waitFor();
    });
  }, 180_000);

  it('a developer opens the tutoring API docs: each operation is named, and booking shows its example and error codes', async () => {
    await withScreenshotOnFailure(page, 'api-docs', async () => {
      await page.goto(`${stack.gateway}/api/tutoring/docs`);
      const booking = page.locator('#operations-bookings-bookSession');
      await booking.getByText('bookSession', { exact: true }).waitFor();
      await booking.locator('.opblock-summary').first().click();
      await booking.getByText('Stuck on eigenvalues before the midterm', { exact: false }).first().waitFor();
      await booking.getByText('slot-taken', { exact: true }).first().waitFor();
      await booking.getByText('Idempotency-Key', { exact: false }).first().waitFor();
      // every operation of the committed contract is on the page, each with its name
      const contract = JSON.parse(
        readFileSync(path.join(__dirname, '..', '..', 'services', 'client', 'openapi', 'tutoring.json'), 'utf8'),
      ) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const operations = Object.values(contract.paths).flatMap((item) => Object.keys(item).filter((key) => key !== 'parameters'));
      expect(await page.locator('.opblock .opblock-summary-operation-id').count()).toBe(operations.length);
    });
  });

  it('a visitor who never signed in loads pages without one console error, warning or layout shift, and robots.txt is a robots file', async () => {
    await withScreenshotOnFailure(page, 'visitor-console', async () => {
      // forget the earlier journeys' sign-ins on a page of this origin that runs none of the app's code
      await browser.context.clearCookies();
      await page.goto(`${stack.gateway}/robots.txt`);
      await page.evaluate(() => (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear());
      const complaints: string[] = [];
      const listen = (message: { type(): string; text(): string }) => {
        if (message.type() === 'error' || message.type() === 'warning') complaints.push(`${message.type()}: ${message.text()}`);
      };
      page.on('console', listen);
      try {
        for (const route of await visitorPages()) {
          expect({ route, shifts: await landOn(route) }).toEqual({ route, shifts: [] });
        }
      } finally {
        page.off('console', listen);
      }
      expect(complaints).toEqual([]);
      // searches that find nothing lead on, signed out too
      await page.goto(`${stack.gateway}/tutors?q=${encodeURIComponent('no such topic anywhere')}`);
      await page.getByRole('heading', { name: 'No tutors match' }).waitFor();
      await expectAccessibleAndStyled('tutor search, nothing found');
      await page.goto(`${stack.gateway}/groups?q=${encodeURIComponent('no such topic anywhere')}`);
      await page.getByRole('heading', { name: 'No groups found' }).waitFor();
      await expectAccessibleAndStyled('group search, nothing found');
      const robots = await page.request.get(`${stack.gateway}/robots.txt`);
      expect(robots.headers()['content-type']).toMatch(/^text\/plain/);
      expect(await robots.text()).toMatch(/^User-agent:/m);
    });
  });

  it('every script a tutor page names opens with the compile hint, in the compressed copies the browser gets too', async () => {
    const [, , tutorPage] = await visitorPages();
    const shell = await (await page.request.get(`${stack.gateway}${tutorPage}`)).text();
    const scripts = [...shell.matchAll(/"(\/assets\/[^"]+\.js)"/g)].map(([, src]) => src!);
    // the entry, what it imports, and the tutor page's own code
    expect(scripts.length).toBeGreaterThan(3);
    const encodings = new Set<string | undefined>();
    for (const src of scripts) {
      const res = await page.request.get(`${stack.gateway}${src}`, { headers: { 'accept-encoding': 'br' } });
      encodings.add(res.headers()['content-encoding']);
      expect({ src, opens: (await res.text()).split('\n', 1)[0] }).toEqual({ src, opens: compileHint });
    }
    // files under a kilobyte have no compressed copy
    expect(encodings).toContain('br');
  });

  it('a tutor search and a tutor page take their first answers from the fetches their HTML names, each asked once', async () => {
    const [, search, tutorPage] = await visitorPages();
    for (const route of [search!, tutorPage!]) {
      const html = await (await page.request.get(`${stack.gateway}${route}`)).text();
      const named = [...html.matchAll(/<link rel="preload" as="fetch" crossorigin href="([^"]+)">/g)].map(([, href]) =>
        href!.replaceAll('&amp;', '&'),
      );
      // the search and the catalog; the tutor, their reviews and the catalog
      expect({ route, named: named.length }).toEqual({ route, named: route === search ? 2 : 3 });
      // the browser's own requests: a preload is of type "other", the app's fetch() of type "fetch"
      const asked: string[] = [];
      const note = (request: { url(): string; resourceType(): string }) => {
        const url = request.url().slice(stack.gateway.length);
        if (url.startsWith('/api/')) asked.push(`${request.resourceType()} ${url}`);
      };
      page.on('request', note);
      try {
        await page.goto(`${stack.gateway}${route}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
      } finally {
        page.off('request', note);
      }
      // each named answer went over the network once, as the preload, and the app's own ask was handed that answer
      for (const url of named) {
        expect({ route, url, asked: asked.filter((line) => line.endsWith(` ${url}`)) }).toEqual({ route, url, asked: [`other ${url}`] });
      }
    }
  });

  it('a signed-in reload of My sessions asks for its answers once each, as soon as the silent sign-in answers, not after the page draws', async () => {
    await register('Rhea Reload');
    // a tab of its own, with a watch for the page's heading that the next tests do not carry
    const tab = await browser.context.newPage();
    try {
      await tab.addInitScript(() => {
        const scope = globalThis as unknown as {
          document: { querySelector(s: string): { textContent: string } | null };
          MutationObserver: new (callback: () => void) => { observe(node: object, options: object): void; disconnect(): void };
          headingAt?: number;
        };
        const watch = new scope.MutationObserver(() => {
          if (scope.document.querySelector('main h1')?.textContent !== 'My sessions') return;
          scope.headingAt = performance.now();
          watch.disconnect();
        });
        // the document itself: its root element may not be there yet
        watch.observe(scope.document, { childList: true, subtree: true });
      });
      const asked: string[] = [];
      tab.on('request', (request) => {
        const url = request.url().slice(stack.gateway.length);
        if (url.startsWith('/api/') && request.method() === 'GET') asked.push(url.split('?')[0]!);
      });
      await tab.goto(`${stack.gateway}/sessions`);
      await tab.getByRole('heading', { name: 'My sessions', level: 1 }).waitFor();
      await tab.waitForLoadState('networkidle');
      const wanted = [
        '/api/tutoring/bookings',
        '/api/tutoring/reviews/awaiting',
        '/api/tutoring/courses',
        '/api/notifications/notifications/unread-count',
      ];
      expect(asked.filter((url) => wanted.includes(url)).sort()).toEqual([...wanted].sort());
      // on the page's own clock: when each answer was asked for, and when the heading was first in the page
      const timing = await tab.evaluate((urls) => {
        const scope = globalThis as unknown as { headingAt?: number };
        const started = (url: string) =>
          performance.getEntriesByType('resource').find((entry) => new URL(entry.name).pathname === url)?.startTime ?? Infinity;
        return { headingAt: scope.headingAt ?? -1, askedAt: urls.map(started) };
      }, wanted);
      expect(timing.headingAt).toBeGreaterThan(0);
      for (const [i, url] of wanted.entries())
        expect({ url, before: timing.askedAt[i]! < timing.headingAt }).toEqual({ url, before: true });
    } finally {
      await tab.close();
    }
  });

  it('on a phone-sized screen, pages load without jumping, fit the width, pass axe, and the menu works from the keyboard alone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await withScreenshotOnFailure(page, 'phone-and-keyboard', async () => {
        for (const route of await visitorPages()) {
          expect({ route, shifts: await landOn(route) }).toEqual({ route, shifts: [] });
          const overflow = await page.evaluate(() => {
            const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
              .documentElement;
            return root.scrollWidth - root.clientWidth;
          });
          expect({ route, overflow }).toEqual({ route, overflow: 0 });
          await expectAccessibleAndStyled(`phone ${route}`);
        }
        // keyboard only: skip link first, then the collapsed menu
        await page.goto(stack.gateway);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.keyboard.press('Tab');
        expect(
          await page.evaluate(
            () => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent,
          ),
        ).toBe('Skip to content');
        await page.getByRole('button', { name: 'Menu' }).focus();
        await page.keyboard.press('Enter');
        await page.getByRole('link', { name: 'Study groups' }).focus();
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Study groups', level: 1 }).waitFor();
      });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }, 120_000);
});
