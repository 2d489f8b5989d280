// A tutor's photo: whatever is uploaded is decoded and drawn again as a small square WebP, so no metadata (a
// phone's GPS position among it), no oversized file and nothing that is not an image reaches the store or a viewer.
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError, type AuthUser } from '@tutoring-platform/shared';
import type { TutoringDependencies } from '../dependencies';
import { photoKey } from '../data/photo-store';
import type { TutorRecord } from '../data/tutor-repository';
import { getActiveTutor } from './manage-tutor-profile';

/** What an upload may be: the formats every phone and browser produce. */
export const photoUploadTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_UPLOAD_MAX_BYTES = 8 * 1024 * 1024;
/** Twice the largest size the web app shows a photo at, for sharp screens. */
export const PHOTO_SIDE = 320;
/** A decoded image larger than this (a decompression bomb, say) is refused before it takes the memory. */
const MAX_INPUT_PIXELS = 50_000_000;

const notAnImage = () =>
  new AppError(
    'not-an-image',
    422,
    `The photo could not be read; send a JPEG, PNG or WebP image up to ${MAX_INPUT_PIXELS / 1e6} megapixels`,
  );
const notATutor = () => new AppError('not-a-tutor', 404, 'Create your tutor profile first');

/** The square the web app shows: upright (EXIF orientation applied), centred on what draws the eye, no metadata. */
export async function redrawPhoto(upload: Uint8Array): Promise<Buffer> {
  try {
    return await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(PHOTO_SIDE, PHOTO_SIDE, { fit: 'cover', position: sharp.strategy.attention })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    throw notAnImage();
  }
}

export async function setMyPhoto(deps: TutoringDependencies, user: AuthUser, upload: Uint8Array): Promise<TutorRecord> {
  if (!(await deps.tutors.findById(user.id))) throw notATutor();
  const image = await redrawPhoto(upload);
  const photoId = createHash('sha256').update(image).digest('base64url').slice(0, 22);
  await deps.photos.put(photoKey(user.id, photoId), image, 'image/webp');
  const replaced = await deps.tutors.replacePhoto(user.id, photoId);
  if (!replaced) throw notATutor();
  await forget(deps, user.id, replaced.previous, photoId);
  return (await deps.tutors.findById(user.id))!;
}

export async function removeMyPhoto(deps: TutoringDependencies, user: AuthUser): Promise<void> {
  const replaced = await deps.tutors.replacePhoto(user.id, null);
  if (!replaced) throw notATutor();
  await forget(deps, user.id, replaced.previous, null);
}

/**
 * The previous photo, once nothing points at it. The change is already made, so a store that fails here leaves an
 * object nobody can reach by its profile instead of failing an answer that succeeded.
 */
async function forget(deps: TutoringDependencies, tutorId: string, previous: string | null, current: string | null): Promise<void> {
  if (previous && previous !== current) await deps.photos.delete(photoKey(tutorId, previous)).catch(() => undefined);
}

/** A tutor's photo by its id, for anyone who may see the tutor; only the current one is served. */
export async function readTutorPhoto(deps: TutoringDependencies, tutorId: string, photoId: string): Promise<Uint8Array> {
  const tutor = await getActiveTutor(deps, tutorId);
  const missing = new AppError('photo-not-found', 404, 'No such photo');
  if (tutor.photoId !== photoId) throw missing;
  const image = await deps.photos.get(photoKey(tutorId, photoId));
  if (!image) throw missing;
  return image;
}
