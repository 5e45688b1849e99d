// Builds handlers for the corpus: a web framework (where the untrusted value comes from and how a
// handler answers or refuses), a sink kind (what the value must not reach, and what makes it safe
// for that sink), and a trick (the one thing the two halves of a pair differ in).
import type { Pair, SinkKind, Trick } from '../model';

export type FrameworkName = 'Flask' | 'Django' | 'FastAPI';

export interface Framework {
  name: FrameworkName;
  /** The file the handler is written to. */
  file: string;
  imports: string[];
  /** Module-level lines after the imports (the application object). */
  app: string[];
  /** Decorator and `def` line of a handler that takes the request parameter `param`. */
  define(handler: string, route: string, param: string): string[];
  /** An expression with the request's value of `param` (untrusted); `variant` picks among equivalent sources. */
  source(param: string, variant: number): string;
  /** What a handler returns when it is done. */
  respond: string;
  /** A statement that ends the handler with an error (raises or returns). */
  reject: string;
}

export const flask: Framework = {
  name: 'Flask',
  file: 'app.py',
  imports: ['from flask import Flask, abort, request'],
  app: ['app = Flask(__name__)'],
  define: (handler, route) => [`@app.route("${route}")`, `def ${handler}():`],
  source: (param, variant) =>
    [
      `request.args.get("${param}", "")`,
      `request.form["${param}"]`,
      `request.values.get("${param}", "")`,
      `request.cookies.get("${param}", "")`,
      `request.get_json()["${param}"]`,
    ][variant % 5],
  respond: 'return "ok"',
  reject: 'abort(400)',
};

export const django: Framework = {
  name: 'Django',
  file: 'views.py',
  imports: ['from django.http import HttpResponse, HttpResponseBadRequest'],
  app: [],
  define: (handler) => [`def ${handler}(request):`],
  source: (param, variant) =>
    [`request.GET.get("${param}", "")`, `request.POST["${param}"]`, `request.COOKIES.get("${param}", "")`][variant % 3],
  respond: 'return HttpResponse("ok")',
  reject: 'return HttpResponseBadRequest("invalid value")',
};

export const fastapi: Framework = {
  name: 'FastAPI',
  file: 'main.py',
  imports: ['from fastapi import FastAPI, HTTPException'],
  app: ['app = FastAPI()'],
  define: (handler, route, param) => [`@app.get("${route}")`, `def ${handler}(${param}: str = ""):`],
  source: (param) => param,
  respond: 'return {"ok": True}',
  reject: 'raise HTTPException(status_code=400, detail="invalid value")',
};

export const frameworks: readonly Framework[] = [flask, django, fastapi];

/** Where the value is used: imports and setup it needs, and the statement itself. */
export interface Sink {
  imports: string[];
  /** Module-level setup (a connection, a base directory). */
  module?: string[];
  /** Statements before the sink in the same function. */
  before?: string[];
  /** The statement that uses the value (the finding's line). */
  line: (value: string) => string;
  /** Statements after it in the same function (for example `return resp`). */
  after?: string[];
  /** The sink block ends by returning the handler's response. */
  returns?: boolean;
}

/** One sink kind: the value's name, constants that are safe for it, and what sanitizes it. */
export interface KindProfile {
  kind: SinkKind;
  handler: string;
  route: string;
  /** The request parameter and the local variable that holds it. */
  param: string;
  v: string;
  /** Two different constants that are harmless at the sink (Python expressions). */
  constant: string;
  alt: string;
  /** The name of a module-level allow-list of constants (defined in `module`). */
  allowed: string;
  /** Two members of the allow-list, as Python literals. */
  allowedMembers: [string, string];
  imports: string[];
  module: string[];
  /** The sinks, in turn, per framework. */
  sinks(fw: Framework): Sink[];
  /** A library call that makes the value safe for this sink, and one that looks like it but is not. */
  sanitizer?: { call: (value: string) => string; imports: string[]; label: string };
  lookalike?: { call: (value: string) => string; imports: string[]; label: string };
  /** A regular expression whose full match leaves nothing harmful for this sink (its prefix match does not). */
  pattern?: string;
  /** `isdigit()` leaves nothing harmful for this sink. */
  digitsAreSafe?: boolean;
  /** The value is bytes, not text. */
  bytes?: boolean;
  /** Overrides the framework's source (for example bytes for a deserializer). */
  source?: (fw: Framework, variant: number) => { expression: string; imports?: string[] };
  /** Only these templates (by id) apply. */
  only?: readonly string[];
}

