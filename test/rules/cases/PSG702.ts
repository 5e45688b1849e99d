import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG702',
  valid: [
    'import yaml\nconfig = yaml.safe_load(stream)\n',
    'import yaml\nconfig = yaml.load(stream, Loader=yaml.SafeLoader)\n',
    'import yaml\nconfig = yaml.load(stream, Loader=yaml.CSafeLoader)\n',
    'import yaml\nconfig = yaml.load(stream, yaml.SafeLoader)\n',
    'from yaml import SafeLoader, load\nconfig = load(stream, Loader=SafeLoader)\n',
    'import yaml\ndocs = list(yaml.safe_load_all(stream))\n',
    { name: 'an unrelated load', code: 'import json\njson.load(f)\n' },
    { name: 'nosec', code: 'import yaml\nyaml.load(s)  # nosec B506\n' },
  ],
  invalid: [
    { code: 'import yaml\nconfig = yaml.load(stream)\n', findings: [{ text: 'yaml.load(stream)', message: 'yaml.safe_load' }], output: 'import yaml\nconfig = yaml.safe_load(stream)\n' },
    { code: 'import yaml\nconfig = yaml.load(stream, Loader=yaml.Loader)\n', findings: [{ text: 'yaml.load(stream, Loader=yaml.Loader)' }], output: 'import yaml\nconfig = yaml.safe_load(stream)\n' },
    { code: 'import yaml\nconfig = yaml.load(stream, yaml.FullLoader)\n', findings: [{ text: 'yaml.load(stream, yaml.FullLoader)' }], output: 'import yaml\nconfig = yaml.safe_load(stream)\n' },
    { code: 'import yaml\ndocs = yaml.load_all(stream, Loader=yaml.UnsafeLoader)\n', findings: [{ text: 'yaml.load_all(stream, Loader=yaml.UnsafeLoader)' }], output: 'import yaml\ndocs = yaml.safe_load_all(stream)\n' },
    { code: 'import yaml\nx = yaml.unsafe_load(s)\n', findings: [{ text: 'yaml.unsafe_load(s)' }], output: 'import yaml\nx = yaml.safe_load(s)\n' },
    { code: 'import yaml\nx = yaml.full_load(s)\n', findings: [{ text: 'yaml.full_load(s)' }], output: 'import yaml\nx = yaml.safe_load(s)\n' },
    { code: 'from yaml import load, Loader\nx = load(s, Loader=Loader)\n', findings: [{ text: 'load(s, Loader=Loader)' }], output: 'from yaml import load, Loader\nfrom yaml import safe_load\nx = safe_load(s)\n' },
    { code: 'import yaml as y\nx = y.load(open("c.yml"))\n', findings: [{ text: 'y.load(open("c.yml"))' }], output: 'import yaml as y\nx = y.safe_load(open("c.yml"))\n' },
    { code: 'from yaml import load\nsafe_load = None\nx = load(s)\n', findings: [{ text: 'load(s)' }], output: null, noFixBecause: 'already used' },
  ],
};
