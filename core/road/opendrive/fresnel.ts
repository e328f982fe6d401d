/**
 * The Fresnel integrals C(x) = ∫₀ˣ cos(πt²/2) dt and S(x) = ∫₀ˣ sin(πt²/2) dt, which give the points
 * of a clothoid (an OpenDRIVE `<spiral>`) in closed form.
 *
 * Below {@link SERIES_LIMIT} the power series of C + iS = Σ (iπx²/2)ᵏ x / (k! (2k+1)) is summed (its
 * terms grow at most e^{πx²/2} ≈ 34-fold there, so cancellation costs under two digits); above it,
 * C + iS = (1+i)/2 · (1 − erfc(z)) with z = (√π/2)(1−i)x, erfc from its continued fraction by the
 * modified Lentz method, which converges faster the larger x is. Both give about 14 correct digits.
 * Hand-written (some 60 lines) rather than taken from npm: the one maintained package with this
 * function (@stdlib/math-base-special-fresnel) brings 155 further packages.
 */

/** Below this |x| the power series is used, above it the continued fraction. */
const SERIES_LIMIT = 1.5;
const EPS = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 200;

/** The Fresnel integrals at one argument. */
export interface FresnelValues {
  /** C(x) = ∫₀ˣ cos(πt²/2) dt. */
  c: number;
  /** S(x) = ∫₀ˣ sin(πt²/2) dt. */
  s: number;
}

/** C(x) and S(x) (both odd functions of x); `out` is filled and returned when given. */
export function fresnel(x: number, out: FresnelValues = { c: 0, s: 0 }): FresnelValues {
  const ax = Math.abs(x);
  if (ax < SERIES_LIMIT) series(ax, out);
  else continuedFraction(ax, out);
  if (x < 0) {
    out.c = -out.c;
    out.s = -out.s;
  }
  return out;
}

function series(x: number, out: FresnelValues): void {
  const q = (Math.PI / 2) * x * x;
  let c = 0;
  let s = 0;
  // term = qᵏ/k! · x; the k-th contribution is term/(2k+1), times iᵏ.
  let term = x;
  for (let k = 0; k < MAX_TERMS; k++) {
    const add = term / (2 * k + 1);
    switch (k % 4) {
      case 0:
        c += add;
        break;
      case 1:
        s += add;
        break;
      case 2:
        c -= add;
        break;
      default:
        s -= add;
    }
    if (add < EPS * Math.max(Math.abs(c), Math.abs(s), TINY)) break;
    term *= q / (k + 1);
  }
  out.c = c;
  out.s = s;
}

/**
 * erfc(z)·e^{z²}·√π·z/… evaluated as the even continued fraction
 * 1/(b₀ − 1·2/(b₀+4 − 3·4/(b₀+8 − …))) with b₀ = 1 − iπx², then C + iS from it.
 */
function continuedFraction(x: number, out: FresnelValues): void {
  const pix2 = Math.PI * x * x;
  // Complex numbers as (re, im) pairs. b = 1 − iπx².
  let bRe = 1;
  const bIm = -pix2;
  let cRe = 1 / TINY;
  let cIm = 0;
  // d = h = 1/b
  let den = bRe * bRe + bIm * bIm;
  let dRe = bRe / den;
  let dIm = -bIm / den;
  let hRe = dRe;
  let hIm = dIm;
  let n = -1;
  for (let k = 2; k <= MAX_TERMS; k++) {
    n += 2;
    const a = -n * (n + 1);
    bRe += 4;
    // d = 1/(a·d + b)
    const tRe = a * dRe + bRe;
    const tIm = a * dIm + bIm;
    den = tRe * tRe + tIm * tIm;
    dRe = tRe / den;
    dIm = -tIm / den;
    // c = b + a/c
    den = cRe * cRe + cIm * cIm;
    cRe = bRe + (a * cRe) / den;
    cIm = bIm - (a * cIm) / den;
    // del = c·d; h = h·del
    const delRe = cRe * dRe - cIm * dIm;
    const delIm = cRe * dIm + cIm * dRe;
    const nhRe = hRe * delRe - hIm * delIm;
    hIm = hRe * delIm + hIm * delRe;
    hRe = nhRe;
    if (Math.abs(delRe - 1) + Math.abs(delIm) < EPS) break;
  }
  // h = h·(x − ix)
  const h2Re = hRe * x + hIm * x;
  const h2Im = hIm * x - hRe * x;
  // cs = (1+i)/2 · (1 − e^{iπx²/2}·h)
  const ang = pix2 / 2;
  const eRe = Math.cos(ang);
  const eIm = Math.sin(ang);
  const pRe = 1 - (eRe * h2Re - eIm * h2Im);
  const pIm = -(eRe * h2Im + eIm * h2Re);
  out.c = 0.5 * (pRe - pIm);
  out.s = 0.5 * (pRe + pIm);
}
