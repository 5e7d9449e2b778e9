import { describe, expect, it } from 'vitest';
import {
  collide, facing, frameSize, GARDEN, interpolatePose, layoutGarden, move, normaliseAngle, roomSideFor, stepWork, viewpoint, wallCapacity,
  workInView, worksPerWall, type Placement, type Room,
} from './garden-layout';

const square = (n: number) => Array.from({ length: n }, () => ({ width: 800, height: 600 }));
const still = { forward: 0, strafe: 0, turn: 0 };

describe('hanging N works', () => {
  it('hangs 3 works one on each wall the visitor faces from the door, in order, left to right', () => {
    const { room, placements, start } = layoutGarden(square(3));
    expect(room.width).toBe(GARDEN.minSide);
    expect(placements.map((p) => p.wall)).toEqual(['west', 'north', 'east']);
    expect(placements.map((p) => p.index)).toEqual([0, 1, 2]);
    // Each on its wall's surface, facing into the room.
    const [west, north, east] = placements as [Placement, Placement, Placement];
    expect(west.x).toBe(-room.width / 2);
    expect(north.z).toBe(-room.depth / 2);
    expect(east.x).toBe(room.width / 2);
    for (const p of placements) {
      const inward = { x: Math.sin(p.rotationY), z: Math.cos(p.rotationY) };
      expect(inward.x * -p.x + inward.z * -p.z).toBeGreaterThan(0);
    }
    // The door is south; the visitor starts there looking north.
    expect(start).toEqual({ x: 0, z: room.depth / 2 - 0.8, yaw: 0 });
    // The side walls' works hang towards the far wall, within sight from the door.
    expect(west.z).toBeLessThan(0);
    expect(east.z).toBeLessThan(0);
  });

  it('never hangs two works closer than the spacing, nor nearer a corner than the margin, for any N up to the cap', () => {
    for (let n = 0; n <= GARDEN.maxWorks; n++) {
      const { room, placements } = layoutGarden(square(n));
      expect(placements).toHaveLength(n);
      expect(room.width).toBe(roomSideFor(n));
      for (const p of placements) {
        const along = p.wall === 'north' || p.wall === 'south' ? p.x : p.z;
        expect(Math.abs(along)).toBeLessThanOrEqual(room.width / 2 - GARDEN.cornerMargin + 1e-9);
      }
      for (const a of placements)
        for (const b of placements)
          if (a !== b && a.wall === b.wall) expect(Math.hypot(a.x - b.x, a.z - b.z)).toBeGreaterThanOrEqual(GARDEN.spacing - 1e-9);
    }
  });

  it('fills the side and far walls evenly first and the wall with the door last, never in front of the door', () => {
    expect(worksPerWall(7, 8, 8)).toEqual({ west: 2, north: 3, east: 2, south: 0 });
    expect(worksPerWall(11, 8, 8)).toEqual({ west: 3, north: 3, east: 3, south: 2 });
    const { placements, start } = layoutGarden(square(11));
    const south = placements.filter((p) => p.wall === 'south');
    expect(south).toHaveLength(2);
    for (const p of south) expect(Math.abs(p.x - start.x)).toBeGreaterThan(GARDEN.spacing / 2);
  });

  it('grows the room only as much as needed, and caps the works it hangs', () => {
    expect(roomSideFor(11)).toBe(8);
    expect(roomSideFor(12)).toBeGreaterThan(8);
    expect(wallCapacity(8)).toBe(3);
    expect(layoutGarden(square(GARDEN.maxWorks + 25)).placements).toHaveLength(GARDEN.maxWorks);
  });

  it('keeps each work’s aspect inside the frame box, and hangs a work of unknown size square', () => {
    expect(frameSize(1000, 500)).toEqual({ width: GARDEN.frameBox, height: GARDEN.frameBox / 2 });
    expect(frameSize(300, 600)).toEqual({ width: GARDEN.frameBox / 2, height: GARDEN.frameBox });
    expect(frameSize(0, 0)).toEqual({ width: GARDEN.frameBox, height: GARDEN.frameBox });
  });
});

