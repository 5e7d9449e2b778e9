import {
  AmbientLight, BoxGeometry, CanvasTexture, Color, DirectionalLight, Group, HemisphereLight, Mesh, MeshBasicMaterial, MeshLambertMaterial,
  PerspectiveCamera, PlaneGeometry, Scene, SRGBColorSpace, Texture, WebGLRenderer, type Material,
} from 'three';
import { GARDEN, interpolatePose, layoutGarden, move, viewpoint, workInView, type Layout, type Pose } from './garden-layout';

/**
 * The garden's three.js room, push-only: the page tells it how the visitor moves and where to go; it renders on
 * demand (only while something moves or an image arrives) and says which work is in view. The only module that
 * imports three, so three travels in this chunk alone.
 */

export interface GardenWork {
  title: string;
  imageUrl: string;
  width: number;
  height: number;
}
export interface WalkInput {
  forward: number;
  strafe: number;
  turn: number;
}
export interface GardenSceneOptions {
  container: HTMLElement;
  works: readonly GardenWork[];
  /** Moves to a work in one cut, not a glide. */
  reducedMotion: boolean;
  /** The work in view changed (its label is the one to show), or none is. */
  onView(index: number | null): void;
  /** Every rendered frame: the pose it shows, how many frames so far, and how many pictures have arrived. */
  onFrame?(pose: Pose, frames: number, pictures: number): void;
  onContextLost?(): void;
}
export interface GardenScene {
  readonly layout: Layout;
  setInput(input: WalkInput): void;
  /** Turns by `radians` (a drag), left positive. */
  look(radians: number): void;
  /** A single step, as a keyboard press on a button takes: `forward` metres and `turn` radians. */
  step(forward: number, turn: number): void;
  goTo(index: number): void;
  dispose(): void;
}

/** Working renditions are ≤1024 px; the room hangs them at 512 so 60 works stay within a phone's GPU memory. */
const TEXTURE_SIDE = 512;
const GLIDE_MS = 900;

