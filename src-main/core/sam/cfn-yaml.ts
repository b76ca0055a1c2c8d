import { Pair, YAMLMap, parseDocument } from 'yaml';
import type { CollectionTag, ScalarTag, YAMLError } from 'yaml';
import { SamTemplateError } from './template-error';

/** CloudFormation short-form tags and the long-form key each one stands for. */
const SHORT_TAGS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Cidr': 'Fn::Cidr',
  '!GetAZs': 'Fn::GetAZs',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

// Short tags become the long (JSON) form, so everything downstream handles YAML and JSON alike.
function scalarTag(tag: string, key: string): ScalarTag {
  return {
    tag,
    resolve: (value: string) => {
      // `!GetAtt Res.Attr` splits at the first dot only: nested attributes keep theirs.
      if (key === 'Fn::GetAtt') {
        const dot = value.indexOf('.');
        return { [key]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
      }
      return { [key]: value };
    },
  };
}

// Wrapping the collection node (not its JS value) keeps aliases inside it resolvable by toJS.
function collectionTag(tag: string, key: string, collection: 'map' | 'seq'): CollectionTag {
  return {
    tag,
    collection,
    resolve: (node) => {
      const map = new YAMLMap();
      map.items.push(new Pair(key, node));
      return map;
    },
  };
}

/** Custom tags for the `yaml` package covering every CloudFormation short form (scalar, sequence and mapping uses). */
export const CFN_TAGS: (ScalarTag | CollectionTag)[] = Object.entries(SHORT_TAGS).flatMap(
  ([tag, key]) => [
    scalarTag(tag, key),
    collectionTag(tag, key, 'seq'),
    collectionTag(tag, key, 'map'),
  ],
);

/** A parsed template: plain JS values (short tags in long form) and parser warnings such as unknown tags. */
export interface ParsedTemplate {
  value: unknown;
  warnings: string[];
}

/** The first line of a `yaml` message without its own position suffix (we print the position ourselves). */
function describe(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Parses YAML or JSON template text; errors name the file, line and column. */
export function parseCfnTemplate(text: string, filePath: string): ParsedTemplate {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    customTags: CFN_TAGS,
    prettyErrors: true,
    // Templates are full of `Version: 2012-10-17`-like values; keep them strings, as the 1.2 core schema does.
    version: '1.2',
  });
  const at = (e: YAMLError): string => {
    const pos = e.linePos?.[0];
    return pos ? `line ${pos.line}, column ${pos.col}` : 'an unknown position';
  };
  const first = doc.errors[0];
  if (first) {
    const message = `Invalid template ${filePath} at ${at(first)}: ${describe(first.message)}`;
    throw new SamTemplateError(message, filePath);
  }
  const warnings = doc.warnings.map((w) => `${at(w)}: ${describe(w.message)}`);
  return { value: doc.toJS({ maxAliasCount: 1000 }), warnings };
}
