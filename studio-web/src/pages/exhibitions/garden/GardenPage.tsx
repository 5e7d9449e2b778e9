import './garden.css';
import type { KioskSlide } from '@atelier/contracts/exhibition.schema';
import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Link } from '../../../app/router';
import { LiveMessage } from '../../../components/Message';
import { useI18n } from '../../../i18n';
import { exhibitionPath } from '../routes';
import { useKioskManifest } from '../use-kiosk-manifest';
import { GARDEN, stepWork } from './garden-layout';
import type { GardenScene, WalkInput } from './garden-scene';
import { WorkLabel } from './WorkLabel';

/** Whether this browser can draw the room (three.js needs WebGL 2). */
function hasWebGL2(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

const prefersReducedMotion = () => !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * The digital sculpture garden (issue 12 item 8): an exhibition on view as a room to walk through, its creations
 * framed on the walls, each label in HTML beside the room. Without WebGL, the works and labels as a list.
 * Reads the kiosk manifest and its event stream: approved creations only, so a withdrawn one never hangs and leaves
 * an open garden when it is withdrawn.
 */
export function GardenPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  // The kiosk's live manifest: a withdrawal takes its work off the wall of an open garden too.
  const { manifest, gone, connection } = useKioskManifest(id);
  const data = gone ? null : manifest;
  const [webgl, setWebgl] = useState(hasWebGL2);
  const title = data ? data.title[lang] : '';
  return (
    <div className="page garden-page">
      <h1>{data ? t('garden.title', { title }) : gone ? t('exhibition.notFound') : t('exhibition.title')}</h1>
      <LiveMessage error={connection === 'offline' && !data ? t('error.network') : null} status={!data && !gone ? t('common.loading') : null} testId="garden" />
      {data && data.slides.length === 0 && <p className="muted">{t('exhibition.noCreations')}</p>}
      {data && data.slides.length > 0 && (webgl ? <GardenRoom slides={data.slides} title={title} onLost={() => setWebgl(false)} /> : <GardenList slides={data.slides} />)}
      <p>
        <Link href={exhibitionPath(id)} data-testid="garden-back">
          {t('garden.toExhibition')}
        </Link>
      </p>
    </div>
  );
}

/** The 2D garden: every work with its label, for a browser without WebGL. */
function GardenList({ slides }: { slides: readonly KioskSlide[] }) {
  const { t } = useI18n();
  return (
    <section data-testid="garden-fallback" aria-labelledby="garden-fallback-heading">
      <p className="lead" id="garden-fallback-heading">
        {t('garden.fallback')}
      </p>
      <ol className="garden-list">
        {slides.map((s) => (
          <li key={s.creationId} data-testid="garden-list-item" data-creation-id={s.creationId}>
            <figure>
              <img src={s.imageUrl} alt={s.altText || s.title} width={s.width} height={s.height} loading="lazy" />
              <figcaption>
                <WorkLabel slide={s} headingLevel={2} testId="garden-list-label" />
              </figcaption>
            </figure>
          </li>
        ))}
      </ol>
    </section>
  );
}

const KEYS: Record<string, Partial<WalkInput>> = {
  ArrowUp: { forward: 1 },
  w: { forward: 1 },
  ArrowDown: { forward: -1 },
  s: { forward: -1 },
  ArrowLeft: { turn: 1 },
  a: { turn: 1 },
  ArrowRight: { turn: -1 },
  d: { turn: -1 },
  q: { strafe: -1 },
  e: { strafe: 1 },
};

