/**
 * ## What it does
 * Flags Flask/Quart uploads (`request.files[...]`) saved in a function that checks neither their
 * size nor their type, in a file that sets no `MAX_CONTENT_LENGTH`.
 *
 * ## Why is this bad?
 * Without a size limit one request can fill the disk or memory. Without an allowlist of types,
 * users can upload HTML, SVG or scripts that are later served from your domain (stored XSS) or
 * executed by another component.
 *
 * ## Example
 * ```python
 * @app.post("/upload")
 * def upload():
 *     f = request.files["file"]
 *     f.save(UPLOAD_DIR / f"{uuid.uuid4()}.bin")
 * ```
 *
 * ## Use instead
 * ```python
 * app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024
 * ALLOWED_EXTENSIONS = {".txt", ".pdf", ".png", ".jpg"}
 *
 * @app.post("/upload")
 * def upload():
 *     f = request.files["file"]
 *     ext = Path(f.filename).suffix.lower()
 *     if ext not in ALLOWED_EXTENSIONS:
 *         abort(400)
 *     f.save(UPLOAD_DIR / f"{uuid.uuid4()}{ext}")
 * ```
 *
 * ## References
 * - CWE-434: Unrestricted Upload of File with Dangerous Type
 * - CWE-400: Uncontrolled Resource Consumption
 * - OWASP Top 10 2021 A04: Insecure Design
 */
import type { Rule } from '../../ruleApi/types';
import { isRequestFile, uploadDestination } from './uploadSources';

/** Anything that looks like a size or type check in the function. */
const checks =
  /content_length|MAX_CONTENT_LENGTH|\.size\b|getbuffer|\.seek\(|\.tell\(|allowed|ALLOWED|extension|suffix|splitext|mimetype|mime_type|content_type|mimetypes|imghdr|magic|filetype|\.endswith\(|max_size|MAX_SIZE|MAX_FILE/;

export const uploadWithoutChecks: Rule = {
  meta: {
    id: 'PSG403',
    name: 'upload-without-size-or-type-check',
    title: 'Upload saved without a size or type check',
    defaultSeverity: 'warning',
    cwe: 434,
    owasp: 'A04:2021-Insecure Design',
    checklistItem: 'uploads-restricted',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['request.files'],
  visitors: {
    call(call, context) {
      const sink = uploadDestination(call, context);
      if (!sink?.saved || !isRequestFile(sink.saved, context)) return;
      if (context.textMatches(/MAX_CONTENT_LENGTH/)) return;
      const scope = context.model.enclosingFunction(call) ?? context.model.root;
      if (checks.test(context.textOf(scope.startIndex, scope.endIndex))) return;
      context.report({
        node: call,
        message:
          'Upload saved without checking its size or type. Set `MAX_CONTENT_LENGTH` and check the extension and content type against an allowlist before saving.',
        confidence: 'medium',
      });
    },
  },
};
