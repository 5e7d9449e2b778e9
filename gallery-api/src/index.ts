export { galleryApp, type GalleryDeps } from './app';
export { composeGallery, galleryRepositories, type Gallery, type GalleryParts } from './composition';
export { loadConfig, type GalleryConfig } from './config';
export { openDatabase } from './db/database';
export { migrate } from './db/migrate';
