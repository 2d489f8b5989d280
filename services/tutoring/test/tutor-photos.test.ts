// Tutors' photos through HTTP, stored in the run's S3-compatible server: redrawn on upload, served to anyone who may
// see the tutor, changed and removed only by the tutor.
import request from 'supertest';
import sharp from 'sharp';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { services } from '@tutoring-platform/shared/catalog';
import { s3Client } from '../src/data/photo-store';
import { auth, createTestContext, expectError, setUpTutor, type TestAccount, type TestContext } from './support';

let ctx: TestContext;
let admin: TestAccount;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.users.signUpAdmin();
});
afterAll(() => ctx.close());

const bucket = services.tutoring.objects.localBucketName;
const s3 = s3Client({
  region: 'eu-west-1',
  endpoint: process.env.TEST_S3_ENDPOINT,
  timeoutMs: 5_000,
  credentials: { accessKeyId: process.env.TEST_S3_ACCESS_KEY_ID!, secretAccessKey: process.env.TEST_S3_SECRET_ACCESS_KEY! },
});
afterAll(() => s3.destroy());

/** A landscape JPEG as a phone takes it: EXIF with a GPS position and an orientation that turns it upright. */
const phonePhoto = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7bd5' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();

const upload = (account: TestAccount, body: Buffer | string, type = 'image/jpeg') =>
  request(ctx.app).put('/api/tutoring/tutors/me/photo').set(auth(account)).set('Content-Type', type).send(body);

const objectsOf = async (tutorId: string) =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `tutors/${tutorId}/` }))).Contents ?? []).map((o) => o.Key);

