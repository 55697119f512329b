/** Plain geometry for the diagrams: boxes, overlap tests, and SVG path text. */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function inflate(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

export function union(boxes: readonly Box[]): Box {
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

const n = (value: number): string => String(Math.round(value * 10) / 10);

/** A cubic Bézier from p0 to p3 with control points p1 and p2, as SVG path data. */
export function cubicPath(p0: Point, p1: Point, p2: Point, p3: Point): string {
  return `M ${n(p0.x)} ${n(p0.y)} C ${n(p1.x)} ${n(p1.y)} ${n(p2.x)} ${n(p2.y)} ${n(p3.x)} ${n(p3.y)}`;
}

export function linePath(from: Point, to: Point): string {
  return `M ${n(from.x)} ${n(from.y)} L ${n(to.x)} ${n(to.y)}`;
}

/** The point at t (0..1) along the cubic Bézier from p0 to p3 with control points p1, p2. */
export function bezier(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const u = 1 - t;
  const [a, b, c, d] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

/** Where the segment from the centre of `box` towards `target` leaves the box. */
export function exitPoint(box: Box, target: Point): Point {
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const dx = target.x - centre.x;
  const dy = target.y - centre.y;
  if (dx === 0 && dy === 0) {
    return centre;
  }
  const scale = Math.min(
    dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : box.height / 2 / Math.abs(dy),
  );
  return { x: centre.x + dx * scale, y: centre.y + dy * scale };
}