export function createGardenScene(options: GardenSceneOptions): GardenScene {
  const { container, works, reducedMotion } = options;
  const layout = layoutGarden(works);
  const { room, placements } = layout;
  const renderer = new WebGLRenderer({ antialias: true, powerPreference: 'low-power' });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
  renderer.outputColorSpace = SRGBColorSpace;
  const canvas = renderer.domElement;
  canvas.setAttribute('aria-hidden', 'true');
  canvas.dataset.testid = 'garden-canvas';
  container.appendChild(canvas);

  const scene = new Scene();
  scene.background = new Color('#d9d3c7');
  const camera = new PerspectiveCamera(62, 1, 0.1, 100);
  const disposables: { dispose(): void }[] = [];
  const keep = <T extends { dispose(): void }>(x: T) => (disposables.push(x), x);

  scene.add(new AmbientLight('#ffffff', 1.3));
  scene.add(new HemisphereLight('#fffaf0', '#8a7a66', 1.1));
  const sun = new DirectionalLight('#fff6e8', 1.1);
  sun.position.set(2, 6, 3);
  scene.add(sun);

  // Floor, ceiling and four walls.
  const wallMat = keep(new MeshLambertMaterial({ color: '#f3efe6' }));
  const floor = new Mesh(keep(new PlaneGeometry(room.width, room.depth)), keep(new MeshLambertMaterial({ color: '#8b6b4a' })));
  floor.rotation.x = -Math.PI / 2;
  scene.add(floor);
  const ceiling = new Mesh(keep(new PlaneGeometry(room.width, room.depth)), keep(new MeshLambertMaterial({ color: '#fbfaf7' })));
  ceiling.rotation.x = Math.PI / 2;
  ceiling.position.y = GARDEN.wallHeight;
  scene.add(ceiling);
  for (const [x, z, rot, length] of [
    [0, -room.depth / 2, 0, room.width],
    [-room.width / 2, 0, Math.PI / 2, room.depth],
    [room.width / 2, 0, -Math.PI / 2, room.depth],
    [0, room.depth / 2, Math.PI, room.width],
  ] as const) {
    const wall = new Mesh(keep(new PlaneGeometry(length, GARDEN.wallHeight)), wallMat);
    wall.position.set(x, GARDEN.wallHeight / 2, z);
    wall.rotation.y = rot;
    scene.add(wall);
    // A skirting board, so the walls meet the floor visibly.
    const skirt = new Mesh(keep(new BoxGeometry(length, 0.12, 0.02)), keep(new MeshLambertMaterial({ color: '#5b4a3a' })));
    skirt.position.set(x, 0.06, z);
    skirt.rotation.y = rot;
    scene.add(skirt);
  }
  for (const b of room.obstacles) {
    const bench = new Mesh(keep(new BoxGeometry(b.maxX - b.minX, 0.45, b.maxZ - b.minZ)), keep(new MeshLambertMaterial({ color: '#6d5a47' })));
    bench.position.set((b.minX + b.maxX) / 2, 0.225, (b.minZ + b.maxZ) / 2);
    scene.add(bench);
  }

  // The works: a dark frame, a white mount, the picture (unlit, so its colours are its own), and a small plaque.
  const frameMat = keep(new MeshLambertMaterial({ color: '#2b2118' }));
  const mountMat = keep(new MeshBasicMaterial({ color: '#faf8f2' }));
  const textures: Texture[] = [];
  const abort = new AbortController();
  for (const p of placements) {
    const group = new Group();
    group.position.set(p.x, p.y, p.z);
    group.rotation.y = p.rotationY;
    const frame = new Mesh(keep(new BoxGeometry(p.width + 0.34, p.height + 0.34, 0.06)), frameMat);
    frame.position.z = 0.03;
    const mount = new Mesh(keep(new PlaneGeometry(p.width + 0.2, p.height + 0.2)), mountMat);
    mount.position.z = 0.061;
    const pictureMat = keep(new MeshBasicMaterial({ color: '#cfc8ba' }));
    const picture = new Mesh(keep(new PlaneGeometry(p.width, p.height)), pictureMat);
    picture.position.z = 0.062;
    group.add(frame, mount, picture);
    const plaque = plaqueMesh(works[p.index]!.title, keep);
    plaque.position.set(p.width / 2 + 0.45, -p.height / 2 + 0.1, 0.02);
    group.add(plaque);
    scene.add(group);
    void loadTexture(works[p.index]!.imageUrl, abort.signal).then(
      (texture) => {
        if (!texture) return;
        textures.push(texture);
        pictureMat.map = texture;
        pictureMat.color.set('#ffffff');
        pictureMat.needsUpdate = true;
        requestRender();
      },
      () => undefined, // a picture that does not load stays a blank canvas in its frame
    );
  }

  let pose: Pose = { ...layout.start };
  let input: WalkInput = { forward: 0, strafe: 0, turn: 0 };
  let glide: { from: Pose; to: Pose; start: number } | null = null;
  let inView: number | null = -1;
  let frames = 0;
  let raf = 0;
  let last = 0;

  const moving = () => input.forward !== 0 || input.strafe !== 0 || input.turn !== 0 || glide !== null;

  function frame(now: number) {
    raf = 0;
    const dt = last ? Math.min(0.1, (now - last) / 1000) : 0;
    last = now;
    if (glide) {
      const t = reducedMotion ? 1 : (now - glide.start) / GLIDE_MS;
      pose = interpolatePose(glide.from, glide.to, t);
      if (t >= 1) glide = null;
    } else if (moving()) {
      pose = move(pose, input, dt, room);
    }
    camera.position.set(pose.x, GARDEN.eyeHeight, pose.z);
    camera.rotation.set(0, pose.yaw, 0);
    renderer.render(scene, camera);
    frames++;
    const seen = workInView(pose, placements);
    if (seen !== inView) {
      inView = seen;
      options.onView(seen);
    }
    options.onFrame?.(pose, frames, textures.length);
    if (moving()) raf = requestAnimationFrame(frame);
    else last = 0;
  }
  function requestRender() {
    if (!raf) raf = requestAnimationFrame(frame);
  }

  const resize = () => {
    const { clientWidth: w, clientHeight: h } = container;
    if (!w || !h) return;
    renderer.setSize(w, h, false);
    camera.aspect = w / h;
    // A narrow phone sees less to each side; widen the view so a whole work still fits from where one stands.
    camera.fov = w / h < 0.8 ? 80 : 62;
    camera.updateProjectionMatrix();
    requestRender();
  };
  const observer = new ResizeObserver(resize);
  observer.observe(container);
  resize();

  const onLost = (e: Event) => {
    e.preventDefault();
    options.onContextLost?.();
  };
  canvas.addEventListener('webglcontextlost', onLost);

  return {
    layout,
    setInput(next) {
      input = next;
      // Walking takes over from a glide; letting go of a key (all zero) does not stop one.
      if (next.forward !== 0 || next.strafe !== 0 || next.turn !== 0) glide = null;
      requestRender();
    },
    look(radians) {
      glide = null;
      pose = { ...pose, yaw: pose.yaw + radians };
      requestRender();
    },
    step(forward, turn) {
      glide = null;
      pose = move({ ...pose, yaw: pose.yaw + turn }, { forward: 1, strafe: 0, turn: 0 }, forward / GARDEN.walkSpeed, room);
      requestRender();
    },
    goTo(index) {
      const target = placements.find((p) => p.index === index);
      if (!target) return;
      glide = { from: pose, to: viewpoint(target, room), start: performance.now() };
      requestRender();
    },
    dispose() {
      abort.abort();
      if (raf) cancelAnimationFrame(raf);
      observer.disconnect();
      canvas.removeEventListener('webglcontextlost', onLost);
      for (const t of textures) t.dispose();
      for (const d of disposables) d.dispose();
      renderer.dispose();
      canvas.remove();
    },
  };
}

