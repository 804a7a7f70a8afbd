/** The generator's geometry (scripts/lib/geo.ts) and the picker's matching (src/scripts/autocomplete.ts). */
import { describe, expect, it } from 'vitest';
import { contains, decodeTopology, distanceToEdgeKm, interiorPoint, samplePoints } from '../../scripts/lib/geo';
import { slug } from '../../scripts/generate-gemeenten';
import { fold, matches } from '../../src/scripts/autocomplete';

/** A U shape (its centroid lies in the gap, outside) and a square with a square hole, as one quantized topology. */
const topology = {
  type: 'Topology' as const,
  transform: { scale: [0.01, 0.01] as [number, number], translate: [5, 52] as [number, number] },
  arcs: [
    // U: (0,0) (30,0) (30,30) (20,30) (20,10) (10,10) (10,30) (0,30), delta-encoded
    [
      [0, 0],
      [30, 0],
      [0, 30],
      [-10, 0],
      [0, -20],
      [-10, 0],
      [0, 20],
      [-10, 0],
      [0, -30],
    ],
    // outer square (100,0)-(140,40)
    [
      [100, 0],
      [40, 0],
      [0, 40],
      [-40, 0],
      [0, -40],
    ],
    // hole (110,10)-(130,30)
    [
      [110, 10],
      [0, 20],
      [20, 0],
      [0, -20],
      [-20, 0],
    ],
  ] as [number, number][][],
  objects: {
    test: {
      type: 'GeometryCollection' as const,
      geometries: [
        { type: 'Polygon' as const, arcs: [[0]], properties: { statcode: 'GM0001', statnaam: 'U' } },
        { type: 'Polygon' as const, arcs: [[1], [2]], properties: { statcode: 'GM0002', statnaam: 'Ring' } },
      ],
    },
  },
};

describe('geo', () => {
  const [u, ring] = decodeTopology(topology);

  it('decodes delta-encoded, quantized arcs into rings of lon/lat', () => {
    expect(u.code).toBe('GM0001');
    expect(u.rings[0][0]).toEqual([5, 52]);
    expect(u.rings[0][2]).toEqual([5.3, 52.3]);
    expect(ring.rings).toHaveLength(2);
    expect(ring.bbox).toEqual([6, 52, 6.4, 52.4]);
  });

  it('treats holes as outside (even-odd rule)', () => {
    expect(contains(ring, [6.05, 52.2])).toBe(true);
    expect(contains(ring, [6.2, 52.2])).toBe(false);
    expect(contains(u, [5.15, 52.25])).toBe(false); // in the gap of the U
    expect(contains(u, [5.05, 52.25])).toBe(true);
  });

  it('finds an interior point inside a U shape, where the centroid is not', () => {
    const { point, depthKm } = interiorPoint(u);
    expect(contains(u, point)).toBe(true);
    expect(depthKm).toBeGreaterThan(0.3);
    expect(distanceToEdgeKm(u, point)).toBeCloseTo(depthKm, 6);
  });

  it('samples points that all lie inside', () => {
    const points = samplePoints(ring, 200);
    expect(points.length).toBeGreaterThan(50);
    expect(points.every((p) => contains(ring, p))).toBe(true);
  });

  it('makes URL slugs of official names', () => {
    expect(['Bergen (NH.)', "'s-Gravenhage", 'Súdwest-Fryslân', 'Nuenen, Gerwen en Nederwetten'].map(slug)).toEqual([
      'bergen-nh',
      's-gravenhage',
      'sudwest-fryslan',
      'nuenen-gerwen-en-nederwetten',
    ]);
  });
});

describe('autocomplete matching', () => {
  const option = (label: string, former: string[] = [], always = false) => ({ label, always, keys: [fold(label), ...former.map(fold)] });
  const options = [
    option('Amsterdam', ['Weesp']),
    option('Amstelveen'),
    option('Ouder-Amstel'),
    option("'s-Hertogenbosch"),
    option('Weet ik niet / ergens anders', [], true),
  ];

  it('folds case, accents and punctuation', () => {
    expect(fold("'s-Hertogenbosch")).toBe('s hertogenbosch');
    expect(fold('Súdwest-Fryslân')).toBe('sudwest fryslan');
  });

  it('ranks names that start with the query first, then word starts, then former names; "weet ik niet" always last', () => {
    expect(matches(options, 'amst').map((o) => o.label)).toEqual(['Amsterdam', 'Amstelveen', 'Ouder-Amstel', 'Weet ik niet / ergens anders']);
    expect(matches(options, 'weesp').map((o) => o.label)).toEqual(['Amsterdam', 'Weet ik niet / ergens anders']);
    expect(matches(options, 's hert').map((o) => o.label)).toEqual(["'s-Hertogenbosch", 'Weet ik niet / ergens anders']);
    expect(matches(options, 'parijs').map((o) => o.label)).toEqual(['Weet ik niet / ergens anders']);
    expect(matches(options, '')).toEqual([]);
  });
});
