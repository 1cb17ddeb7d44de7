/**
 * Formats an ICU message (the syntax of messages/*.json) in the browser: arguments,
 * `{n, number}`, `{d, date}`, `{d, time}`, `{n, plural, …}` with `#`, `=n` and `offset:`,
 * `{n, selectordinal, …}` and `{s, select, …}`, with the apostrophe quoting of ICU. Plural
 * categories come from Intl.PluralRules (Russian one/few/many/other, Kazakh one/other),
 * numbers from Intl.NumberFormat and dates from Intl.DateTimeFormat, in the given locale.
 *
 * The same results as intl-messageformat, which next-intl formats the server's messages
 * with (tests/unit/format-message.test.ts formats every message of every catalogue with
 * both), in under 1 KB gzip instead of 10: the residents' survey has no room for the other
 * (bench/first-load-js.mjs, budget 170 KB). Not supported, and refused when a message is
 * parsed: number and date skeletons (`::`), styles other than the ones below, rich-text
 * tags (they read as text).
 */
export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;

type Node =
  | string
  | { kind: "#" }
  | { kind: "argument"; name: string }
  | { kind: "number" | "date" | "time"; name: string; style?: string }
  | { kind: "plural" | "selectordinal"; name: string; offset: number; options: Record<string, Node[]> }
  | { kind: "select"; name: string; options: Record<string, Node[]> };

// intl-messageformat's named styles.
const numberStyles: Record<string, Intl.NumberFormatOptions> = { integer: { maximumFractionDigits: 0 }, percent: { style: "percent" } };
const dateStyles: Record<string, Intl.DateTimeFormatOptions> = {
  short: { month: "numeric", day: "numeric", year: "2-digit" },
  medium: { month: "short", day: "numeric", year: "numeric" },
  long: { month: "long", day: "numeric", year: "numeric" },
  full: { weekday: "long", month: "long", day: "numeric", year: "numeric" },
};
const timeStyles: Record<string, Intl.DateTimeFormatOptions> = {
  short: { hour: "numeric", minute: "numeric" },
  medium: { hour: "numeric", minute: "numeric", second: "numeric" },
  long: { hour: "numeric", minute: "numeric", second: "numeric", timeZoneName: "short" },
  full: { hour: "numeric", minute: "numeric", second: "numeric", timeZoneName: "short" },
};