describe('tutor photos', () => {
  it('when a tutor uploads a phone photo, then it is stored as a small upright WebP square without metadata and shown everywhere', async () => {
    const { tutor, courseId } = await setUpTutor(ctx, admin);
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif?.toString('latin1')).toContain('PhoneMaker');
    const res = await upload(tutor, original);
    expect(res.status).toBe(200);
    const photoUrl: string = res.body.photoUrl;
    expect(photoUrl).toMatch(new RegExp(`^/api/tutoring/tutors/${tutor.id}/photos/[A-Za-z0-9_-]{22}$`));

    const served = await request(ctx.app)
      .get(photoUrl)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const meta = await sharp(served.body as Buffer).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'webp', width: 320, height: 320 });
    expect(meta.exif).toBeUndefined();
    expect((served.body as Buffer).length).toBeLessThan(30_000);

    // the same photo in the public profile, in search and in the tutor's own view
    expect((await request(ctx.app).get(`/api/tutoring/tutors/${tutor.id}`)).body.photoUrl).toBe(photoUrl);
    const found = (await request(ctx.app).get('/api/tutoring/tutors').query({ course: courseId })).body.tutors;
    expect(found.map((t: { id: string; photoUrl: string }) => [t.id, t.photoUrl])).toEqual([[tutor.id, photoUrl]]);
    expect((await request(ctx.app).get('/api/tutoring/tutors/me').set(auth(tutor))).body.photoUrl).toBe(photoUrl);
  });

  it('when the orientation says the photo was taken sideways, then the stored square is drawn from the upright image', async () => {
    const { tutor } = await setUpTutor(ctx, admin);
    // a square, left half red, right half blue; orientation 6 turns it a quarter clockwise, so red ends up on top
    const halves = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#0000ff' } })
      .composite([{ input: { create: { width: 200, height: 400, channels: 3, background: '#ff0000' } }, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const res = await upload(tutor, halves);
    expect(res.status).toBe(200);
    const key = `tutors/${tutor.id}/${(res.body.photoUrl as string).split('/').pop()}.webp`;
    const stored = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
    const { data, info } = await sharp(stored).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    const [top, bottom] = [pixel(160, 20), pixel(160, 300)];
    expect(top[0]).toBeGreaterThan(200);
    expect(top[2]).toBeLessThan(60);
    expect(bottom[2]).toBeGreaterThan(200);
    expect(bottom[0]).toBeLessThan(60);
  });

  it('when a tutor replaces or removes the photo, then the old one is gone from the store and from its address', async () => {
    const { tutor } = await setUpTutor(ctx, admin);
    const first = (await upload(tutor, await phonePhoto())).body.photoUrl as string;
    const png = await sharp({ create: { width: 300, height: 500, channels: 4, background: '#22aa4480' } })
      .png()
      .toBuffer();
    const second = await upload(tutor, png, 'image/png');
    expect(second.status).toBe(200);
    expect(second.body.photoUrl).not.toBe(first);
    expectError(await request(ctx.app).get(first), 404, 'photo-not-found');
    expect(await objectsOf(tutor.id)).toEqual([`tutors/${tutor.id}/${(second.body.photoUrl as string).split('/').pop()}.webp`]);

    expect((await request(ctx.app).delete('/api/tutoring/tutors/me/photo').set(auth(tutor))).status).toBe(204);
    expect((await request(ctx.app).get(`/api/tutoring/tutors/${tutor.id}`)).body.photoUrl).toBeNull();
    expectError(await request(ctx.app).get(second.body.photoUrl), 404, 'photo-not-found');
    expect(await objectsOf(tutor.id)).toEqual([]);
  });

  it('when what is sent is not a usable image, then the answer is a 4xx and the current photo stays', async () => {
    const { tutor } = await setUpTutor(ctx, admin);
    const current = (await upload(tutor, await phonePhoto())).body.photoUrl as string;

    expectError(await upload(tutor, Buffer.from('GIF89a not really'), 'image/jpeg'), 422, 'not-an-image');
    expectError(await upload(tutor, Buffer.alloc(0)), 422, 'not-an-image');
    const truncated = (await phonePhoto()).subarray(0, 2_000);
    expectError(await upload(tutor, truncated), 422, 'not-an-image');
    expectError(await upload(tutor, '<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml'), 415, 'unsupported-media-type');
    expectError(await upload(tutor, '{"photo":"x"}', 'application/json'), 415, 'unsupported-media-type');
    // a small file that would decode to 56 megapixels
    const bomb = await sharp({ create: { width: 8_000, height: 7_000, channels: 3, background: '#000000' } })
      .greyscale()
      .png()
      .toBuffer();
    expect(bomb.length).toBeLessThan(1_000_000);
    expectError(await upload(tutor, bomb, 'image/png'), 422, 'not-an-image');
    expectError(await upload(tutor, Buffer.alloc(9 * 1024 * 1024, 1)), 413, 'payload-too-large');

    expect((await request(ctx.app).get(`/api/tutoring/tutors/${tutor.id}`)).body.photoUrl).toBe(current);
    expect(await objectsOf(tutor.id)).toHaveLength(1);
  });

  it('when someone who is not a tutor, or nobody, sends a photo, then nothing is stored', async () => {
    const student = await ctx.users.signUp('Sam Student');
    expectError(await upload(student, await phonePhoto()), 404, 'not-a-tutor');
    expectError(await request(ctx.app).delete('/api/tutoring/tutors/me/photo').set(auth(student)), 404, 'not-a-tutor');
    expectError(
      await request(ctx.app)
        .put('/api/tutoring/tutors/me/photo')
        .set('Content-Type', 'image/jpeg')
        .send(await phonePhoto()),
      401,
      'authentication-required',
    );
    expect(await objectsOf(student.id)).toEqual([]);
  });

  it("when user B sends a photo, then only B's own profile changes; A's photo stays A's", async () => {
    const a = await setUpTutor(ctx, admin);
    const b = await setUpTutor(ctx, admin);
    const aPhoto = (await upload(a.tutor, await phonePhoto())).body.photoUrl as string;
    const bPhoto = (
      await upload(
        b.tutor,
        await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff8800' } })
          .webp()
          .toBuffer(),
        'image/webp',
      )
    ).body.photoUrl as string;
    expect(bPhoto.startsWith(`/api/tutoring/tutors/${b.tutor.id}/`)).toBe(true);
    expect((await request(ctx.app).get(`/api/tutoring/tutors/${a.tutor.id}`)).body.photoUrl).toBe(aPhoto);
    // B's photo id under A's address is not A's photo
    expectError(await request(ctx.app).get(`/api/tutoring/tutors/${a.tutor.id}/photos/${bPhoto.split('/').pop()}`), 404, 'photo-not-found');
    expect((await request(ctx.app).delete('/api/tutoring/tutors/me/photo').set(auth(b.tutor))).status).toBe(204);
    expect((await request(ctx.app).get(aPhoto)).status).toBe(200);
  });

  it('when the tutor is suspended, then their photo is no longer served', async () => {
    const { tutor } = await setUpTutor(ctx, admin);
    const photoUrl = (await upload(tutor, await phonePhoto())).body.photoUrl as string;
    const res = await fetch(`${ctx.users.baseUrl}/admin/users/${tutor.id}/suspend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ reason: 'test' }),
    });
    expect(res.status).toBe(200);
    expectError(await request(ctx.app).get(photoUrl), 404, 'tutor-not-found');
  });
});
