// Entry point the extension host loads (`extensionTestsPath`): runs every `*.test.js` next to it
// with mocha inside the editor, where `require('vscode')` is the real API. The report goes to the
// console and, when the runner names one in PSG_VSCODE_REPORT, to that file.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const report = process.env.PSG_VSCODE_REPORT;
  if (report) {
    fs.writeFileSync(report, '');
    const consoleLog = Mocha.reporters.Base.consoleLog;
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
      consoleLog(...args);
      fs.appendFileSync(report, `${format(...args)}\n`);
    };
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.PSG_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} real-editor test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
