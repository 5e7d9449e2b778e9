export { galleryApp, type GalleryDeps } from './app';
export { loadConfig, type GalleryConfig } from './config';
export { openDatabase } from './db/database';
export { migrate } from './db/migrate';