describe('walking and turning', () => {
  const room: Room = { width: 10, depth: 10, obstacles: [{ minX: -1, maxX: 1, minZ: -0.3, maxZ: 0.3 }] };

  it('walks forward where it faces, turns left with a positive turn, and strafes to the right', () => {
    const a = move({ x: 0, z: 3, yaw: 0 }, { ...still, forward: 1 }, 1, room);
    expect(a.x).toBeCloseTo(0);
    expect(a.z).toBeCloseTo(3 - GARDEN.walkSpeed);
    const turned = move({ x: 0, z: 3, yaw: 0 }, { ...still, turn: 1 }, 0.5, room);
    expect(turned.yaw).toBeCloseTo(GARDEN.turnSpeed * 0.5);
    expect(facing(Math.PI / 2).x).toBeCloseTo(-1); // a quarter turn left looks west
    const right = move({ x: 0, z: 3, yaw: 0 }, { ...still, strafe: 1 }, 1, room);
    expect(right.x).toBeCloseTo(GARDEN.walkSpeed);
  });

  it('stops at the walls, keeping the body’s radius off them', () => {
    let pose = { x: 0, z: 3, yaw: 0 };
    for (let i = 0; i < 100; i++) pose = move(pose, { ...still, forward: -1 }, 0.1, room);
    expect(pose.z).toBeCloseTo(room.depth / 2 - GARDEN.radius);
    const corner = collide({ x: 99, z: -99 }, room);
    expect(corner).toEqual({ x: 5 - GARDEN.radius, z: -5 + GARDEN.radius });
  });

  it('does not walk through the bench: it is pushed out the shortest way', () => {
    let pose = { x: 0, z: 3, yaw: 0 };
    for (let i = 0; i < 60; i++) pose = move(pose, { ...still, forward: 1 }, 0.05, room);
    expect(pose.z).toBeCloseTo(0.3 + GARDEN.radius);
    expect(collide({ x: 0.9, z: 0 }, room).x).toBeCloseTo(1 + GARDEN.radius);
  });

  it('wraps angles into (−π, π] and turns the short way round between poses', () => {
    expect(normaliseAngle(3 * Math.PI)).toBeCloseTo(Math.PI);
    expect(normaliseAngle(-Math.PI / 2 - 2 * Math.PI)).toBeCloseTo(-Math.PI / 2);
    expect(normaliseAngle(0)).toBe(0);
    const mid = interpolatePose({ x: 0, z: 0, yaw: 3 }, { x: 2, z: 4, yaw: -3 }, 0.5);
    expect(mid.x).toBeCloseTo(1);
    expect(mid.z).toBeCloseTo(2);
    expect(Math.abs(mid.yaw)).toBeGreaterThan(3); // through π, not through 0
    expect(interpolatePose({ x: 0, z: 0, yaw: 0 }, { x: 2, z: 4, yaw: 1 }, 1)).toEqual({ x: 2, z: 4, yaw: 1 });
  });
});

describe('going to a work and reading its label', () => {
  it('stands in front of each work looking straight at it, and that work is the one in view', () => {
    const { room, placements } = layoutGarden(square(14));
    for (const p of placements) {
      const v = viewpoint(p, room);
      expect(Math.hypot(v.x - p.x, v.z - p.z)).toBeCloseTo(GARDEN.viewDistance);
      expect(v.yaw).toBe(p.rotationY);
      expect(workInView(v, placements)).toBe(p.index);
    }
  });

  it('sees no work when facing away from all of them or from behind a wall', () => {
    const { placements, start } = layoutGarden(square(3));
    expect(workInView({ ...start, yaw: Math.PI }, placements)).toBeNull();
    const north = placements[1]!;
    expect(workInView({ x: north.x, z: north.z - 1, yaw: Math.PI }, placements)).toBeNull();
  });

  it('steps to the next and previous work round the room', () => {
    expect(stepWork(null, 1, 3)).toBe(0);
    expect(stepWork(null, -1, 3)).toBe(2);
    expect(stepWork(2, 1, 3)).toBe(0);
    expect(stepWork(0, -1, 3)).toBe(2);
    expect(stepWork(null, 1, 0)).toBeNull();
  });
});
