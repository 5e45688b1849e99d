import type { FileRuleCases } from '../types';

const pyproject = (deps: string, extra = '') => `[build-system]\nrequires = ["setuptools>=68"]\n\n[project]\nname = "app"\nversion = "1.0"\ndependencies = [\n${deps}\n]\n${extra}`;

export const cases: FileRuleCases = {
  ruleId: 'PSG801',
  valid: [
    { name: "the 2026 guide's pyproject pins", path: 'pyproject.toml', text: pyproject('    "flask==3.0.0",\n    "requests>=2.31.0,<3.0.0",') },
    { name: 'exact pins', path: 'requirements.txt', text: 'flask==3.0.0\nrequests==2.32.3  # http client\n' },
    { name: 'compatible release', path: 'requirements.txt', text: 'django~=5.0.4\n' },
    { name: 'options, includes, editable installs and URLs', path: 'requirements-dev.txt', text: '-r requirements.txt\n-e .\n--index-url https://pypi.org/simple\n./vendor/pkg.whl\nhttps://example.com/x.tar.gz\n' },
    { name: 'hashes and markers', path: 'requirements.txt', text: 'flask==3.0.0 --hash=sha256:abc\nuvloop==0.19.0; sys_platform != "win32"\n' },
    { name: 'direct reference', path: 'requirements.txt', text: 'mylib @ git+https://github.com/org/mylib@v1.2.3\n' },
    { name: 'build-system requires is not a runtime dependency', path: 'pyproject.toml', text: '[build-system]\nrequires = ["setuptools"]\n[project]\nname = "x"\ndependencies = []\n' },
    { name: 'Poetry caret constraints', path: 'pyproject.toml', text: '[tool.poetry.dependencies]\npython = "^3.11"\nflask = "^3.0"\nrequests = { version = "~2.31" }\n' },
    { name: 'malformed TOML: nothing, no crash', path: 'pyproject.toml', text: '[project\ndependencies = ["flask"\n' },
    { name: 'a suppressed line', path: 'requirements.txt', text: 'internal-tool  # psg-ignore: PSG801 -- built from this repository\n' },
    { name: 'not a requirements file', path: 'notes.txt', text: 'flask\n' },
  ],
  invalid: [
    { name: 'bare name', path: 'requirements.txt', text: 'flask\nrequests==2.32.3\n', findings: [{ text: 'flask', confidence: 'high', message: 'no version constraint' }] },
    { name: 'lower bound only', path: 'requirements.txt', text: 'requests>=2.0\n', findings: [{ text: 'requests>=2.0', confidence: 'medium', message: 'no upper version bound' }] },
    { name: 'extras and a comment', path: 'requirements.txt', text: '# web\nuvicorn[standard]  # server\n', findings: [{ text: 'uvicorn[standard]' }] },
    { name: 'not-equal is not a pin', path: 'dev-requirements.txt', text: 'pytest!=8.0.0\n', findings: [{ text: 'pytest!=8.0.0' }] },
    { name: 'wildcard', path: 'requirements.txt', text: 'numpy==*\n', findings: [{ text: 'numpy==*' }] },
    { name: 'pyproject dependencies', path: 'pyproject.toml', text: pyproject('    "flask",\n    "requests>=2.31.0,<3.0.0",\n    "pydantic>=2",'), findings: [{ text: '"flask"' }, { text: '"pydantic>=2"' }] },
    { name: 'optional dependencies', path: 'pyproject.toml', text: pyproject('    "flask==3.0.0",', '\n[project.optional-dependencies]\ndev = ["pytest", "ruff==0.6.0"]\n'), findings: [{ text: '"pytest"' }] },
    { name: 'Poetry star', path: 'pyproject.toml', text: '[tool.poetry.dependencies]\npython = "^3.11"\nflask = "*"\nrequests = { version = ">=2" }\n', findings: [{ text: 'flask' }, { text: 'requests' }] },
    { name: 'CRLF line endings', path: 'requirements.txt', text: 'flask\r\nrequests==2.32.3\r\n', findings: [{ text: 'flask' }] },
    { name: 'single quotes', path: 'pyproject.toml', text: "[project]\nname = 'x'\ndependencies = ['click']\n", findings: [{ text: "'click'" }] },
  ],
};
