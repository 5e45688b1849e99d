// The files the extension reads besides Python source, in one place: the client's document
// selectors and file watchers, and the file rules' name tests, are built from these. A test keeps
// package.json's activation events in step with them.

/** Dependency manifests (requirements*.txt and the like, pyproject.toml). */
export const manifestGlob = '{requirements*.txt,*-requirements.txt,*_requirements.txt,pyproject.toml}';
export const manifestName = /^(?:pyproject\.toml|(?:.*[-_.])?requirements(?:[-_.].*)?\.txt)$/i;

/** Requirements files alone (a watcher of its own: pyproject.toml is also the configuration file). */
export const requirementsGlob = '{requirements*.txt,*-requirements.txt,*_requirements.txt}';

/** `.env` files; examples and templates (`.env.example`) hold no secrets of their own. */
export const envGlob = '.env{,.*}';
export const envName = /^\.env(?:\.(?!(?:example|sample|template|dist|defaults?|schema)$)[\w.-]+)?$/i;

/** Jinja2 templates. */
export const templateGlob = '*.{html,htm,jinja,jinja2,j2}';
export const templateName = /\.(?:html?|jinja2?|j2)$/i;

/** The configuration file whose changes re-analyse open documents. */
export const configurationGlob = 'pyproject.toml';
