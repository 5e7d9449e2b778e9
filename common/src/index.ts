export * from './errors';
export * from './hash';
export * from './storage';
export * from './image-upload';
export * from './fastify-errors';
export * from './shutdown';
export * from './openapi';