/** What a template sees. */
export interface Context {
  k: KindProfile;
  fw: Framework;
  sink: Sink;
  /** The untrusted expression. */
  src: string;
  /** The variable holding it. */
  v: string;
  c: string;
  alt: string;
  reject: string;
  /** The sink block using `value`, the sink line marked. */
  sinkLines: (value: string) => string[];
  /** A call to a function whose body is the sink: `return call` when the sink returns the response. */
  callSink: (call: string) => string;
  /** Module-level sink setup and imports, for a sink written in another file. */
  sinkModule: () => { imports: string[]; module: string[] };
}

/** What a template gives back: the handler's body (relative indentation) and what else it needs. */
export interface Built {
  body: string[];
  imports?: string[];
  /** Module-level lines before the handler (functions, classes, constants). */
  module?: string[];
  /** Other files of the case (path → text, may contain differences and the sink). */
  files?: Record<string, string>;
  /** The handler's file, when not the framework's default (for a package layout). */
  file?: string;
}

export interface Template {
  id: string;
  trick: Trick;
  /** What differs, for the pair's name. */
  title: string | ((k: KindProfile) => string);
  applies?: (k: KindProfile) => boolean;
  /** Frameworks this template is written for (default: all). */
  frameworks?: readonly FrameworkName[];
  build(ctx: Context): Built;
}

const indent = (lines: string[], by: string) => lines.map((line) => (line ? `${by}${line}` : line));

function unique(lines: string[]): string[] {
  return [...new Set(lines)];
}

/** `return ...`/`raise ...` at the top level of the body: nothing needs to be added after it. */
function endsHandler(body: string[]): boolean {
  const last = body
    .flatMap((line) => line.split('\n'))
    .filter((line) => line.trim())
    .pop();
  return !!last && /^(?:return|raise)\b/.test(last);
}

function contextFor(k: KindProfile, fw: Framework, variant: number): Context {
  const sinks = k.sinks(fw);
  const sink = sinks[variant % sinks.length];
  const source = k.source?.(fw, variant) ?? { expression: fw.source(k.param, variant) };
  const sinkLines = (value: string) => [...(sink.before ?? []), `${sink.line(value)}  # SINK`, ...(sink.after ?? [])];
  return {
    k,
    fw,
    sink,
    src: source.expression,
    v: k.v,
    c: k.constant,
    alt: k.alt,
    reject: fw.reject,
    sinkLines,
    callSink: (call) => (sink.returns ? `return ${call}` : call),
    sinkModule: () => ({
      imports: unique([...k.imports, ...sink.imports]),
      module: [...k.module, ...(sink.module ?? [])],
    }),
  };
}

/** Builds the pair for one template, sink kind and framework. */
export function instantiate(template: Template, k: KindProfile, fw: Framework, variant: number): Pair {
  const ctx = contextFor(k, fw, variant);
  const built = template.build(ctx);
  const sourceImports = k.source?.(fw, variant).imports ?? [];
  const imports = unique([
    ...fw.imports,
    ...k.imports,
    ...sourceImports,
    ...ctx.sink.imports,
    ...(built.imports ?? []),
  ]);
  const body = [...built.body];
  if (!endsHandler(body)) body.push(fw.respond);
  const handler = fw.define(k.handler, k.route, k.param);
  const text = [
    ...imports.sort(importOrder),
    '',
    ...fw.app,
    ...k.module,
    ...(ctx.sink.module ?? []),
    ...(built.module?.length ? ['', ...built.module] : []),
    '',
    '',
    ...handler,
    ...indent(
      body.flatMap((line) => line.split('\n')),
      '    ',
    ),
    '',
  ].join('\n');
  const title = typeof template.title === 'string' ? template.title : template.title(k);
  return {
    name: `${k.kind}/${template.trick}: ${title} (${fw.name})`,
    kind: k.kind,
    trick: template.trick,
    files: { [built.file ?? fw.file]: text, ...(built.files ?? {}) },
  };
}

/** `import x` before `from x import y`, each alphabetically: the order isort would give. */
function importOrder(a: string, b: string): number {
  const rank = (line: string) => (line.startsWith('import ') ? 0 : 1);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Every template that applies to the kind, each with the next framework in turn. */
export function pairsFor(k: KindProfile, templates: readonly Template[], offset = 0): Pair[] {
  const pairs: Pair[] = [];
  let turn = offset;
  for (const template of templates) {
    if (k.only && !k.only.includes(template.id)) continue;
    if (template.applies && !template.applies(k)) continue;
    const allowed = frameworks.filter((fw) => !template.frameworks || template.frameworks.includes(fw.name));
    const fw = allowed[turn % allowed.length];
    pairs.push(instantiate(template, k, fw, turn));
    turn++;
  }
  return pairs;
}

/** Lines of a Python module: imports first, then the rest. */
export function moduleText(imports: string[], lines: string[]): string {
  return [...unique(imports).sort(importOrder), ...(imports.length ? [''] : []), ...lines, ''].join('\n');
}
