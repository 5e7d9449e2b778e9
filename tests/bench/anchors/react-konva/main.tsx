// The anchor for the studio page: a minimal React 19 + react-konva app (a stage, a layer, a shape), built as the studio is.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Layer, Rect, Stage } from 'react-konva';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Stage width={400} height={300}>
      <Layer>
        <Rect x={20} y={20} width={100} height={80} fill="#1d4e89" draggable />
      </Layer>
    </Stage>
  </StrictMode>,
);