function parse(message: string): Node[] {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at ${i} in the message "${message}"`);
  };
  const space = () => {
    while (/\s/.test(message[i] ?? "")) i++;
  };
  const word = () => {
    const start = i;
    while (i < message.length && !/[\s,{}]/.test(message[i]!)) i++;
    return message.slice(start, i);
  };

  // Text and arguments up to the "}" that closes an option (depth > 0) or the end.
  const nodes = (depth: number, inPlural: boolean): Node[] => {
    const out: Node[] = [];
    let text = "";
    const flush = () => {
      if (text) out.push(text);
      text = "";
    };
    while (i < message.length) {
      const char = message[i]!;
      if (char === "'") {
        const next = message[i + 1];
        if (next === "'") {
          text += "'";
          i += 2;
        } else if (next === "{" || next === "}" || next === "<" || next === ">" || (inPlural && next === "#")) {
          // Quoted literal text up to the next lone apostrophe; '' inside is one apostrophe.
          i++;
          text += message[i++];
          while (i < message.length) {
            if (message[i] === "'" && message[i + 1] === "'") {
              text += "'";
              i += 2;
            } else if (message[i] === "'") {
              i++;
              break;
            } else text += message[i++];
          }
        } else {
          text += char;
          i++;
        }
      } else if (char === "{") {
        flush();
        i++;
        out.push(argument(depth));
      } else if (char === "}") {
        if (depth === 0) fail("Unmatched }");
        break;
      } else if (char === "#" && inPlural) {
        flush();
        out.push({ kind: "#" });
        i++;
      } else {
        text += char;
        i++;
      }
    }
    flush();
    return out;
  };

  const options = (depth: number, inPlural: boolean): Record<string, Node[]> => {
    const out: Record<string, Node[]> = {};
    for (;;) {
      space();
      if (message[i] === "}" || i >= message.length) break;
      const selector = word();
      if (!selector) fail("Expected a selector");
      if (selector in out) fail(`Duplicate selector ${selector}`);
      space();
      if (message[i] !== "{") fail(`Expected { after ${selector}`);
      i++;
      out[selector] = nodes(depth + 1, inPlural);
      if (message[i] !== "}") fail("Unclosed option");
      i++;
    }
    if (!("other" in out)) fail("An option 'other' is required");
    return out;
  };

  // After "{": a name, and maybe a type and a style or options, up to the closing "}".
  const argument = (depth: number): Node => {
    space();
    const name = word();
    if (!name) fail("Expected an argument name");
    space();
    let node: Node = { kind: "argument", name };
    if (message[i] === ",") {
      i++;
      space();
      const type = word();
      space();
      if (type === "number" || type === "date" || type === "time") {
        let style: string | undefined;
        if (message[i] === ",") {
          i++;
          const end = message.indexOf("}", i);
          style = message.slice(i, end < 0 ? message.length : end).trim();
          i = end < 0 ? message.length : end;
          const known = type === "number" ? numberStyles : type === "date" ? dateStyles : timeStyles;
          if (!(style in known)) fail(`Unsupported ${type} style "${style}"`);
        }
        node = { kind: type, name, ...(style ? { style } : {}) };
      } else if (type === "plural" || type === "selectordinal" || type === "select") {
        if (message[i] !== ",") fail(`Expected , after ${type}`);
        i++;
        space();
        let offset = 0;
        const offsetMatch = type !== "select" ? /^offset:\s*(\d+)/.exec(message.slice(i)) : null;
        if (offsetMatch) {
          offset = Number(offsetMatch[1]);
          i += offsetMatch[0].length;
        }
        node = type === "select" ? { kind: "select", name, options: options(depth, false) } : { kind: type, name, offset, options: options(depth, true) };
      } else fail(`Unsupported argument type "${type}"`);
    }
    space();
    if (message[i] !== "}") fail("Expected }");
    i++;
    return node;
  };

  return nodes(0, false);
}

const parsed = new Map<string, Node[]>();
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(key: string, create: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = create()));
  return formatter;
}

const numberFormat = (locale: string, style?: string) =>
  cached(`n|${locale}|${style}`, () => new Intl.NumberFormat(locale, style ? numberStyles[style] : undefined));

function format(nodes: Node[], locale: string, values: MessageValues, timeZone: string | undefined, pluralValue: number | undefined, message: string): string {
  let out = "";
  for (const node of nodes) {
    if (typeof node === "string") {
      out += node;
      continue;
    }
    if (node.kind === "#") {
      if (pluralValue !== undefined) out += numberFormat(locale).format(pluralValue);
      continue;
    }
    if (!(node.name in values)) throw new Error(`The message "${message}" needs a value for {${node.name}}`);
    const value = values[node.name];
    switch (node.kind) {
      case "argument":
        out += value === null || value === undefined || value === false ? "" : String(value);
        break;
      case "number":
        out += numberFormat(locale, node.style).format(Number(value));
        break;
      case "date":
      case "time": {
        const options = { ...(node.style ? (node.kind === "date" ? dateStyles : timeStyles)[node.style] : node.kind === "time" ? timeStyles.medium : {}), timeZone };
        out += cached(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options)).format(value as Date | number);
        break;
      }
      case "select":
        out += format(node.options[String(value)] ?? node.options.other!, locale, values, timeZone, undefined, message);
        break;
      default: {
        const number = Number(value);
        const type = node.kind === "plural" ? "cardinal" : "ordinal";
        const category = cached(`p|${locale}|${type}`, () => new Intl.PluralRules(locale, { type })).select(number - node.offset);
        const option = node.options[`=${number}`] ?? node.options[category] ?? node.options.other!;
        out += format(option, locale, values, timeZone, number - node.offset, message);
      }
    }
  }
  return out;
}

/** Throws on a message it cannot parse, and on a value the message needs but is not given. */
export function formatMessage(message: string, locale: string, values: MessageValues = {}, { timeZone }: { timeZone?: string } = {}): string {
  let nodes = parsed.get(message);
  if (!nodes) parsed.set(message, (nodes = parse(message)));
  return format(nodes, locale, values, timeZone, undefined, message);
}
