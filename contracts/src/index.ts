/** Everything that crosses a process boundary, once (README.md says which module holds what). */
export * from './error.schema';
export * from './text.schema';
export * from './lang';
export * from './licences';
export * from './canvas';
export * from './canvas.schema';
export * from './tools';
export * from './model.schema';
export * from './remix.schema';
export * from './work.schema';
export * from './creation.schema';
export * from './draft';
export * from './draft.schema';
export * from './staff.schema';
export * from './credit';
