export * from './recipe.schema';
export * from './recipes';
