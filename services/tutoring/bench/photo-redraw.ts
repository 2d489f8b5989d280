// What redrawing an upload costs and saves: phone-sized photos (JPEG, 12 and 24 megapixels, and a PNG screenshot)
// are redrawn as the service does, against the baseline of storing the upload as it came. Prints sizes and times.
import sharp from 'sharp';
import { redrawPhoto } from '../src/domain/tutor-photo';

const RUNS = 9;

/**
 * Something that compresses like a photo: large soft shapes (noise at a fiftieth of the size, enlarged smoothly)
 * with fine grain over them. A flat colour or pure noise would flatter or punish both sides.
 */
async function picture(width: number, height: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const shapes = await sharp({
    create: {
      width: Math.ceil(width / 50),
      height: Math.ceil(height / 50),
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .resize(width, height, { kernel: 'cubic' })
    .png()
    .toBuffer();
  const grain = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 12 } },
  })
    .png()
    .toBuffer();
  // a screenshot has no camera grain
  if (format === 'png') return sharp(shapes).png().toBuffer();
  return sharp(shapes)
    .composite([{ input: grain, blend: 'soft-light' }])
    .jpeg({ quality: 88 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const cases: Array<[string, Buffer]> = [
    ['JPEG 4000×3000 (12 MP)', await picture(4000, 3000, 'jpeg')],
    ['JPEG 5712×4284 (24 MP)', await picture(5712, 4284, 'jpeg')],
    ['PNG 1170×2532 (screenshot)', await picture(1170, 2532, 'png')],
  ];
  console.log(`redraw to a 320×320 WebP, median of ${RUNS} runs; baseline: the upload stored as it came`);
  console.log('upload                        | baseline bytes | redrawn bytes | ratio | redraw ms (median, max)');
  for (const [name, upload] of cases) {
    const times: number[] = [];
    let out: Buffer = Buffer.alloc(0);
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      out = await redrawPhoto(upload);
      times.push(performance.now() - started);
    }
    console.log(
      `${name.padEnd(29)} | ${kb(upload.length).padStart(14)} | ${kb(out.length).padStart(13)} | ${(upload.length / out.length).toFixed(0).padStart(4)}× | ${median(times).toFixed(0)}, ${Math.max(...times).toFixed(0)}`,
    );
  }
}

void main();
