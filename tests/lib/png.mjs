// Decodes the 8-bit RGB/RGBA, non-interlaced PNGs that Chromium's screenshots are, with node's zlib, so browser tests
// can check what is on screen (colours, regions) instead of trusting that a file exists.
import zlib from 'node:zlib';

export function decodePng(buffer) {
  const signature = '89504e470d0a1a0a';
  if (buffer.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  let offset = 8, width = 0, height = 0, channels = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('ascii', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      const [bitDepth, colorType, , , interlace] = data.subarray(8, 13);
      if (bitDepth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) {
        throw new Error(`unsupported PNG (depth ${bitDepth}, colour type ${colorType}, interlace ${interlace})`);
      }
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; ++x) {
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      let value = line[x];
      if (filter === 1) value += left;
      else if (filter === 2) value += up;
      else if (filter === 3) value += (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft, pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
        value += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = value & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

// How many pixels are within `tolerance` of the colour [r, g, b].
export function countColor(image, [r, g, b], tolerance = 6) {
  let count = 0;
  for (let i = 0; i < image.pixels.length; i += image.channels) {
    if (Math.abs(image.pixels[i] - r) <= tolerance && Math.abs(image.pixels[i + 1] - g) <= tolerance &&
        Math.abs(image.pixels[i + 2] - b) <= tolerance) ++count;
  }
  return count;
}

// The share (0–1) of pixels that differ by more than `tolerance` in any channel between two screenshots of one size
// (e.g. of the same region before and after an action; a clock-driven line may move by a fraction of a pixel).
export function differingShare(a, b, tolerance = 8) {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) return 1;
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i += a.channels) {
    for (let c = 0; c < 3; ++c) {
      if (Math.abs(a.pixels[i + c] - b.pixels[i + c]) > tolerance) { ++differing; break; }
    }
  }
  return differing / (a.width * a.height);
}

// Where something of one colour is drawn (a canvas has no DOM to query): the horizontal bands of rows in the box
// {x0, x1, y0, y1} with at least `minPixels` pixels of the colour [r, g, b], top to bottom, each as
// {top, bottom, left, right, x, y} (x, y its centre) — e.g. the buttons of one colour in a panel, to click as a person would.
export function findColorBands(image, [r, g, b], { x0 = 0, x1 = image.width, y0 = 0, y1 = image.height, minPixels = 40,
  tolerance = 6 } = {}) {
  const bands = [];
  let band = null;
  for (let y = y0; y < y1; ++y) {
    let count = 0, left = x1, right = x0;
    for (let x = x0; x < x1; ++x) {
      const i = (y * image.width + x) * image.channels;
      if (Math.abs(image.pixels[i] - r) <= tolerance && Math.abs(image.pixels[i + 1] - g) <= tolerance &&
          Math.abs(image.pixels[i + 2] - b) <= tolerance) {
        ++count; left = Math.min(left, x); right = Math.max(right, x);
      }
    }
    if (count >= minPixels) {
      if (!band) { band = { top: y, bottom: y, left, right }; bands.push(band); }
      band.bottom = y; band.left = Math.min(band.left, left); band.right = Math.max(band.right, right);
    } else {
      band = null;
    }
  }
  return bands.map((b) => ({ ...b, x: Math.round((b.left + b.right) / 2), y: Math.round((b.top + b.bottom) / 2) }));
}

// The most pixels of the colour [r, g, b] in one column x of [x0, x1), counted over rows [y0, y1): a vertical line of
// that colour (e.g. the selection's edge in the grid) shows as a count near its height.
export function tallestColumn(image, [r, g, b], { x0 = 0, x1 = image.width, y0 = 0, y1 = image.height, tolerance = 6 } = {}) {
  let best = 0;
  for (let x = x0; x < x1; ++x) {
    let count = 0;
    for (let y = y0; y < y1; ++y) {
      const i = (y * image.width + x) * image.channels;
      if (Math.abs(image.pixels[i] - r) <= tolerance && Math.abs(image.pixels[i + 1] - g) <= tolerance &&
          Math.abs(image.pixels[i + 2] - b) <= tolerance) ++count;
    }
    best = Math.max(best, count);
  }
  return best;
}

// Whether the pixel at (x, y) is within `tolerance` of the colour [r, g, b].
// The [r, g, b] of one pixel.
export function colorAt(image, x, y) {
  const i = (y * image.width + x) * image.channels;
  return [image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]];
}

export function isColor(image, x, y, [r, g, b], tolerance = 6) {
  const i = (y * image.width + x) * image.channels;
  return Math.abs(image.pixels[i] - r) <= tolerance && Math.abs(image.pixels[i + 1] - g) <= tolerance &&
         Math.abs(image.pixels[i + 2] - b) <= tolerance;
}

// The box {x0, y0, x1, y1} (x1, y1 excluded; defaults: the whole image) of a decoded image, as an image of its own —
// e.g. one region of two screenshots, for differingShare.
export function cropImage(image, { x0 = 0, y0 = 0, x1 = image.width, y1 = image.height } = {}) {
  const out = { width: x1 - x0, height: y1 - y0, channels: image.channels, pixels: Buffer.alloc((x1 - x0) * (y1 - y0) * image.channels) };
  for (let y = y0; y < y1; ++y) {
    image.pixels.copy(out.pixels, (y - y0) * out.width * image.channels, (y * image.width + x0) * image.channels,
                      (y * image.width + x1) * image.channels);
  }
  return out;
}