/** A same-origin picture, scaled to the texture size as it is decoded (flipped, as WebGL's origin is bottom left). */
async function loadTexture(url: string, signal: AbortSignal): Promise<Texture | null> {
  const res = await fetch(url, { signal });
  if (!res.ok) return null;
  const blob = await res.blob();
  const probe = await createImageBitmap(blob);
  const scale = Math.min(1, TEXTURE_SIDE / Math.max(probe.width, probe.height));
  const bitmap =
    scale < 1
      ? await createImageBitmap(blob, { resizeWidth: Math.round(probe.width * scale), resizeHeight: Math.round(probe.height * scale), resizeQuality: 'medium', imageOrientation: 'flipY' })
      : await createImageBitmap(blob, { imageOrientation: 'flipY' });
  probe.close();
  if (signal.aborted) {
    bitmap.close();
    return null;
  }
  const texture = new Texture(bitmap);
  texture.flipY = false;
  texture.colorSpace = SRGBColorSpace;
  texture.needsUpdate = true;
  return texture;
}

/** The little card beside a work: its title, as a texture (the readable label is the page's, in HTML). */
function plaqueMesh(title: string, keep: <T extends { dispose(): void }>(x: T) => T): Mesh {
  const c = document.createElement('canvas');
  c.width = 256;
  c.height = 128;
  const g = c.getContext('2d');
  if (g) {
    g.fillStyle = '#fbfaf6';
    g.fillRect(0, 0, c.width, c.height);
    g.fillStyle = '#1d1d1b';
    g.font = '600 26px Georgia, serif';
    const words = title.split(/\s+/);
    let line = '';
    let y = 40;
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (g.measureText(next).width > 228 && line) {
        g.fillText(line, 14, y);
        line = w;
        y += 32;
        if (y > 110) break;
      } else line = next;
    }
    if (y <= 110) g.fillText(line, 14, y);
  }
  const texture = keep(new CanvasTexture(c));
  texture.colorSpace = SRGBColorSpace;
  const material: Material = keep(new MeshBasicMaterial({ map: texture }));
  return new Mesh(keep(new PlaneGeometry(0.32, 0.16)), material);
}
