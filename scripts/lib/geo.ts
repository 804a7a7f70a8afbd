/**
 * The little geometry the municipality generator needs, written out so no GIS dependency is
 * needed: decode a TopoJSON topology (https://github.com/topojson/topojson-specification),
 * test whether a point lies in a (multi)polygon, find a point deep inside a polygon, and
 * sample a polygon's area with a grid.
 *
 * Distances are in kilometres on a local flat projection (equirectangular around 52.2° N):
 * accurate to well under 1 % across the Netherlands, which is all a region lookup needs.
 */

/** [longitude, latitude] in degrees. */
export type Point = [number, number];
/** A closed ring; the first point is not repeated at the end. */
export type Ring = Point[];

export interface Feature {
  /** statcode, e.g. "GM0363", "VT20", "RE05", "PV27". */
  code: string;
  /** statnaam as the data set writes it. */
  name: string;
  /** Every ring of every polygon (outer rings and holes alike: point-in-polygon uses the even-odd rule). */
  rings: Ring[];
  /** [minLon, minLat, maxLon, maxLat]. */
  bbox: [number, number, number, number];
}

interface Topology {
  type: 'Topology';
  arcs: [number, number][][];
  transform?: { scale: [number, number]; translate: [number, number] };
  objects: Record<string, { type: 'GeometryCollection'; geometries: TopoGeometry[] }>;
}
interface TopoGeometry {
  type: 'Polygon' | 'MultiPolygon';
  arcs: number[][] | number[][][];
  properties: { statcode: string; statnaam: string };
}

/** Every feature of the one object in a topology, with its arcs resolved into absolute coordinates. */
export function decodeTopology(topology: Topology): Feature[] {
  if (topology.type !== 'Topology') throw new Error('Geen TopoJSON-topologie.');
  const [object] = Object.values(topology.objects);
  const { scale, translate } = topology.transform ?? { scale: [1, 1] as [number, number], translate: [0, 0] as [number, number] };
  // Quantized arcs are delta-encoded (TopoJSON spec §2.1.2).
  const arcs: Point[][] = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * scale[0] + translate[0], y * scale[1] + translate[1]] as Point;
    });
  });
  const arcPoints = (index: number): Point[] => (index >= 0 ? arcs[index] : [...arcs[~index]].reverse());
  const ring = (indexes: number[]): Ring => {
    const points: Point[] = [];
    for (const index of indexes) {
      const part = arcPoints(index);
      // Consecutive arcs share their joining point.
      points.push(...(points.length ? part.slice(1) : part));
    }
    points.pop();
    return points;
  };
  return object.geometries.map((geometry) => {
    const polygons = (geometry.type === 'Polygon' ? [geometry.arcs] : geometry.arcs) as number[][][];
    const rings = polygons.flatMap((polygon) => polygon.map(ring));
    const all = rings.flat();
    return {
      code: geometry.properties.statcode,
      name: geometry.properties.statnaam,
      rings,
      bbox: [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))],
    };
  });
}

const KM_PER_DEGREE_LAT = 110.57;
const KM_PER_DEGREE_LON = 111.32 * Math.cos((52.2 * Math.PI) / 180);

/** Even-odd rule over all rings, so holes (lakes, enclaves) are outside. */
export function contains(feature: Feature, [x, y]: Point): boolean {
  const [minX, minY, maxX, maxY] = feature.bbox;
  if (x < minX || x > maxX || y < minY || y > maxY) return false;
  let inside = false;
  for (const ring of feature.rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Distance in km from a point to the nearest edge of the feature. */
export function distanceToEdgeKm(feature: Feature, [px, py]: Point): number {
  let best = Infinity;
  for (const ring of feature.rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const ax = ring[j][0] * KM_PER_DEGREE_LON;
      const ay = ring[j][1] * KM_PER_DEGREE_LAT;
      const bx = ring[i][0] * KM_PER_DEGREE_LON;
      const by = ring[i][1] * KM_PER_DEGREE_LAT;
      const x = px * KM_PER_DEGREE_LON;
      const y = py * KM_PER_DEGREE_LAT;
      const dx = bx - ax;
      const dy = by - ay;
      const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
    }
  }
  return best;
}

/** Grid points inside the feature, about `target` of them (more for very thin shapes). */
export function samplePoints(feature: Feature, target = 400): Point[] {
  const [minX, minY, maxX, maxY] = feature.bbox;
  const widthKm = (maxX - minX) * KM_PER_DEGREE_LON;
  const heightKm = (maxY - minY) * KM_PER_DEGREE_LAT;
  let stepKm = Math.sqrt((widthKm * heightKm) / target);
  for (let attempt = 0; attempt < 6; attempt++) {
    const points: Point[] = [];
    const stepX = stepKm / KM_PER_DEGREE_LON;
    const stepY = stepKm / KM_PER_DEGREE_LAT;
    // Cell centres, so a grid never sits exactly on the bounding box.
    for (let x = minX + stepX / 2; x < maxX; x += stepX) {
      for (let y = minY + stepY / 2; y < maxY; y += stepY) {
        if (contains(feature, [x, y])) points.push([x, y]);
      }
    }
    if (points.length >= target / 4) return points;
    stepKm /= 2;
  }
  throw new Error(`${feature.code} ${feature.name}: geen punten binnen het gebied gevonden.`);
}

/**
 * A point well inside the feature: the sample point farthest from any edge, refined on finer
 * grids around it (a "pole of inaccessibility"). Unlike the centroid it always lies inside,
 * even for a crescent or a municipality made of islands.
 */
export function interiorPoint(feature: Feature): { point: Point; depthKm: number } {
  let best = { point: [0, 0] as Point, depthKm: -1 };
  for (const point of samplePoints(feature, 300)) {
    const depthKm = distanceToEdgeKm(feature, point);
    if (depthKm > best.depthKm) best = { point, depthKm };
  }
  const [minX, minY, maxX, maxY] = feature.bbox;
  let span = Math.max((maxX - minX) / 20, (maxY - minY) / 20);
  for (let round = 0; round < 4; round++) {
    const [cx, cy] = best.point;
    for (let i = -4; i <= 4; i++) {
      for (let j = -4; j <= 4; j++) {
        const point: Point = [cx + (i * span) / 4, cy + (j * span) / 4];
        if (!contains(feature, point)) continue;
        const depthKm = distanceToEdgeKm(feature, point);
        if (depthKm > best.depthKm) best = { point, depthKm };
      }
    }
    span /= 3;
  }
  return best;
}

/** The feature of `candidates` that contains the point, if any. */
export function featureAt(candidates: Feature[], point: Point): Feature | undefined {
  return candidates.find((feature) => contains(feature, point));
}
