// Pictures the tests draw for themselves (never benchmark images): distinct per seed.
import sharp from "sharp";

/** A distinct picture: a few coloured shapes on a tinted background, as JPEG. */
export async function picture(seed: number, size = 320): Promise<Buffer> {
  const hue = (seed * 67) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <rect width="100%" height="100%" fill="hsl(${(hue + 180) % 360},30%,92%)"/>
    <circle cx="${90 + (seed % 5) * 25}" cy="${120 + (seed % 3) * 30}" r="${50 + (seed % 4) * 10}" fill="hsl(${hue},70%,45%)"/>
    <rect x="${140 - (seed % 6) * 12}" y="170" width="${100 + (seed % 3) * 20}" height="${60 + (seed % 5) * 10}" fill="hsl(${(hue + 90) % 360},60%,35%)" transform="rotate(${seed * 13} 160 200)"/>
    <polygon points="40,${280 - seed * 7} 120,${200 + seed} 200,280" fill="hsl(${(hue + 45) % 360},80%,60%)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}
