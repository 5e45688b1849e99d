// The tricks, each written once for every sink kind. In each, `<<<vulnerable|||safe>>>` is the only
// difference between the halves; the comments say why the vulnerable half lets the request value
// reach the sink on some path and why the safe half cannot.
import type { Built, Context, KindProfile, Template } from './build';
import { moduleText } from './build';

const logging = { imports: ['import logging'], module: ['logger = logging.getLogger(__name__)'] };
const text = (k: KindProfile) => !k.bytes;

/** `value.encode()` for text, the value itself for bytes. */
const asBytes = (ctx: Context, value: string) => (ctx.k.bytes ? value : `${value}.encode()`);
const fromBytes = (ctx: Context, value: string) => (ctx.k.bytes ? value : `${value}.decode()`);

export const templates: readonly Template[] = [
  // ---- dead branches: a condition that is constant decides whether the value is assigned or used
  {
    id: 'if-constant',
    trick: 'dead-branch',
    title: 'assigned under `if True` / `if False`',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${c}`, `if <<<True|||False>>>:`, `    ${v} = ${src}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'constant-flag',
    trick: 'dead-branch',
    title: 'module flag bound once to True / False',
    build: ({ v, src, c, sinkLines }) => ({
      module: ['ALLOW_CUSTOM = <<<True|||False>>>'],
      body: [`${v} = ${c}`, 'if ALLOW_CUSTOM:', `    ${v} = ${src}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'constant-string-compare',
    trick: 'dead-branch',
    title: 'module mode compared with a string',
    build: ({ v, src, c, sinkLines }) => ({
      module: ['MODE = "<<<legacy|||strict>>>"'],
      body: [`${v} = ${c}`, 'if MODE == "legacy":', `    ${v} = ${src}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'arithmetic-condition',
    trick: 'dead-branch',
    title: 'overwritten under `if 2 * 3 == 7` / `== 6`',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, `if 2 * 3 == <<<7|||6>>>:`, `    ${v} = ${c}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'elif-membership',
    trick: 'dead-branch',
    title: '`elif` on a constant `in` test',
    build: ({ v, src, c, alt, sinkLines }) => ({
      body: [
        `${v} = ${c}`,
        'if len("abc") > 5:',
        `    ${v} = ${alt}`,
        `elif <<<"a"|||"z">>> in "abc":`,
        `    ${v} = ${src}`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'sink-in-dead-branch',
    trick: 'dead-branch',
    title: 'the sink itself under `if True` / `if False`',
    build: ({ v, src, sinkLines }) => ({
      body: [`${v} = ${src}`, 'if <<<True|||False>>>:', ...sinkLines(v).map((line) => `    ${line}`)],
    }),
  },

  // ---- overwritten values
  {
    id: 'reassigned',
    trick: 'overwritten',
    title: 'reassigned from itself / from a constant',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, `${v} = <<<${v}.strip()|||${c}>>>`, ...sinkLines(v)],
    }),
  },
  {
    id: 'both-branches',
    trick: 'overwritten',
    title: 'overwritten in one branch / in both',
    build: ({ v, src, c, alt, sinkLines }) => ({
      body: [
        `${v} = ${src}`,
        `if len(${v}) > 40:`,
        `    ${v} = ${c}`,
        'else:',
        `    ${v} = <<<${v}.lower()|||${alt}>>>`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'assignment-direction',
    trick: 'overwritten',
    title: '`label = value` / `value = label`',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, `label = ${c}`, `<<<label = ${v}|||${v} = label>>>`, ...sinkLines(v)],
    }),
  },

  // ---- containers: the value stays with the element it was stored at
  {
    id: 'list-remove',
    trick: 'container',
    title: 'list after remove(), index 0 / 1',
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `parts = [${src}, "unused", ${c}]`,
        'parts.remove("unused")',
        `${v} = parts[<<<0|||1>>>]`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'dict-key',
    trick: 'container',
    title: 'dict constant key "user" / "fallback"',
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `params = {"user": ${src}, "fallback": ${c}}`,
        `${v} = params[<<<"user"|||"fallback">>>]`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'tuple-unpack',
    trick: 'container',
    title: 'tuple unpacking, first / second element',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`picked, default = (${src}, ${c})`, `${v} = <<<picked|||default>>>`, ...sinkLines(v)],
    }),
  },
  {
    id: 'list-append',
    trick: 'container',
    title: 'list append(), index -1 / 0',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`items = [${c}]`, `items.append(${src})`, `${v} = items[<<<-1|||0>>>]`, ...sinkLines(v)],
    }),
  },
  {
    id: 'dict-update-get',
    trick: 'container',
    title: 'dict update() then get() of the updated / the constant key',
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `options = {"value": ${c}}`,
        `options.update(custom=${src})`,
        `${v} = options.get(<<<"custom"|||"value">>>, ${c})`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'set-add-discard',
    trick: 'container',
    title: 'set add() / discard() of the value',
    applies: text,
    build: ({ k, v, src, sinkLines }) => ({
      body: [
        `names = {${k.allowedMembers.join(', ')}}`,
        `names.<<<add|||discard>>>(${src})`,
        `${v} = ",".join(sorted(names))`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'configparser',
    trick: 'container',
    title: 'configparser set() then get() of the set / the constant option',
    applies: text,
    build: ({ v, src, c, sinkLines }) => ({
      imports: ['import configparser'],
      body: [
        'config = configparser.ConfigParser(interpolation=None)',
        `config["request"] = {"fallback": ${c}}`,
        `config.set("request", "value", ${src})`,
        `${v} = config.get("request", <<<"value"|||"fallback">>>)`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'nested-dict',
    trick: 'container',
    title: 'nested dict, ["user"]["name"] / ["defaults"]["name"]',
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `payload = {"user": {"name": ${src}}, "defaults": {"name": ${c}}}`,
        `${v} = payload[<<<"user"|||"defaults">>>]["name"]`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'list-slice',
    trick: 'container',
    title: 'list slice [1:] / [:2]',
    applies: text,
    build: ({ v, src, c, alt, sinkLines }) => ({
      body: [`parts = [${c}, ${alt}, ${src}]`, `${v} = " ".join(parts[<<<1:|||:2>>>])`, ...sinkLines(v)],
    }),
  },
  {
    id: 'dict-merge',
    trick: 'container',
    title: 'dict `**` merge that keeps / overrides the key',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`merged = {"value": ${src}, **<<<{}|||{"value": ${c}}>>>}`, `${v} = merged["value"]`, ...sinkLines(v)],
    }),
  },
  {
    id: 'dict-pop',
    trick: 'container',
    title: 'dict pop() of the constant / of the value, then the remaining value',
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `data = {"custom": ${src}, "fallback": ${c}}`,
        `data.pop(<<<"fallback"|||"custom">>>)`,
        `${v} = next(iter(data.values()))`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'list-insert',
    trick: 'container',
    title: 'list insert(0, value), index 0 / 1',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`columns = [${c}]`, `columns.insert(0, ${src})`, `${v} = columns[<<<0|||1>>>]`, ...sinkLines(v)],
    }),
  },
  {
    id: 'dict-setdefault',
    trick: 'container',
    title: 'setdefault() on an empty dict / on a dict that has the key',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`settings = <<<{}|||{"value": ${c}}>>>`, `${v} = settings.setdefault("value", ${src})`, ...sinkLines(v)],
    }),
  },

  {
    id: 'chainmap',
    trick: 'container',
    title: 'ChainMap lookup of the key the request fills / of a key only the defaults have',
    build: ({ v, src, c, alt, sinkLines }) => ({
      imports: ['from collections import ChainMap'],
      body: [
        `settings = ChainMap({"value": ${src}}, {"value": ${c}, "other": ${alt}})`,
        `${v} = settings[<<<"value"|||"other">>>]`,
        ...sinkLines(v),
      ],
    }),
  },

  // ---- guards: an early exit or a replacement protects what follows
  {
    id: 'allow-list-reject',
    trick: 'guard',
    title: 'allow-list miss logged / rejected',
    build: ({ k, v, src, reject, sinkLines }) => ({
      ...logging,
      body: [
        `${v} = ${src}`,
        `if ${v} not in ${k.allowed}:`,
        `    <<<logger.warning("unexpected value %r", ${v})|||${reject}>>>`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'isdigit-guard',
    trick: 'guard',
    title: 'rejects digits / rejects non-digits',
    applies: (k) => !!k.digitsAreSafe,
    build: ({ v, src, reject, sinkLines }) => ({
      body: [`${v} = ${src}`, `if <<<|||not >>>${v}.isdigit():`, `    ${reject}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'regex-guard',
    trick: 'guard',
    title: '`re.match` (prefix) / `re.fullmatch` check',
    applies: (k) => !!k.pattern,
    build: ({ k, v, src, reject, sinkLines }) => ({
      imports: ['import re'],
      body: [
        `${v} = ${src}`,
        `if not re.<<<match|||fullmatch>>>(r"${k.pattern}", ${v}):`,
        `    ${reject}`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'allow-list-replace',
    trick: 'guard',
    title: 'replaced by the default when in / not in the allow-list',
    build: ({ k, v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, `if ${v} <<<in|||not in>>> ${k.allowed}:`, `    ${v} = ${c}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'guard-function-raises',
    trick: 'guard',
    title: 'check function that logs / raises',
    build: ({ k, v, src, sinkLines }) => ({
      ...logging,
      module: [
        'def ensure_allowed(value):',
        `    if value not in ${k.allowed}:`,
        '        <<<logger.info("unlisted value %r", value)|||raise ValueError("unlisted value")>>>',
      ],
      body: [`${v} = ${src}`, `ensure_allowed(${v})`, ...sinkLines(v)],
    }),
  },
  {
    id: 'guard-and-or',
    trick: 'guard',
    title: 'rejects when unlisted `and` / `or` too long',
    build: ({ k, v, src, reject, sinkLines }) => ({
      body: [
        `${v} = ${src}`,
        `if ${v} not in ${k.allowed} <<<and|||or>>> len(${v}) > 64:`,
        `    ${reject}`,
        ...sinkLines(v),
      ],
    }),
  },

  // ---- the library's sanitizer for this sink
  {
    id: 'library-sanitizer',
    trick: 'sanitizer',
    title: (k) => `${k.lookalike!.label} / ${k.sanitizer!.label}`,
    applies: (k) => !!k.sanitizer && !!k.lookalike,
    build: ({ k, v, src, sinkLines }) => ({
      imports: [...k.sanitizer!.imports, ...k.lookalike!.imports],
      body: [`${v} = ${src}`, `${v} = <<<${k.lookalike!.call(v)}|||${k.sanitizer!.call(v)}>>>`, ...sinkLines(v)],
    }),
  },
  {
    id: 'sanitized-copy',
    trick: 'sanitizer',
    title: (k) => `the raw value / its ${k.sanitizer!.label} copy reaches the sink`,
    applies: (k) => !!k.sanitizer,
    build: ({ k, v, src, sinkLines }) => ({
      imports: k.sanitizer!.imports,
      body: [`${v} = ${src}`, `cleaned = ${k.sanitizer!.call(v)}`, ...sinkLines(`<<<${v}|||cleaned>>>`)],
    }),
  },
  {
    id: 'int-with-fallback',
    trick: 'sanitizer',
    title: 'int() with a fallback to the raw value / to a constant',
    applies: (k) => !!k.digitsAreSafe,
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `${v} = ${src}`,
        'try:',
        `    ${v} = str(int(${v}))`,
        'except ValueError:',
        `    ${v} = <<<${v}.strip()|||${c}>>>`,
        ...sinkLines(v),
      ],
    }),
  },

  // ---- sanitizers the user wrote, in the same file
  {
    id: 'user-allow-list',
    trick: 'user-sanitizer',
    title: 'own allow-list function falls back to the value / to a constant',
    build: ({ k, v, src, c, sinkLines }) => ({
      module: [
        'def clean(value):',
        `    if value in ${k.allowed}:`,
        '        return value',
        `    return <<<value|||${c}>>>`,
      ],
      body: [`${v} = clean(${src})`, ...sinkLines(v)],
    }),
  },
  {
    id: 'user-regex-validator',
    trick: 'user-sanitizer',
    title: 'own validator with `re.match` / `re.fullmatch`',
    applies: (k) => !!k.pattern,
    build: ({ k, v, src, reject, sinkLines }) => ({
      imports: ['import re'],
      module: ['def is_valid(value):', `    return re.<<<match|||fullmatch>>>(r"${k.pattern}", value) is not None`],
      body: [`${v} = ${src}`, `if not is_valid(${v}):`, `    ${reject}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'user-wraps-library',
    trick: 'user-sanitizer',
    title: (k) => `own function wrapping ${k.lookalike!.label} / ${k.sanitizer!.label}`,
    applies: (k) => !!k.sanitizer && !!k.lookalike,
    build: ({ k, v, src, sinkLines }) => ({
      imports: [...k.sanitizer!.imports, ...k.lookalike!.imports],
      module: ['def clean(value):', `    return <<<${k.lookalike!.call('value')}|||${k.sanitizer!.call('value')}>>>`],
      body: [`${v} = clean(${src})`, ...sinkLines(v)],
    }),
  },

  // ---- sanitizers the user wrote, in another module
  {
    id: 'module-allow-list',
    trick: 'user-sanitizer-module',
    title: 'allow-list function in validators.py falls back to the value / to a constant',
    build: ({ k, v, src, c, sinkLines }) => ({
      imports: ['from validators import clean'],
      files: {
        'validators.py': moduleText(
          [],
          [
            ...k.module.filter((line) => line.startsWith(k.allowed)),
            '',
            '',
            'def clean(value):',
            `    if value in ${k.allowed}:`,
            '        return value',
            `    return <<<value|||${c}>>>`,
          ],
        ),
      },
      body: [`${v} = clean(${src})`, ...sinkLines(v)],
    }),
  },
  {
    id: 'module-regex-validator',
    trick: 'user-sanitizer-module',
    title: 'validator in validators.py with `re.match` / `re.fullmatch`, imported as a module',
    applies: (k) => !!k.pattern,
    build: ({ k, v, src, reject, sinkLines }) => ({
      imports: ['import validators'],
      files: {
        'validators.py': moduleText(
          ['import re'],
          ['', 'def is_valid(value):', `    return re.<<<match|||fullmatch>>>(r"${k.pattern}", value) is not None`],
        ),
      },
      body: [`${v} = ${src}`, `if not validators.is_valid(${v}):`, `    ${reject}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'package-wraps-library',
    trick: 'user-sanitizer-module',
    title: (k) => `package function re-exported by __init__ wrapping ${k.lookalike!.label} / ${k.sanitizer!.label}`,
    applies: (k) => !!k.sanitizer && !!k.lookalike,
    build: ({ k, v, src, sinkLines }) => ({
      imports: ['from security import clean'],
      files: {
        'security/__init__.py': moduleText(['from .cleaning import clean'], ['__all__ = ["clean"]']),
        'security/cleaning.py': moduleText(
          [...k.sanitizer!.imports, ...k.lookalike!.imports],
          ['', 'def clean(value):', `    return <<<${k.lookalike!.call('value')}|||${k.sanitizer!.call('value')}>>>`],
        ),
      },
      body: [`${v} = clean(${src})`, ...sinkLines(v)],
    }),
  },

  // ---- helpers in the same file
  {
    id: 'pick-parameter',
    trick: 'helper',
    title: 'helper returns its first / second parameter',
    build: ({ v, src, c, sinkLines }) => ({
      module: ['def pick(first, second):', '    return <<<first|||second>>>'],
      body: [`${v} = pick(${src}, ${c})`, ...sinkLines(v)],
    }),
  },
  {
    id: 'helper-reads-request',
    trick: 'helper',
    title: 'helper returns request data / a constant',
    frameworks: ['Flask', 'Django'],
    build: ({ fw, k, v, src, c, sinkLines }) => ({
      module:
        fw.name === 'Flask'
          ? ['def current_value():', `    return <<<${src}|||${c}>>>`]
          : ['def current_value(request):', `    return <<<${src}|||${c}>>>`],
      body: [`${v} = current_value(${fw.name === 'Flask' ? '' : 'request'})`, ...sinkLines(k.v)],
    }),
  },
  {
    id: 'helper-runs-sink',
    trick: 'helper',
    title: 'helper with the sink called with the value / a constant',
    build: (ctx) => {
      const { v, src, c } = ctx;
      return {
        module: ['def run(value):', ...ctx.sinkLines('value').map((line) => `    ${line}`)],
        body: [`${v} = ${src}`, ctx.callSink(`run(<<<${v}|||${c}>>>)`)],
      };
    },
  },
  {
    id: 'helper-chain',
    trick: 'helper',
    title: 'two helpers deep, the parameter / a constant is normalised',
    build: ({ v, src, c, sinkLines }) => ({
      module: [
        'def normalise(value):',
        '    return value.strip()',
        '',
        '',
        'def prepare(value):',
        `    return normalise(<<<value|||${c}>>>)`,
      ],
      body: [`${v} = prepare(${src})`, ...sinkLines(v)],
    }),
  },

  {
    id: 'lambda-helper',
    trick: 'helper',
    title: 'lambda returns its parameter / a constant',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`tidy = lambda value: <<<value|||${c}>>>`, `${v} = tidy(${src})`, ...sinkLines(v)],
    }),
  },
  {
    id: 'closure-store',
    trick: 'helper',
    title: 'closure stores the value / a constant and returns it later',
    build: ({ v, src, c, sinkLines }) => ({
      module: [
        'def make_store():',
        `    box = {"value": ${c}}`,
        '',
        '    def put(value):',
        '        box["value"] = value',
        '',
        '    def get():',
        '        return box["value"]',
        '',
        '    return put, get',
      ],
      body: [`${v} = ${src}`, 'put, get = make_store()', `put(<<<${v}|||${c}>>>)`, ...sinkLines('get()')],
    }),
  },

  // ---- helpers in another module
  {
    id: 'module-pick',
    trick: 'helper-module',
    title: 'helpers.py returns its first / second parameter',
    build: ({ v, src, c, sinkLines }) => ({
      imports: ['from helpers import pick'],
      files: { 'helpers.py': moduleText([], ['def pick(first, second):', '    return <<<first|||second>>>']) },
      body: [`${v} = pick(${src}, ${c})`, ...sinkLines(v)],
    }),
  },
  {
    id: 'module-reads-request',
    trick: 'helper-module',
    title: 'helpers.py returns request data / a constant',
    frameworks: ['Flask', 'Django'],
    build: ({ fw, k, v, src, c, sinkLines }) => ({
      imports: ['from helpers import current_value'],
      files: {
        'helpers.py': moduleText(fw.name === 'Flask' ? ['from flask import request'] : [], [
          '',
          `def current_value(${fw.name === 'Flask' ? '' : 'request'}):`,
          `    return <<<${src}|||${c}>>>`,
        ]),
      },
      body: [`${v} = current_value(${fw.name === 'Flask' ? '' : 'request'})`, ...sinkLines(k.v)],
    }),
  },
  {
    id: 'module-runs-sink',
    trick: 'helper-module',
    title: 'sink in another module called with the value / a constant',
    build: (ctx) => {
      const { v, src, c } = ctx;
      const { imports, module } = ctx.sinkModule();
      return {
        imports: ['from actions import run'],
        files: {
          'actions.py': moduleText(imports, [
            ...module,
            '',
            '',
            'def run(value):',
            ...ctx.sinkLines('value').map((line) => `    ${line}`),
          ]),
        },
        body: [`${v} = ${src}`, ctx.callSink(`run(<<<${v}|||${c}>>>)`)],
      };
    },
  },
  {
    id: 'package-relative-import',
    trick: 'helper-module',
    title: 'relative import from the package, tidy() of the parameter / a constant',
    build: ({ fw, v, src, c, sinkLines }) => ({
      imports: ['from .text import tidy'],
      file: `webapp/${fw.file}`,
      files: {
        'webapp/__init__.py': '',
        'webapp/text.py': moduleText([], ['def tidy(value):', `    return <<<value|||${c}>>>.strip()`]),
      },
      body: [`${v} = tidy(${src})`, ...sinkLines(v)],
    }),
  },
  {
    id: 'module-class-method',
    trick: 'helper-module',
    title: 'method of a class in another module, `import ... as`, returns first / second',
    build: ({ v, src, c, sinkLines }) => ({
      imports: ['import choosers as ch'],
      files: {
        'choosers.py': moduleText(
          [],
          ['class Chooser:', '    def choose(self, first, second):', '        return <<<first|||second>>>'],
        ),
      },
      body: [`${v} = ch.Chooser().choose(${src}, ${c})`, ...sinkLines(v)],
    }),
  },

  // ---- attributes of self and of objects
  {
    id: 'self-attribute',
    trick: 'self-attribute',
    title: 'method uses self.value / self.fallback',
    build: (ctx) => {
      const { v, src, c } = ctx;
      return {
        module: [
          'class Action:',
          '    def __init__(self, value):',
          '        self.value = value',
          `        self.fallback = ${c}`,
          '',
          '    def run(self):',
          ...ctx.sinkLines('self.<<<value|||fallback>>>').map((line) => `        ${line}`),
        ],
        body: [`${v} = ${src}`, ctx.callSink(`Action(${v}).run()`)],
      };
    },
  },
  {
    id: 'self-attribute-reset',
    trick: 'self-attribute',
    title: 'another method touches / resets self.value before use',
    build: (ctx) => {
      const { src, c } = ctx;
      return {
        module: [
          'class Action:',
          '    def __init__(self, value):',
          '        self.value = value',
          '        self.count = 0',
          '',
          '    def touch(self):',
          '        self.count += 1',
          '',
          '    def reset(self):',
          `        self.value = ${c}`,
          '',
          '    def run(self):',
          ...ctx.sinkLines('self.value').map((line) => `        ${line}`),
        ],
        body: [`action = Action(${src})`, 'action.<<<touch|||reset>>>()', ctx.callSink('action.run()')],
      };
    },
  },
  {
    id: 'namespace-attribute',
    trick: 'self-attribute',
    title: 'object attribute .user / .default',
    build: ({ v, src, c, sinkLines }) => ({
      imports: ['import types'],
      body: [
        'ctx = types.SimpleNamespace()',
        `ctx.user = ${src}`,
        `ctx.default = ${c}`,
        `${v} = ctx.<<<user|||default>>>`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'instance-shadows-class',
    trick: 'self-attribute',
    title: 'instance attribute set / class attribute kept',
    build: ({ v, src, c, sinkLines }) => ({
      module: ['class Settings:', `    value = ${c}`],
      body: [
        `${v} = ${src}`,
        'settings = Settings()',
        `<<<settings.value = ${v}|||pass>>>`,
        ...sinkLines('settings.value'),
      ],
    }),
  },

  // ---- module globals
  {
    id: 'global-written',
    trick: 'global',
    title: 'global written by one function with the value / a constant, read by another',
    build: (ctx) => {
      const { v, src, c } = ctx;
      return {
        module: [
          `CURRENT = ${c}`,
          '',
          '',
          'def remember(value):',
          '    global CURRENT',
          '    CURRENT = value',
          '',
          '',
          'def run():',
          ...ctx.sinkLines('CURRENT').map((line) => `    ${line}`),
        ],
        body: [`${v} = ${src}`, `remember(<<<${v}|||${c}>>>)`, ctx.callSink('run()')],
      };
    },
  },
  {
    id: 'global-dict',
    trick: 'global',
    title: 'module dict, key written with the value / constant key',
    build: ({ v, src, c, sinkLines }) => ({
      module: [`CACHE = {"default": ${c}}`],
      body: [`CACHE["last"] = ${src}`, `${v} = CACHE[<<<"last"|||"default">>>]`, ...sinkLines(v)],
    }),
  },
  {
    id: 'global-statement',
    trick: 'global',
    title: 'handler assigns the module global (`global`) / a local of the same name',
    build: (ctx) => {
      const { src, c } = ctx;
      return {
        module: [`VALUE = ${c}`, '', '', 'def run():', ...ctx.sinkLines('VALUE').map((line) => `    ${line}`)],
        body: ['<<<global VALUE|||pass>>>', `VALUE = ${src}`, ctx.callSink('run()')],
      };
    },
  },

  // ---- transformations that keep the value's data
  {
    id: 'base64-round-trip',
    trick: 'transformation',
    title: 'base64 round trip of the value / of a constant',
    build: (ctx) => ({
      imports: ['import base64'],
      body: [
        `${ctx.v} = ${ctx.src}`,
        `encoded = base64.b64encode(${asBytes(ctx, `<<<${ctx.v}|||${ctx.c}>>>`)})`,
        `${ctx.v} = ${fromBytes(ctx, 'base64.b64decode(encoded)')}`,
        ...ctx.sinkLines(ctx.v),
      ],
    }),
  },
  {
    id: 'format',
    trick: 'transformation',
    title: 'str.format() of the value / of a constant',
    applies: text,
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, `${v} = "{}".format(<<<${v}|||${c}>>>)`, ...sinkLines(v)],
    }),
  },
  {
    id: 'percent',
    trick: 'transformation',
    title: '`%` formatting of the value / of a constant',
    applies: text,
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, `${v} = "%s" % (<<<${v}|||${c}>>>,)`, ...sinkLines(v)],
    }),
  },
  {
    id: 'split-join',
    trick: 'transformation',
    title: 'split() and join() of the value / of a constant',
    applies: text,
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, `${v} = " ".join(<<<${v}|||${c}>>>.split())`, ...sinkLines(v)],
    }),
  },
  {
    id: 'json-round-trip',
    trick: 'transformation',
    title: 'json dumps/loads round trip of the value / of a constant',
    applies: text,
    build: ({ v, src, c, sinkLines }) => ({
      imports: ['import json'],
      body: [`${v} = ${src}`, `${v} = json.loads(json.dumps({"value": <<<${v}|||${c}>>>}))["value"]`, ...sinkLines(v)],
    }),
  },
  {
    id: 'strip-replace',
    trick: 'transformation',
    title: 'strip().replace() of the value / of a constant',
    build: ({ k, v, src, c, sinkLines }) => ({
      body: [
        `${v} = ${src}`,
        `${v} = <<<${v}|||${c}>>>.strip().replace(${k.bytes ? 'b"  ", b" "' : '"  ", " "'})`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'hex-round-trip',
    trick: 'transformation',
    title: 'hex round trip of the value / of a constant',
    build: (ctx) => ({
      body: [
        `${ctx.v} = ${ctx.src}`,
        `${ctx.v} = ${fromBytes(ctx, `bytes.fromhex(${asBytes(ctx, `<<<${ctx.v}|||${ctx.c}>>>`)}.hex())`)}`,
        ...ctx.sinkLines(ctx.v),
      ],
    }),
  },
  {
    id: 'quote-unquote',
    trick: 'transformation',
    title: 'urllib quote/unquote round trip of the value / of a constant',
    applies: text,
    build: ({ v, src, c, sinkLines }) => ({
      imports: ['from urllib.parse import quote, unquote'],
      body: [`${v} = ${src}`, `${v} = unquote(quote(<<<${v}|||${c}>>>))`, ...sinkLines(v)],
    }),
  },
  {
    id: 'encode-decode',
    trick: 'transformation',
    title: 'encode() then str(bytes, "utf-8") of the value / of a constant',
    applies: text,
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, `raw = <<<${v}|||${c}>>>.encode("utf-8")`, `${v} = str(raw, "utf-8")`, ...sinkLines(v)],
    }),
  },
  {
    id: 'fstring-slice',
    trick: 'transformation',
    title: 'f-string of a slice of the value / of a constant',
    applies: text,
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, `${v} = f'{<<<${v}|||${c}>>>[:64]}'`, ...sinkLines(v)],
    }),
  },

  // ---- conditional expressions with constant conditions
  {
    id: 'limit-arithmetic',
    trick: 'conditional-expression',
    title: '`C if LIMIT * 3 - 5 > 40 else value` with LIMIT = 10 / 20',
    build: ({ v, src, c, sinkLines }) => ({
      module: ['LIMIT = <<<10|||20>>>'],
      body: [`${v} = ${c} if LIMIT * 3 - 5 > 40 else ${src}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'ternary-constant',
    trick: 'conditional-expression',
    title: '`value if True / False else C`',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src} if <<<True|||False>>> else ${c}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'or-default',
    trick: 'conditional-expression',
    title: '`value or C` / `C or value`',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = <<<${src} or ${c}|||${c} or ${src}>>>`, ...sinkLines(v)],
    }),
  },
  {
    id: 'flag-comparison',
    trick: 'conditional-expression',
    title: 'module flag `"yes" == "yes"` / `"yes" == "no"` picks the value',
    build: ({ v, src, c, sinkLines }) => ({
      module: ['USE_CUSTOM = "yes" == "<<<yes|||no>>>"'],
      body: [`${v} = ${src} if USE_CUSTOM else ${c}`, ...sinkLines(v)],
    }),
  },

  // ---- try / except / finally
  {
    id: 'except-or-finally',
    trick: 'try-except',
    title: 'overwritten in `except` / in `finally`',
    build: ({ k, v, src, c, sinkLines }) => ({
      body: [
        `${v} = ${src}`,
        'try:',
        `    ${v}.${k.bytes ? 'decode' : 'encode'}("ascii")`,
        '<<<except UnicodeError|||finally>>>:',
        `    ${v} = ${c}`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'assigned-after-raise',
    trick: 'try-except',
    title: 'assigned before / after the raise in `try`',
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `${v} = ${c}`,
        'try:',
        `    <<<${v} = ${src}\n    raise LookupError("stop")|||raise LookupError("stop")\n    ${v} = ${src}>>>`,
        'except LookupError:',
        '    pass',
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'except-fallback',
    trick: 'try-except',
    title: 'int() fails over to the raw value / to a constant in `except`',
    applies: (k) => !!k.digitsAreSafe,
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `raw = ${src}`,
        'try:',
        `    ${v} = str(int(raw))`,
        'except ValueError:',
        `    ${v} = <<<raw|||${c}>>>`,
        ...sinkLines(v),
      ],
    }),
  },

  {
    id: 'with-suppress',
    trick: 'try-except',
    title: 'int() under contextlib.suppress, starting from the raw value / from a constant',
    applies: (k) => !!k.digitsAreSafe,
    build: ({ v, src, c, sinkLines }) => ({
      imports: ['import contextlib'],
      body: [
        `raw = ${src}`,
        `${v} = <<<raw|||${c}>>>`,
        'with contextlib.suppress(ValueError):',
        `    ${v} = str(int(raw))`,
        ...sinkLines(v),
      ],
    }),
  },

  // ---- loops
  {
    id: 'range-loop',
    trick: 'loop',
    title: 'overwritten in `for _ in range(0)` / `range(3)`',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, 'for _ in range(<<<0|||3>>>):', `    ${v} = ${c}`, ...sinkLines(v)],
    }),
  },
  {
    id: 'while-break',
    trick: 'loop',
    title: 'overwritten in `while False` / `while True: ... break`',
    build: ({ v, src, c, sinkLines }) => ({
      body: [`${v} = ${src}`, 'while <<<False|||True>>>:', `    ${v} = ${c}`, '    break', ...sinkLines(v)],
    }),
  },
  {
    id: 'for-else',
    trick: 'loop',
    title: '`for ... else` overwrite skipped by `break` / reached',
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `${v} = ${src}`,
        'for candidate in ("a", "b"):',
        '    if candidate == "<<<b|||z>>>":',
        '        break',
        'else:',
        `    ${v} = ${c}`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'loop-filter',
    trick: 'loop',
    title: 'loop keeps the items not in / in the allow-list',
    applies: text,
    build: ({ k, c, src, sinkLines }) => ({
      body: [
        `chosen = ${c}`,
        `for item in ${src}.split(","):`,
        `    if item <<<not in|||in>>> ${k.allowed}:`,
        '        chosen = item',
        ...sinkLines('chosen'),
      ],
    }),
  },
  {
    id: 'loop-continue',
    trick: 'loop',
    title: 'unlisted items pass / `continue`',
    applies: text,
    build: ({ k, c, src, sinkLines }) => ({
      body: [
        `chosen = ${c}`,
        `for item in ${src}.split(","):`,
        `    if item not in ${k.allowed}:`,
        '        <<<pass|||continue>>>',
        '    chosen = item',
        ...sinkLines('chosen'),
      ],
    }),
  },

  {
    id: 'comprehension-filter',
    trick: 'loop',
    title: 'list comprehension keeps the items not in / in the allow-list',
    applies: text,
    build: ({ k, v, src, sinkLines }) => ({
      body: [
        `items = [item for item in ${src}.split(",") if item <<<not in|||in>>> ${k.allowed}]`,
        `${v} = ",".join(items)`,
        ...sinkLines(v),
      ],
    }),
  },

  // ---- match
  {
    id: 'match-constant-subject',
    trick: 'match',
    title: 'match on a module constant "custom" / "fixed"',
    build: ({ v, src, c, sinkLines }) => ({
      module: ['MODE = "<<<custom|||fixed>>>"'],
      body: [
        'match MODE:',
        '    case "fixed":',
        `        ${v} = ${c}`,
        '    case _:',
        `        ${v} = ${src}`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'match-allow-list',
    trick: 'match',
    title: 'match with literal cases, the wildcard keeps the value / a constant',
    build: ({ k, v, src, c, sinkLines }) => ({
      body: [
        `raw = ${src}`,
        'match raw:',
        `    case ${k.allowedMembers[0]} | ${k.allowedMembers[1]} as chosen:`,
        `        ${v} = chosen`,
        '    case _:',
        `        ${v} = <<<raw|||${c}>>>`,
        ...sinkLines(v),
      ],
    }),
  },
  {
    id: 'match-sequence',
    trick: 'match',
    title: 'match a split sequence, the captured part / a constant',
    applies: text,
    build: ({ v, src, c, sinkLines }) => ({
      body: [
        `match ${src}.split(":", 1):`,
        '    case [_, rest]:',
        `        ${v} = <<<rest|||${c}>>>`,
        '    case _:',
        `        ${v} = ${c}`,
        ...sinkLines(v),
      ],
    }),
  },
];

export type { Built };
