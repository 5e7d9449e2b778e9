/** `image_sha256` → `imageSha256`. */
export const camelName = (column: string): string => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A SELECT list from an explicit column list that answers each snake_case column under its camelCase name
 * (`source_id AS "sourceId"`), so a row is already the record and no mapping function repeats the list.
 */
export function selectList(columns: readonly string[], table?: string): string {
  return columns
    .map((column) => {
      const ref = table ? `${table}.${column}` : column;
      const name = camelName(column);
      return name === column ? ref : `${ref} AS "${name}"`;
    })
    .join(', ');
}