/** The 3D room: three.js arrives in its own chunk, once this shows. */
function GardenRoom({ slides, title, onLost }: { slides: readonly KioskSlide[]; title: string; onLost(): void }) {
  const { t } = useI18n();
  const stage = useRef<HTMLDivElement>(null);
  const scene = useRef<GardenScene | null>(null);
  const [ready, setReady] = useState(false);
  const [inView, setInView] = useState<number | null>(null);
  // The last work in view or gone to: "next" goes on from it after the visitor has turned away.
  const lastSeen = useRef<number | null>(null);
  const held = useRef(new Set<string>());
  const drag = useRef<{ id: number; x: number } | null>(null);
  const hung = slides.slice(0, GARDEN.maxWorks);

  useEffect(() => {
    let live = true;
    let made: GardenScene | null = null;
    void import('./garden-scene').then(({ createGardenScene }) => {
      if (!live || !stage.current) return;
      try {
        made = createGardenScene({
          container: stage.current,
          works: hung.map((s) => ({ title: s.title, imageUrl: s.imageUrl, width: s.width, height: s.height })),
          reducedMotion: prefersReducedMotion(),
          onView: (index) => {
            if (index !== null) lastSeen.current = index;
            setInView(index);
          },
          onFrame: (pose, frames, pictures) => {
            const el = stage.current;
            if (!el) return;
            el.dataset.pose = `${pose.x.toFixed(2)},${pose.z.toFixed(2)},${pose.yaw.toFixed(2)}`;
            el.dataset.frames = String(frames);
            el.dataset.pictures = String(pictures);
          },
          onContextLost: onLost,
        });
        scene.current = made;
        setReady(true);
      } catch {
        onLost(); // WebGL 2 was there but the renderer could not start on it
      }
    }, onLost);
    return () => {
      live = false;
      made?.dispose();
      scene.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one room per list of works
  }, [slides.map((s) => s.creationId).join()]);

  const applyKeys = () => {
    const input: WalkInput = { forward: 0, strafe: 0, turn: 0 };
    for (const k of held.current) for (const [axis, v] of Object.entries(KEYS[k] ?? {})) input[axis as keyof WalkInput] += v;
    scene.current?.setInput(input);
  };
  const go = (index: number | null) => {
    if (index === null) return;
    lastSeen.current = index;
    scene.current?.goTo(index);
  };
  const next = (by: 1 | -1) => go(stepWork(inView ?? lastSeen.current, by, hung.length));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (KEYS[key] && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      held.current.add(key);
      applyKeys();
    } else if (e.key === 'Enter' || e.key === 'n' || e.key === 'N' || e.key === 'p' || e.key === 'P') {
      e.preventDefault();
      next(e.key === 'p' || e.key === 'P' || e.shiftKey ? -1 : 1);
    }
  };
  const onKeyUp = (e: KeyboardEvent<HTMLDivElement>) => {
    held.current.delete(e.key.length === 1 ? e.key.toLowerCase() : e.key);
    applyKeys();
  };
  const release = () => {
    held.current.clear();
    applyKeys();
  };

  // Drag to look round (finger or mouse): a full width of drag turns about 180°.
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = { id: e.pointerId, x: e.clientX };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const width = e.currentTarget.clientWidth || 1;
    scene.current?.look(((e.clientX - d.x) / width) * Math.PI);
    d.x = e.clientX;
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.id === e.pointerId) drag.current = null;
  };

  const shown = inView ?? null;
  const label = shown !== null ? hung[shown] : null;
  return (
    <>
      <p className="garden-help" id="garden-help">
        {t('garden.keys')}
      </p>
      {slides.length > hung.length && <p className="muted">{t('garden.capped', { shown: hung.length, total: slides.length })}</p>}
      <div className="garden-room">
        <div
          ref={stage}
          className="garden-stage"
          tabIndex={0}
          role="application"
          aria-label={t('garden.stage', { title })}
          aria-describedby="garden-help"
          aria-busy={!ready}
          data-testid="garden-stage"
          data-ready={ready ? 'true' : 'false'}
          data-in-view={shown ?? ''}
          onKeyDown={onKeyDown}
          onKeyUp={onKeyUp}
          onBlur={release}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
        />
        <WalkButtons scene={scene} onNext={next} />
      </div>
      <section className="garden-label-panel" aria-labelledby="garden-label-heading" data-testid="garden-label-panel">
        <p className="garden-label-kicker" id="garden-label-heading">
          {t('garden.inView')}
        </p>
        <div aria-live="polite" aria-atomic="true">
          {label ? <WorkLabel slide={label} headingLevel={2} testId="garden-label" /> : <p className="muted">{t('garden.nothingInView')}</p>}
        </div>
      </section>
      <nav aria-labelledby="garden-works-heading" className="garden-works">
        <h2 id="garden-works-heading">{t('garden.works')}</h2>
        <ol>
          {hung.map((s, i) => (
            <li key={s.creationId}>
              <button type="button" data-testid="garden-go" data-creation-id={s.creationId} aria-current={shown === i ? 'true' : undefined} onClick={() => go(i)}>
                {s.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
    </>
  );
}

/**
 * The on-screen controls: held down (finger or mouse) they walk or turn while held; pressed from the keyboard they
 * take one step of a metre, or an eighth of a turn.
 */
function WalkButtons({ scene, onNext }: { scene: { current: GardenScene | null }; onNext(by: 1 | -1): void }) {
  const { t } = useI18n();
  const hold = (input: Partial<WalkInput>) => ({
    onPointerDown: (e: PointerEvent<HTMLButtonElement>) => {
      e.currentTarget.setPointerCapture?.(e.pointerId);
      scene.current?.setInput({ forward: 0, strafe: 0, turn: 0, ...input });
    },
    onPointerUp: () => scene.current?.setInput({ forward: 0, strafe: 0, turn: 0 }),
    onPointerCancel: () => scene.current?.setInput({ forward: 0, strafe: 0, turn: 0 }),
    onContextMenu: (e: { preventDefault(): void }) => e.preventDefault(),
  });
  // A click from the keyboard (detail 0) steps once; a pointer's click already walked while held.
  const tap = (forward: number, turn: number) => (e: { detail: number }) => {
    if (e.detail === 0) scene.current?.step(forward, turn);
  };
  return (
    <div className="garden-controls" role="group" aria-label={t('garden.controls')}>
      <button type="button" data-testid="garden-previous" onClick={() => onNext(-1)}>
        <span aria-hidden="true">⏮ </span>
        {t('garden.previous')}
      </button>
      <button type="button" data-testid="garden-turn-left" {...hold({ turn: 1 })} onClick={tap(0, Math.PI / 8)}>
        <span aria-hidden="true">↶ </span>
        {t('garden.turnLeft')}
      </button>
      <button type="button" data-testid="garden-forward" {...hold({ forward: 1 })} onClick={tap(1, 0)}>
        <span aria-hidden="true">↑ </span>
        {t('garden.forward')}
      </button>
      <button type="button" data-testid="garden-back-step" {...hold({ forward: -1 })} onClick={tap(-1, 0)}>
        <span aria-hidden="true">↓ </span>
        {t('garden.backward')}
      </button>
      <button type="button" data-testid="garden-turn-right" {...hold({ turn: -1 })} onClick={tap(0, -Math.PI / 8)}>
        <span aria-hidden="true">↷ </span>
        {t('garden.turnRight')}
      </button>
      <button type="button" data-testid="garden-next" onClick={() => onNext(1)}>
        {t('garden.next')}
        <span aria-hidden="true"> ⏭</span>
      </button>
    </div>
  );
}
