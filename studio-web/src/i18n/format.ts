/**
 * The ICU MessageFormat the dictionaries use, in ~1 KB instead of intl-messageformat's ~9 KB: plain text,
 * `{name}`, `{name, number}`, `{name, plural, =N {…} one {…} other {…}}` with `#`, `{name, select, a {…} other {…}}`,
 * and ICU's apostrophe quoting. Anything else is a parse error, so i18n.test.ts (which formats every message both
 * ways, against intl-messageformat) fails on a message this cannot read.
 */

type Node = string | { arg: string; type?: 'number' } | { hash: true } | { arg: string; type: 'plural' | 'select'; options: Record<string, Node[]> };
export type Message = Node[];

export function parseMessage(text: string): Message {
  let i = 0;
  const fail = (why: string): never => {
    throw new SyntaxError(`${why} at ${i} in ${JSON.stringify(text)}`);
  };
  const space = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const name = () => {
    space();
    const m = /^[^\s{},#]+/.exec(text.slice(i));
    if (!m) fail('expected a name');
    i += m![0].length;
    space();
    return m![0];
  };
  const nodes = (inPlural: boolean, nested: boolean): Node[] => {
    const out: Node[] = [];
    let literal = '';
    const flush = () => {
      if (literal) out.push(literal);
      literal = '';
    };
    while (i < text.length) {
      const c = text[i]!;
      if (c === "'") {
        const next = text[i + 1];
        if (next === "'") {
          literal += "'";
          i += 2;
        } else if (next === '{' || next === '}' || (inPlural && next === '#') || next === '|') {
          // Quoted literal text up to the next lone apostrophe ('' inside stays one apostrophe).
          i++;
          while (i < text.length) {
            if (text[i] === "'" && text[i + 1] === "'") {
              literal += "'";
              i += 2;
            } else if (text[i] === "'") {
              i++;
              break;
            } else literal += text[i++];
          }
        } else {
          literal += c;
          i++;
        }
      } else if (c === '{') {
        flush();
        i++;
        out.push(argument());
      } else if (c === '}') {
        if (!nested) fail('unexpected }');
        break;
      } else if (c === '#' && inPlural) {
        flush();
        out.push({ hash: true });
        i++;
      } else {
        literal += c;
        i++;
      }
    }
    flush();
    return out;
  };
  const argument = (): Node => {
    const arg = name();
    if (text[i] === '}') {
      i++;
      return { arg };
    }
    if (text[i] !== ',') fail('expected , or }');
    i++;
    const type = name();
    if (type === 'number' && text[i] === '}') {
      i++;
      return { arg, type: 'number' };
    }
    if (type !== 'plural' && type !== 'select') fail(`unsupported argument type ${type}`);
    if (text[i] !== ',') fail('expected ,');
    i++;
    const options: Record<string, Node[]> = {};
    space();
    while (text[i] !== '}') {
      const key = name();
      if (text[i] !== '{') fail('expected {');
      i++;
      options[key] = nodes(type === 'plural', true);
      if (text[i] !== '}') fail('expected }');
      i++;
      space();
      if (i >= text.length) fail('unclosed argument');
    }
    i++;
    if (!options.other) fail('a plural or select needs an other {…}');
    return { arg, type: type as 'plural' | 'select', options };
  };
  const parsed = nodes(false, false);
  if (i < text.length) fail('unexpected }');
  return parsed;
}

const plurals = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();
const cached = <T>(map: Map<string, T>, lang: string, make: () => T) => map.get(lang) ?? (map.set(lang, make()), map.get(lang)!);

/** Formats a parsed message; a value it needs that is missing throws, as intl-messageformat does. */
export function formatMessage(message: Message, lang: string, vars: Record<string, string | number> = {}, hash?: number): string {
  let out = '';
  const value = (arg: string) => {
    if (!(arg in vars)) throw new Error(`the message needs {${arg}}`);
    return vars[arg]!;
  };
  const number = (n: number) => cached(numbers, lang, () => new Intl.NumberFormat(lang)).format(n);
  for (const node of message) {
    if (typeof node === 'string') out += node;
    else if ('hash' in node) out += hash === undefined ? '#' : number(hash);
    else if (!('options' in node)) {
      const v = value(node.arg);
      out += node.type === 'number' ? number(Number(v)) : String(v);
    } else if (node.type === 'select') {
      const v = String(value(node.arg));
      out += formatMessage(node.options[v] ?? node.options.other!, lang, vars, hash);
    } else {
      const n = Number(value(node.arg));
      const branch = node.options[`=${n}`] ?? node.options[cached(plurals, lang, () => new Intl.PluralRules(lang)).select(n)] ?? node.options.other!;
      out += formatMessage(branch, lang, vars, n);
    }
  }
  return out;
}
