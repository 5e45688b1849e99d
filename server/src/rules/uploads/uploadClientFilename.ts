/**
 * ## What it does
 * Flags uploads saved under the name the client sent: `f.save(os.path.join(UPLOAD_DIR, f.filename))`,
 * `open(f"{UPLOAD_DIR}/{upload.filename}", "wb")`, directly or through a variable, without
 * `secure_filename` or a generated name in between.
 *
 * ## Why is this bad?
 * The file name is chosen by whoever uploads the file. `../../app/templates/index.html` or an
 * absolute path writes outside the upload folder and can overwrite code or templates; names such
 * as `.htaccess` or `shell.php` can change how the server treats the folder; and two users
 * uploading `photo.jpg` overwrite each other.
 *
 * ## Example
 * ```python
 * f = request.files["document"]
 * f.save(os.path.join(UPLOAD_DIR, f.filename))
 * ```
 *
 * ## Use instead
 * ```python
 * from werkzeug.utils import secure_filename
 *
 * f = request.files["document"]
 * f.save(os.path.join(UPLOAD_DIR, secure_filename(f.filename)))
 * ```
 * Better still, save under a generated name (`f"{uuid.uuid4()}{ext}"`) and keep the original name
 * only as data.
 *
 * ## References
 * - CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')
 * - CWE-434: Unrestricted Upload of File with Dangerous Type
 * - OWASP Top 10 2021 A01: Broken Access Control
 */
import { ensureImported } from '../../fixes/python';
import type { Fix, Rule } from '../../ruleApi/types';
import { clientFilenameIn, uploadDestination } from './uploadSources';
import { unsafeFix } from '../../fixes/fix';

export const uploadClientFilename: Rule = {
  meta: {
    id: 'PSG402',
    name: 'upload-saved-under-client-filename',
    title: 'Upload saved under the client-supplied file name',
    defaultSeverity: 'error',
    cwe: 22,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'uploads-restricted',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Sanitize the file name with secure_filename',
        applicability: 'unsafe',
        why: 'The stored file name changes (spaces, non-ASCII characters and path parts are dropped) and may become empty.',
      },
    ],
  },
  triggers: ['filename'],
  visitors: {
    call(call, context) {
      const sink = uploadDestination(call, context);
      if (!sink) return;
      const filename = clientFilenameIn(sink.destination, context);
      if (!filename) return;
      const object = filename.childForFieldName('object')!;
      const fromRequest = context.model.origins(object).has('request');
      let fix: Fix | undefined;
      let fixUnavailable: string | undefined;
      const imported = ensureImported(context, 'werkzeug.utils', 'secure_filename', call);
      if (!imported) fixUnavailable = 'the name `secure_filename` is already used for something else in this file';
      else
        fix = unsafeFix('Sanitize the file name with secure_filename', 'changes the stored file name', [
          ...imported.edits,
          { start: filename.startIndex, end: filename.endIndex, newText: `secure_filename(${filename.text})` },
        ]);
      context.report({
        node: filename,
        message: `\`${filename.text}\` is the file name the client sent and it decides where the upload is written: \`../\` or an absolute name escapes the upload folder. Use \`secure_filename()\` or a generated name.`,
        confidence: fromRequest ? 'high' : 'medium',
        fix,
        fixUnavailable,
      });
    },
  },
};
