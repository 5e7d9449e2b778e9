import type { TextFont } from '../document/schema';

/** System-safe font stacks: nothing is fetched (the CSP allows no font host), every device has one of each. */
export const FONT_STACKS: Record<TextFont, string> = {
  sans: "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif",
  serif: "Georgia, 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif",
  mono: "'Courier New', 'Liberation Mono', 'DejaVu Sans Mono', monospace",
  hand: "'Comic Sans MS', 'Chalkboard SE', 'Comic Neue', cursive",
};
