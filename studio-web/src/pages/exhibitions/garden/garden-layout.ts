/**
 * The sculpture garden's geometry, pure (no three.js, no DOM): how big the room is for N works, where each hangs,
 * where a visitor stands to look at one, how a visitor walks and turns, and what stops them (walls, the bench).
 *
 * Metres and radians. The floor is y = 0; the room spans x ∈ [-width/2, width/2], z ∈ [-depth/2, depth/2]. The
 * visitor enters at the south wall (+z) looking north (−z). Yaw 0 looks along −z; a positive yaw turns left.
 */

export type Wall = 'west' | 'north' | 'east' | 'south';

/** The walls in walking order (clockwise seen from above, so each wall's works read left to right). */
export const WALLS: readonly Wall[] = ['west', 'north', 'east', 'south'];

export const GARDEN = {
  /** The room never gets smaller than this (a box of 3 works still feels like a room). */
  minSide: 8,
  /** Centre-to-centre distance of two works on one wall. */
  spacing: 2.8,
  /** Kept free at each wall's ends (corners). */
  cornerMargin: 1.2,
  /** A work fits in this square (its longer side this long). */
  frameBox: 1.5,
  hangHeight: 1.6,
  eyeHeight: 1.6,
  wallHeight: 3.6,
  /** Where a visitor stands to read a work: this far out from the wall. */
  viewDistance: 2.4,
  /** The visitor's body, for collisions. */
  radius: 0.35,
  walkSpeed: 2.2,
  turnSpeed: 1.7,
  /** The room shows at most this many works (the page lists the rest); keeps textures within a phone's memory. */
  maxWorks: 60,
} as const;

export interface Room {
  width: number;
  depth: number;
  /** Axis-aligned boxes on the floor a visitor cannot walk through (the bench). */
  obstacles: Box[];
}
export interface Box {
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
}
export interface Placement {
  /** Index in the exhibition's order. */
  index: number;
  wall: Wall;
  /** Centre of the framed work, on the wall's surface. */
  x: number;
  y: number;
  z: number;
  /** Rotation about y that turns a plane facing +z to face into the room. */
  rotationY: number;
  width: number;
  height: number;
}
export interface Pose {
  x: number;
  z: number;
  yaw: number;
}
export interface Layout {
  room: Room;
  placements: Placement[];
  start: Pose;
}

const wallLength = (wall: Wall, width: number, depth: number) => (wall === 'north' || wall === 'south' ? width : depth);
/** How many works one wall of this length holds. */
export const wallCapacity = (length: number) => Math.max(0, Math.floor((length - 2 * GARDEN.cornerMargin) / GARDEN.spacing) + 1);

/**
 * How many works hang on each wall: as evenly as the west, north and east walls allow, the south wall (behind the
 * visitor at the door) only once those three are full.
 */
export function worksPerWall(n: number, width: number, depth: number): Record<Wall, number> {
  const counts: Record<Wall, number> = { west: 0, north: 0, east: 0, south: 0 };
  const cap = (w: Wall) => wallCapacity(wallLength(w, width, depth)) - (w === 'south' ? 1 : 0); // the door
  let left = n;
  while (left > 0) {
    const open = (['north', 'west', 'east'] as const).filter((w) => counts[w] < cap(w));
    const wall = open.sort((a, b) => counts[a] - counts[b])[0] ?? (counts.south < cap('south') ? 'south' : null);
    if (!wall) break;
    counts[wall]++;
    left--;
  }
  return counts;
}

/** The smallest square room (whole metres, at least `minSide`) whose walls hold `n` works. */
export function roomSideFor(n: number): number {
  let side = GARDEN.minSide;
  const total = (s: number) => WALLS.reduce((sum, w) => sum + wallCapacity(s) - (w === 'south' ? 1 : 0), 0);
  while (total(side) < n) side++;
  return side;
}

