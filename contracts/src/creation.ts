/** Pure limits on what a visitor types when publishing (no zod, so the studio's form can use them at run time). */
export const TITLE_MAX = 120;
export const ALT_TEXT_MAX = 500;
