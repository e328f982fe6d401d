/**
 * Numerical integration for tests that check closed forms against an independent reference:
 * composite 5-point Gauss–Legendre.
 */

const NODES = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
const WEIGHTS = [
  0.5688888888888889, 0.47862867049936647, 0.47862867049936647, 0.23692688505618908, 0.23692688505618908,
];

/** ∫ f over [a, b] with `panels` Gauss–Legendre panels (exact for polynomials of degree 9 on each). */
export function integrate(f: (x: number) => number, a: number, b: number, panels = 2000): number {
  const h = (b - a) / panels;
  let sum = 0;
  for (let i = 0; i < panels; i++) {
    const mid = a + (i + 0.5) * h;
    for (let k = 0; k < 5; k++) sum += WEIGHTS[k] * f(mid + (h / 2) * NODES[k]);
  }
  return (sum * h) / 2;
}
