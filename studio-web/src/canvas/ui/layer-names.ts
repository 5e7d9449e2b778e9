import type { Tool } from '@atelier/contracts/tools';
import type { Translate } from '../../i18n';
import type { Layer } from '../document/schema';

const MADE: Record<Tool, 'layers.made.style' | 'layers.made.cutout' | 'layers.made.upscale' | 'layers.made.cartoon' | 'layers.made.fixed-style'> = {
  style: 'layers.made.style',
  cutout: 'layers.made.cutout',
  upscale: 'layers.made.upscale',
  cartoon: 'layers.made.cartoon',
  'fixed-style': 'layers.made.fixed-style',
};

/**
 * A layer's name in the visitor's language, built when shown from what the layer records (its work, or the tool
 * and the work a remix shows), so "Cut-out of The Harvesters" becomes "Uitsnede van De oogsters" with the language.
 */
export function layerName(l: Layer, titleOf: (workId: string) => string | undefined, t: Translate): string {
  switch (l.kind) {
    case 'work':
      return titleOf(l.workId) ?? t('layers.work');
    case 'strokes':
      return t('layers.drawing', { n: l.strokes.filter((s) => !s.erase).length });
    case 'text':
      return t('layers.text', { text: l.text.length > 30 ? `${l.text.slice(0, 29)}…` : l.text });
    case 'remix': {
      if (!l.tool) return t('layers.remix');
      const title = (l.subjectWorkId && titleOf(l.subjectWorkId)) || t('layers.theCanvas');
      return t(MADE[l.tool], { title });
    }
  }
}
