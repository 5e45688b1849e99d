import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG402',
  valid: [
    {
      name: "the 2026 guide's secure_upload saves under a generated name",
      code: dedent(`
        import uuid
        from pathlib import Path
        def secure_upload(uploaded_file):
            ext = Path(uploaded_file.filename).suffix.lower()
            safe_name = f"{uuid.uuid4()}{ext}"
            uploaded_file.save(f"/srv/uploads/{safe_name}")
      `),
    },
    { name: 'secure_filename', code: 'import os\nfrom werkzeug.utils import secure_filename\nf = request.files["doc"]\nf.save(os.path.join(UPLOAD_DIR, secure_filename(f.filename)))\n' },
    { name: 'secure_filename through a variable', code: 'import os\nfrom werkzeug.utils import secure_filename\nname = secure_filename(f.filename)\nf.save(os.path.join(UPLOAD_DIR, name))\n' },
    { name: 'uuid name', code: 'import os, uuid\nf.save(os.path.join(UPLOAD_DIR, uuid.uuid4().hex))\n' },
    { name: 'filename only logged', code: 'logger.info("received %s", f.filename)\n' },
    { name: 'self.filename is our own attribute', code: 'class Report:\n    def write(self):\n        with open(self.filename, "w") as out:\n            out.write("x")\n' },
    { name: 'opened for reading', code: 'open(os.path.join(BASE, f.filename))\n' },
    { name: 'image.save with a fixed path', code: 'img.save("thumb.png")\n' },
    { name: 'a filename attribute of something that is not an upload', code: 'filename = hunt_refleak.filename\nwith open(filename, "a") as out:\n    out.write("x")\n' },
    { name: 'suppressed', code: 'f.save(f.filename)  # nosec -- a trusted internal tool\n' },
  ],
  invalid: [
    {
      name: 'os.path.join with request file name',
      code: dedent(`
        import os
        from flask import request
        f = request.files["document"]
        f.save(os.path.join(UPLOAD_DIR, f.filename))
      `),
      findings: [{ text: 'f.filename', confidence: 'high' }],
      output: dedent(`
        import os
        from flask import request
        from werkzeug.utils import secure_filename
        f = request.files["document"]
        f.save(os.path.join(UPLOAD_DIR, secure_filename(f.filename)))
      `),
    },
    {
      name: 'through a variable',
      code: 'import os\ndef handle(upload):\n    path = os.path.join("/srv/uploads", upload.filename)\n    upload.save(path)\n',
      findings: [{ text: 'upload.filename', confidence: 'medium' }],
      output: 'import os\nfrom werkzeug.utils import secure_filename\ndef handle(upload):\n    path = os.path.join("/srv/uploads", secure_filename(upload.filename))\n    upload.save(path)\n',
    },
    { name: 'bare filename', code: 'file.save(file.filename)\n', findings: [{ text: 'file.filename' }], output: 'from werkzeug.utils import secure_filename\nfile.save(secure_filename(file.filename))\n' },
    { name: 'f-string path', code: 'f.save(f"{UPLOAD_DIR}/{f.filename}")\n', findings: [{ text: 'f.filename' }] },
    { name: 'pathlib join', code: 'from pathlib import Path\nf.save(Path(UPLOAD_DIR) / f.filename)\n', findings: [{ text: 'f.filename' }] },
    { name: 'open for writing', code: 'with open(os.path.join(BASE, upload.filename), "wb") as out:\n    out.write(upload.read())\n', findings: [{ text: 'upload.filename' }] },
    { name: 'request.files directly', code: 'from flask import request\nrequest.files["f"].save("/tmp/" + request.files["f"].filename)\n', findings: [{ text: 'request.files["f"].filename', confidence: 'high' }] },
    {
      name: '`secure_filename` taken: no fix',
      code: 'def secure_filename(n):\n    return n\nf.save(f.filename)\n',
      findings: [{ text: 'f.filename' }],
      output: null,
      noFixBecause: 'secure_filename',
    },
  ],
};
