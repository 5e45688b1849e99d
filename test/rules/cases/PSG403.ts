import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

const route = (body: string, extra = '') =>
  dedent(`
    import uuid
    from flask import Flask, request
    app = Flask(__name__)
    ${extra}
    @app.post("/upload")
    def upload():
        f = request.files["file"]
${body}
  `);

export const cases: RuleCases = {
  ruleId: 'PSG403',
  valid: [
    { name: 'extension allowlist', code: route('        ext = f.filename.rsplit(".", 1)[-1]\n        if ext not in ALLOWED_EXTENSIONS:\n            return "no", 400\n        f.save(f"/srv/{uuid.uuid4()}.{ext}")') },
    { name: 'MAX_CONTENT_LENGTH in the file', code: route('        f.save(f"/srv/{uuid.uuid4()}")', 'app.config["MAX_CONTENT_LENGTH"] = 5 * 1024 * 1024') },
    { name: 'mimetype check', code: route('        if f.mimetype != "image/png":\n            return "no", 400\n        f.save(f"/srv/{uuid.uuid4()}.png")') },
    { name: 'content_length check', code: route('        if request.content_length > 1000000:\n            return "too big", 413\n        f.save(f"/srv/{uuid.uuid4()}")') },
    { name: 'suffix check', code: route('        if Path(f.filename).suffix not in {".png"}:\n            return "no", 400\n        f.save(f"/srv/{uuid.uuid4()}.png")') },
    { name: 'not an upload', code: 'img.save("/tmp/out.png")\n' },
    { name: 'not from request.files', code: 'def store(doc):\n    doc.save("/srv/doc")\n' },
    { name: "the guide's size and type checks", code: route('        if f.size > MAX_FILE_SIZE:\n            raise ValueError("File too large")\n        f.save(f"/srv/{uuid.uuid4()}")') },
    { name: 'magic number check', code: route('        kind = filetype.guess(f.stream.read(261))\n        f.save(f"/srv/{uuid.uuid4()}")') },
  ],
  invalid: [
    { name: 'no checks at all', code: route('        f.save(f"/srv/{uuid.uuid4()}")'), findings: [{ text: 'f.save(f"/srv/{uuid.uuid4()}")', confidence: 'medium' }], output: null },
    { name: 'secure_filename alone is not a type check', code: route('        f.save(os.path.join(UPLOAD_DIR, secure_filename(f.filename)))'), findings: [{ text: 'f.save(os.path.join(UPLOAD_DIR, secure_filename(f.filename)))' }] },
    { name: 'request.files.get', code: 'from flask import request\ndef up():\n    f = request.files.get("file")\n    f.save("/srv/x")\n', findings: [{ text: 'f.save("/srv/x")' }] },
    { name: 'getlist loop', code: 'from flask import request\ndef up():\n    for f in request.files.getlist("files"):\n        f.save("/srv/" + uuid4().hex)\n', findings: [{ text: 'f.save("/srv/" + uuid4().hex)' }] },
    { name: 'direct subscript', code: 'from flask import request\ndef up():\n    request.files["f"].save("/srv/x")\n', findings: [{ text: 'request.files["f"].save("/srv/x")' }] },
    { name: 'quart', code: 'from quart import request\nasync def up():\n    f = request.files["f"]\n    f.save("/srv/x")\n', findings: [{ text: 'f.save("/srv/x")' }] },
    { name: 'module level', code: 'from flask import request\nf = request.files["f"]\nf.save("/srv/x")\n', findings: [{ text: 'f.save("/srv/x")' }] },
    { name: 'two uploads in one route', code: 'from flask import request\ndef up():\n    a = request.files["a"]\n    b = request.files["b"]\n    a.save("/srv/a")\n    b.save("/srv/b")\n', findings: [{ text: 'a.save("/srv/a")' }, { text: 'b.save("/srv/b")' }] },
  ],
};
