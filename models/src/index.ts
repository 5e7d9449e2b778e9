export * from './manifest.schema';
export * from './canvas-size';
export * from './registry';
export * from './checksum';
export * from './import';
export * from './paths';
export * from './pull';