/** A work's size on the wall: its longer side `frameBox`, its aspect kept (a missing size hangs square). */
export function frameSize(width: number, height: number): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) return { width: GARDEN.frameBox, height: GARDEN.frameBox };
  const scale = GARDEN.frameBox / Math.max(width, height);
  return { width: width * scale, height: height * scale };
}

const ROTATION: Record<Wall, number> = { north: 0, west: Math.PI / 2, east: -Math.PI / 2, south: Math.PI };

/** Where the works hang: the first on the west wall nearest the door, on clockwise, each wall's share centred on it. */
export function layoutGarden(works: readonly { width: number; height: number }[]): Layout {
  const n = Math.min(works.length, GARDEN.maxWorks);
  const side = roomSideFor(n);
  const half = side / 2;
  const counts = worksPerWall(n, side, side);
  const placements: Placement[] = [];
  let index = 0;
  for (const wall of WALLS) {
    const k = counts[wall];
    // Along the wall, left to right as a visitor facing it sees it: the far wall's share centred; the side walls'
    // in their slots nearest the far wall, so the visitor at the door sees them; the south wall's round its door.
    const span = (k - 1) * GARDEN.spacing;
    const sideStart = ((wallCapacity(side) - 1) * GARDEN.spacing) / 2;
    for (let i = 0; i < k; i++) {
      let along = -span / 2 + i * GARDEN.spacing;
      if (wall === 'west') along = sideStart - (k - 1 - i) * GARDEN.spacing;
      if (wall === 'east') along = -sideStart + i * GARDEN.spacing;
      if (wall === 'south') along = southSlot(i, k, side);
      const { width, height } = frameSize(works[index]!.width, works[index]!.height);
      const [x, z] =
        wall === 'west' ? [-half, -along] : wall === 'north' ? [along, -half] : wall === 'east' ? [half, along] : [-along, half];
      placements.push({ index, wall, x, y: GARDEN.hangHeight, z, rotationY: ROTATION[wall], width, height });
      index++;
    }
  }
  // A bench in the middle once the room is big enough to walk round it.
  const obstacles: Box[] = side >= 10 ? [{ minX: -1.2, maxX: 1.2, minZ: -0.3, maxZ: 0.3 }] : [];
  return { room: { width: side, depth: side, obstacles }, placements, start: { x: 0, z: half - 0.8, yaw: 0 } };
}

/** South-wall slots skip the door in the middle: half the works left of it, half right. */
function southSlot(i: number, k: number, side: number): number {
  const slots = wallCapacity(side);
  const all = Array.from({ length: slots }, (_, s) => -((slots - 1) * GARDEN.spacing) / 2 + s * GARDEN.spacing);
  const door = all.reduce((best, a, s) => (Math.abs(a) < Math.abs(all[best]!) ? s : best), 0);
  const free = all.filter((_, s) => s !== door);
  // Fill outwards from the door's sides so a few works sit near it.
  const order = [...free].sort((a, b) => Math.abs(a) - Math.abs(b));
  return [...order.slice(0, k)].sort((a, b) => a - b)[i]!;
}

/** The direction a yaw looks in, on the floor. */
export const facing = (yaw: number) => ({ x: -Math.sin(yaw), z: -Math.cos(yaw) });

/** Where to stand to read a work: `viewDistance` out from it, looking straight at it. */
export function viewpoint(p: Placement, room: Room): Pose {
  const nx = Math.sin(p.rotationY);
  const nz = Math.cos(p.rotationY);
  const pose = { x: p.x + nx * GARDEN.viewDistance, z: p.z + nz * GARDEN.viewDistance, yaw: p.rotationY };
  return { ...collide(pose, room), yaw: pose.yaw };
}

