// The files the extension reads besides Python source, in one place: the client's document
// selectors and file watchers, and the file rules' name tests, are built from these. A test keeps
// package.json's activation events in step with them.

/** Dependency manifests (requirements*.txt and the like, pyproject.toml). */
export const manifestGlob = '{requirements*.txt,*-requirements.txt,*_requirements.txt,pyproject.toml}';
export const manifestName = /^(?:pyproject\.toml|(?:.*[-_.])?requirements(?:[-_.].*)?\.txt)$/i;

/**
 * Every file the dependency audit reads besides pyproject.toml: requirements and constraints files (`.txt`, `.in`, the
 * `requirements/` folder), setup.cfg, Pipfile and the lock files. The client opens and watches them for the server (pyproject.toml has a watcher of its own: it is
 * also the configuration file).
 */
export const auditedManifestGlob =
  '{requirements*.txt,requirements*.in,*-requirements.txt,*_requirements.txt,constraints*.txt,requirements/*.txt,' +
  'requirements/*.in,setup.cfg,Pipfile,Pipfile.lock,poetry.lock,uv.lock,pylock*.toml}';

/** `.env` files; examples and templates (`.env.example`) hold no secrets of their own. */
export const envGlob = '.env{,.*}';
export const envName = /^\.env(?:\.(?!(?:example|sample|template|dist|defaults?|schema)$)[\w.-]+)?$/i;

/** Jinja2 templates. */
export const templateGlob = '*.{html,htm,jinja,jinja2,j2}';
export const templateName = /\.(?:html?|jinja2?|j2)$/i;

/** The configuration file whose changes re-analyse open documents. */
export const configurationGlob = 'pyproject.toml';
