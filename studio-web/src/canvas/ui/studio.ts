import type { Remix, RemixFailure, RemixWaitingFor } from '@atelier/contracts/remix.schema';
import type { WorkSummary } from '@atelier/contracts/work.schema';
import { createContext, useContext, useSyncExternalStore } from 'react';
import { createDocumentStore, type DocumentStore } from '../document/document.store';
import type { History } from '../document/history';
import type { CanvasDocument, TextFont } from '../document/schema';
import type { Camera } from '../render/CanvasRenderer';
import type { LayerExport } from '../render/flatten';
import { createStore, type Store } from '../document/store';
import { BRUSH_IDLE, type BrushState } from '../tools/brush.tool';
import { MOVE_IDLE, type MoveState } from '../tools/move.tool';
import { AREA_IDLE, type Area, type AreaState } from '../tools/area.tool';
import { TEXT_IDLE, type TextState } from '../tools/text.tool';

export type ToolName = 'move' | 'brush' | 'eraser' | 'text' | 'area';

export type RemixJob =
  | { status: 'submitting'; requestId: string }
  /**
   * From the remix's event stream: `progress` 0..1, `position` while queued (1 = next), `estimateSeconds` to go,
   * `waitingFor` when it waits for something besides its turn (no worker running, the collection out of reach).
   */
  | {
      status: 'queued' | 'running';
      requestId: string;
      remixId: string;
      progress: number;
      position?: number;
      estimateSeconds?: number;
      waitingFor?: RemixWaitingFor;
    }
  /** `code`: the kind of failure the server named, told in the visitor's language (else `message` as it came). */
  | { status: 'failed'; requestId: string; message: string; code?: RemixFailure };

/** One of several remixes made side by side for the visitor to compare (a staging strip, not yet on the canvas). */
export interface Variant {
  requestId: string;
  /** 0..1: what differs between the variants. */
  strength: number;
  status: 'submitting' | 'queued' | 'running' | 'completed' | 'failed';
  progress: number;
  remixId?: string;
  message?: string;
}

/** Where kept variants go and what they record about themselves, like a single remix's placement. */
export interface VariantSet {
  items: Variant[];
  box: { x: number; y: number; width: number; height: number; tool: 'style'; subjectWorkId?: string };
}

/** Everything the studio forgets on purpose: never in the document, never in undo. */
export interface EditorState {
  tool: ToolName;
  brushColor: string;
  brushSize: number;
  selectedId: string | null;
  brush: BrushState;
  move: MoveState;
  text: TextState;
  areaTool: AreaState;
  /** The area a remix works on, when the visitor chose one (document pixels). */
  area: Area | null;
  /** What the text tool places next. */
  textFont: TextFont;
  textSize: number;
  textDraft: string;
  /** The camera: zoom (screen pixels per document pixel) and pan; `fitted` while it shows the whole document. */
  camera: Camera & { fitted: boolean };
  /** The stage's size on screen. */
  viewport: { width: number; height: number };
  styleWorkId: string | null;
  /** 0..1; null until the visitor moves it: the style model's manifest default holds. */
  strength: number | null;
  remixJob: RemixJob | null;
  /** Variants being made or compared; kept ones become layers. */
  variants: VariantSet | null;
  /** A finished remix waiting for Keep or Discard. */
  staged: { layerId: string; remixId: string } | null;
  /** Lookups for what the document references by id. */
  works: Record<string, WorkSummary>;
  remixes: Record<string, Remix>;
  imageSizes: Record<string, { width: number; height: number }>;
  /** The canvas saved on this device could not be read: it was kept aside, and the visitor is told calmly. */
  restoreFailed: boolean;
  /** The draft this canvas was opened from: publishing names it, so the remixes it copied are credited. */
  draftCode: string | null;
}

export const initialEditorState = (): EditorState => ({
  tool: 'move',
  brushColor: '#1d3557',
  brushSize: 12,
  selectedId: null,
  brush: BRUSH_IDLE,
  move: MOVE_IDLE,
  text: TEXT_IDLE,
  areaTool: AREA_IDLE,
  area: null,
  textFont: 'serif',
  textSize: 64,
  textDraft: '',
  camera: { zoom: 1, x: 0, y: 0, fitted: true },
  viewport: { width: 1024, height: 1024 },
  styleWorkId: null,
  strength: null,
  remixJob: null,
  staged: null,
  variants: null,
  works: {},
  remixes: {},
  imageSizes: {},
  restoreFailed: false,
  draftCode: null,
});

export interface Studio {
  doc: DocumentStore;
  editor: Store<EditorState>;
  /** Set by the render room while a canvas is mounted: the document flattened to a PNG. */
  flatten: (() => Promise<Blob>) | null;
  /** Set by the render room while a canvas is mounted: one layer alone as shown, at its own resolution. */
  exportLayer: ((layerId: string) => Promise<LayerExport>) | null;
  /** Set by the render room while a canvas is mounted: one area of the canvas as shown. */
  exportArea: ((area: Area) => Promise<LayerExport>) | null;
  /** Ends the live remix subscription, if any. */
  stopRemix: (() => void) | null;
}

export function createStudio(doc?: CanvasDocument): Studio {
  return { doc: createDocumentStore(doc), editor: createStore(initialEditorState()), flatten: null, exportLayer: null, exportArea: null, stopRemix: null };
}

export const StudioContext = createContext<Studio | null>(null);

export function useStudio(): Studio {
  const s = useContext(StudioContext);
  if (!s) throw new Error('useStudio outside StudioContext');
  return s;
}

export function useEditor<T>(select: (s: EditorState) => T): T {
  const { editor } = useStudio();
  return useSyncExternalStore(editor.subscribe, () => select(editor.get()));
}

export function useHistory(): History {
  const { doc } = useStudio();
  return useSyncExternalStore(doc.store.subscribe, doc.store.get);
}

export const patchEditor = (studio: Studio, patch: Partial<EditorState> | ((s: EditorState) => Partial<EditorState>)) =>
  studio.editor.set((s) => ({ ...s, ...(typeof patch === 'function' ? patch(s) : patch) }));