/** Keeps the visitor inside the walls and out of every obstacle (pushed out along the shortest way). */
export function collide<P extends { x: number; z: number }>(pose: P, room: Room, radius: number = GARDEN.radius): P {
  let x = Math.min(room.width / 2 - radius, Math.max(-room.width / 2 + radius, pose.x));
  let z = Math.min(room.depth / 2 - radius, Math.max(-room.depth / 2 + radius, pose.z));
  for (const b of room.obstacles) {
    const minX = b.minX - radius;
    const maxX = b.maxX + radius;
    const minZ = b.minZ - radius;
    const maxZ = b.maxZ + radius;
    if (x <= minX || x >= maxX || z <= minZ || z >= maxZ) continue;
    const pushes = [
      { d: x - minX, apply: () => (x = minX) },
      { d: maxX - x, apply: () => (x = maxX) },
      { d: z - minZ, apply: () => (z = minZ) },
      { d: maxZ - z, apply: () => (z = maxZ) },
    ];
    pushes.sort((a, c) => a.d - c.d)[0]!.apply();
  }
  return { ...pose, x, z };
}

/** One step of walking: `forward` and `strafe` in −1..1 (right positive), `turn` in −1..1 (left positive), over `dt` seconds. */
export function move(pose: Pose, input: { forward: number; strafe: number; turn: number }, dt: number, room: Room): Pose {
  const yaw = normaliseAngle(pose.yaw + input.turn * GARDEN.turnSpeed * dt);
  const f = facing(yaw);
  const step = GARDEN.walkSpeed * dt;
  // The visitor's right hand, seen from above: facing (0, −1) has its right at (1, 0).
  const rx = -f.z;
  const rz = f.x;
  const next = { x: pose.x + (f.x * input.forward + rx * input.strafe) * step, z: pose.z + (f.z * input.forward + rz * input.strafe) * step, yaw };
  return collide(next, room);
}

/** An angle in (−π, π]. */
export function normaliseAngle(a: number): number {
  const t = (a + Math.PI) % (2 * Math.PI);
  const wrapped = (t <= 0 ? t + 2 * Math.PI : t) - Math.PI;
  return Object.is(wrapped, -0) ? 0 : wrapped;
}

/** Between two poses at `t` (0..1, eased), turning the short way round. */
export function interpolatePose(from: Pose, to: Pose, t: number): Pose {
  const k = Math.min(1, Math.max(0, t));
  const e = k < 0.5 ? 2 * k * k : 1 - (-2 * k + 2) ** 2 / 2;
  const dYaw = normaliseAngle(to.yaw - from.yaw);
  return { x: from.x + (to.x - from.x) * e, z: from.z + (to.z - from.z) * e, yaw: normaliseAngle(from.yaw + dYaw * e) };
}

/**
 * The work the visitor is looking at: within `maxDistance` and `halfAngle` of where they face, the nearest; null when
 * none. Its label is the one the page shows.
 */
export function workInView(pose: Pose, placements: readonly Placement[], maxDistance = 4.5, halfAngle = 0.45): number | null {
  const f = facing(pose.yaw);
  let best: { index: number; d: number } | null = null;
  for (const p of placements) {
    const dx = p.x - pose.x;
    const dz = p.z - pose.z;
    const d = Math.hypot(dx, dz);
    if (d > maxDistance || d === 0) continue;
    const angle = Math.acos(Math.max(-1, Math.min(1, (dx * f.x + dz * f.z) / d)));
    // A work seen from behind its own wall does not count (it faces the other way).
    const facesVisitor = dx * Math.sin(p.rotationY) + dz * Math.cos(p.rotationY) < 0;
    if (angle <= halfAngle && facesVisitor && (!best || d < best.d)) best = { index: p.index, d };
  }
  return best?.index ?? null;
}

/** The next (or previous) work in the exhibition's order, round the room; the first when none is chosen yet. */
export function stepWork(current: number | null, by: 1 | -1, count: number): number | null {
  if (count === 0) return null;
  if (current === null) return by === 1 ? 0 : count - 1;
  return (current + by + count) % count;
}
